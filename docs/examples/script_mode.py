"""Script mode: no start_server(). The first call opens a browser tab; the script talks to it."""
from pywebio.input import NUMBER, input
from pywebio.output import put_text

name = input("What's your name?")
age = input('How old are you?', type=NUMBER)
put_text('Hello, %s! Next year you will be %d.' % (name, age + 1))
# when the script ends, the page says that the session is over

"""start_server() as a script uses it: port 0 picks a free port, and the address is logged."""
from pywebio import start_server
from pywebio.input import input
from pywebio.output import put_text


def task():
    name = input("What's your name?")
    put_text('Hello, %s' % name)


start_server(task, port=0)

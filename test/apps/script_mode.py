"""Script mode: no server, the first call opens the browser. Exits 3 if the tab is closed early."""
import sys

from pywebio.exceptions import SessionException
from pywebio.input import input
from pywebio.output import put_text

try:
    name = input("What's your name?")
    put_text('Hello, %s' % name)
except SessionException as error:
    print('caught %s' % type(error).__name__)
    sys.exit(3)

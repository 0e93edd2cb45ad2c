"""An app to deploy behind nginx: says which process served the session. argv: PORT [PROCESSES]."""
import os
import sys

from pywebio import start_server
from pywebio.input import input
from pywebio.output import put_text


def task():
    name = input("What's your name?")
    put_text('Hello, %s, from process %d' % (name, os.getpid()))


start_server(task, port=int(sys.argv[1]), host='127.0.0.1',
             processes=int(sys.argv[2]) if len(sys.argv) > 2 else 1)

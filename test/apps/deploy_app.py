"""An app to deploy behind nginx: says which process served the session. argv: [PROCESSES].
It listens on a port of 127.0.0.1 the system picks, which the start-up line says."""
import os
import sys

from pywebio import start_server
from pywebio.input import input
from pywebio.output import put_text


def task():
    name = input("What's your name?")
    put_text('Hello, %s, from process %d' % (name, os.getpid()))


start_server(task, port=0, host='127.0.0.1', processes=int(sys.argv[1]) if len(sys.argv) > 1 else 1)

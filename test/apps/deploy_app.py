"""An app to deploy behind nginx: says which process served the session (``?app=upload``: takes a
file and says its SHA-256 too). argv: [PROCESSES]. It listens on a port of 127.0.0.1 the system
picks, which the start-up line says."""
import hashlib
import os
import sys

from pywebio import start_server
from pywebio.input import file_upload, input
from pywebio.output import put_text


def task():
    name = input("What's your name?")
    put_text('Hello, %s, from process %d' % (name, os.getpid()))


def upload():
    file = file_upload('A file', max_size='64M', as_file=True)['file']
    digest = hashlib.sha256()
    for block in iter(lambda: file.read(1 << 20), b''):
        digest.update(block)
    put_text('Got %s, from process %d' % (digest.hexdigest(), os.getpid()))


start_server({'index': task, 'upload': upload}, port=0, host='127.0.0.1', processes=int(sys.argv[1]) if len(sys.argv) > 1 else 1)

"""A server of several processes (argv: [PROCESSES]) whose sessions say which process serves them
and, when they end, append that process's pid to the file ``PYWEBIO_TEST_DEFERRED`` names (from
a `defer_call` function). It listens on a port of 127.0.0.1 the system picks."""
import os
import sys

from pywebio import start_server
from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import defer_call


def record_end():
    with open(os.environ['PYWEBIO_TEST_DEFERRED'], 'a') as deferred:
        deferred.write('%d\n' % os.getpid())


def task():
    defer_call(record_end)
    put_text('process %d' % os.getpid())
    input('Your name')


start_server(task, port=0, host='127.0.0.1', processes=int(sys.argv[1]) if len(sys.argv) > 1 else 2)

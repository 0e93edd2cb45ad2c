"""A server that is stopped with Ctrl-C, or finds its port taken: argv[1] the platform (tornado,
tornado_http, aiohttp, fastapi, flask, django), argv[2] the port (0: one the system picks, which
the start-up line says), argv[3] a file that the session's defer_call writes, argv[4] ``thread``
(the default) or ``coroutine`` for the task."""
import sys
from pathlib import Path

from pywebio.input import input
from pywebio.session import defer_call

platform, port, marker = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
kind = sys.argv[4] if len(sys.argv) > 4 else 'thread'


def write_marker():
    marker.write_text('deferred')


def task():
    defer_call(write_marker)
    input("What's your name?")


async def coroutine_task():
    defer_call(write_marker)
    await input("What's your name?")


start_server = getattr(__import__('pywebio.platform.' + platform, fromlist=['start_server']), 'start_server')
start_server(coroutine_task if kind == 'coroutine' else task, port=port, host='127.0.0.1')

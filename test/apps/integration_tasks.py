"""The task the integration tests serve, as a thread-based and a coroutine-based function.

Each records its session's end (a defer_call) in the file named by PYWEBIO_TEST_LOG, so the test
can see it from outside the server process.
"""
import asyncio
import os

from pywebio.input import input
from pywebio.output import put_buttons, put_text
from pywebio.session import defer_call, hold, info, run_asyncio_coroutine


def _record(line):
    with open(os.environ['PYWEBIO_TEST_LOG'], 'a') as log:
        log.write(line + '\n')


def task_func():
    defer_call(lambda: _record('deferred'))
    name = input("What's your name?")
    put_text('Hello, %s (%s over %s)' % (name, info.backend, info.protocol))
    put_buttons(['Wave'], onclick=lambda _: put_text('You waved'))
    hold()


async def coroutine_task():
    defer_call(lambda: _record('deferred'))
    name = await input("What's your name?")
    await run_asyncio_coroutine(asyncio.sleep(0.1))
    put_text('Hello, %s (%s over %s)' % (name, info.backend, info.protocol))
    put_buttons(['Wave'], onclick=lambda _: put_text('You waved'))
    await hold()


def pick_task():
    return coroutine_task if os.environ.get('PYWEBIO_TEST_TASK') == 'coroutine' else task_func

"""Apps that let a browser make the server hold memory, served with small bounds, for
test/protocol/test_memory_bounds.py and bench/reliability.py's ``floods``.

argv[1] is the platform (``tornado`` or ``tornado_http``); the port is one of 127.0.0.1 the
system picks, which the start-up line says. The process budgets are small so that a test fills
them in a second: PYWEBIO_TEST_UPLOAD_BYTES (24 MiB unless given) and
PYWEBIO_TEST_EVENT_BYTES (24 MiB) are the limits of `pywebio.session.bounds`.

The slow parts (a callback, a ``valid_func``) wait on a *gate* named by the app, which the
``open_gate`` app opens: a test decides when they finish, instead of sleeping.
"""
import asyncio
import collections
import os
import sys
import threading

from pywebio.input import file_upload, input, input_group
from pywebio.output import put_buttons, put_text
from pywebio.session import bounds, hold

bounds.UPLOAD_BYTES.limit = int(os.environ.get('PYWEBIO_TEST_UPLOAD_BYTES', 24 * bounds.MiB))
bounds.UPLOAD_DISK_BYTES.limit = int(os.environ.get('PYWEBIO_TEST_UPLOAD_BYTES', 24 * bounds.MiB))
bounds.QUEUED_EVENT_BYTES.limit = int(os.environ.get('PYWEBIO_TEST_EVENT_BYTES', 24 * bounds.MiB))

gates = collections.defaultdict(threading.Event)


def upload():
    """A file field that declares 8 MiB: a form that may hold 8 MiB (in files of any size)."""
    got = file_upload('File', max_total_size='8M', multiple=True)
    put_text('got %d bytes' % sum(len(file['content']) for file in got))


def held():
    """What the process holds now: upload bytes (in memory and on disk), event bytes, events."""
    put_text('%d %d %d' % (bounds.UPLOAD_BYTES.used + bounds.UPLOAD_DISK_BYTES.used, bounds.QUEUED_EVENT_BYTES.used,
                           bounds.QUEUED_EVENTS.used))


def clicks():
    """A button whose callback is slow: it waits for the gate ``clicks``."""
    put_buttons(['slow'], onclick=lambda _: gates['clicks'].wait())
    hold()


async def async_clicks():
    """The same in a coroutine-based session, with the gate ``async_clicks``: callbacks run side
    by side there."""
    async def slow(_):
        while not gates['async_clicks'].is_set():
            await asyncio.sleep(0.05)
    put_buttons(['slow'], onclick=slow)
    await hold()


def submissions():
    """A form whose valid_func is slow (it waits for the gate ``valid``) and refuses."""
    def valid(values):
        gates['valid'].wait()
        return ('text', 'no')
    input_group('Slow', [input('Text', name='text')], validate=valid)


def open_gate():
    name = input('Gate')
    gates[name].set()
    put_text('opened ' + name)


def greet():
    put_text('Hello, ' + input('Name'))


APPS = [upload, held, clicks, async_clicks, submissions, open_gate, greet]

if __name__ == '__main__':
    if sys.argv[1] == 'tornado_http':
        from pywebio.platform.tornado_http import start_server
    else:
        from pywebio.platform.tornado import start_server
    start_server(APPS, port=0, host='127.0.0.1', cdn=False)

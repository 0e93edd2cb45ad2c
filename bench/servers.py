"""Servers the benchmarks start in their own process, so their memory and CPU can be read alone.

    python bench/servers.py pywebio     # a PyWebIO app: every session loops on input()
    python bench/servers.py echo        # the baseline: a bare Tornado WebSocket echo server
    python bench/servers.py clicks      # one button whose callback outputs a line
    python bench/servers.py pywebio 2   # the PyWebIO app served by 2 processes
    python bench/servers.py coro [2]    # the same app as a coroutine session
    python bench/servers.py busy [2]    # the same app, computing for 1 ms per submit
    python bench/servers.py forms       # a form of every kind in a loop; counts defer_call

Each binds a port of 127.0.0.1 the system picks and says which on its output: the PyWebIO apps
with the start-up line of `start_server` (on stderr), the echo server with a line of its own;
`test.helpers.listening_port` reads either.

``PYWEBIO_BENCH_OPTIONS`` (JSON) adds keyword arguments to ``start_server`` (``max_sessions``...).
The ``forms`` app appends a line to the file ``PYWEBIO_BENCH_DEFERRED`` names each time a session's
``defer_call`` runs, so that bench/reliability.py can check that every session ended cleanly.

All accept permessage-deflate, as PyWebIO does, so the baseline pays for compression too.
"""
import asyncio
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import tornado.web  # noqa: E402
import tornado.websocket  # noqa: E402


def pywebio_task():
    from pywebio.input import input
    from pywebio.output import put_text
    while True:
        put_text(input('value'))


async def coro_task():
    """pywebio_task as a coroutine session."""
    from pywebio.input import input
    from pywebio.output import put_text
    while True:
        put_text(await input('value'))


def busy_task():
    """Like pywebio_task, with 1 ms of CPU (holding the interpreter lock) per submit."""
    import time
    from pywebio.input import input
    from pywebio.output import put_text
    while True:
        value = input('value')
        deadline = time.thread_time() + 0.001
        while time.thread_time() < deadline:
            pass
        put_text(value)


def forms_task():
    """A form with every kind of field the forged submissions aim at; ``defer_call`` is counted.
    Each answer replaces the last one on the page, so that the page (and the server's model of
    it) stays the same size however long the session submits: the soak measures the server."""
    from pywebio.input import NUMBER, checkbox, file_upload, input, input_group, select
    from pywebio.output import put_text, use_scope
    from pywebio.session import defer_call

    def count() -> None:
        with open(os.environ['PYWEBIO_BENCH_DEFERRED'], 'a') as deferred:
            deferred.write('.\n')

    defer_call(count)
    while True:
        values = input_group('Order', [
            select('Size', [('S', 's'), ('M', 'm')], name='size'),
            checkbox('Extras', ['a', 'b'], name='extras'),
            input('Count', type=NUMBER, name='count'),
            file_upload('File', name='file', max_size='64K', multiple=True),
        ])
        with use_scope('answer', clear=True):
            put_text(values['size'])


def clicks_task():
    from pywebio.output import put_buttons, put_text
    from pywebio.session import hold
    put_buttons(['Click'], onclick=lambda value: put_text('clicked'))
    hold()


class EchoHandler(tornado.websocket.WebSocketHandler):
    def get_compression_options(self):
        return {}

    def open(self):
        self.write_message('[{"command":"input_group"}]')

    def on_message(self, message):
        self.write_message(message)


def main():
    kind = sys.argv[1]
    if kind == 'echo':
        from test.apps.listening import tornado_listen

        async def serve():
            tornado_listen(tornado.web.Application([(r'/io', EchoHandler)]))
            await asyncio.Event().wait()
        asyncio.run(serve())
    else:
        from pywebio.platform.tornado import start_server
        processes = int(sys.argv[2]) if len(sys.argv) > 2 else 1
        task = {'pywebio': pywebio_task, 'coro': coro_task, 'busy': busy_task, 'clicks': clicks_task, 'forms': forms_task}[kind]
        options = json.loads(os.environ.get('PYWEBIO_BENCH_OPTIONS') or '{}')
        start_server(task, port=0, host='127.0.0.1', processes=processes, **options)


if __name__ == '__main__':
    main()

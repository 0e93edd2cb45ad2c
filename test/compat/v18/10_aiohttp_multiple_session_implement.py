"""Upstream's 10.aiohttp_multiple_session_impliment.py: an aiohttp app of the program's own with
`webio_handler` of a thread task at ``/io`` and of a coroutine task at ``/io2``, then
`static_routes()`; ``web.run_app`` on a socket of 127.0.0.1 whose port the system picks (upstream's
has ``host='127.0.0.1', port=8080``), said by `test.apps.listening` (the repository's root must be on
PYTHONPATH, as the tests set it). The pages opened are the handlers' own, with ``?_pywebio_debug=1``."""
from aiohttp import web

import pywebio
from pywebio.input import actions
from pywebio.platform.aiohttp import static_routes, webio_handler
from pywebio.utils import run_as_function, to_coroutine
from test.apps.listening import listening_socket

import calls


def target():
    calls.basic_output()
    calls.background_output()

    run_as_function(calls.basic_input())
    actions(buttons=['Continue'])
    calls.background_input()


async def async_target():
    calls.basic_output()
    await calls.coro_background_output()

    await to_coroutine(calls.basic_input())
    await actions(buttons=['Continue'])
    await calls.coro_background_input()


if __name__ == '__main__':
    pywebio.enable_debug()
    app = web.Application()
    app.add_routes([web.get('/io', webio_handler(target, cdn=False))])
    app.add_routes([web.get('/io2', webio_handler(async_target, cdn=False))])
    app.add_routes(static_routes())
    web.run_app(app, sock=listening_socket())

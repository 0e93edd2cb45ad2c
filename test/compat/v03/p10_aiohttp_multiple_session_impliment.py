"""v0.3.0's 10.aiohttp_multiple_session_impliment.py: an aiohttp application of its own with two
`webio_handler`s, a thread task at /io and a coroutine task at /io2, and `static_routes`."""
from aiohttp import web

import pywebio
import template
import util
from pywebio import STATIC_PATH
from pywebio.input import *
from pywebio.platform.aiohttp import static_routes, webio_handler
from pywebio.utils import to_coroutine, run_as_function


def target():
    template.basic_output()
    template.background_output()

    run_as_function(template.basic_input())
    actions(buttons=['Continue'])
    template.background_input()


async def async_target():
    template.basic_output()
    await template.coro_background_output()

    await to_coroutine(template.basic_input())
    await actions(buttons=['Continue'])
    await template.coro_background_input()


def start_test_server():
    from test.apps.listening import listening_socket
    pywebio.enable_debug()

    app = web.Application()
    app.add_routes([web.get('/io', webio_handler(target))])
    app.add_routes([web.get('/io2', webio_handler(async_target))])
    app.add_routes(static_routes(STATIC_PATH))

    web.run_app(app, sock=listening_socket())  # upstream: web.run_app(app, host='127.0.0.1', port=8080)


if __name__ == '__main__':
    util.run_test(start_test_server)

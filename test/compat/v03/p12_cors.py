"""v0.3.0's 12.cors.py: the page comes from a static server of its own, the session from another
origin: Tornado's `start_server`, then (after Ctrl-C) aiohttp's, then Flask's, each with
``allowed_origins`` (the static server's origin)."""
import template
import util
from pywebio.input import *
from pywebio.utils import run_as_function


def target():
    template.basic_output()
    template.background_output()

    run_as_function(template.basic_input())
    actions(buttons=['Continue'])
    template.background_input()


def start_test_server():
    from pywebio import start_server as tornado_server
    from pywebio.platform.flask import start_server as flask_server
    from pywebio.platform.aiohttp import start_server as aiohttp_server
    import asyncio

    # upstream: the static server on localhost:5000, and allowed_origins=['http://localhost:5000']
    util.start_static_server()
    origins = [util.static_origin]

    try:
        tornado_server(target, port=0, host='127.0.0.1', allowed_origins=origins)  # upstream: 8080
    except:  # noqa: E722 - as upstream: Ctrl-C moves on to the next server
        print('tornado_server exit')

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    try:
        aiohttp_server(target, port=0, host='127.0.0.1', allowed_origins=origins)  # upstream: 8081
    except:  # noqa: E722
        print('aiohttp_server exit')

    try:
        flask_server(target, port=0, host='127.0.0.1', allowed_origins=origins)  # upstream: 8082
    except:  # noqa: E722
        print('flask_server exit')


if __name__ == '__main__':
    util.run_test(start_test_server)

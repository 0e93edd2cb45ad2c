"""Upstream's 6.flask_coroutine.py: Flask's `start_server` with an ``async def`` task, whose
background coroutine sleeps through `run_asyncio_coroutine`; opened with
``?_pywebio_debug=1&_pywebio_http_pull_interval=400``."""
import pywebio
from pywebio.input import actions
from pywebio.platform.flask import start_server
from pywebio.utils import to_coroutine

import calls


async def target():
    calls.basic_output()
    await calls.coro_background_output()

    await to_coroutine(calls.basic_input())
    await actions(buttons=['Continue'])
    await calls.flask_coro_background_input()


if __name__ == '__main__':
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', cdn=False)

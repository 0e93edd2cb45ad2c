"""Upstream's 5.coroutine_based_session.py: Tornado's `start_server` with an ``async def`` task,
so a coroutine session; the generator of inputs is awaited through `to_coroutine`."""
import pywebio
from pywebio import start_server
from pywebio.input import actions
from pywebio.utils import to_coroutine

import calls


async def target():
    calls.basic_output()
    await calls.coro_background_output()

    await to_coroutine(calls.basic_input())
    await actions(buttons=['Continue'])
    await calls.coro_background_input()


if __name__ == '__main__':
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', cdn=False)

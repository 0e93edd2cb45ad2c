"""Upstream's 17.fastapi_backend.py: FastAPI's `start_server` (uvicorn) with ``dict(thread=...,
coroutine=...)``, the apps at ``?app=thread`` and ``?app=coroutine``. Upstream's gives no host (every
interface); this one listens on 127.0.0.1 only."""
import pywebio
from pywebio.input import actions
from pywebio.platform.fastapi import start_server
from pywebio.utils import run_as_function, to_coroutine

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
    start_server(dict(thread=target, coroutine=async_target), port=0, host='127.0.0.1', cdn=False)

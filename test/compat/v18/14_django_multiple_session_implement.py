"""Upstream's 14.django_multiple_session_impliment.py: Django's `start_server` with a dict of two
apps, a thread one (``?app=p1``) and a coroutine one (``?app=p2``)."""
import pywebio
from pywebio.input import actions
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
    from pywebio.platform.django import start_server
    pywebio.enable_debug()
    start_server({'p1': target, 'p2': async_target}, port=0, host='127.0.0.1', cdn=False)

"""Upstream's 1.basic.py: Tornado's `start_server`, a thread session with `defer_call`; debug
logging on. Port 0 on 127.0.0.1: the start-up line says which port."""
import pywebio
from pywebio import start_server
from pywebio.input import actions
from pywebio.session import set_env
from pywebio.utils import run_as_function

import calls


def target():
    set_env(auto_scroll_bottom=True)
    calls.set_defer_call()

    calls.basic_output()
    calls.background_output()

    run_as_function(calls.basic_input())
    actions(buttons=['Continue'])
    calls.background_input()


if __name__ == '__main__':
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', auto_open_webbrowser=False, cdn=False)

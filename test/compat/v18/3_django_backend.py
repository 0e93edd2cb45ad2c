"""Upstream's 3.django_backend.py: Django's `start_server` (HTTP long polling), a thread session."""
import pywebio
from pywebio.input import actions
from pywebio.platform.django import start_server
from pywebio.utils import run_as_function

import calls


def target():
    calls.basic_output()
    calls.background_output()

    run_as_function(calls.basic_input())
    actions(buttons=['Continue'])
    calls.background_input()


if __name__ == '__main__':
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', cdn=False)

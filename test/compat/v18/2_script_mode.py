"""Upstream's 2.script_mode.py: the template run as a script, no server call at all (script mode).
Upstream sets PYWEBIO_SCRIPT_MODE_PORT to serve on a known port without opening a browser; here
script mode picks a free port and opens the page with the BROWSER command (the test gives one
that records the URL, token included). The program must end by itself once the tab is closed."""
from pywebio.input import actions
from pywebio.utils import run_as_function

import calls


def target():
    calls.basic_output()
    calls.background_output()

    run_as_function(calls.basic_input())
    actions(buttons=['Continue'])
    calls.background_input()


if __name__ == '__main__':
    target()

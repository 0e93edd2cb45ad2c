"""v0.3.0's 1.basic.py: the template in a thread-based session, served by `start_server` in debug
mode, with deferred calls and auto scrolling."""
import pywebio
import template
import util
from pywebio import start_server
from pywebio.input import *
from pywebio.output import *
from pywebio.utils import run_as_function


def target():
    set_auto_scroll_bottom(True)

    template.set_defer_call()

    template.basic_output()
    template.background_output()

    run_as_function(template.basic_input())
    actions(buttons=['Continue'])
    template.background_input()


def start_test_server():
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', debug=True, auto_open_webbrowser=False)  # upstream: port 8080


if __name__ == '__main__':
    util.run_test(start_test_server)

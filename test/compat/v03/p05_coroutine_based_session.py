"""v0.3.0's 5.coroutine_based_session.py: the template in a coroutine session (Tornado), the
generator of inputs run with `to_coroutine`, the background work with `run_async`."""
import pywebio
import template
import util
from pywebio import start_server
from pywebio.input import *
from pywebio.output import *
from pywebio.utils import to_coroutine


async def target():
    template.basic_output()
    await template.coro_background_output()

    await to_coroutine(template.basic_input())
    await actions(buttons=['Continue'])
    await template.coro_background_input()


def start_test_server():
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', debug=True)  # upstream: port 8080


if __name__ == '__main__':
    util.run_test(start_test_server)

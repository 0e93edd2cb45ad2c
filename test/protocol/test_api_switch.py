"""The 1.x switch over a real WebSocket: with it, a session whose task returned waits for its callbacks."""
import threading

import pytest

import pywebio
from pywebio.output import put_buttons, put_text
from pywebio.session import defer_call


@pytest.fixture
def api_1x():
    pywebio.set_api('1.x')
    yield
    pywebio.set_api(None)  # back to choosing per program


ended = threading.Event()


def thread_task():
    defer_call(ended.set)
    put_buttons(['Again'], onclick=lambda _: put_text('clicked after the task returned'))


async def coroutine_task():
    defer_call(ended.set)
    put_buttons(['Again'], onclick=lambda _: put_text('clicked after the task returned'))


@pytest.mark.parametrize('task', [thread_task, coroutine_task])
def test_with_1x_semantics_callbacks_keep_the_session_open(api_1x, serve_app, task):
    ended.clear()
    with serve_app(task).connect() as client:
        buttons = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        for _ in range(2):
            client.click(buttons, 0)
            client.expect('output', where=lambda c: c['spec'].get('content') == 'clicked after the task returned')
        assert not ended.is_set()
    assert ended.wait(5), 'closing the connection ends the session and runs defer_call'


@pytest.mark.parametrize('task', [thread_task, coroutine_task])
def test_with_the_guide_semantics_the_session_ends_with_its_task(serve_app, task):
    with serve_app(task).connect() as client:
        client.expect('close_session')

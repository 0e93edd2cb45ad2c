"""close_session says when the task raised (docs/protocol.md), with the traceback only in debug."""
import json
import threading

import pytest

from pywebio.output import put_text
from pywebio.session import defer_call
from pywebio.session.base import close_all_sessions


def raises():
    put_text('before')
    raise KeyError('hunter2')


async def raises_async():
    put_text('before')
    raise KeyError('hunter2')


def returns():
    put_text('done')


@pytest.mark.parametrize('task', [raises, raises_async])
def test_a_task_that_raises_ends_with_reason_error_and_no_text(serve_app, task):
    with serve_app(task).connect() as client:
        assert client.expect('close_session')['spec'] == {'reason': 'error', 'traceback': None}


@pytest.mark.parametrize('task', [raises, raises_async])
def test_with_debug_close_session_carries_the_traceback(serve_app, task):
    with serve_app(task, debug=True).connect() as client:
        spec = client.expect('close_session')['spec']
    assert spec['reason'] == 'error'
    assert spec['traceback'].startswith('Traceback (most recent call last)')
    assert "KeyError: 'hunter2'" in spec['traceback'] and task.__name__ in spec['traceback']


def test_a_task_that_returns_ends_with_a_null_spec(serve_app):
    with serve_app(returns, debug=True).connect() as client:
        assert client.expect('close_session')['spec'] is None


def test_close_all_sessions_runs_the_deferred_functions_here(serve_app):
    import threading
    ran = []

    def task():
        defer_call(lambda: ran.append(threading.current_thread()))
        from pywebio.input import input
        input('Name')

    with serve_app(task).connect() as client:
        client.expect('input_group')
        assert close_all_sessions() >= 1
        assert ran == [threading.current_thread()]


@pytest.mark.parametrize('debug', [False, True])
def test_over_http_too_close_session_says_the_task_raised(flask_server, debug):
    from test.protocol.test_http_transport import HttpClient
    url, _ = flask_server(raises, debug=debug)
    client = HttpClient(url)
    client.open()
    spec = client.commands_until('close_session')[-1]['spec']
    assert spec['reason'] == 'error'
    assert (spec['traceback'] is not None and "KeyError: 'hunter2'" in spec['traceback']) if debug \
        else spec['traceback'] is None


@pytest.mark.parametrize('debug', [False, True])
def test_aiohttp_webio_handler_takes_debug(debug):
    import asyncio

    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from pywebio.platform.aiohttp import webio_handler

    async def run():
        app = web.Application()
        app.add_routes([web.get('/io', webio_handler(raises, debug=debug, reconnect_timeout=0))])  # commands only
        async with TestClient(TestServer(app, host='127.0.0.1')) as client:
            socket = await client.ws_connect('/io')
            while True:
                commands = json.loads((await socket.receive()).data)
                closing = [c for c in commands if c['command'] == 'close_session']
                if closing:
                    return closing[0]['spec']

    # a loop of its own in a thread: Playwright's sync API may hold a running loop in this one
    result = {}
    runner = threading.Thread(target=lambda: result.update(spec=asyncio.run(asyncio.wait_for(run(), 30))))
    runner.start()
    runner.join(40)
    spec = result['spec']
    assert spec['reason'] == 'error' and (spec['traceback'] is not None) == debug

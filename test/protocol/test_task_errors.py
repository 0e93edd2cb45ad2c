"""close_session says when the task raised (docs/protocol.md), with the traceback only in debug;
a callback that raises shows a toast that says only that the action failed, its exception only in
debug."""
import json
import threading

import pytest

from pywebio.input import input, input_group, select
from pywebio.output import put_buttons, put_table, put_text, toast
from pywebio.pin import pin_on_change, put_select
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


# -- app code that raises while the session goes on: callbacks, and valid_func ---------------------

SECRET_PATH = '/srv/internal/app-secrets/db_password.txt'
ACTION_FAILED = 'The action failed because of an error.'


def leak(*_):
    raise FileNotFoundError(SECRET_PATH)


async def leak_async(*_):
    raise FileNotFoundError(SECRET_PATH)


def failing_callbacks():
    # every kind of callback, each raising: a button, a button in a table, pin_on_change, a
    # toast's onclick, a field's onchange
    put_buttons(['Save'], onclick=leak)
    put_table([['row', put_buttons(['Delete'], onclick=leak)]])
    put_select('size', ['a', 'b'], label='Size')
    pin_on_change('size', leak)
    toast('Click me', duration=0, onclick=leak)
    select('Pick', ['a', 'b'], onchange=leak)
    put_text('done')


async def failing_callbacks_async():
    put_buttons(['Save'], onclick=leak)  # a plain function in a coroutine session
    put_table([['row', put_buttons(['Delete'], onclick=leak_async)]])
    put_select('size', ['a', 'b'], label='Size')
    pin_on_change('size', leak_async)
    toast('Click me', duration=0, onclick=leak_async)
    await select('Pick', ['a', 'b'], onchange=leak_async)
    put_text('done')


def fire_every_callback(client):
    """Make each callback of `failing_callbacks` raise; the toast each one shows; then end the task."""
    buttons, in_table = client.expect('output'), client.expect('output')  # the table's button comes first
    client.expect('output', where=lambda c: c['spec']['type'] == 'table')
    pin = client.expect('output')
    registration = client.expect('pin_on_change')['spec']
    notice, form = client.expect('toast'), client.expect('input_group')
    events = [(buttons['spec']['callback_id'], 0), (in_table['spec']['callback_id'], 0),
              (registration['callback_id'], {'rev': pin['spec']['rev'], 'value': [1]}),
              (notice['spec']['callback_id'], None), (form['spec']['callback_id'], {'change': 'data', 'value': [1]})]
    toasts = []
    for callback_id, data in events:
        client.send({'event': 'callback', 'task_id': callback_id, 'data': data})
        toasts.append(client.expect('toast')['spec'])
    client.submit(form, {'data': [0]})  # the session lived on through every failure
    client.expect('output', where=lambda c: c['spec'].get('content') == 'done')
    return toasts


@pytest.mark.parametrize('task', [failing_callbacks, failing_callbacks_async])
def test_a_callback_that_raises_shows_only_that_the_action_failed(serve_app, task):
    with serve_app(task).connect() as client:
        toasts = fire_every_callback(client)
    assert [(t['color'], t['content']) for t in toasts] == [('error', ACTION_FAILED)] * 5
    assert 'db_password' not in json.dumps(toasts) and 'FileNotFoundError' not in json.dumps(toasts)


@pytest.mark.parametrize('task', [failing_callbacks, failing_callbacks_async])
def test_with_debug_a_callback_that_raises_shows_its_exception(serve_app, task):
    with serve_app(task, debug=True).connect() as client:
        toasts = fire_every_callback(client)
    assert [t['content'] for t in toasts] == ['FileNotFoundError: ' + SECRET_PATH] * 5


@pytest.mark.parametrize('task', [failing_callbacks, failing_callbacks_async])
def test_the_failed_action_is_told_in_chinese_to_a_chinese_browser(serve_app, task):
    with serve_app(task).connect(headers={'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8'}) as client:
        toasts = fire_every_callback(client)
    assert [t['content'] for t in toasts] == ['操作因出错而失败。'] * 5


def failing_validation():
    input('Name', validate=leak)


async def failing_validation_async():
    await input('Name', validate=leak)


def failing_group_validation():
    input_group('Account', [input('Name', name='name')], validate=leak)


@pytest.mark.parametrize('task', [failing_validation, failing_validation_async, failing_group_validation])
@pytest.mark.parametrize('debug', [False, True])
def test_a_valid_func_that_raises_ends_the_session_with_its_text_only_in_debug(serve_app, task, debug):
    with serve_app(task, debug=debug).connect() as client:
        form = client.expect('input_group')
        name = form['spec']['inputs'][0]['name']
        client.submit(form, {name: 'Ann'})
        spec = client.expect('close_session')['spec']
    assert spec['reason'] == 'error'
    if debug:
        assert 'FileNotFoundError: ' + SECRET_PATH in spec['traceback']
    else:
        assert spec['traceback'] is None

"""A real Tornado server on 127.0.0.1 and a real WebSocket client speaking docs/protocol.md."""
import json
import threading

import pytest
import tornado.httpclient

from test.helpers import wait_for
from pywebio.exceptions import SessionClosedException
from pywebio.input import FLOAT, NUMBER, input, input_group
from pywebio.output import put_buttons, put_text
from pywebio.session import defer_call, hold


def check_age(age):
    if age < 10:
        return 'Too young!!'
    if age > 60:
        return 'Too old!!'


def age_task():
    age = input('How old are you?', type=NUMBER, valid_func=check_age)
    put_text('age: %r' % (age,))


def test_validation_loop_until_valid_then_returns_an_int(serve_app):
    server = serve_app(age_task)
    with server.connect() as client:
        form = client.expect('input_group')
        assert form['spec']['inputs'][0]['label'] == 'How old are you?'
        client.submit(form, {'data': '5'})
        assert client.expect('update_input')['spec'] == {'name': 'data', 'invalid_feedback': 'Too young!!'}
        client.submit(form, {'data': '4.5'})  # what a hand-made client could send
        assert client.expect('update_input')['spec']['invalid_feedback'] == 'Please enter an integer.'
        client.submit(form, {'data': '42'})
        assert client.expect('update_input')['spec'] == {'name': 'data', 'invalid_feedback': None}
        client.expect('destroy_form')
        assert client.expect('output')['spec']['content'] == 'age: 42'
        client.expect('close_session')
        client.wait_closed()


def test_server_messages_follow_the_browser_language(serve_app):
    server = serve_app(age_task)
    with server.connect(headers={'Accept-Language': 'zh-CN,zh;q=0.9'}) as client:
        client.submit(client.expect('input_group'), {'data': 'abc'})
        assert client.expect('update_input')['spec']['invalid_feedback'] == '请输入整数。'


def test_required_and_float_fields_and_group_validation(serve_app):
    results = []

    def check_form(data):
        if len(data['name']) > 6:
            return ('name', 'Name too long!')

    def task():
        results.append(input_group('Basic info', [
            input('Input your name', name='name', required=True),
            input('Height', name='height', type=FLOAT),
        ], valid_func=check_form))

    server = serve_app(task)
    with server.connect() as client:
        form = client.expect('input_group')
        assert [i['name'] for i in form['spec']['inputs']] == ['name', 'height']
        client.submit(form, {'name': '', 'height': 'inf'})
        errors = {client.expect('update_input')['spec']['name'] for _ in range(2)}
        assert errors == {'name', 'height'}
        client.submit(form, {'name': 'Bartholomew', 'height': '1.8'})
        client.expect('update_input', where=lambda c: c['spec']['invalid_feedback'] == 'Name too long!')
        client.submit(form, {'name': 'Bart', 'height': ''})
        client.expect('destroy_form')
        client.wait_closed()
    assert results == [{'name': 'Bart', 'height': None}]


def test_button_click_runs_callback_with_the_python_value(serve_app):
    def task():
        put_buttons([('One', 1), ('Two', (2, 'two'))], onclick=lambda v: put_text('clicked %r' % (v,)))
        hold()

    server = serve_app(task)
    with server.connect() as client:
        buttons = client.expect('output')
        assert buttons['spec']['buttons'] == [{'label': 'One'}, {'label': 'Two'}]
        client.click(buttons, 1)
        assert client.expect('output')['spec']['content'] == "clicked (2, 'two')"


def test_closing_the_connection_raises_session_closed_in_blocked_input(serve_app):
    outcome, done = [], threading.Event()

    def task():
        defer_call(done.set)
        try:
            input('Wait for me')
        except SessionClosedException:
            outcome.append(threading.current_thread())
            raise

    server = serve_app(task)
    client = server.connect()
    client.expect('input_group')
    client.close()
    assert done.wait(5)
    # defer_call functions run in a thread of their own, so the task may still be unwinding
    wait_for(lambda: outcome, timeout=5, what='the blocked input to raise SessionClosedException')
    outcome[0].join(5)
    assert not outcome[0].is_alive()


@pytest.mark.parametrize('frame', [
    'not json', '[1, 2]', '{"event": "form_submit"}', '{"event": 1, "task_id": "1"}',
    '{"event": "form_submit", "task_id": "1", "data": "nope"}',
    '{"event": "form_submit", "task_id": "1", "data": {"data": 42}}',
    '[' * 100000 + ']' * 100000, b'\x00binary',
])
def test_a_malformed_frame_closes_only_its_own_session(serve_app, frame):
    server = serve_app(age_task)
    with server.connect() as bystander, server.connect() as attacker:
        bystander_form = bystander.expect('input_group')
        attacker.expect('input_group')
        attacker.send_raw(frame)
        attacker.wait_closed()
        bystander.submit(bystander_form, {'data': '30'})
        assert bystander.expect('output')['spec']['content'] == 'age: 30'


def test_unknown_events_and_events_for_other_tasks_are_dropped(serve_app):
    server = serve_app(age_task)
    with server.connect() as client:
        form = client.expect('input_group')
        client.send({'event': 'telepathy', 'task_id': form['task_id'], 'data': None})
        client.send({'event': 'form_submit', 'task_id': 'not-waiting', 'data': {'data': '1'}})
        client.send({'event': 'callback', 'task_id': 'cb-404', 'data': 0})
        client.submit(form, {'data': '30'})
        assert client.expect('output')['spec']['content'] == 'age: 30'


def test_a_frame_over_the_size_limit_closes_the_session(serve_app):
    server = serve_app(age_task, max_payload_size='1K')
    with server.connect() as client:
        form = client.expect('input_group')
        client.submit(form, {'data': '1' * 2048})
        assert client.wait_closed() == 1009


def test_burst_of_outputs_is_coalesced_into_few_frames(serve_app):
    frames = []

    def task():
        for i in range(2000):
            put_text(i)

    server = serve_app(task)
    client = server.connect()
    original = client._on_message
    client._on_message = lambda connection, message: (frames.append(message), original(connection, message))
    for i in range(2000):
        assert client.next_command()['spec']['content'] == str(i)
    client.close()
    assert len(frames) < 200


def test_cross_origin_websocket_is_refused_unless_allowed(serve_app):
    strict = serve_app(age_task)
    with pytest.raises(tornado.httpclient.HTTPClientError, match='403'):
        strict.connect(headers={'Origin': 'http://evil.test'})

    same_host = 'http://127.0.0.1:%d' % strict.port
    with strict.connect(headers={'Origin': same_host}) as client:
        client.expect('input_group')

    open_to_tools = serve_app(age_task, allowed_origins=['http://*.tools.test'])
    with open_to_tools.connect(headers={'Origin': 'http://app.tools.test'}) as client:
        client.expect('input_group')
    with pytest.raises(tornado.httpclient.HTTPClientError, match='403'):
        open_to_tools.connect(headers={'Origin': 'http://tools.test.evil'})

    by_function = serve_app(age_task, check_origin=lambda origin: origin == 'http://friend.test')
    with by_function.connect(headers={'Origin': 'http://friend.test'}) as client:
        client.expect('input_group')


def test_permessage_deflate_is_negotiated_with_a_small_client_window(serve_app):
    """Compression as browsers offer it, but with no deflate context kept for an idle session."""
    import asyncio
    import concurrent.futures

    import tornado.websocket

    server = serve_app(age_task, reconnect_timeout=0)  # no session message: the first frame is the form

    async def handshake():
        connection = await tornado.websocket.websocket_connect(server.ws_url, compression_options={})
        form = json.loads(await connection.read_message())[0]
        connection.write_message(json.dumps({'event': 'form_submit', 'task_id': form['task_id'],
                                             'data': {'data': '30'}}))
        replies = []
        while not any(c['command'] == 'output' for c in replies):
            replies += json.loads(await connection.read_message())
        connection.close()
        return connection.headers.get('Sec-WebSocket-Extensions'), replies

    # a thread of its own: Playwright's sync API keeps an event loop running in the main thread
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        extensions, replies = pool.submit(asyncio.run, handshake()).result(timeout=30)
    assert extensions == 'permessage-deflate; client_max_window_bits=9'
    assert [c['spec']['content'] for c in replies if c['command'] == 'output'] == ['age: 30']


def test_a_busy_task_does_not_hold_up_other_sessions(serve_app):
    """The server waits only briefly for a task's reply; a task still busy is answered later."""
    gate = threading.Event()

    def task():
        name = input('Name')
        if name == 'busy':
            gate.wait(30)
        put_text('hello ' + name)

    server = serve_app(task)
    with server.connect() as busy, server.connect() as quick:
        busy_form, quick_form = busy.expect('input_group'), quick.expect('input_group')
        busy.submit(busy_form, {'data': 'busy'})
        quick.submit(quick_form, {'data': 'quick'})
        assert quick.expect('output', timeout=5)['spec']['content'] == 'hello quick'
        gate.set()
        assert busy.expect('output', timeout=5)['spec']['content'] == 'hello busy'

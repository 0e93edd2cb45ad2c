"""Why the server closed a session: the close codes and reasons of docs/protocol.md, on every
WebSocket platform, with other sessions unharmed; and a flood of dropped events logs a bounded
number of lines."""
import contextlib
import json
import logging
import os

import pytest

from pywebio.input import file_upload, input_group, select
from pywebio.output import put_text
from test.protocol.test_forged_inputs import chunk
from test.ws_servers import SERVERS

PLATFORMS = list(SERVERS)
LIMIT = 64 * 1024


def form_task():
    data = input_group('Order', [select('Size', ['S', 'M'], name='size'),
                                 file_upload('Photo', name='photo')])
    put_text('size: %s' % data['size'])


@pytest.fixture(scope='module')
def servers():
    """One server per platform for the whole module: each test opens sessions of its own."""
    with contextlib.ExitStack() as stack:
        yield {name: stack.enter_context(serve(form_task, max_payload_size=LIMIT))
               for name, serve in SERVERS.items()}


def valid_submission(form):
    return {'size': [1], 'photo': []}


def send_text_bytes(client, data):
    """Send ``data`` as a *text* frame as is, invalid UTF-8 included (no browser API can)."""
    connection = client._conn
    client._loop.call_soon_threadsafe(lambda: connection.protocol._write_frame(True, 0x1, data))


def not_json(client, form):
    client.send_raw('{"event": "form_submit", ')


def bad_envelope(client, form):
    client.send({'event': 'form_submit', 'task_id': 7, 'data': {}})


def option_never_offered(client, form):
    client.submit(form, {'size': [5], 'photo': []})


def data_of_the_wrong_shape(client, form):
    client.submit(form, ['size', 1])


def forged_file_chunk(client, form):
    assert client.upload(form, chunk(name='size'), b'not')[0] == 400  # over HTTP, on every platform


def binary_frame(client, form):
    client.send_raw(b'\x00\x00\x00\x02{}file bytes')  # what pages sent before files went over HTTP


def invalid_utf8(client, form):
    send_text_bytes(client, b'{"event": "\xff\xfe"}')


def too_big(client, form):
    client.send_raw(os.urandom(1024 * 1024).hex())  # 2 MB of text that compression cannot shrink


CAUSES = [  # what the attacker sends, the close code, how the reason starts
    (not_json, 1003, 'invalid message: the message is not JSON'),
    (bad_envelope, 1003, 'invalid message: an event needs a string "task_id" field'),
    (option_never_offered, 1003, "invalid message: field 'size' names option 5, which does not exist"),
    (data_of_the_wrong_shape, 1003, 'invalid message: form data must be an object, got list'),
    (forged_file_chunk, 1003, "invalid message: an upload for a field that takes no files: 'size'"),
    (binary_frame, 1003, 'invalid message: a binary frame (files are uploaded over HTTP'),
    (invalid_utf8, 1007, 'invalid UTF-8'),
    (too_big, 1009, 'message too big'),
]


@pytest.mark.parametrize('platform', PLATFORMS)
@pytest.mark.parametrize('attack, code, reason', CAUSES, ids=[cause[0].__name__ for cause in CAUSES])
def test_each_cause_closes_with_its_code_and_reason_and_others_keep_working(servers, platform, attack,
                                                                            code, reason):
    server = servers[platform]
    with server.connect() as bystander, server.connect() as attacker:
        bystander_form = bystander.expect('input_group')
        attack(attacker, attacker.expect('input_group'))
        commands = []
        while True:
            command = attacker.next_command()
            if command is None:
                break
            commands.append(command)
        if platform == 'fastapi' and code == 1007:
            assert attacker.close_code == 1007  # uvicorn refuses it itself, without a reason
        else:
            assert (attacker.close_code, attacker._conn.close_reason[:len(reason)]) == (code, reason)
        if code == 1003:  # found by the session: the last command says so too
            assert commands[-1]['spec']['reason'] == 'invalid_message'
            assert ('invalid message: ' + commands[-1]['spec']['message']).startswith(reason)
        bystander.submit(bystander_form, valid_submission(bystander_form))
        assert bystander.expect('output')['spec']['content'] == 'size: M'


def test_a_reason_is_cut_to_what_a_close_frame_holds():
    from types import SimpleNamespace

    from pywebio.platform.utils import close_code_of
    from pywebio.session.base import ProtocolError

    code, reason = close_code_of(SimpleNamespace(protocol_error=ProtocolError('é' * 200)))
    assert code == 1003 and reason.startswith('invalid message: éé')
    assert len(reason.encode()) <= 123 and reason.encode().decode() == reason  # no half character


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_session_that_ends_normally_closes_with_1000(servers, platform):
    with servers[platform].connect() as client:
        client.submit(client.expect('input_group'), {'size': [0], 'photo': []})
        assert client.expect('output')['spec']['content'] == 'size: S'
        assert client.expect('close_session')['spec'] is None
        assert client.wait_closed() == 1000


# -- HTTP long-polling -------------------------------------------------------------------------

def test_over_http_a_forged_submission_ends_the_session_and_the_poll_says_why(flask_server):
    from test.protocol.test_http_transport import HttpClient
    url, _ = flask_server(form_task)
    client = HttpClient(url)
    client.open()
    form = next(c for c in client.commands_until('input_group') if c['command'] == 'input_group')
    assert client.send({'event': 'form_submit', 'task_id': form['task_id'],
                        'data': {'size': [5], 'photo': []}}) == 200  # read after the answer
    closing = client.commands_until('close_session')[-1]
    assert closing['spec'] == {'reason': 'invalid_message',
                               'message': "field 'size' names option 5, which does not exist"}


def test_over_http_a_malformed_event_is_answered_400_with_the_reason(flask_server):
    from test.protocol.test_http_transport import HttpClient
    url, _ = flask_server(form_task)
    client = HttpClient(url)
    client.open()
    status, _, body = client.request('POST', b'{"event": ', {'Content-Type': 'application/json'})
    assert status == 400
    assert json.loads(body)['error'].startswith('invalid message: the message is not JSON')
    assert client.request('GET', headers={'WebIO-Ack': '0'})[0] == 404  # the session is gone


# -- logs under a flood ------------------------------------------------------------------------

@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_flood_of_dropped_events_logs_a_bounded_number_of_lines(servers, platform, caplog):
    caplog.set_level(logging.INFO, logger='pywebio')
    with servers[platform].connect() as client:
        form = client.expect('input_group')
        for _ in range(5000):
            client.send({'event': 'telepathy', 'task_id': form['task_id'], 'data': None})
        for _ in range(1000):
            client.send({'event': 'callback', 'task_id': 'cb-404', 'data': 0})
            client.send({'event': 'form_submit', 'task_id': 'not-waiting', 'data': {}})
        client.submit(form, valid_submission(form))
        client.expect('close_session')
        client.wait_closed()
    lines = [record.getMessage() for record in caplog.records if record.name.startswith('pywebio')]
    assert len(lines) <= 10, lines
    assert "dropped an event of unknown kind 'telepathy' (more like it are counted)" in lines
    assert '... and 4,999 more events of unknown kind in the same session' in lines
    assert '... and 999 more clicks for unknown callbacks in the same session' in lines
    assert '... and 999 more events for tasks that are not waiting in the same session' in lines

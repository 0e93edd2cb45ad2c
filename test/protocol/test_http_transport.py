"""The HTTP long-polling transport over a real WSGI server (Flask under werkzeug) on 127.0.0.1."""
import json
import threading
import urllib.error
import urllib.request

import pytest

from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import defer_call


class HttpClient:
    """Speaks the HTTP transport of docs/protocol.md, one session."""

    def __init__(self, url, origin=None):
        self.url, self.origin, self.ack, self.session_id = url, origin, 0, None

    def request(self, method, body=None, headers=None, query=''):
        headers = dict(headers or {})
        if self.session_id:
            headers['WebIO-Session-ID'] = self.session_id
        if self.origin:
            headers['Origin'] = self.origin
        request = urllib.request.Request(self.url + query, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()  # names in any case
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def open(self):
        status, headers, _ = self.request('POST', b'')
        assert status == 200, status
        self.session_id = headers['WebIO-Session-ID']
        return headers

    def poll(self, ack=None):
        status, _, body = self.request('GET', headers={'WebIO-Ack': str(self.ack if ack is None else ack)})
        assert status == 200, (status, body)
        reply = json.loads(body)
        return reply['seq'], reply['commands']

    def commands_until(self, name):
        got = []
        while not any(c['command'] == name for c in got):
            seq, commands = self.poll()
            self.ack = seq
            got += commands
        return got

    def send(self, event):
        return self.request('POST', json.dumps(event).encode(), {'Content-Type': 'application/json'})[0]


def name_task():
    put_text('Hello, %s' % input('Name'))


def test_probe_says_http(flask_server):
    url, _ = flask_server(name_task)
    status, _, body = HttpClient(url).request('GET', query='?test=1')
    assert (status, json.loads(body)) == (200, {'transport': 'http'})


def test_a_session_round_trip(flask_server):
    url, _ = flask_server(name_task)
    client = HttpClient(url)
    client.open()
    form = next(c for c in client.commands_until('input_group') if c['command'] == 'input_group')
    assert client.send({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'data': 'Ann'}}) == 200
    commands = client.commands_until('close_session')
    assert [c['spec']['content'] for c in commands if c['command'] == 'output'] == ['Hello, Ann']


@pytest.mark.parametrize('debug', [False, True])
def test_only_a_debug_server_tells_the_page_to_reload_when_it_forgets_the_session(flask_server, debug):
    url, _ = flask_server(name_task, debug=debug)
    headers = HttpClient(url).open()
    assert headers.get('WebIO-Reload') == ('1' if debug else None)


def test_a_lost_poll_loses_no_command(flask_server):
    url, _ = flask_server(name_task)
    client = HttpClient(url)
    client.open()
    _, first = client.poll()  # the answer to this poll is "lost": its commands are not acknowledged
    assert [c['command'] for c in first] == ['input_group']
    seq, again = client.poll(ack=0)
    assert again == first
    client.ack = seq
    form = again[0]
    client.send({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'data': 'Bo'}})
    assert any(c['command'] == 'close_session' for c in client.commands_until('close_session'))


def test_concurrent_sessions_do_not_see_each_others_commands(flask_server):
    url, _ = flask_server(name_task)
    ann, bo = HttpClient(url), HttpClient(url)
    ann.open()
    bo.open()
    assert ann.session_id != bo.session_id and len(ann.session_id) >= 32
    forms = {}
    for client, name in ((ann, 'Ann'), (bo, 'Bo')):
        forms[name] = next(c for c in client.commands_until('input_group') if c['command'] == 'input_group')
    bo.send({'event': 'form_submit', 'task_id': forms['Bo']['task_id'], 'data': {'data': 'Bo'}})
    ann.send({'event': 'form_submit', 'task_id': forms['Ann']['task_id'], 'data': {'data': 'Ann'}})
    for client, name in ((ann, 'Ann'), (bo, 'Bo')):
        texts = [c['spec']['content'] for c in client.commands_until('close_session') if c['command'] == 'output']
        assert texts == ['Hello, %s' % name]


def test_expired_sessions_are_closed_and_run_their_deferred_functions(flask_server):
    ended = threading.Event()

    def task():
        defer_call(ended.set)
        input('Nobody will answer')

    url, transport = flask_server(task, session_expire_seconds=0.5, session_cleanup_interval=0.1)
    client = HttpClient(url)
    client.open()
    assert ended.wait(10)
    assert transport.session_count() == 0
    assert client.request('GET', headers={'WebIO-Ack': '0'})[0] == 404


def test_close_header_ends_the_session(flask_server):
    ended = threading.Event()

    def task():
        defer_call(ended.set)
        input('Bye?')

    url, transport = flask_server(task)
    client = HttpClient(url)
    client.open()
    client.request('POST', b'', {'WebIO-Close': '1'})
    assert ended.wait(10)
    assert transport.session_count() == 0


def test_an_oversized_body_is_refused(flask_server):
    url, _ = flask_server(name_task, max_payload_size='1K')
    client = HttpClient(url)
    client.open()
    status, _, _ = client.request('POST', b'{"x": "' + b'y' * 4096 + b'"}', {'Content-Type': 'application/json'})
    assert status == 413


def test_malformed_events_close_only_that_session(flask_server):
    url, transport = flask_server(name_task)
    bad, good = HttpClient(url), HttpClient(url)
    bad.open()
    good.open()
    assert bad.request('POST', b'not json', {'Content-Type': 'application/json'})[0] == 400
    assert bad.request('GET', headers={'WebIO-Ack': '0'})[0] == 404
    form = next(c for c in good.commands_until('input_group') if c['command'] == 'input_group')
    good.send({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'data': 'ok'}})
    assert any(c['command'] == 'close_session' for c in good.commands_until('close_session'))


def test_cross_origin_requests_get_cors_only_when_allowed(flask_server):
    url, _ = flask_server(name_task, allowed_origins=['http://tools.test'])
    friend = HttpClient(url, origin='http://tools.test')
    headers = friend.open()
    assert headers['Access-Control-Allow-Origin'] == 'http://tools.test'
    assert 'WebIO-Session-ID' in headers['Access-Control-Expose-Headers']
    status, headers, _ = friend.request('OPTIONS')
    assert status == 204 and 'WebIO-Ack' in headers['Access-Control-Allow-Headers']
    stranger = HttpClient(url, origin='http://evil.test')
    assert stranger.request('POST', b'')[0] == 403
    assert stranger.request('OPTIONS')[0] == 403

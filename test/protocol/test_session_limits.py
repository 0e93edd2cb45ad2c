"""Session limits (max_sessions, max_sessions_per_ip) and the Host check of loopback servers, on
every platform's start_server: what a client reads (close code 1013, HTTP 503 + Retry-After, 403)."""
import http.client
import json
import threading

import pytest
import tornado.httpclient

from pywebio.input import input
from pywebio.output import put_text
from pywebio.platform.hosts import REFUSED_TEXT
from pywebio.platform.httpbased import HttpRequest, HttpTransport
from pywebio.platform.tornado import BackgroundServer, make_application, webio_handler
from pywebio.testing import WebIOClient
from test.helpers import platform_servers, wait_for
from test.protocol.test_http_transport import HttpClient

WEBSOCKET = ['tornado', 'aiohttp', 'fastapi', 'path_deploy']
HTTP = ['tornado_http', 'flask', 'django', 'path_deploy_http']

APP_FILE = '''
from pywebio.input import input
from pywebio.output import put_text

def main():
    put_text('Hello, ' + input("What's your name?"))
'''


@pytest.fixture(scope='module')
def limited(tmp_path_factory):
    """Every platform's start_server on 127.0.0.1 with ``max_sessions=2``: ``{platform: (port,
    api path)}``."""
    folder = tmp_path_factory.mktemp('limits')
    (folder / 'hello.py').write_text(APP_FILE)
    wanted = [(name, name, 'list', (folder,) if name.startswith('path_deploy') else ())
              for name in WEBSOCKET + HTTP]
    with platform_servers(wanted, {'max_sessions': 2}) as started:
        yield {key: (port, '/hello/io' if key.startswith('path_deploy') else '/io?app=greet')
               for key, (port, _) in started.items()}


def ws_client(port, path, **headers):
    return WebIOClient('ws://127.0.0.1:%d%s' % (port, path), headers=headers)


def answer(client, name, form=None):
    """Submit ``name`` to the client's form (the next one, unless given) and return the greeting
    the app shows."""
    client.submit(form or client.expect('input_group'), {'data': name})
    return client.expect('output', where=lambda c: c['spec'].get('type') == 'text')['spec']['content']


@pytest.mark.parametrize('platform', WEBSOCKET)
def test_websocket_over_the_limit_closes_1013_and_a_freed_slot_admits(platform, limited):
    port, path = limited[platform]
    first, second = ws_client(port, path), ws_client(port, path)
    first.expect('input_group')
    form = second.expect('input_group')
    with ws_client(port, path) as third:
        assert third.wait_closed() == 1013
        assert 'busy' in third.close_reason
    assert answer(second, 'Bo', form).startswith('Hello, Bo')  # the open sessions are unaffected
    second.wait_closed()  # the session ended: its slot is free again
    with ws_client(port, path) as fourth:
        assert answer(fourth, 'Cy').startswith('Hello, Cy')
    first.close()  # the browser leaves: its slot is free again
    wait_for(lambda: _admitted_ws(port, path), what='a session after one left')


def _admitted_ws(port, path):
    with ws_client(port, path) as client:
        admitted = client.next_command() is not None
    return admitted


@pytest.mark.parametrize('platform', HTTP)
def test_http_over_the_limit_gets_503_with_retry_after_and_a_freed_slot_admits(platform, limited):
    port, path = limited[platform]
    url = 'http://127.0.0.1:%d%s' % (port, path)
    first, second = HttpClient(url), HttpClient(url)
    first.open()
    second.open()
    status, headers, body = HttpClient(url).request('POST', b'')
    assert status == 503
    assert int(headers['Retry-After']) > 0
    assert 'busy' in json.loads(body)['error']
    form = next(c for c in second.commands_until('input_group') if c['command'] == 'input_group')
    second.send({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'data': 'Bo'}})
    second.commands_until('close_session')  # the session ended: its slot is free again
    third = HttpClient(url)
    third.open()
    assert third.request('POST', b'', {'WebIO-Close': '1'})[0] == 200
    assert first.request('POST', b'', {'WebIO-Close': '1'})[0] == 200  # the page leaves
    HttpClient(url).open()


def greet_counted(calls):
    def task():
        calls.append(1)
        put_text('Hello, ' + input("What's your name?"))
    return task


def test_per_address_limit_counts_the_address_the_proxy_gives():
    """Behind a proxy (Tornado's xheaders), each browser address has its own count; a refused
    connection runs no task; a protocol error frees the slot."""
    calls = []
    handler = webio_handler(greet_counted(calls), max_sessions_per_ip=2)
    server = BackgroundServer(make_application(handler), xheaders=True).start()
    url = 'ws://127.0.0.1:%d/io' % server.port
    try:
        first = WebIOClient(url, headers={'X-Real-Ip': '203.0.113.7'})
        second = WebIOClient(url, headers={'X-Real-Ip': '203.0.113.7'})
        first.expect('input_group')
        second.expect('input_group')
        with WebIOClient(url, headers={'X-Real-Ip': '203.0.113.7'}) as third:
            assert third.wait_closed() == 1013
            assert 'your address' in third.close_reason
        assert len(calls) == 2
        with WebIOClient(url, headers={'X-Real-Ip': '198.51.100.1'}) as other:
            assert answer(other, 'Di') == 'Hello, Di'
        first.send_raw('not json')  # a protocol error ends that session
        assert first.wait_closed() == 1003
        wait_for(lambda: _admitted_ws_from(url, '203.0.113.7'), what='a session after a protocol error')
        second.close()
    finally:
        server.stop()


def _admitted_ws_from(url, address):
    with WebIOClient(url, headers={'X-Real-Ip': address}) as client:
        return client.next_command() is not None


def http_open(transport, address):
    return transport.handle(HttpRequest(method='POST', headers={}, args={}, read_body=lambda limit: b'',
                                        host='127.0.0.1:80', remote_ip=address, raw=None))


def test_http_per_address_limit_and_expiry_frees_the_slot():
    transport = HttpTransport(greet_counted([]), max_sessions_per_ip=1, session_expire_seconds=0.05,
                              session_cleanup_interval=3600)
    assert http_open(transport, '2001:db8::1').status == 200
    refused = http_open(transport, '2001:db8::2')  # the same /64: the same visitor
    assert (refused.status, refused.headers['Retry-After']) == (503, '30')
    assert http_open(transport, '2001:db8:0:1::1').status == 200
    wait_for(lambda: transport.close_expired() or not transport.session_count(), what='the sessions to expire')
    assert http_open(transport, '2001:db8::2').status == 200
    transport.close_expired()


# -- the Host check of loopback servers -------------------------------------------------------

def get(port, path, host):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
    try:
        connection.request('GET', path, headers={'Host': host})
        response = connection.getresponse()
        return response.status, response.read().decode('utf-8', 'replace')
    finally:
        connection.close()


def websocket_status(port, path, host):
    """The HTTP status of a WebSocket handshake with this ``Host`` (101 when it opens)."""
    try:
        WebIOClient('ws://127.0.0.1:%d%s' % (port, path), headers={'Host': host}).close()
        return 101
    except tornado.httpclient.HTTPClientError as error:
        return error.code


@pytest.mark.parametrize('platform', WEBSOCKET + HTTP)
def test_loopback_server_refuses_another_host_name(platform, limited):
    port, api = limited[platform]
    page = '/hello/' if platform.startswith('path_deploy') else '/?app=greet'
    static = '/hello/js/pywebio.js' if platform.startswith('path_deploy') else '/js/pywebio.js'
    evil = 'evil.example:%d' % port
    for path in (page, static):
        status, text = get(port, path, evil)
        assert (status, text) == (403, REFUSED_TEXT), path
    if platform in WEBSOCKET:
        assert websocket_status(port, api, evil) == 403
    else:
        assert get(port, api + ('&' if '?' in api else '?') + 'test=1', evil)[0] == 403
    for host in ('localhost:%d' % port, '127.0.0.1:%d' % port, '[::1]:%d' % port, 'app.localhost'):
        assert get(port, page, host)[0] == 200, host
        assert get(port, static, host)[0] == 200, host


def test_allowed_hosts_admits_a_named_host_and_script_servers_check_by_themselves():
    def task():
        put_text('hi')

    server = BackgroundServer(make_application(webio_handler(task)), allowed_hosts=['*.example.com']).start()
    try:
        assert get(server.port, '/', 'tools.example.com')[0] == 200
        assert get(server.port, '/', 'example.org:%d' % server.port)[0] == 403
        assert websocket_status(server.port, '/io', 'tools.example.com') == 101
        assert websocket_status(server.port, '/io', 'evil.example') == 403
    finally:
        server.stop()


def test_a_mounted_handler_checks_its_api_only_when_given_allowed_hosts(flask_server):
    url, transport = flask_server(greet_counted([]), allowed_hosts=['tools.example.com'])
    assert HttpClient(url).request('GET', query='?test=1', headers={'Host': 'evil.example'})[0] == 403
    assert HttpClient(url).request('GET', query='?test=1', headers={'Host': 'tools.example.com'})[0] == 200
    open_url, _ = flask_server(greet_counted([]))  # no allowed_hosts: the bind address is not known
    assert HttpClient(open_url).request('GET', query='?test=1', headers={'Host': 'evil.example'})[0] == 200


def test_a_mounted_websocket_handler_checks_its_api_when_given_allowed_hosts():
    def task():
        put_text('hi')

    handler = webio_handler(task, allowed_hosts=['tools.example.com'])
    server = BackgroundServer(make_application(handler), allowed_hosts=['*']).start()  # the app: no check
    try:
        assert get(server.port, '/', 'evil.example')[0] == 200
        assert websocket_status(server.port, '/io', 'evil.example') == 403
        assert websocket_status(server.port, '/io', 'tools.example.com') == 101
        assert websocket_status(server.port, '/io', 'localhost:%d' % server.port) == 101
    finally:
        server.stop()

"""Slow clients cannot hold a server (security hole 5 of issue 23, "slowloris"): on every platform,
300 connections that send half a request header and hold it neither keep a bystander from the
page and a session, nor stay open past the header timeout; and one address cannot hold more than
its share of connections (`pywebio.platform.connections`).

Each server is a real process (test/apps/platform_app.py) with a short header timeout, so that the
test is quick; one runs with the default to show that it is 10 s, not Tornado's hour.
"""
import selectors
import socket
import time
import urllib.request

import pytest

from pywebio.input import input as ask
from pywebio.platform.connections import HEADER_TIMEOUT
from pywebio.platform.tornado import BackgroundServer, make_application, webio_handler
from pywebio.testing import WebIOClient
from test.helpers import platform_servers, wait_for
from test.protocol.test_http_transport import HttpClient

WEBSOCKET = ['tornado', 'aiohttp', 'fastapi', 'path_deploy']
HTTP = ['tornado_http', 'flask', 'django']

#: connections holding half a request header, per server
HELD = 300
#: the header timeout of the quick servers (seconds)
SHORT = 1.0
#: the longest wait a bystander may have for the page and a session (seconds)
BYSTANDER_WAIT = 2.0
#: the per-address cap of the servers that test it
CAP = 20

HALF_HEADER = b'GET /?app=greet HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\nX-Slow: '

APP_FILE = '''
from pywebio.input import input

def main():
    input("What's your name?")
'''


def api_path(platform):
    return '/hello/io' if platform == 'path_deploy' else '/io?app=greet'


@pytest.fixture(scope='module')
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp('slowloris')
    (folder / 'hello.py').write_text(APP_FILE)
    return folder


@pytest.fixture(scope='module')
def quick(folder):
    """Every platform's start_server with a header timeout of `SHORT`: ``{platform: port}``."""
    wanted = [(name, name, 'list', (folder,) if name == 'path_deploy' else ()) for name in WEBSOCKET + HTTP]
    with platform_servers(wanted, {'connection_limits': {'header_timeout': SHORT}}) as started:
        yield {key: port for key, (port, _) in started.items()}


@pytest.fixture(scope='module')
def capped():
    """Tornado (an event loop) and Flask (a thread per connection) with the default timeouts and
    at most `CAP` connections per address: ``{platform: port}``."""
    wanted = [(name, name, 'list', ()) for name in ('tornado', 'flask')]
    with platform_servers(wanted, {'connection_limits': {'max_connections_per_ip': CAP}}) as started:
        yield {key: port for key, (port, _) in started.items()}


def non_loopback_address():
    """An address of this machine that is not a loopback one: a socket bound to it connects to a
    server on 127.0.0.1 as a client from elsewhere would. Connecting a UDP socket sends nothing."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(('192.0.2.1', 9))
        address = probe.getsockname()[0]
    except OSError:
        address = '127.0.0.1'
    finally:
        probe.close()
    assert not address.startswith('127.'), (
        'this test needs a network interface with an address that is not loopback, to connect from an '
        'address that the per-address cap counts; this machine has none')
    return address


def hold(port, count, source=None, request=HALF_HEADER):
    """``count`` connections to ``port`` that each sent ``request`` (half a header) and wait."""
    held = []
    try:
        for _ in range(count):
            sock = socket.socket()
            if source is not None:
                sock.bind((source, 0))
            sock.connect(('127.0.0.1', port))
            if request:
                sock.sendall(request)
            held.append(sock)
    except BaseException:
        close_all(held)
        raise
    return held


def close_all(socks):
    for sock in socks:
        sock.close()


def closed_by_server(socks, timeout):
    """Wait up to ``timeout`` seconds for the server to close every one of ``socks``; return those
    still open then."""
    selector = selectors.DefaultSelector()
    for sock in socks:
        selector.register(sock, selectors.EVENT_READ)
    open_ones = set(socks)
    deadline = time.monotonic() + timeout
    while open_ones and time.monotonic() < deadline:
        for key, _ in selector.select(max(0.0, deadline - time.monotonic())):
            try:
                data = key.fileobj.recv(65536)
            except ConnectionError:
                data = b''
            if not data:  # the end of the connection (anything else is an answer: read on)
                selector.unregister(key.fileobj)
                open_ones.discard(key.fileobj)
    selector.close()
    return open_ones


def bystander(port, platform):
    """A visitor: loads the page, opens a session and reads its first form. Returns the seconds
    it waited."""
    began = time.monotonic()
    page = 'http://127.0.0.1:%d/%s' % (port, 'hello/' if platform == 'path_deploy' else '?app=greet')
    with urllib.request.urlopen(page, timeout=30) as response:
        assert response.status == 200
        assert b'<html' in response.read().lower()
    if platform in HTTP:
        client = HttpClient('http://127.0.0.1:%d%s' % (port, api_path(platform)))
        client.open()
        commands = client.commands_until('input_group')
        assert any(c['command'] == 'input_group' for c in commands)
        client.request('POST', None, {'WebIO-Close': '1'})
    else:
        client = WebIOClient('ws://127.0.0.1:%d%s' % (port, api_path(platform)))
        try:
            client.expect('input_group', timeout=30)
        finally:
            client.close()
    return time.monotonic() - began


@pytest.mark.parametrize('platform', WEBSOCKET + HTTP)
def test_half_sent_headers_neither_block_a_visitor_nor_outlive_the_header_timeout(platform, quick):
    port = quick[platform]
    held = hold(port, HELD)
    try:
        began = time.monotonic()
        waited = bystander(port, platform)
        assert waited < BYSTANDER_WAIT, '%s: the visitor waited %.2fs beside %d slow clients' % (platform, waited, HELD)
        still_open = closed_by_server(held, SHORT + 3)
        assert not still_open, '%s: %d of %d slow connections were still open %.1fs after the header timeout' % (
            platform, len(still_open), HELD, time.monotonic() - began - SHORT)
    finally:
        close_all(held)
    assert bystander(port, platform) < BYSTANDER_WAIT  # and the server is well after


def test_a_background_server_as_script_mode_runs_it_times_out_half_sent_headers():
    """Script mode serves from a `BackgroundServer`: the same guard holds there."""
    handler = webio_handler({'greet': lambda: ask('Name?')})
    server = BackgroundServer(make_application(handler), connection_limits={'header_timeout': SHORT}).start()
    try:
        held = hold(server.port, HELD)
        try:
            assert bystander(server.port, 'tornado') < BYSTANDER_WAIT
            assert not closed_by_server(held, SHORT + 3)
        finally:
            close_all(held)
    finally:
        server.stop()


def test_a_request_that_arrives_slowly_but_in_time_is_answered(quick):
    """The header timeout bounds the whole head, not one read: a head sent in pieces within it is
    served."""
    sock = socket.create_connection(('127.0.0.1', quick['tornado']))
    try:
        for piece in (b'GET /?app=greet HTTP/1.1\r\n', b'Host: 127.0.0.1\r\n', b'Connection: close\r\n', b'\r\n'):
            sock.sendall(piece)
            time.sleep(SHORT / 5)  # a slow client, not a stalled one
        answer = b''
        while True:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
        assert answer.startswith(b'HTTP/1.1 200')
    finally:
        sock.close()


@pytest.mark.parametrize('platform', ['tornado', 'flask'])
def test_the_default_header_timeout_closes_a_slow_client_after_10_seconds(platform, capped):
    """The default is `HEADER_TIMEOUT`, 10 s (Tornado's own would be an hour). Loopback clients
    are not capped per address: all of them stay connected until then."""
    assert HEADER_TIMEOUT == 10
    port = capped[platform]
    held = hold(port, 5 * CAP)
    try:
        assert len(closed_by_server(held, HEADER_TIMEOUT - 2)) == 5 * CAP, 'closed before the header timeout'
        assert not closed_by_server(held, 4), 'still open 2s after the default header timeout'
    finally:
        close_all(held)


@pytest.mark.parametrize('platform', ['tornado', 'flask'])
def test_an_address_over_its_connection_cap_is_closed_at_once_and_others_are_served(platform, capped):
    port = capped[platform]
    source = non_loopback_address()
    held = hold(port, CAP, source=source)
    try:
        assert len(closed_by_server(held, 0.5)) == CAP  # within the cap: kept
        extra = hold(port, 3, source=source, request=b'')
        try:
            assert not closed_by_server(extra, 2), 'a connection over the cap was not closed'
        finally:
            close_all(extra)
        assert bystander(port, platform) < BYSTANDER_WAIT  # loopback: another address
    finally:
        close_all(held)
    # once the server has seen the address's connections close, it serves the address again
    wait_for(lambda: served_from(source, port), timeout=5, what='a connection from %s served again' % source)


def served_from(source, port):
    """Whether a page request from ``source`` is answered (not closed unanswered)."""
    sock, = hold(port, 1, source=source, request=b'GET /?app=greet HTTP/1.1\r\nHost: 127.0.0.1\r\n'
                                                 b'Connection: close\r\n\r\n')
    try:
        return sock.recv(65536).startswith(b'HTTP/1.1 200')
    except ConnectionError:
        return False
    finally:
        sock.close()

"""A session survives a dropped WebSocket (docs/protocol.md, "Reconnecting"), on every WebSocket
platform, with the test client's `drop` and `resume`."""
import asyncio
import concurrent.futures
import json
import threading
import time

import pytest
import tornado.websocket

from pywebio.exceptions import SessionClosedException
from pywebio.input import input
from pywebio.output import put_buttons, put_text
from pywebio.platform import resume
from pywebio.session import defer_call, hold
from test.apps.recorded import greet
from test.helpers import serve_platform, wait_for, websocket_api

PLATFORMS = ['tornado', 'aiohttp', 'fastapi']


@pytest.mark.parametrize('platform', PLATFORMS)
def test_input_answered_across_a_drop_returns_once_and_the_task_never_sees_it(platform):
    seen = []
    with serve_platform(platform, greet(seen)) as server, server.connect() as client:
        form = client.expect('input_group')
        assert client.session_key and client.session_secret
        client.drop()
        client.submit(form, {'data': 'Ann'})  # while offline: kept, sent after the resume
        client.resume()
        assert client.expect('output')['spec']['content'] == 'Hello, Ann'
        client.expect('close_session')
        wait_for(lambda: 'deferred' in seen)
    assert seen == ['Ann', 'deferred']


@pytest.mark.parametrize('platform', PLATFORMS)
def test_commands_sent_while_detached_arrive_in_order_exactly_once(platform):
    detached, sent = threading.Event(), threading.Event()

    def task():
        input('Go')
        detached.wait(10)
        for i in range(3000):
            put_text(i)
        sent.set()
        input('More')

    with serve_platform(platform, task) as server, server.connect() as client:
        client.submit(client.expect('input_group'), {'data': ''})
        client.expect('destroy_form')
        client.drop()
        detached.set()
        assert sent.wait(10)  # all 3,000 sent into the detached session before the page is back
        client.resume()
        contents = [client.expect('output')['spec']['content'] for _ in range(3000)]
        assert contents == [str(i) for i in range(3000)]
        assert client.next_command()['command'] == 'input_group'  # nothing twice, nothing between


@pytest.mark.parametrize('platform', PLATFORMS)
def test_clicks_in_flight_at_the_drop_are_applied_exactly_once(platform):
    clicks = []

    def task():
        put_buttons(['add'], onclick=lambda _: (clicks.append(1), put_text('clicks %d' % len(clicks))))
        hold()

    with serve_platform(platform, task) as server, server.connect() as client:
        buttons = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        for _ in range(20):
            client.click(buttons, 0)
        client.drop()  # some clicks reached the server, some may not have: none acknowledged yet
        for _ in range(5):
            client.click(buttons, 0)
        client.resume()
        client.expect('output', where=lambda c: c['spec'].get('content') == 'clicks 25')
        client.resume()  # and again, with every click acknowledged or not
        client.click(buttons, 0)
        client.expect('output', where=lambda c: c['spec'].get('content') == 'clicks 26')
    assert len(clicks) == 26


@pytest.mark.parametrize('platform', PLATFORMS)
def test_closing_the_page_still_ends_the_session_at_once(platform):
    seen = []
    with serve_platform(platform, greet(seen)) as server:
        with server.connect() as client:
            client.expect('input_group')
        wait_for(lambda: len(seen) == 2, timeout=5)  # well before the 60 s reconnect timeout
        assert sorted(seen) == ['closed', 'deferred']
        with server.connect() as client:
            client.expect('input_group')
            client.send({'transport': 'leave'})  # what the page sends on pagehide
            assert client.wait_closed() == 1000
        wait_for(lambda: seen.count('deferred') == 2 and seen.count('closed') == 2, timeout=5)


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_session_not_resumed_in_time_ends_and_refuses_the_resume(platform):
    seen = []
    with serve_platform(platform, greet(seen), reconnect_timeout=0.5) as server, server.connect() as client:
        client.expect('input_group')
        client.drop()
        wait_for(lambda: len(seen) == 2, timeout=5)  # the input raised, defer_call ran (in either order)
        assert sorted(seen) == ['closed', 'deferred']
        client.resume()
        assert client.next_command() is None
        assert client.close_code == resume.RESUME_REFUSED


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_session_ended_for_a_protocol_error_is_not_kept_for_a_resume(platform):
    """Else every bad frame would hold its ended session's memory for reconnect_timeout."""
    seen = []
    with serve_platform(platform, greet(seen)) as server, server.connect() as client:
        client.expect('input_group')
        client.send_raw('not JSON')
        assert client.expect('close_session')['spec']['reason'] == 'invalid_message'
        assert client.wait_closed() == 1003
        client.resume()
        assert client.next_command() is None
        assert client.close_code == resume.RESUME_REFUSED


@pytest.mark.parametrize('platform', PLATFORMS)
def test_reconnect_timeout_zero_keeps_the_old_behaviour(platform):
    seen = []
    with serve_platform(platform, greet(seen), reconnect_timeout=0) as server, server.connect() as client:
        client.expect('input_group')
        assert client.session_key is None  # no session message: nothing to resume with
        client.drop()
        wait_for(lambda: len(seen) == 2, timeout=5)  # the input raised, defer_call ran (in either order)
        assert sorted(seen) == ['closed', 'deferred']


def _raw_resume(url, key, secret, commands=0):
    """Open a WebSocket that resumes ``key`` with ``secret``; return (close code, frames read)."""
    async def run():
        connection = await tornado.websocket.websocket_connect('%s?resume=%s' % (url, key))
        connection.write_message(json.dumps({'transport': 'resume', 'key': key, 'secret': secret,
                                             'commands': commands}))
        frames = []
        while True:
            frame = await connection.read_message()
            if frame is None:
                return connection.close_code, frames
            frames.append(json.loads(frame))
            if isinstance(frames[-1], dict) and frames[-1].get('transport') == 'resumed':
                connection.protocol.stream.close()  # a drop: the session stays, detached
                return None, frames
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # Playwright may run a loop in this thread
        return pool.submit(asyncio.run, run()).result(timeout=10)


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_wrong_secret_is_refused_and_the_page_can_still_resume(platform):
    seen = []
    with serve_platform(platform, greet(seen)) as server, server.connect() as client:
        form = client.expect('input_group')
        client.drop()
        guess = client.session_secret[:-2] + ('AA' if not client.session_secret.endswith('AA') else 'BB')
        assert _raw_resume(server.ws_url, client.session_key, guess) == (resume.RESUME_REFUSED, [])
        assert _raw_resume(server.ws_url, client.session_key + 'x', client.session_secret)[0] == resume.RESUME_REFUSED
        client.resume()
        client.submit(form, {'data': 'Bo'})
        assert client.expect('output')['spec']['content'] == 'Hello, Bo'


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_second_resume_replaces_the_first_connection(platform):
    seen = []
    with serve_platform(platform, greet(seen)) as server, server.connect() as client:
        form = client.expect('input_group')
        key, secret = client.session_key, client.session_secret
        # a resume while the server still holds the first connection (a half-open socket)
        close_code, frames = _raw_resume(server.ws_url, key, secret, client.commands_received)
        assert frames == [{'transport': 'resumed', 'events': 0}]
        assert client.wait_closed() == resume.REPLACED  # the first connection is closed, not shared
        client.resume()
        client.submit(form, {'data': 'Cy'})
        assert client.expect('output')['spec']['content'] == 'Hello, Cy'
    assert 'closed' not in seen


def test_a_silent_page_is_found_by_the_ping_and_only_detaches(monkeypatch):
    monkeypatch.setattr(resume, 'PING_INTERVAL', 0.2)
    seen = []
    with serve_platform('tornado', greet(seen)) as server, server.connect() as client:
        form = client.expect('input_group')
        client._acknowledge = lambda: None  # a peer that stops answering, without FIN or RST
        assert client.wait_closed(timeout=5) == 4000
        client.resume()
        client.submit(form, {'data': 'Di'})
        assert client.expect('output')['spec']['content'] == 'Hello, Di'


def test_a_detached_session_that_sends_too_much_ends(monkeypatch):
    monkeypatch.setattr(resume, 'MAX_KEPT_BYTES', 10_000)
    seen = []

    def task():
        defer_call(lambda: seen.append('deferred'))
        input('Go')
        try:
            for i in range(100_000):
                put_text('line %d' % i)
                time.sleep(0.0001)
        except SessionClosedException:
            seen.append('closed')

    with serve_platform('tornado', task) as server, server.connect() as client:
        form = client.expect('input_group')
        client.drop()
        client.submit(form, {'data': ''})
        client.resume()
        client.expect('destroy_form')
        client.drop()
        wait_for(lambda: len(seen) == 2, timeout=10)
        assert sorted(seen) == ['closed', 'deferred']
        client.resume()
        assert client.wait_closed() == resume.RESUME_REFUSED


def test_a_resuming_connection_that_says_nothing_is_closed(monkeypatch):
    monkeypatch.setattr(resume, 'RESUME_WAIT', 0.2)

    async def run(url):
        connection = await tornado.websocket.websocket_connect(url + '?resume=0.anything')
        assert await connection.read_message() is None
        return connection.close_code

    with serve_platform('tornado', greet([])) as server:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            assert pool.submit(asyncio.run, run(server.ws_url)).result(timeout=10) == resume.RESUME_REFUSED


@pytest.mark.parametrize('value', [-1, None, True, '60', float('nan'), float('inf')])
def test_a_wrong_reconnect_timeout_is_refused_with_a_clear_message(value):
    from pywebio.platform import aiohttp, fastapi, tornado
    for entry in (tornado.webio_handler, aiohttp.webio_handler, fastapi.webio_routes):
        with pytest.raises(ValueError, match='reconnect_timeout must be a number of seconds, 0 or more'):
            entry(greet([]), reconnect_timeout=value)


def test_script_mode_resumes_too(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from pywebio.testing import WebIOClient
    root = Path(__file__).parents[2]
    url_file = tmp_path / 'url'
    script = subprocess.Popen(
        [sys.executable, str(root / 'test/apps/script_mode.py')], cwd=str(root), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={'PYTHONPATH': str(root), 'PATH': '/usr/bin:/bin',
             'BROWSER': '%s %s %s %%s' % (sys.executable, root / 'test/apps/record_url.py', url_file)})
    try:
        wait_for(lambda: url_file.exists() and url_file.read_text(), what='script mode to open its page')
        with WebIOClient(websocket_api(url_file.read_text())) as client:
            form = client.expect('input_group')
            client.drop()  # a laptop that slept: the script waits in input(), none the wiser
            client.resume()
            client.submit(form, {'data': 'Ann'})
            assert client.expect('output')['spec']['content'] == 'Hello, Ann'
            client.expect('close_session')
        assert script.wait(20) == 0  # not 3: the script never saw SessionClosedException
    finally:
        script.kill()
        script.communicate()


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_message_the_server_fails_on_ends_the_session_with_1011(platform, monkeypatch):
    def fails(self, carrier, message):
        raise RuntimeError('a bug in the server')
    seen = []
    with serve_platform(platform, greet(seen)) as server, server.connect() as client:
        client.expect('input_group')
        monkeypatch.setattr(resume.KeptSession, 'receive', fails)
        client.send({'event': 'form_submit', 'task_id': 'x', 'data': {}})
        assert client.wait_closed() == 1011
        wait_for(lambda: 'deferred' in seen)  # the session has ended, not detached


@pytest.mark.parametrize('platform', PLATFORMS)
@pytest.mark.parametrize('debug', [False, True])
def test_only_a_debug_server_tells_the_page_to_reload_when_it_cannot_resume(platform, debug):
    from websockets.sync.client import connect
    with serve_platform(platform, greet([]), debug=debug) as server, connect(server.ws_url) as socket:
        first = json.loads(socket.recv(timeout=10))
    assert first['transport'] == 'session'
    assert first.get('reload', False) is debug

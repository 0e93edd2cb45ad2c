"""A close frame without a status code (RFC 6455 reports it as 1005) is a client leaving, on every
WebSocket platform and in script mode: its session ends at once, thread and all, instead of
waiting 60 s for a resume (docs/protocol.md, "Leaving and dropping"). A connection that ends
without any close frame still only detaches its session, which resumes."""
import asyncio
import concurrent.futures
import json
import sys
import threading

import pytest
import tornado.websocket

from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import defer_call
from pywebio.testing import WebIOClient
from test.helpers import APPS, listening_port, output_of, serve_platform, wait_for, websocket_api

PLATFORMS = ['tornado', 'aiohttp', 'fastapi']

#: Clients per platform (the review ran 1,000 against Tornado: 1,002 threads were left 5 s later).
CLIENTS = 200


def bare_close_clients(url, count):
    """``count`` clients that each open a session on ``url``, wait for its first input, and close
    with a close frame that has no status code, as Tornado's ``close()`` does; returns once the
    server has answered every close."""
    async def one():
        connection = await tornado.websocket.websocket_connect(url)
        while True:
            frame = await connection.read_message()
            assert frame is not None, 'the server closed a session before its input'
            frame = json.loads(frame)
            if isinstance(frame, list) and any(c.get('command') == 'input_group' for c in frame):
                break
        connection.close()  # no code: a bare close frame
        while await connection.read_message() is not None:
            pass

    async def run():
        for first in range(0, count, 50):
            await asyncio.gather(*(one() for _ in range(min(50, count - first))))
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # a loop of its own, whatever this thread runs
        pool.submit(asyncio.run, run()).result(timeout=120)


def session_threads():
    return sum(1 for thread in threading.enumerate() if thread.name == 'pywebio-task-bare_close_app')


@pytest.mark.parametrize('platform', PLATFORMS)
def test_bare_close_frames_end_their_sessions_and_a_drop_still_resumes(platform):
    deferred = []

    def bare_close_app():
        defer_call(lambda: deferred.append(1))
        put_text('Hello, %s' % input('Your name'))

    with serve_platform(platform, bare_close_app) as server, server.connect() as dropped:
        form = dropped.expect('input_group')
        dropped.drop()  # no close frame at all: the session waits for its page (60 s by default)
        bare_close_clients(server.ws_url, CLIENTS)
        wait_for(lambda: len(deferred) >= CLIENTS and session_threads() <= 1, timeout=10,
                 what='the sessions closed without a code to end')
        assert (len(deferred), session_threads()) == (CLIENTS, 1)  # the dropped one is still there
        dropped.resume()
        dropped.submit(form, {'data': 'Bo'})
        assert dropped.expect('output')['spec']['content'] == 'Hello, Bo'
    wait_for(lambda: len(deferred) == CLIENTS + 1 and session_threads() == 0, timeout=10)


def test_a_bare_close_frame_ends_script_mode_at_once(run_app, tmp_path):
    url_file = tmp_path / 'url'
    script = run_app(APPS / 'script_mode.py',
                     env={'BROWSER': '%s %s %s %%s' % (sys.executable, APPS / 'record_url.py', url_file)})
    wait_for(lambda: url_file.exists() and url_file.read_text(), what='script mode to open its page')
    bare_close_clients(websocket_api(url_file.read_text()), 1)
    # the script's input() raised at once, not after the 60 s a dropped tab is waited for
    output = output_of(script, timeout=10)
    assert script.returncode == 3 and 'caught SessionClosedException' in output, output


def test_a_bare_close_frame_through_a_relay_ends_the_session_in_its_process(run_app, tmp_path):
    """With processes=2, a resume that lands on the other process is relayed to the owner
    (pywebio/platform/relay.py): a close frame without a code must reach the owner as one."""
    deferred = tmp_path / 'deferred'
    deferred.touch()
    server = run_app(APPS / 'processes_app.py', args=[2], env={'PYWEBIO_TEST_DEFERRED': str(deferred)})
    port = listening_port(server)
    with WebIOClient('ws://127.0.0.1:%d/io' % port) as client:
        owner = int(client.expect('output')['spec']['content'].split()[1])
        client.expect('input_group')
        relays = lambda: server.test_output.text().count('relaying a resumed session')  # noqa: E731
        for _ in range(40):  # the kernel hands each new connection to either process
            before = relays()
            client.resume()  # drops the connection first: the session waits, detached
            try:  # the relaying process logs it before the owner answers the resume
                wait_for(lambda: relays() > before, timeout=0.5)
                break
            except AssertionError:
                continue  # the owner took this connection itself
        else:
            pytest.fail('no resume was relayed')
        client._loop.call_soon_threadsafe(client._conn.close)  # no code: a bare close frame
        client.wait_closed()
        wait_for(lambda: deferred.read_text().split() == [str(owner)], timeout=10,
                 what='the session to end in its process, not to wait 60 s')

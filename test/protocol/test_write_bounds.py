"""A client that does not read, or does not acknowledge, cannot fill the server (security #23,
hole 3; docs/protocol.md "Bounds", docs/reliability.md).

The attacks are the review's: a raw client that does the WebSocket handshake and then never
reads its socket (a small receive buffer) while its app keeps putting output; plain WebSocket
clients that click thousands of times and never acknowledge. The servers run in this process, so
their memory is this process's (RSS sampled during the attack, or tracemalloc).
"""
import asyncio
import base64
import concurrent.futures
import gc
import json
import os
import socket
import struct
import threading
import time
import tracemalloc

import pytest
import tornado.websocket

from pywebio.exceptions import SessionClosedException
from pywebio.input import input
from pywebio.output import put_buttons, put_text
from pywebio.platform import resume, unsent
from pywebio.session import get_current_session, hold
from pywebio.session.base import OverLimit
from test.helpers import serve_platform, wait_for

PLATFORMS = ['tornado', 'aiohttp', 'fastapi']
MIB = 1024 * 1024

#: The flood's output: 2,000 texts of 128 KiB, 250 MiB were nothing to bound it.
CHUNK = 'x' * (128 * 1024)
CHUNKS = 2000
#: What the server may grow by under one client that does not read: its unsent bound (16 MiB),
#: what its session keeps for a resume (up to 8 MiB), the frames being encoded, the allocator.
MAX_GROWTH = 64 * MIB


def rss() -> int:
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) * 1024
    raise AssertionError('no VmRSS')


class PeakRSS:
    """The highest RSS of this process while the ``with`` block runs (sampled every 5 ms)."""

    def __enter__(self) -> 'PeakRSS':
        self.start = self.peak = rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss())

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth(self) -> int:
        return self.peak - self.start


class RawClient:
    """A plain socket that does the WebSocket handshake for ``path``, then reads nothing."""

    def __init__(self, port: int, path: str) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect(('127.0.0.1', port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(('GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                           'Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n' % (path, port, key)).encode())
        head = b''
        while b'\r\n\r\n' not in head:
            byte = self.sock.recv(1)
            assert byte, 'the server closed during the handshake: %r' % head
            head += byte
        assert head.startswith(b'HTTP/1.1 101'), head

    def gone_within(self, timeout: float) -> bool:
        """Read (and drop) everything until the server has closed the connection."""
        self.sock.settimeout(timeout)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if not self.sock.recv(1 << 20):
                    return True
        except ConnectionResetError:
            return True
        except socket.timeout:
            pass
        return False

    def close(self) -> None:
        self.sock.close()


def flood(ended):
    """An app that puts 250 MiB of text, a bit at a time, and records why its session ended."""
    def flood_app():
        session = get_current_session()
        try:
            for _ in range(CHUNKS):
                put_text(CHUNK)
                time.sleep(0.002)
        except SessionClosedException:
            ended.append(session.protocol_error)
        hold()
    return flood_app


def greet():
    put_text('Hello, %s' % input('Your name'))
    hold()


def round_trip(client) -> float:
    """Answer the bystander's form; the seconds until its output arrives."""
    started = time.monotonic()
    client.submit(client.expect('input_group'), {'data': 'Bo'})
    assert client.expect('output')['spec']['content'] == 'Hello, Bo'
    return time.monotonic() - started


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_client_that_does_not_read_ends_its_own_session_only(platform):
    ended = []
    unsent_before = unsent.unsent_total()  # other tests' servers of this process may hold some
    with serve_platform(platform, {'index': greet, 'flood': flood(ended)}) as server, \
            server.connect() as bystander:
        with PeakRSS() as memory:
            reader = RawClient(server.port, '/io?app=flood')
            wait_for(lambda: ended, timeout=20, what='the flooding session to end')
            wait_seconds = round_trip(bystander)  # while the stuck connection lingers
        try:
            assert isinstance(ended[0], OverLimit)
            assert 'does not read' in str(ended[0])
            assert memory.growth < MAX_GROWTH, 'grew %.1f MiB' % (memory.growth / MIB)
            assert wait_seconds < 2
            assert reader.gone_within(20), 'the server kept the connection of a client that does not read'
            wait_for(lambda: unsent.unsent_total() <= unsent_before, timeout=10, what='the unsent bytes to be freed')
        finally:
            reader.close()


def test_the_process_bound_ends_the_largest_holders(monkeypatch):
    monkeypatch.setattr(unsent, 'MAX_UNSENT_TOTAL', 8 * MIB)  # 4 readers pass it, none its own 16 MiB
    ended = []
    with serve_platform('tornado', {'index': greet, 'flood': flood(ended)}) as server, \
            server.connect() as bystander:
        readers = [RawClient(server.port, '/io?app=flood') for _ in range(4)]
        try:
            wait_for(lambda: len(ended) == 4, timeout=20, what='every flooding session to end')
            assert all('the server holds 8 MiB' in str(error) for error in ended), ended
            assert round_trip(bystander) < 2
            assert all(reader.gone_within(20) for reader in readers)
        finally:
            for reader in readers:
                reader.close()


def clicks_app():
    put_buttons(['+'], onclick=lambda _: put_text('clicked'))
    hold()


async def click(url: str, clicks: int, settled) -> None:
    """A plain WebSocket client that never acknowledges: clicks ``clicks`` times, waiting for
    each reply; then calls ``settled()`` while it is still connected."""
    connection = await tornado.websocket.websocket_connect(url)
    callback_id = None
    while callback_id is None:
        frame = json.loads(await connection.read_message())
        for command in frame if isinstance(frame, list) else ():
            if command.get('command') == 'output' and command['spec']['type'] == 'buttons':
                callback_id = command['spec']['callback_id']
    event = json.dumps({'event': 'callback', 'task_id': callback_id, 'data': 0})
    replies = 0
    while replies < clicks:
        await connection.write_message(event)
        frame = json.loads(await connection.read_message())
        replies += len(frame) if isinstance(frame, list) else 0  # transport messages: ignored
    await settled()
    connection.close(1000)


def run_clients(*coroutines) -> None:
    async def run():
        await asyncio.gather(*coroutines)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result(timeout=60)


def test_a_client_that_never_acknowledges_keeps_little():
    growth = {}

    async def settled():  # once ACK_GRACE has passed since the session began
        await asyncio.sleep(resume.ACK_GRACE + 0.5 - (time.monotonic() - started))
        gc.collect()
        snapshot = tracemalloc.take_snapshot()
        growth['all'] = sum(stat.size_diff for stat in snapshot.compare_to(before, 'filename'))
        # the page's model of its 5,000 outputs (pywebio/_page.py) is the app's, whatever the transport
        transport = snapshot.filter_traces([tracemalloc.Filter(False, '*/pywebio/_page.py')])
        growth['transport'] = sum(stat.size_diff for stat in transport.compare_to(
            before.filter_traces([tracemalloc.Filter(False, '*/pywebio/_page.py')]), 'filename'))

    with serve_platform('tornado', clicks_app) as server:
        run_clients(click(server.ws_url, 10, lambda: asyncio.sleep(0)))  # the first runs of the code
        tracemalloc.start()
        try:
            started = time.monotonic()
            before = tracemalloc.take_snapshot()
            run_clients(click(server.ws_url, 5000, settled))
        finally:
            tracemalloc.stop()
    # the review: 1.1 MiB for 5,000 clicks, all of it kept for a resume that cannot come
    assert growth['transport'] < 200 * 1024, 'kept %d KiB' % (growth['transport'] // 1024)
    assert growth['all'] < 400 * 1024, 'grew %d KiB' % (growth['all'] // 1024)


def test_many_clients_that_never_acknowledge_stay_under_the_process_bound(monkeypatch):
    monkeypatch.setattr(resume, 'MAX_KEPT_TOTAL', 1 * MIB)
    monkeypatch.setattr(resume, 'ACK_GRACE', 60.0)  # only the process bound holds them back
    peak = []

    def big_start():
        put_text('y' * (100 * 1024))  # 40 pages: 4 MiB kept, were the process not bounding it
        clicks_app()

    async def settled():
        peak.append(resume.kept_total.bytes)

    with serve_platform('tornado', {'index': greet, 'big': big_start}) as server, \
            server.connect() as page:
        form = page.expect('input_group')
        run_clients(*(click(server.ws_url + '?app=big', 20, settled) for _ in range(40)))
        assert max(peak) <= 1 * MIB + 110 * 1024, peak  # the bound, and the frame that passed it
        page.drop()  # a page that acknowledges kept what it lacks: it resumes
        page.resume()
        page.submit(form, {'data': 'Bo'})
        assert page.expect('output')['spec']['content'] == 'Hello, Bo'

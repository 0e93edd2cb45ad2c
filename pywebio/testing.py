"""Test PyWebIO apps without a browser: a real server and a WebSocket client that speaks the protocol.

::

    from pywebio.testing import serve

    def task():
        name = input("What's your name?")
        put_text('Hello', name)

    def test_greets_by_name():
        with serve(task) as server, server.connect() as client:
            form = client.expect('input_group')
            client.submit(form, {'data': 'Ann'})
            assert client.expect('output')['spec']['content'] == 'Hello Ann'

The client sees exactly what a browser sees (see docs/protocol.md): `expect` returns the next
command of a kind and raises `AssertionError` if it does not come in time.

It also does what the page does to survive a dropped connection (docs/protocol.md,
"Reconnecting"), so an app can be tested against a flaky network: `WebIOClient.drop` cuts the
connection without a close frame, as a lost network does, and `WebIOClient.resume` reconnects
and resumes the session. Events sent while dropped are kept and go out after the resume::

    with serve(task) as server, server.connect() as client:
        form = client.expect('input_group')
        client.drop()                       # the task keeps running, detached
        client.submit(form, {'data': 'Ann'})
        client.resume()                     # the event is delivered once, nothing is lost
        assert client.expect('output')['spec']['content'] == 'Hello Ann'
"""
import asyncio
import contextlib
import json
import queue
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

import tornado.httpclient
import tornado.websocket

from .platform.resume import ACK_DELAY

__all__ = ['serve', 'TestServer', 'WebIOClient']

_CLOSED = object()


class WebIOClient:
    """A synchronous WebSocket client of one PyWebIO session, for tests.

    Commands from the server are kept in order; `expect` and `next_command` take them one by one.
    Like the page, it numbers what both sides send and acknowledges it, so that `drop` and
    `resume` lose nothing. ``session_key`` and ``session_secret`` are what the server gave it
    to resume with (None when the server keeps no session across connections).
    """

    def __init__(self, url: str, headers: Optional[Dict[str, str]] = None,
                 timeout: float = 10) -> None:
        self.url = url
        self.headers = dict(headers or {})
        self.timeout = timeout
        self.session_key: Optional[str] = None
        self.session_secret: Optional[str] = None
        self.commands_received = 0
        self._events_sent = 0
        self._unacknowledged: List[tuple] = []  # (number, message) of events the server may lack
        self._ack_timer: Optional[asyncio.TimerHandle] = None
        self._resumed = threading.Event()
        self._queue: 'queue.SimpleQueue[Any]' = queue.SimpleQueue()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name='webio-client')
        self._thread.start()
        self._conn: Any = self._open(url)

    def _open(self, url: str, first_message: Optional[str] = None) -> Any:
        request = tornado.httpclient.HTTPRequest(url, headers=self.headers)

        async def connect() -> Any:
            connection: Any = None

            def on_message(message: Optional[Union[str, bytes]]) -> None:
                self._on_message(connection, message)
            connection = await tornado.websocket.websocket_connect(request, on_message_callback=on_message)
            self._conn = connection
            if first_message is not None:
                connection.write_message(first_message)
            return connection
        return asyncio.run_coroutine_threadsafe(connect(), self._loop).result(self.timeout)

    def _on_message(self, connection: Any, message: Optional[Union[str, bytes]]) -> None:
        if connection is not self._conn:
            return  # a connection this client dropped or replaced
        if message is None:
            self._queue.put(_CLOSED)
            self._resumed.set()
            return
        frame = json.loads(message)
        if isinstance(frame, dict):
            self._on_transport_message(frame)
            return
        self.commands_received += len(frame)
        if self.session_key is not None and self._ack_timer is None:
            self._ack_timer = self._loop.call_later(ACK_DELAY, self._acknowledge)
        for command in frame:
            self._queue.put(command)

    def _on_transport_message(self, message: dict) -> None:
        kind = message.get('transport')
        if kind == 'session':
            self.session_key, self.session_secret = message['key'], message['secret']
        elif kind == 'ping':
            self._forget_events(message['events'])
            self._acknowledge()
        elif kind == 'ack':
            self._forget_events(message['events'])
        elif kind == 'resumed':
            self._forget_events(message['events'])
            for _, event in self._unacknowledged:
                self._conn.write_message(event, binary=isinstance(event, bytes))
            self._resumed.set()

    def _forget_events(self, number: int) -> None:
        self._unacknowledged = [(n, event) for n, event in self._unacknowledged if n > number]

    def _acknowledge(self) -> None:
        self._ack_timer = None
        if self._conn is not None:
            self._write_now(json.dumps({'transport': 'ack', 'commands': self.commands_received}))

    @property
    def close_code(self) -> Optional[int]:
        """The code of the server's close frame (1000, 1013...); None while open, or if none came."""
        return self._conn.close_code if self._conn is not None else None

    @property
    def close_reason(self) -> Optional[str]:
        """The reason of the server's close frame, such as ``'server busy: ...'``."""
        return self._conn.close_reason if self._conn is not None else None

    # -- reading --------------------------------------------------------------------------

    def next_command(self, timeout: Optional[float] = None) -> Optional[dict]:
        """The next command; None if the connection closed first. AssertionError on timeout."""
        try:
            item = self._queue.get(timeout=self.timeout if timeout is None else timeout)
        except queue.Empty:
            raise AssertionError('no command from the server within %ss' % (timeout or self.timeout)) from None
        if item is _CLOSED:
            self._queue.put(_CLOSED)
            return None
        return item

    def expect(self, command: str, timeout: Optional[float] = None,
               where: Optional[Callable[[dict], bool]] = None) -> dict:
        """Skip commands until one named ``command`` (matching ``where``) arrives, and return it."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        skipped: List[str] = []
        while True:
            left = deadline - time.monotonic()
            item = self.next_command(timeout=max(left, 0.001))
            if item is None:
                raise AssertionError('the connection closed while waiting for %r (got %s)' % (command, skipped))
            if item.get('command') == command and (where is None or where(item)):
                return item
            skipped.append(item.get('command'))

    def wait_closed(self, timeout: Optional[float] = None) -> Optional[int]:
        """Wait until the server closes the connection; return the close code."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while self.next_command(timeout=max(deadline - time.monotonic(), 0.001)) is not None:
            pass
        return self.close_code

    # -- writing --------------------------------------------------------------------------

    def send(self, event: Any) -> None:
        """Send ``event`` as JSON (any JSON value, so tests can send malformed events too)."""
        self.send_raw(json.dumps(event))

    def send_raw(self, message: Union[str, bytes]) -> None:
        self._loop.call_soon_threadsafe(self._write, message)

    def _write(self, message: Union[str, bytes]) -> None:
        if self.session_key is not None:
            self._events_sent += 1
            self._unacknowledged.append((self._events_sent, message))
        if self._conn is not None:
            self._write_now(message)

    def _write_now(self, message: Union[str, bytes]) -> None:
        with contextlib.suppress(tornado.websocket.WebSocketClosedError):
            self._conn.write_message(message, binary=isinstance(message, bytes))

    # -- a flaky network ------------------------------------------------------------------

    def drop(self) -> None:
        """Cut the connection without a close frame, as a lost network does: the server keeps
        the session detached (for its ``reconnect_timeout``). Events sent until `resume` wait."""
        def cut() -> None:
            connection, self._conn = self._conn, None
            if connection is not None:
                connection.protocol.stream.close()
        asyncio.run_coroutine_threadsafe(_call(cut), self._loop).result(self.timeout)

    def resume(self) -> None:
        """Open a new connection and resume the session on it, as the page does after a drop.

        Returns once the server has resumed the session (commands missed in between then come
        as usual, and the events it had not received are sent again) or refused to: then the
        connection is closed, `next_command` returns None and `close_code` is 4404.
        """
        if self.session_key is None:
            raise RuntimeError('this server keeps no session across connections (reconnect_timeout=0)')
        if self._conn is not None:
            self.drop()
        self._resumed.clear()
        waiting = []
        while not self._queue.empty():
            waiting.append(self._queue.get())
        for item in waiting:
            if item is not _CLOSED:  # the end of a connection that was dropped or replaced
                self._queue.put(item)
        separator = '&' if '?' in self.url else '?'
        url = '%s%sresume=%s' % (self.url, separator, self.session_key)
        self._open(url, json.dumps({'transport': 'resume', 'key': self.session_key,
                                    'secret': self.session_secret, 'commands': self.commands_received}))
        if not self._resumed.wait(self.timeout):
            raise AssertionError('the server neither resumed nor refused the session within %ss' % self.timeout)

    def submit(self, form: dict, data: Optional[Dict[str, str]]) -> None:
        """Submit the form of the ``input_group`` command ``form`` with raw string ``data``."""
        self.send({'event': 'form_submit', 'task_id': form['task_id'], 'data': data})

    def upload(self, command: dict, chunk: Dict[str, Any], body: bytes = b'',
               secret: Optional[str] = None) -> Tuple[int, Dict[str, Any]]:
        """Send one request of the upload endpoint, as the page does (docs/protocol.md, *Uploading
        files*), for the form or pin reading of ``command`` (its ``spec['upload']``): ``chunk`` is
        the description (``X-PyWebIO-Chunk``), ``body`` the bytes. Returns the status and the
        JSON answer. ``secret`` replaces the command's secret (to test a wrong one)."""
        target = command['spec']['upload']
        return upload_request(self.url, target['key'], target['secret'] if secret is None else secret, chunk, body,
                              origin=self.headers.get('Origin'), timeout=self.timeout)

    def upload_file(self, command: dict, field: str, content: bytes, filename: str = 'file.bin',
                    mime_type: str = '', index: int = 0, last_modified: Optional[float] = None,
                    chunk_size: int = 960 * 1024) -> Dict[str, Any]:
        """Upload ``content`` as file ``index`` of ``field``, in chunks, as the page does; returns
        the file's entry for `submit` (``{'filename', 'mime_type', 'size', 'last_modified'}``).
        Raises AssertionError if the server refuses a chunk."""
        meta = {'filename': filename, 'mime_type': mime_type, 'size': len(content), 'last_modified': last_modified}
        offset = 0
        while True:
            status, answer = self.upload(command, dict(meta, field=field, file=index, offset=offset),
                                         content[offset:offset + chunk_size])
            if status != 200:
                raise AssertionError('the upload endpoint answered %d: %r' % (status, answer))
            offset = answer['stored']
            if offset >= len(content):
                return meta

    def click(self, buttons: dict, index: int) -> None:
        """Click button ``index`` of the ``buttons`` output command ``buttons``."""
        self.send({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': index})

    def close(self) -> None:
        """Close the connection, as closing the tab does (close code 1000: the session ends)."""
        if self._loop.is_closed():
            return
        if self._conn is not None:  # else dropped: no close frame to wait for
            self._loop.call_soon_threadsafe(self._conn.close, 1000)
            with contextlib.suppress(AssertionError):
                self.wait_closed()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(self.timeout)
        self._loop.close()

    def __enter__(self) -> 'WebIOClient':
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


def upload_request(api_url: str, key: str, secret: str, chunk: Any, body: bytes = b'',
                   origin: Optional[str] = None, timeout: float = 10) -> Tuple[int, Dict[str, Any]]:
    """One request of the upload endpoint of API URL ``api_url`` (``ws(s)`` or ``http(s)``) for
    upload key ``key``: see `WebIOClient.upload`. ``origin`` defaults to the API's own."""
    parts = urllib.parse.urlsplit(api_url)
    scheme = 'https' if parts.scheme in ('wss', 'https') else 'http'
    url = urllib.parse.urlunsplit((scheme, parts.netloc, parts.path, urllib.parse.urlencode({'pywebio_upload': key}), ''))
    headers = {'Origin': origin or '%s://%s' % (scheme, parts.netloc), 'Content-Type': 'application/octet-stream',
               'X-PyWebIO-Secret': secret, 'X-PyWebIO-Chunk': urllib.parse.quote(json.dumps(chunk))}
    request = urllib.request.Request(url, data=body, headers=headers, method='POST')
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b'{}')
    except urllib.error.HTTPError as error:
        answer = error.read()
        try:
            return error.code, json.loads(answer or b'{}')
        except ValueError:
            return error.code, {'error': answer.decode('utf-8', 'replace')}


async def _call(function: Callable[[], Any]) -> Any:
    return function()


class TestServer:
    """A running app (see `serve`): its ``url``, ``port``, and `connect` for a client."""

    __test__ = False  # not a pytest test class

    def __init__(self, background_server: Any, io_path: str = 'io') -> None:
        self._server = background_server
        self.port: int = background_server.port
        self.url: str = background_server.url
        self.ws_url = 'ws://127.0.0.1:%d/%s' % (self.port, io_path)

    def connect(self, **kwargs: Any) -> WebIOClient:
        return WebIOClient(self.ws_url, **kwargs)

    def stop(self) -> None:
        self._server.stop()


@contextlib.contextmanager
def serve(target: Callable[[], Any], **handler_options: Any) -> Iterator[TestServer]:
    """Serve ``target`` like `start_server` does, on a free port of 127.0.0.1, for a ``with`` block."""
    from .platform.tornado import BackgroundServer, make_application, webio_handler
    app = make_application(webio_handler(target, **handler_options))
    server = BackgroundServer(app, port=0, host='127.0.0.1').start()
    try:
        yield TestServer(server)
    finally:
        server.stop()


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
"""
import asyncio
import contextlib
import json
import queue
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Optional, Union

import tornado.httpclient
import tornado.websocket

__all__ = ['serve', 'TestServer', 'WebIOClient']

_CLOSED = object()


class WebIOClient:
    """A synchronous WebSocket client of one PyWebIO session, for tests.

    Commands from the server are kept in order; `expect` and `next_command` take them one by one.
    """

    def __init__(self, url: str, headers: Optional[Dict[str, str]] = None,
                 timeout: float = 10) -> None:
        self.url = url
        self.timeout = timeout
        self._queue: 'queue.SimpleQueue[Any]' = queue.SimpleQueue()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name='webio-client')
        self._thread.start()
        request = tornado.httpclient.HTTPRequest(url, headers=headers or {})

        async def connect() -> Any:
            return await tornado.websocket.websocket_connect(request, on_message_callback=self._on_message)
        self._conn = asyncio.run_coroutine_threadsafe(connect(), self._loop).result(self.timeout)

    def _on_message(self, message: Optional[Union[str, bytes]]) -> None:
        if message is None:
            self._queue.put(_CLOSED)
            return
        for command in json.loads(message):
            self._queue.put(command)

    @property
    def close_code(self) -> Optional[int]:
        """The code of the server's close frame (1000, 1013...); None while open, or if none came."""
        return self._conn.close_code

    @property
    def close_reason(self) -> Optional[str]:
        """The reason of the server's close frame, such as ``'server busy: ...'``."""
        return self._conn.close_reason

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
        with contextlib.suppress(tornado.websocket.WebSocketClosedError):
            self._conn.write_message(message, binary=isinstance(message, bytes))

    def submit(self, form: dict, data: Optional[Dict[str, str]]) -> None:
        """Submit the form of the ``input_group`` command ``form`` with raw string ``data``."""
        self.send({'event': 'form_submit', 'task_id': form['task_id'], 'data': data})

    def click(self, buttons: dict, index: int) -> None:
        """Click button ``index`` of the ``buttons`` output command ``buttons``."""
        self.send({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': index})

    def close(self) -> None:
        """Close the connection, as closing the tab does."""
        if self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._conn.close)
        with contextlib.suppress(AssertionError):
            self.wait_closed()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(self.timeout)
        self._loop.close()

    def __enter__(self) -> 'WebIOClient':
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


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


"""Close codes a browser can read when Tornado refuses a frame (docs/protocol.md, *Close codes*).

Tornado refuses two kinds of frames by itself, and in both cases the browser learns nothing:

- A message above ``max_message_size``: Tornado writes a close frame with code 1009 and closes
  the socket at once. The browser is usually still sending that message, and the kernel answers
  a socket closed with unread data by a reset (RST), which makes the browser drop the close frame
  it had not read yet: the page sees 1006, "abnormal closure", instead of 1009.
- A text message that is not UTF-8: Tornado closes the socket without any close frame, where
  RFC 6455 asks for 1007.

`ReadableCloseProtocol` sends 1007 for the second, and for both *lingers*: after its close frame
it shuts its side of the connection (a FIN right after the close frame, so the browser reads the
code whatever it is still sending), then reads and drops what the browser still sends until the
browser closes too, or `LINGER_SECONDS` have passed.
"""
import asyncio
import logging
import socket
from typing import Any, Callable, Optional

import tornado.iostream
import tornado.websocket

from .utils import CLOSE_INVALID_UTF8, CLOSE_MESSAGE_TOO_BIG, CLOSE_REASONS, LINGER_SECONDS

logger = logging.getLogger(__name__)

_DROP_CHUNK = 64 * 1024
_TEXT_OPCODE = 0x1
_CLOSE_OPCODE = 0x8


class ReadableCloseProtocol(tornado.websocket.WebSocketProtocol13):
    """Tornado's WebSocket protocol, closing with a code the browser reads when it refuses a frame."""

    # slots, not the instance's dictionary: Tornado sets 29 attributes there, and past 30 Python
    # gives every connection a dictionary of its own keys (1.5 KiB instead of 0.3)
    __slots__ = ('_close_code_sent', '_close_reason_sent', 'close_frame_received', '_text_undecoded',
                 '_lingering')

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._close_code_sent: Optional[int] = None
        self._close_reason_sent: Optional[str] = None
        #: the browser sent a close frame (Tornado's ``close_code`` is None both for one without a
        #: code and for a connection that ended without any)
        self.close_frame_received = False
        self._text_undecoded = False  # between a text message's arrival and its decoding
        self._lingering = False

    def close(self, code: Optional[int] = None, reason: Optional[str] = None) -> None:
        if not self.server_terminated and self._close_code_sent is None:
            self._close_code_sent, self._close_reason_sent = code, reason
        super().close(code, reason)

    def _handle_message(self, opcode: int, data: bytes) -> Any:
        self._text_undecoded = opcode == _TEXT_OPCODE
        if opcode == _CLOSE_OPCODE:
            self.close_frame_received = True
        try:
            return super()._handle_message(opcode, data)
        finally:
            self._text_undecoded = False

    def _run_callback(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self._text_undecoded = False  # decoded: an abort from here on is the handler's failure
        return super()._run_callback(callback, *args, **kwargs)

    def _abort(self) -> None:
        if self._lingering:
            return
        if self._text_undecoded and not self.server_terminated:
            # decoding is the one step at which Tornado aborts a text message
            self.close(CLOSE_INVALID_UTF8, CLOSE_REASONS[CLOSE_INVALID_UTF8])
        stream = self.stream
        if self._close_code_sent in (CLOSE_INVALID_UTF8, CLOSE_MESSAGE_TOO_BIG) and stream is not None \
                and not stream.closed():
            logger.warning('closing a session: the browser sent a frame the server refuses (%s)',
                           self._close_reason_sent)
            self._lingering = True
            self.client_terminated = self.server_terminated = True  # read no more frames
            asyncio.ensure_future(self._linger(stream))
            return
        super()._abort()

    async def _linger(self, stream: tornado.iostream.IOStream) -> None:
        timer = asyncio.get_running_loop().call_later(LINGER_SECONDS, stream.close)
        try:
            await stream.write(b'')  # done when the close frame, written before, has left
            stream.socket.shutdown(socket.SHUT_WR)
            while True:
                await stream.read_bytes(_DROP_CHUNK, partial=True)
        except (tornado.iostream.StreamClosedError, OSError):
            pass
        finally:
            timer.cancel()
            self._lingering = False
            super()._abort()

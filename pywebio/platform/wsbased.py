"""The WebSocket session loop shared by the asyncio-based integrations (aiohttp, FastAPI).

A framework module accepts the WebSocket (after its origin check), then hands `serve_session`
coroutine functions of its own: ``receive()`` returns the next message (``str`` or ``bytes``) or
None once the connection is over, ``send(text)`` writes one frame, and ``close(code, reason)``
closes the connection; ``left()`` says, once ``receive()`` returned None, whether the page closed
with a close frame that means it left (`pywebio.platform.resume.LEAVING_CODES`) rather than
dropped. The loop moves JSON between them and a session until either end closes; commands queued
in a burst leave as one frame. A connection whose URL has a ``resume`` parameter resumes a session
of ``registry`` kept since its own connection dropped (`pywebio.platform.resume`). The close code
says why the session ended (docs/protocol.md, *Close codes*): the framework itself closes for
frames it refuses (too big, not UTF-8) and ``receive()`` then returns None.

aiohttp and uvicorn write a frame only once their buffer has drained below its mark, so the frames
of a client that does not read wait in the connection's queue. The queue counts them
(`pywebio.platform.unsent`); past a bound, the session ends, the queue is dropped, and the close
frame goes first. A client that does not read cannot take that either: after `LINGER_SECONDS`,
``abort()`` (when the framework gives one) drops the connection.
"""
import asyncio
from typing import Any, Awaitable, Callable, Optional, Tuple, Union

from ..session.base import SessionInfo
from .limits import Slot
from .resume import Attachment, Carrier, SessionRegistry
from .unsent import Unsent
from .utils import LINGER_SECONDS, new_session

__all__ = ['serve_session']


class _QueuedCarrier(Carrier):
    """Frames for one connection, written in order by one writer task (`_write`).

    A frame counts as unsent (`unsent`) until the framework's ``send`` returns. Once a bound is
    passed, `close` *cuts*: the queued frames are dropped (the client would never take them), a
    ``send`` stuck waiting for the client is cancelled, and the close frame goes next.
    """

    def __init__(self) -> None:
        self.frames: 'asyncio.Queue[Union[str, Tuple[int, str]]]' = asyncio.Queue()
        self.unsent = Unsent(self.overflowed)
        self.writer: Optional['asyncio.Future[None]'] = None
        self.sending = False  # the writer waits in the framework's send
        self.reader: Optional['asyncio.Task[Any]'] = None  # the task of `serve_session`
        self.receiving = False  # the reader waits in the framework's receive
        self.cut: Optional[Tuple[int, str]] = None  # the close of a cut, which goes before any frame

    def send(self, text: str) -> None:
        if self.cut:
            return
        self.frames.put_nowait(text)
        self.unsent.written(len(text))

    def close(self, code: int = 1000, reason: str = '') -> None:
        if self.cut:
            return
        if self.unsent.over:
            self.cut = (code, reason)
            while not self.frames.empty():
                self.frames.get_nowait()
            self.unsent.clear()
            if self.sending and self.writer is not None:
                self.writer.cancel()  # lands in the framework's send: `_write` closes instead
        self.frames.put_nowait((code, reason))


async def serve_session(target: Callable[[], Any], info: SessionInfo,
                        receive: Callable[[], Awaitable[Union[str, bytes, None]]],
                        send: Callable[[str], Awaitable[None]],
                        close: Callable[[int, str], Awaitable[None]], debug: bool = False, *,
                        registry: Optional[SessionRegistry] = None, resume_key: Optional[str] = None,
                        left: Callable[[], bool] = lambda: True, slot: Optional[Slot] = None,
                        abort: Optional[Callable[[], None]] = None) -> None:
    """Run a session of ``target`` over one WebSocket (or resume the one ``resume_key`` names)
    until either end closes; with ``debug``, a task that raises shows its traceback on the page.
    The admission ``slot`` of a new session is released when the session ends. ``abort()`` drops
    the connection at once: a connection cut for a client that does not read is dropped
    `LINGER_SECONDS` after its close frame, if that has not got through by then."""
    loop = asyncio.get_running_loop()
    carrier = _QueuedCarrier()
    attachment = Attachment(registry or SessionRegistry(0), carrier, resume_key)
    try:
        attachment.start(lambda on_command, on_close: new_session(target, info, on_command, on_close,
                                                                  loop=loop, debug=debug, slot=slot))
    finally:
        if slot is not None and attachment.session is None:
            slot.release()  # no session holds it (a session releases its own when it ends)
    writer = carrier.writer = asyncio.ensure_future(_write(carrier, send, close, abort))
    carrier.reader = asyncio.current_task()
    try:
        while not writer.done():
            carrier.receiving = True
            try:
                message = await receive()
            except asyncio.CancelledError:
                if carrier.cut is None:
                    raise
                if hasattr(carrier.reader, 'uncancel'):  # Python 3.11+: the cancel was ours, and is over
                    carrier.reader.uncancel()
                break  # cut, and no way to drop the connection: return, and the server closes it
            finally:
                carrier.receiving = False
            if message is None:
                break
            if not attachment.handle(message):
                break  # the session has ended, the connection closes with the code that says why
    finally:
        attachment.lost(clean=left())
        carrier.close()  # a no-op if the session closed the connection already
        await writer


async def _write(carrier: _QueuedCarrier, send: Callable[[str], Awaitable[None]],
                 close: Callable[[int, str], Awaitable[None]], abort: Optional[Callable[[], None]]) -> None:
    code, reason = 1000, ''
    while True:
        frame = await carrier.frames.get()
        if not isinstance(frame, str):
            code, reason = frame
            break
        carrier.sending = True
        try:
            await send(frame)
        except asyncio.CancelledError:
            if carrier.cut is None:
                raise
            break
        except Exception:  # the connection is gone (each framework has its own error)
            break
        finally:
            carrier.sending = False
        carrier.unsent.taken()
    carrier.unsent.clear()
    try:
        if carrier.cut is not None:  # the client does not read: the close frame may not get through
            await asyncio.wait_for(close(*carrier.cut), LINGER_SECONDS)
        else:
            await close(code, reason)
    except asyncio.TimeoutError:
        if abort is not None:
            abort()
        elif carrier.receiving and carrier.reader is not None:
            carrier.reader.cancel()  # ASGI gives no abort: end the handler, the server closes
    except Exception:  # already closed (by the browser, or by the framework for a refused frame)
        pass

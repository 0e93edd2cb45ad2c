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
"""
import asyncio
from typing import Any, Awaitable, Callable, Optional, Tuple, Union

from ..session.base import SessionInfo
from .limits import Slot
from .resume import Attachment, Carrier, SessionRegistry
from .utils import new_session

__all__ = ['serve_session']


class _QueuedCarrier(Carrier):
    """Frames for one connection, written in order by one writer task (`_write`)."""

    def __init__(self) -> None:
        self.frames: 'asyncio.Queue[Union[str, Tuple[int, str]]]' = asyncio.Queue()

    def send(self, text: str) -> None:
        self.frames.put_nowait(text)

    def close(self, code: int = 1000, reason: str = '') -> None:
        self.frames.put_nowait((code, reason))


async def serve_session(target: Callable[[], Any], info: SessionInfo,
                        receive: Callable[[], Awaitable[Union[str, bytes, None]]],
                        send: Callable[[str], Awaitable[None]],
                        close: Callable[[int, str], Awaitable[None]], debug: bool = False, *,
                        registry: Optional[SessionRegistry] = None, resume_key: Optional[str] = None,
                        left: Callable[[], bool] = lambda: True, slot: Optional[Slot] = None) -> None:
    """Run a session of ``target`` over one WebSocket (or resume the one ``resume_key`` names)
    until either end closes; with ``debug``, a task that raises shows its traceback on the page.
    The admission ``slot`` of a new session is released when the session ends."""
    loop = asyncio.get_running_loop()
    carrier = _QueuedCarrier()
    attachment = Attachment(registry or SessionRegistry(0), carrier, resume_key)
    try:
        attachment.start(lambda on_command, on_close: new_session(target, info, on_command, on_close,
                                                                  loop=loop, debug=debug, slot=slot))
    finally:
        if slot is not None and attachment.session is None:
            slot.release()  # no session holds it (a session releases its own when it ends)
    writer = asyncio.ensure_future(_write(carrier, send, close))
    try:
        while not writer.done():
            message = await receive()
            if message is None:
                break
            if not attachment.handle(message):
                break  # the session has ended, the connection closes with the code that says why
    finally:
        attachment.lost(clean=left())
        carrier.close()  # a no-op if the session closed the connection already
        await writer


async def _write(carrier: _QueuedCarrier, send: Callable[[str], Awaitable[None]],
                 close: Callable[[int, str], Awaitable[None]]) -> None:
    code, reason = 1000, ''
    while True:
        frame = await carrier.frames.get()
        if not isinstance(frame, str):
            code, reason = frame
            break
        try:
            await send(frame)
        except Exception:  # the connection is gone (each framework has its own error)
            break
    try:
        await close(code, reason)
    except Exception:  # already closed (by the browser, or by the framework for a refused frame)
        pass

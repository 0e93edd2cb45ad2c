"""The WebSocket session loop shared by the asyncio-based integrations (aiohttp, FastAPI).

A framework module accepts the WebSocket (after its origin check), then hands `serve_session`
three coroutine functions of its own: ``receive()`` returns the next message (``str`` or
``bytes``) or None once the connection is over, ``send(text)`` writes one frame, and
``close(code, reason)`` closes the connection. The loop moves JSON between them and a new session
until either end closes; commands queued in a burst leave as one frame (`CoalescedFlush`). The
close code says why the session ended (docs/protocol.md, *Close codes*): the framework itself
closes for frames it refuses (too big, not UTF-8) and ``receive()`` then returns None.
"""
import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional, Tuple, Union

from ..session import Session
from ..session.base import ProtocolError, SessionInfo
from .limits import Slot
from .utils import (CLOSE_REASONS, CLOSE_SERVER_ERROR, CoalescedFlush, EventHandOver, close_code_of,
                    decode_event, encode_commands, new_session)

logger = logging.getLogger(__name__)

__all__ = ['serve_session']


async def serve_session(target: Callable[[], Any], info: SessionInfo,
                        receive: Callable[[], Awaitable[Union[str, bytes, None]]],
                        send: Callable[[str], Awaitable[None]],
                        close: Callable[[int, str], Awaitable[None]], debug: bool = False,
                        slot: Optional[Slot] = None) -> None:
    """Run a session of ``target`` over one WebSocket until either end closes; with ``debug``, a
    task that raises shows its traceback on the page. The admission ``slot`` of the session is
    released when it ends (the caller releases it too, after, whatever happened)."""
    loop = asyncio.get_running_loop()
    frames: 'asyncio.Queue[Optional[str]]' = asyncio.Queue()  # one writer keeps frames in order
    session: Optional[Session] = None

    def flush(closing: Optional[Session] = None) -> None:
        # ``session`` is None while its constructor runs: a task that ends that fast passes itself
        source = closing or session
        commands = source.get_task_commands() if source else []
        if commands:
            frames.put_nowait(encode_commands(commands))

    def on_close(closed: Session) -> None:
        try:
            loop.call_soon_threadsafe(lambda: (flush(closed), frames.put_nowait(None)))
        except RuntimeError:  # the loop has been closed: the server is gone
            pass

    on_task_command = CoalescedFlush(loop.call_soon_threadsafe, flush)
    hand_over = EventHandOver(on_task_command)
    session = new_session(target, info, on_task_command, on_close, loop=loop, debug=debug, slot=slot)
    failure: Optional[Tuple[int, str]] = None  # the close code when the server failed
    writer = asyncio.ensure_future(_write(frames, send, close, lambda: failure or close_code_of(session)))
    try:
        while not session.closed():
            message = await receive()
            if message is None or session.closed():
                break
            try:
                hand_over(session, decode_event(message, binary=isinstance(message, bytes)))
            except ProtocolError as error:
                session.abort(error)
                break
            except Exception:
                logger.exception('closing a session: an event could not be handled')
                failure = CLOSE_SERVER_ERROR, CLOSE_REASONS[CLOSE_SERVER_ERROR]
                break
    finally:
        session.close()
        flush(session)  # what is still queued leaves before the connection closes
        frames.put_nowait(None)
        await writer


async def _write(frames: 'asyncio.Queue[Optional[str]]', send: Callable[[str], Awaitable[None]],
                 close: Callable[[int, str], Awaitable[None]], close_code: Callable[[], Tuple[int, str]]) -> None:
    while True:
        frame = await frames.get()
        if frame is None:
            break
        try:
            await send(frame)
        except Exception:  # the connection is gone (each framework has its own error)
            break
    try:
        await close(*close_code())
    except Exception:  # already closed (by the browser, or by the framework for a refused frame)
        pass

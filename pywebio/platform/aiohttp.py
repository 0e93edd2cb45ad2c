"""Serve PyWebIO apps from aiohttp, over WebSocket.

Add the two routes, exactly as the guide shows::

    from aiohttp import web
    from pywebio.platform.aiohttp import static_routes, webio_handler
    from pywebio import STATIC_PATH

    app = web.Application()
    app.add_routes([web.get('/io', webio_handler(task_func))])
    app.add_routes(static_routes(STATIC_PATH))
    web.run_app(app, host='localhost', port=8080)

Thread-based tasks run in a thread per session; ``async def`` tasks run on aiohttp's own loop.
aiohttp is an optional dependency: ``pip install pywebio[aiohttp]``.
"""
import asyncio
import inspect
import json
import logging
import os
from typing import Any, Awaitable, Callable, Iterable, List, Optional, Union

from aiohttp import WSMsgType, web

from ..session import CoroutineBasedSession, Session, ThreadBasedSession, mark_server_mode
from .utils import (CoalescedFlush, EventHandOver, OriginCheck, build_session_info, check_target,
                    decode_binary_event, encode_commands, make_origin_checker, parse_size)

logger = logging.getLogger(__name__)

__all__ = ['webio_handler', 'static_routes']

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def webio_handler(target: Callable[[], Any], allowed_origins: Optional[Iterable[str]] = None,
                  check_origin: Optional[OriginCheck] = None,
                  max_payload_size: Union[int, str] = '16M') -> Handler:
    """Return an aiohttp handler that serves ``target`` over WebSocket, one session per tab.

    The parameters are those of `pywebio.platform.tornado.webio_handler`.
    """
    check_target(target)
    is_allowed = make_origin_checker(allowed_origins, check_origin)
    payload = parse_size(max_payload_size)
    mark_server_mode()

    async def handler(request: web.Request) -> web.StreamResponse:
        origin = request.headers.get('Origin', '')
        if origin and not is_allowed(origin, request.host):
            logger.warning('refused a WebSocket from origin %r for host %r: add it to allowed_origins '
                           'to admit it', origin, request.host)
            return web.Response(status=403, text='origin not allowed')
        socket = web.WebSocketResponse(max_msg_size=payload, compress=True)
        if not socket.can_prepare(request).ok:
            return web.Response(status=400, text='this is a WebSocket endpoint')
        await socket.prepare(request)
        await _serve(socket, request, target)
        return socket

    return handler


async def _serve(socket: web.WebSocketResponse, request: web.Request, target: Callable[[], Any]) -> None:
    """Move JSON between ``socket`` and a new session until either end closes."""
    loop = asyncio.get_running_loop()
    frames: 'asyncio.Queue[Optional[str]]' = asyncio.Queue()  # one writer keeps frames in order
    session: Optional[Session] = None

    def flush() -> None:
        commands = session.get_task_commands() if session else []
        if commands:
            frames.put_nowait(encode_commands(commands))

    def on_close(_: Session) -> None:
        loop.call_soon_threadsafe(lambda: (flush(), frames.put_nowait(None)))

    info = build_session_info(
        user_agent=request.headers.get('User-Agent', ''),
        accept_language=request.headers.get('Accept-Language', ''), host=request.host,
        origin=request.headers.get('Origin', ''), user_ip=request.remote or '', request=request,
        backend='aiohttp', protocol='websocket')
    on_task_command = CoalescedFlush(loop.call_soon_threadsafe, flush)
    hand_over = EventHandOver(on_task_command)
    if inspect.iscoroutinefunction(target):
        session = CoroutineBasedSession(target, info, on_task_command=on_task_command,
                                        on_session_close=on_close, loop=loop)
    else:
        session = ThreadBasedSession(target, info, on_task_command=on_task_command,
                                     on_session_close=on_close)
    writer = asyncio.ensure_future(_write(socket, frames))
    try:
        async for message in socket:
            if session.closed():
                break
            try:
                if message.type == WSMsgType.TEXT:
                    hand_over(session, json.loads(message.data))
                elif message.type == WSMsgType.BINARY:
                    hand_over(session, decode_binary_event(message.data))
                else:
                    break
            except (ValueError, RecursionError) as error:  # ProtocolError and JSON errors
                logger.warning('closing a session: the browser sent an invalid message: %s', error)
                break
    finally:
        session.close()
        frames.put_nowait(None)
        await writer


async def _write(socket: web.WebSocketResponse, frames: 'asyncio.Queue[Optional[str]]') -> None:
    while True:
        frame = await frames.get()
        if frame is None:
            break
        if not socket.closed:
            try:
                await socket.send_str(frame)
            except ConnectionError:
                break
    await socket.close()


def static_routes(static_path: str) -> List[web.AbstractRouteDef]:
    """Routes that serve the bundled page: ``/`` gives ``index.html``, other paths its assets."""
    index = os.path.join(static_path, 'index.html')

    async def serve_index(request: web.Request) -> web.FileResponse:
        return web.FileResponse(index)

    return [web.get('/', serve_index), web.static('/', static_path)]

"""Serve PyWebIO apps from FastAPI or any Starlette application, over WebSocket.

Three ways in:

- `start_server(apps)`: a complete server (uvicorn); blocks.
- `asgi_app(apps)`: a complete ASGI app, to run with any ASGI server (``uvicorn module:app``).
- `webio_routes(apps)`: routes to mount in your own application, page, API and frontend
  included::

      from fastapi import FastAPI
      from pywebio.platform.fastapi import webio_routes

      app = FastAPI()
      app.mount('/tool', FastAPI(routes=webio_routes(task_func)))   # the page: /tool/

Thread-based tasks run in a thread per session; ``async def`` tasks on the server's event loop.
FastAPI/Starlette and uvicorn are optional: ``pip install pywebio[fastapi]``.
"""
import asyncio
import logging
import socket
from typing import Any, Callable, Dict, Iterable, List, Optional, Union

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route, Router, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from .. import STATIC_PATH, shared
from ..session import mark_server_mode
from .apps import (Applications, app_name_of, check_server_options, make_applications, one_of, page_for,
                   listening_socket, select_app, serve_until_stopped)
from .connections import ConnectionLimits, connection_limits as limits_of, guard_sockets
from .auth import MAX_TICKET_BODY, LoginService, is_login_request, make_login_service
from .uploads import (MAX_UPLOAD_BODY, UPLOAD_QUERY, UPLOAD_SOCKET_IDLE, answer_upload, answer_upload_message,
                      is_upload_request)
from .hosts import ASGIHostCheck, make_host_check
from .limits import DEFAULT_MAX_SESSIONS_PER_IP, ServerBusy, SessionLimits, Slot
from .resume import DEFAULT_RECONNECT_TIMEOUT, LEAVING_CODES, NO_STATUS, REFUSED_FRAME_CODES, SessionRegistry
from .utils import (CLOSE_MESSAGE_TOO_BIG, CLOSE_REASONS, OriginCheck, build_session_info, make_origin_checker,
                    parse_size)
from .wsbased import serve_session

logger = logging.getLogger(__name__)

__all__ = ['webio_routes', 'asgi_app', 'start_server']

DEFAULT_MAX_PAYLOAD = '16M'


def webio_routes(applications: Optional[Applications] = None, cdn: Union[bool, str] = True,
                 reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT, allowed_origins: Optional[Iterable[str]] = None,
                 check_origin: Optional[OriginCheck] = None,
                 max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, *,
                 target: Optional[Callable[[], Any]] = None, debug: bool = False,
                 max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 allowed_hosts: Optional[Iterable[str]] = None, login_secret: Optional[str] = None,
                 login_expire_seconds: Optional[float] = None) -> List[BaseRoute]:
    """Starlette routes serving ``applications``: the page of each app at ``/?app=name``, the
    WebSocket API at ``/io``, and the bundled frontend. Mount them under a prefix of your own.

    :param applications: a task function, a list of them (named by ``__name__``) or a dict
        ``{name: task}`` (see `pywebio.platform.tornado.start_server`). ``target=`` is another
        name for it.
    :param cdn: accepted for PyWebIO 1.x programs and ignored: the frontend is always served
        by these routes, never from a CDN.
    :param reconnect_timeout: see `pywebio.platform.tornado.webio_handler` (default 60 seconds).
    :param allowed_origins: see `pywebio.platform.tornado.webio_handler`.
    :param check_origin: see `pywebio.platform.tornado.webio_handler`.
    :param max_payload_size: the largest message a browser may send; a larger one closes the
        session (code 1009).
    :param debug: when a task raises, the page shows its traceback too (see
        `pywebio.platform.tornado.webio_handler`).
    :param max_sessions: see `pywebio.platform.tornado.webio_handler` (a refused WebSocket closes
        with code 1013).
    :param max_sessions_per_ip: see `pywebio.platform.tornado.webio_handler`. The client address
        is ``websocket.client.host``: behind a reverse proxy, uvicorn takes it from
        ``X-Forwarded-For`` when the proxy is in its ``forwarded_allow_ips``.
    :param allowed_hosts: see `pywebio.platform.tornado.webio_handler`: the page, the API and the
        frontend of these routes answer 403 to other hosts.
    :param login_secret: see `pywebio.platform.tornado.webio_handler`; the login endpoint is
        ``POST /io?pywebio_login``. The cookie is ``Secure`` when ``request.url.scheme`` is https
        (behind a proxy: uvicorn's ``proxy_headers`` for the addresses of ``forwarded_allow_ips``).
    :param login_expire_seconds: see `pywebio.platform.tornado.webio_handler`.

    Example::

        app = FastAPI()
        app.mount('/tool', FastAPI(routes=webio_routes([greet, about])))
    """
    apps = make_applications(one_of(applications, target, 'webio_routes'), 'webio_routes')
    check_server_options(reconnect_timeout=reconnect_timeout, where='webio_routes')
    is_allowed = make_origin_checker(allowed_origins, check_origin)
    payload = parse_size(max_payload_size)
    registry = SessionRegistry(reconnect_timeout, reload=bool(debug))
    limits = SessionLimits(max_sessions, max_sessions_per_ip, where='webio_routes')
    host_check = make_host_check(allowed_hosts, where='webio_routes')
    login = make_login_service(login_secret, login_expire_seconds, where='webio_routes')
    mark_server_mode()

    async def page(request: Request) -> HTMLResponse:
        status, html = page_for(apps, app_name_of(request.query_params))
        return HTMLResponse(html, status_code=status, headers={'Cache-Control': 'no-cache'})

    async def api(websocket: WebSocket) -> None:
        origin = websocket.headers.get('origin', '')
        host = websocket.headers.get('host', '')
        if UPLOAD_QUERY in websocket.query_params:  # an upload socket: the page's POSTs did not get through
            await _upload_socket(websocket, origin, host, is_allowed)
            return
        if origin and not is_allowed(origin, host):
            logger.warning('refused a WebSocket from origin %r for host %r: add it to allowed_origins '
                           'to admit it', origin, host)
            await websocket.close(code=1008)  # before accepting: the handshake gets 403
            return
        await websocket.accept()
        slot = None
        if 'resume' not in websocket.query_params:  # a resume was admitted when its session began
            client = websocket.client
            try:
                slot = limits.admit(client.host if client else '')
            except ServerBusy as busy:  # no session, no thread: the page says the server is busy
                await websocket.close(code=busy.CLOSE_CODE, reason=busy.reason)
                return
        await _serve(websocket, select_app(apps, app_name_of(websocket.query_params)), payload, slot, debug,
                     registry, login)

    async def not_websocket(request: Request) -> Response:
        if is_upload_request(request.query_params):
            return await _answer_upload(request, is_allowed)
        if request.method == 'POST' and is_login_request(request.query_params):
            return await _answer_login(request, login, is_allowed)
        return PlainTextResponse('this is a WebSocket endpoint', status_code=400)

    # index.html is the rendered page too: the bare file would take any pywebio_api (docs/deploy.md)
    routes: List[BaseRoute] = [Route('/', page), Route('/index.html', page), WebSocketRoute('/io', api),
                               Route('/io', not_websocket, methods=['GET', 'POST', 'OPTIONS']),
                               Mount('/', app=StaticFiles(directory=STATIC_PATH))]
    if host_check is None:
        return routes
    return [Mount('/', app=ASGIHostCheck(Router(routes), host_check))]


async def _answer_login(request: Request, login: LoginService, is_allowed: Callable[[str, str], bool]) -> Response:
    """The login endpoint (`pywebio.platform.auth`): a ticket in, the login cookie out."""
    body = b''
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_TICKET_BODY:
            break
    headers = request.headers
    status, answer_headers, text = login.answer(
        method=request.method, origin=headers.get('origin', ''), host=headers.get('host', ''),
        content_type=headers.get('content-type', ''), body=body if len(body) <= MAX_TICKET_BODY else None,
        path=request.url.path, secure=request.url.scheme == 'https', is_origin_allowed=is_allowed)
    return Response(text or None, status_code=status, headers=answer_headers)


async def _upload_socket(websocket: WebSocket, origin: str, host: str, is_allowed: Callable[[str, str], bool]) -> None:
    """The upload endpoint over a WebSocket (`pywebio.platform.uploads.answer_upload_message`)."""
    await websocket.accept()
    key = websocket.query_params.get(UPLOAD_QUERY)
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive(), UPLOAD_SOCKET_IDLE)
            except asyncio.TimeoutError:
                break
            if message['type'] != 'websocket.receive' or message.get('bytes') is None:
                break
            await websocket.send_text(answer_upload_message(message['bytes'], key=key, origin=origin, host=host,
                                                            is_origin_allowed=is_allowed))
    except WebSocketDisconnect:
        return
    await websocket.close()


async def _answer_upload(request: Request, is_allowed: Callable[[str, str], bool]) -> Response:
    """The upload endpoint (`pywebio.platform.uploads`): a chunk of a file in, what is stored out."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD_BODY:
            break
    headers = request.headers
    status, answer_headers, answer = answer_upload(
        method=request.method, key=request.query_params.get(UPLOAD_QUERY), origin=headers.get('origin', ''),
        host=headers.get('host', ''), header=headers.get,
        body=bytes(body) if len(body) <= MAX_UPLOAD_BODY else None, is_origin_allowed=is_allowed)
    return Response(answer or None, status_code=status, headers=answer_headers)


async def _serve(websocket: WebSocket, target: Callable[[], Any], payload: int, slot: Optional[Slot],
                 debug: bool = False, registry: Optional[SessionRegistry] = None,
                 login: Optional[LoginService] = None) -> None:
    client = websocket.client
    info = build_session_info(
        user_agent=websocket.headers.get('user-agent', ''),
        accept_language=websocket.headers.get('accept-language', ''),
        host=websocket.headers.get('host', ''), origin=websocket.headers.get('origin', ''),
        user_ip=client.host if client else '', request=websocket, backend='starlette',
        protocol='websocket', login=login, cookie=websocket.headers.get('cookie', ''))

    ended: Dict[str, Any] = {}

    async def receive() -> Union[str, bytes, None]:
        message = await websocket.receive()
        if message['type'] != 'websocket.receive':
            ended['code'] = _close_code_received(message)
            return None
        data = message.get('text')
        if data is None:
            data = message.get('bytes')
        if data is None:
            return None
        # the server may allow more (uvicorn's ws_max_size): the limit holds under any server
        if len(data) > payload or (isinstance(data, str) and len(data) * 4 > payload
                                   and len(data.encode('utf-8')) > payload):
            logger.warning('closing a session: the browser sent %d characters, more than max_payload_size',
                           len(data))
            await websocket.close(CLOSE_MESSAGE_TOO_BIG, CLOSE_REASONS[CLOSE_MESSAGE_TOO_BIG])
            ended['code'] = CLOSE_MESSAGE_TOO_BIG
            return None
        return data

    await serve_session(target, info, receive, websocket.send_text, websocket.close, debug=debug,
                        registry=registry, resume_key=websocket.query_params.get('resume'),
                        left=lambda: ended.get('code') in LEAVING_CODES + REFUSED_FRAME_CODES, slot=slot)


def _close_code_received(disconnect: Dict[str, Any]) -> Optional[int]:
    """The code of the browser's close frame in an ASGI ``websocket.disconnect``; None when the
    connection ended without one (a drop).

    RFC 6455 reports a close frame without a code as 1005, and ASGI servers say 1005 for it. But
    uvicorn says 1005 for a connection lost without any close frame too (and other servers 1006):
    only then does it leave out the ``reason`` that comes with every close frame it received.
    """
    code = disconnect.get('code')
    if code == NO_STATUS and 'reason' not in disconnect:
        return None
    return code


def asgi_app(applications: Applications, cdn: Union[bool, str] = True, reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT,
             static_dir: Optional[str] = None, debug: bool = False,
             allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
             max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, *, max_sessions: Optional[int] = None,
             max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
             allowed_hosts: Optional[Iterable[str]] = None, bound_host: Optional[str] = None,
             login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None) -> Starlette:
    """A complete ASGI app serving ``applications`` (the routes of `webio_routes` at ``/``) and
    ``static_dir`` at ``/static/``. Run it with any ASGI server that speaks WebSocket.

    :param debug: Starlette's debug mode (tracebacks in error pages).
    :param allowed_hosts: see `webio_routes`; it applies to every route of the app.
    :param bound_host: the address the server listens on, when known: a loopback address turns
        the host check on (see `pywebio.platform.tornado.start_server`).

    The other parameters are those of `webio_routes` and `start_server`.

    Example::

        app = asgi_app(main)      # then: uvicorn module:app
    """
    check_server_options(static_dir=static_dir, reconnect_timeout=reconnect_timeout, where='asgi_app')
    routes: List[BaseRoute] = []
    if static_dir is not None:
        routes.append(Mount('/static', app=StaticFiles(directory=static_dir)))
    host_check = make_host_check(allowed_hosts, bound_host, where='asgi_app')
    routes += webio_routes(applications, allowed_origins=allowed_origins, check_origin=check_origin,
                           reconnect_timeout=reconnect_timeout,
                           max_payload_size=max_payload_size, debug=debug, max_sessions=max_sessions,
                           max_sessions_per_ip=max_sessions_per_ip, login_secret=login_secret,
                           login_expire_seconds=login_expire_seconds)
    middleware = [] if host_check is None else [Middleware(ASGIHostCheck, allows=host_check)]
    return Starlette(debug=debug, routes=routes, middleware=middleware)


def start_server(applications: Applications, port: int = 0, host: str = '', cdn: Union[bool, str] = True,
                 reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT, static_dir: Optional[str] = None, remote_access: bool = False,
                 debug: bool = False, allowed_origins: Optional[Iterable[str]] = None,
                 check_origin: Optional[OriginCheck] = None, auto_open_webbrowser: bool = False,
                 max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, *, max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 allowed_hosts: Optional[Iterable[str]] = None,
                 connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None,
                 login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
                 redis_url: Optional[str] = None, **uvicorn_settings: Any) -> None:
    """Serve ``applications`` with uvicorn, over WebSocket; blocks.

    :param port: the TCP port; 0 picks a free one (the address is logged).
    :param host: the interface; ``''`` means all interfaces.
    :param remote_access: not supported: ``True`` raises ``ValueError`` (use a reverse proxy).
    :param auto_open_webbrowser: open the page in a browser once the server listens.
    :param debug: restart the server when a source file of the app changes, open pages following
        (`pywebio.platform.reloader`); and a task that raises shows its traceback on the page.
    :param allowed_hosts: see `pywebio.platform.tornado.start_server`: on a loopback ``host``,
        only requests for loopback names and these hosts are answered.
    :param connection_limits: see `pywebio.platform.tornado.start_server`; its ``idle_timeout`` is
        uvicorn's ``timeout_keep_alive``. uvicorn runs on asyncio's own event loop, not uvloop,
        whose connections PyWebIO could not time out (``loop='uvloop'`` in ``uvicorn_settings``
        does so, without the header and body timeouts and the connection caps).
    :param uvicorn_settings: more settings for ``uvicorn.Config``.

    The other parameters are those of `asgi_app`.

    Example::

        from pywebio.platform.fastapi import start_server
        start_server(main, port=8080)
    """
    if redis_url is not None:
        shared.configure(redis_url)
    import uvicorn

    check_server_options(remote_access=remote_access, static_dir=static_dir, reconnect_timeout=reconnect_timeout)
    app = asgi_app(applications, static_dir=static_dir, debug=debug, allowed_origins=allowed_origins,
                   reconnect_timeout=reconnect_timeout,
                   check_origin=check_origin, max_payload_size=max_payload_size, max_sessions=max_sessions,
                   max_sessions_per_ip=max_sessions_per_ip, allowed_hosts=allowed_hosts, bound_host=host,
                   login_secret=login_secret, login_expire_seconds=login_expire_seconds)
    uvicorn_settings.setdefault('ws_max_size', parse_size(max_payload_size))
    uvicorn_settings.setdefault('log_level', 'debug' if debug else 'warning')
    limits = limits_of(connection_limits)
    uvicorn_settings.setdefault('timeout_keep_alive', limits.idle_timeout)
    uvicorn_settings.setdefault('loop', 'asyncio')  # uvloop accepts and reads in C, unseen by the guard

    def serve(sockets: List[socket.socket]) -> None:
        # uvicorn shuts down on Ctrl-C, then raises the signal again: KeyboardInterrupt here
        uvicorn.Server(uvicorn.Config(app, **uvicorn_settings)).run(sockets=guard_sockets(sockets, limits))

    serve_until_stopped(lambda: listening_socket(port, host), port, host, serve, reload=debug,
                        auto_open_webbrowser=auto_open_webbrowser)

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
import logging
import os
import weakref
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Union

from aiohttp import WSCloseCode, WSMsgType, web

from .. import STATIC_PATH, shared
from ..session import mark_server_mode
from ..session.base import close_all_sessions
from .apps import (Applications, app_name_of, check_server_options, is_api_request, make_applications, one_of, page_for,
                   listening_socket, select_app, serve_until_stopped)
from .connections import ConnectionLimits, connection_limits as limits_of, guard_sockets
from .auth import MAX_TICKET_BODY, LoginService, is_login_request, make_login_service
from .uploads import (MAX_UPLOAD_BODY, MAX_UPLOAD_MESSAGE, UPLOAD_QUERY, UPLOAD_SOCKET_IDLE, answer_upload,
                      answer_upload_message, is_upload_request)
from .hosts import REFUSED_TEXT, HostCheck, make_host_check, refused
from .limits import DEFAULT_MAX_SESSIONS_PER_IP, ServerBusy, SessionLimits, Slot
from .page import api_page
from .resume import DEFAULT_RECONNECT_TIMEOUT, LEAVING_CODES, NO_STATUS, REFUSED_FRAME_CODES, SessionRegistry
from .utils import (CLOSE_INVALID_UTF8, CLOSE_MESSAGE_TOO_BIG, CLOSE_REASONS, LINGER_SECONDS, OriginCheck,
                    build_session_info, make_origin_checker, parse_size)
from .wsbased import serve_session

logger = logging.getLogger(__name__)

__all__ = ['webio_handler', 'static_routes', 'start_server']

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def webio_handler(applications: Optional[Applications] = None,
                  allowed_origins: Optional[Iterable[str]] = None,
                  check_origin: Optional[OriginCheck] = None,
                  max_payload_size: Union[int, str] = '16M', *, cdn: Union[bool, str] = True,
                  reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT, websocket_settings: Optional[Dict[str, Any]] = None,
                  target: Optional[Callable[[], Any]] = None, debug: bool = False,
                  max_sessions: Optional[int] = None,
                  max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                  allowed_hosts: Optional[Iterable[str]] = None, login_secret: Optional[str] = None,
                  login_expire_seconds: Optional[float] = None) -> Handler:
    """Return an aiohttp handler that serves an app (or several) over WebSocket, one session per tab.

    The parameters are those of `pywebio.platform.tornado.webio_handler`;
    ``websocket_settings`` are more arguments for ``aiohttp.web.WebSocketResponse``; with
    ``debug``, a task that raises shows its traceback on the page. The client address of
    ``max_sessions_per_ip`` is ``request.remote`` (behind a reverse proxy, see aiohttp's
    ``aiohttp_remotes`` or a middleware that sets it from the proxy's header). A plain GET of
    its URL (no WebSocket upgrade) gets the app's page, which connects back to that URL, as in
    PyWebIO 1.x; it loads its ``css/`` and ``js/`` from beside that URL (`static_routes`).
    Route POST requests of the same URL to it too (``web.post('/io', handler)``, or every
    method with ``web.route('*', '/io', handler)``): the page uploads files there
    (`pywebio.platform.uploads`) and hands in its login ticket (`pywebio.auth.login`). Behind a reverse
    proxy, the cookie is ``Secure`` once ``request.scheme`` says https (``aiohttp_remotes``).
    """
    apps = make_applications(one_of(applications, target, 'webio_handler'), 'webio_handler')
    check_server_options(reconnect_timeout=reconnect_timeout, where='webio_handler')
    is_allowed = make_origin_checker(allowed_origins, check_origin)
    payload = parse_size(max_payload_size)
    socket_options = {'compress': True, **(websocket_settings or {}), 'max_msg_size': payload}
    registry = SessionRegistry(reconnect_timeout, reload=bool(debug))
    limits = SessionLimits(max_sessions, max_sessions_per_ip, where='webio_handler')
    host_check = make_host_check(allowed_hosts, where='webio_handler')
    login = make_login_service(login_secret, login_expire_seconds, where='webio_handler')
    mark_server_mode()

    async def handler(request: web.Request) -> web.StreamResponse:
        if host_check is not None and not host_check(request.host):
            return _refuse_host(request)
        if is_upload_request(request.query):
            if request.headers.get('Upgrade', '').lower() == 'websocket':
                return await _upload_socket(request, is_allowed)
            return await _answer_upload(request, is_allowed)
        if request.method == 'POST' and is_login_request(request.query):
            return await _answer_login(request, login, is_allowed)
        if request.headers.get('Upgrade', '').lower() != 'websocket' and 'test' not in request.query:
            # a plain GET: the app's page, connecting back to this URL (as 1.x's webio_handler)
            status, content_type, body = api_page(apps, request.query)
            return web.Response(status=status, text=body, headers={'Content-Type': content_type,
                                                                   'Cache-Control': 'no-cache'})
        origin = request.headers.get('Origin', '')
        if origin and not is_allowed(origin, request.host):
            logger.warning('refused a WebSocket from origin %r for host %r: add it to allowed_origins '
                           'to admit it', origin, request.host)
            return web.Response(status=403, text='origin not allowed')
        socket = _WebSocket(**socket_options)
        if not socket.can_prepare(request).ok:
            return web.Response(status=400, text='this is a WebSocket endpoint')
        await socket.prepare(request)
        slot = None
        if 'resume' not in request.query:  # a resume was admitted when its session began
            try:
                slot = limits.admit(request.remote or '')
            except ServerBusy as busy:  # no session, no thread: the page says the server is busy
                await socket.close(code=busy.CLOSE_CODE, message=busy.reason.encode('utf-8'))
                return socket
        _open_sockets.add(socket)
        try:
            await _serve(socket, request, select_app(apps, app_name_of(request.query)), slot, debug, registry, login)
            await socket.linger()
        finally:
            _open_sockets.discard(socket)
        return socket

    handler.applications = apps  # type: ignore[attr-defined]
    return handler


class _WebSocket(web.WebSocketResponse):
    """aiohttp's WebSocket, closing with a code the browser reads when aiohttp refuses a frame.

    aiohttp refuses a frame above ``max_msg_size`` (1009) or text that is not UTF-8 (1007) itself,
    with no reason, and closes the socket once its close frame is written; the browser, still
    sending, gets a reset that hides the close frame (see `pywebio.platform.tornado_close`). Here
    the close frame says why, and the connection *lingers*: the server shuts its side of it, and
    `linger` waits until the browser has closed too, or `LINGER_SECONDS` have passed.
    """

    _refused = False
    refused_code: Optional[int] = None  # the code of a frame aiohttp refused: the session ends
    _linger_until: Optional[float] = None

    async def close(self, *, code: int = WSCloseCode.OK, message: bytes = b'', drain: bool = True) -> bool:
        if not message:
            message = CLOSE_REASONS.get(code, '').encode()
        if not self.closed:
            self._refused = code in (CLOSE_INVALID_UTF8, CLOSE_MESSAGE_TOO_BIG)
            if code in REFUSED_FRAME_CODES:
                self.refused_code = code
        return await super().close(code=code, message=message, drain=drain)

    def _close_transport(self) -> None:
        transport = self._transport()
        if self._refused and transport is not None and transport.can_write_eof() and not transport.is_closing():
            self._refused = False
            transport.write_eof()  # the close frame has been written: a FIN follows it
            self._linger_until = asyncio.get_running_loop().time() + LINGER_SECONDS
            return
        super()._close_transport()

    def _transport(self) -> Any:
        request = self._req
        return request.transport if request is not None else None

    async def linger(self) -> None:
        """After a refused frame, wait until the browser has closed (aiohttp drops what it still
        sends), at most `LINGER_SECONDS`; aiohttp closes the socket when the handler returns."""
        if self._linger_until is None:
            return
        loop = asyncio.get_running_loop()
        transport = self._transport()
        # aiohttp gives the handler no event for the peer's FIN after a refused frame: look often
        while transport is not None and not transport.is_closing() and loop.time() < self._linger_until:
            await asyncio.sleep(0.02)


#: The WebSockets of open sessions, closed when the server stops (`_close_sessions`).
_open_sockets: 'weakref.WeakSet[web.WebSocketResponse]' = weakref.WeakSet()


async def _close_sessions(app: web.Application) -> None:
    """On shutdown (Ctrl-C): end every session (its `defer_call` functions run) and close its
    WebSocket, so that aiohttp need not wait for the handlers to time out."""
    close_all_sessions()
    for socket in list(_open_sockets):
        await socket.close(code=WSCloseCode.GOING_AWAY, message=b'server shutdown')


def _refuse_host(request: web.Request) -> web.Response:
    refused(request.host)
    return web.Response(status=403, text=REFUSED_TEXT)


def _host_check_middleware(allows: HostCheck) -> Any:
    """An aiohttp middleware answering 403 to requests for hosts ``allows`` refuses."""
    @web.middleware
    async def check_host(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not allows(request.host):
            return _refuse_host(request)
        return await handler(request)
    return check_host


async def _read_body(request: web.Request, limit: int) -> Optional[bytes]:
    """The request's body, or None if it is longer than ``limit`` (read no further than that).
    ``content.read(n)`` gives what has arrived so far, which is often less than the body."""
    body = bytearray()
    while len(body) <= limit:
        part = await request.content.read(limit + 1 - len(body))
        if not part:
            return bytes(body)
        body += part
    return None


async def _answer_login(request: web.Request, login: LoginService,
                        is_allowed: Callable[[str, str], bool]) -> web.Response:
    """The login endpoint (`pywebio.platform.auth`): a ticket in, the login cookie out."""
    body = await _read_body(request, MAX_TICKET_BODY)
    status, headers, text = login.answer(
        method=request.method, origin=request.headers.get('Origin', ''), host=request.host,
        content_type=request.headers.get('Content-Type', ''), body=body,
        path=request.path, secure=request.scheme == 'https', is_origin_allowed=is_allowed)
    return web.Response(status=status, headers=headers, body=text.encode('utf-8') if text else None)


async def _answer_upload(request: web.Request, is_allowed: Callable[[str, str], bool]) -> web.Response:
    """The upload endpoint (`pywebio.platform.uploads`): a chunk of a file in, what is stored out."""
    body = await _read_body(request, MAX_UPLOAD_BODY)
    status, headers, answer = answer_upload(
        method=request.method, key=request.query.get(UPLOAD_QUERY), origin=request.headers.get('Origin', ''),
        host=request.host, header=request.headers.get, body=body,
        is_origin_allowed=is_allowed)
    return web.Response(status=status, headers=headers, body=answer or None)


async def _upload_socket(request: web.Request, is_allowed: Callable[[str, str], bool]) -> web.StreamResponse:
    """The upload endpoint over a WebSocket, for an app that routes only GET to the handler
    (`pywebio.platform.uploads.answer_upload_message`). No compression is offered on it, so
    the browser sends the file's bytes as they are."""
    socket = web.WebSocketResponse(compress=False, max_msg_size=MAX_UPLOAD_MESSAGE)
    if not socket.can_prepare(request).ok:
        return web.Response(status=400, text='this is a WebSocket endpoint')
    await socket.prepare(request)
    origin, key = request.headers.get('Origin', ''), request.query.get(UPLOAD_QUERY)
    while True:
        try:
            message = await socket.receive(timeout=UPLOAD_SOCKET_IDLE)
        except asyncio.TimeoutError:
            break
        if message.type != WSMsgType.BINARY:
            break
        await socket.send_str(answer_upload_message(message.data, key=key, origin=origin, host=request.host,
                                                    is_origin_allowed=is_allowed))
    await socket.close()
    return socket


async def _serve(socket: web.WebSocketResponse, request: web.Request, target: Callable[[], Any],
                 slot: Optional[Slot], debug: bool = False, registry: Optional[SessionRegistry] = None,
                 login: Optional[LoginService] = None) -> None:
    """Move JSON between ``socket`` and a new session until either end closes."""
    info = build_session_info(
        user_agent=request.headers.get('User-Agent', ''),
        accept_language=request.headers.get('Accept-Language', ''), host=request.host,
        origin=request.headers.get('Origin', ''), user_ip=request.remote or '', request=request,
        backend='aiohttp', protocol='websocket', login=login, cookie=request.headers.get('Cookie', ''))

    close_frame: Dict[str, Any] = {}

    async def receive() -> Union[str, bytes, None]:
        message = await socket.receive()
        if message.type in (WSMsgType.TEXT, WSMsgType.BINARY):
            return message.data
        if message.type == WSMsgType.CLOSE:  # aiohttp reports a lost connection as code 1000 too
            close_frame['code'] = message.data or NO_STATUS  # 0: a close frame without a code
        elif message.type == WSMsgType.ERROR:  # aiohttp refused a frame and closed (see _WebSocket)
            logger.warning('closing a session: the browser sent an invalid frame: %s', message.data)
        return None

    async def send(frame: str) -> None:
        if not socket.closed:
            await socket.send_str(frame)

    async def close(code: int, reason: str) -> None:
        await socket.close(code=code, message=reason.encode())

    def abort() -> None:  # a client that does not read: its close frame cannot get through
        transport = request.transport
        if transport is not None:
            transport.abort()

    await serve_session(target, info, receive, send, close, debug=debug, registry=registry,
                        resume_key=request.query.get('resume'),
                        left=lambda: close_frame.get('code') in LEAVING_CODES or socket.refused_code is not None,
                        slot=slot, abort=abort)


def static_routes(prefix: str = '/') -> List[web.AbstractRouteDef]:
    """Routes that serve the bundled frontend: ``<prefix>`` gives ``index.html``, other paths
    below it its assets.

    The guide passes the folder, ``static_routes(STATIC_PATH)``, and PyWebIO 1.x a URL prefix,
    ``static_routes('/tool')``: both work. An argument that is a folder holding ``index.html`` is
    the folder to serve at ``/``; anything else is a prefix, and `pywebio.STATIC_PATH` is served.
    """
    folder = STATIC_PATH
    if os.path.isfile(os.path.join(prefix, 'index.html')):
        folder, prefix = prefix, '/'
    prefix = '/' + prefix.strip('/')
    index = os.path.join(folder, 'index.html')

    async def serve_index(request: web.Request) -> web.FileResponse:
        return web.FileResponse(index)

    base = prefix.rstrip('/')
    return [web.get(base + '/', serve_index), web.static(base or '/', folder)]


def start_server(applications: Applications, port: int = 0, host: str = '', debug: bool = False,
                 cdn: Union[bool, str] = True, static_dir: Optional[str] = None, remote_access: bool = False,
                 reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT, allowed_origins: Optional[Iterable[str]] = None,
                 check_origin: Optional[OriginCheck] = None, auto_open_webbrowser: bool = False,
                 max_payload_size: Union[int, str] = '16M', websocket_settings: Optional[Dict[str, Any]] = None,
                 *, max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 allowed_hosts: Optional[Iterable[str]] = None,
                 connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None,
                 login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
                 redis_url: Optional[str] = None, **aiohttp_settings: Any) -> None:
    """Serve ``applications`` with aiohttp, over WebSocket; blocks.

    The page of each app is at ``/?app=name``, the API at ``/io``; ``static_dir`` is served at
    ``/static/``. The parameters are those of `pywebio.platform.tornado.start_server` (on a
    loopback ``host``, only requests for loopback names and ``allowed_hosts`` are answered;
    ``connection_limits`` as there, its ``idle_timeout`` being aiohttp's ``keepalive_timeout``);
    ``websocket_settings`` go to ``aiohttp.web.WebSocketResponse`` and ``aiohttp_settings`` to
    ``aiohttp.web.Application``.

    Example::

        from pywebio.platform.aiohttp import start_server
        start_server(main, port=8080)
    """
    if redis_url is not None:
        shared.configure(redis_url)
    check_server_options(remote_access=remote_access, static_dir=static_dir, reconnect_timeout=reconnect_timeout)
    app = make_app(applications, static_dir=static_dir, allowed_origins=allowed_origins,
                   reconnect_timeout=reconnect_timeout,
                   check_origin=check_origin, max_payload_size=max_payload_size,
                   websocket_settings=websocket_settings, debug=debug, max_sessions=max_sessions,
                   max_sessions_per_ip=max_sessions_per_ip, host_check=make_host_check(allowed_hosts, host),
                   login_secret=login_secret, login_expire_seconds=login_expire_seconds, **aiohttp_settings)
    app.on_shutdown.append(_close_sessions)

    limits = limits_of(connection_limits)

    def serve(sockets: List[Any]) -> None:
        # without its own signal handlers, aiohttp returns only when Ctrl-C interrupted it
        web.run_app(app, sock=guard_sockets(sockets, limits), print=None, handle_signals=False,
                    keepalive_timeout=limits.idle_timeout)
        raise KeyboardInterrupt

    serve_until_stopped(lambda: listening_socket(port, host), port, host, serve, reload=debug,
                        auto_open_webbrowser=auto_open_webbrowser)


def make_app(applications: Applications, static_dir: Optional[str] = None, debug: bool = False,
             host_check: Optional[HostCheck] = None, **options: Any) -> web.Application:
    """The aiohttp application of `start_server`: pages, API, frontend and ``static_dir``; with
    ``host_check``, only for the hosts it allows."""
    handler_options = {name: options.pop(name) for name in
                       ('allowed_origins', 'check_origin', 'max_payload_size', 'websocket_settings',
                        'reconnect_timeout', 'max_sessions', 'max_sessions_per_ip', 'login_secret',
                        'login_expire_seconds')
                       if name in options}
    if host_check is not None:
        options['middlewares'] = [_host_check_middleware(host_check), *options.get('middlewares', ())]
    handler = webio_handler(applications, debug=debug, **handler_options)
    apps = handler.applications  # type: ignore[attr-defined]

    async def page(request: web.Request) -> web.StreamResponse:
        if request.path == '/' and is_api_request(request.method, request.headers, request.query):
            return await handler(request)  # 1.x's API at the root (docs/compat.md)
        status, html = page_for(apps, app_name_of(request.query))
        return web.Response(text=html, status=status, content_type='text/html',
                            headers={'Cache-Control': 'no-cache'})

    app = web.Application(**options)
    if debug:
        logging.getLogger('aiohttp').setLevel(logging.DEBUG)
    # index.html is the rendered page too: the bare file would take any pywebio_api (docs/deploy.md)
    # every method of / and /io: uploads and logins POST there (a page may use / as its API)
    app.add_routes([web.route('*', '/', page), web.get('/index.html', page), web.route('*', '/io', handler)])
    if static_dir is not None:
        app.add_routes([web.static('/static', static_dir)])
    app.add_routes([web.static('/', STATIC_PATH)])
    return app

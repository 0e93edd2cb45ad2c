"""Serve PyWebIO apps with Tornado, over WebSocket.

Three ways in:

- `start_server(task)`: a complete server, serving the bundled page and the WebSocket API; blocks.
- `webio_handler(task)`: a ``RequestHandler`` class to mount in your own Tornado application,
  beside a ``StaticFileHandler`` on `pywebio.STATIC_PATH`::

      application = tornado.web.Application([
          (r"/tool/io", webio_handler(task_func)),
          (r"/tool/(.*)", tornado.web.StaticFileHandler,
           {"path": STATIC_PATH, 'default_filename': 'index.html'}),
      ])

- script mode: the first interaction call of a plain script calls `start_script_mode`, which
  serves on a free port of 127.0.0.1 in a background thread and opens a browser tab.

This module only moves JSON: each WebSocket connection serves one session (see
`pywebio.session.threadbased`), hands it the browser's events, and writes the commands it queues.
A session outlives a connection that drops: `pywebio.platform.resume` keeps it for
``reconnect_timeout`` seconds until the page resumes it on a new connection, and
`pywebio.platform.relay` finds it in another process of a ``processes=N`` server.
Commands queued in a burst are written as one frame: the session signals from its thread, the
connection schedules one flush on the event loop, and the flush takes everything queued by then.
When a browser event goes to a session's thread, the loop first waits up to a millisecond for
that thread to finish with it and writes the reply straight away: most replies take a fraction
of that, and the thread holds the interpreter lock while it works anyway.
"""
import asyncio
import atexit
import hmac
import logging
import os
import secrets
import socket
import sys
import threading
import webbrowser
from typing import Any, Callable, Dict, Iterable, List, Optional, Type, Union

import tornado.httpserver
import tornado.httputil
import tornado.ioloop
import tornado.netutil
import tornado.process
import tornado.routing
import tornado.web
import tornado.websocket

from .. import STATIC_PATH, shared
from ..session import (ScriptModeSession, Session, mark_server_mode)
from ..session.base import CLOSE_SESSION_COMMAND
from .page import MANIFEST_QUERY, api_page, render_manifest
from .connections import ConnectionLimits, connection_limits as limits_of, guard_sockets
from .apps import (CTRL_C_STATUS, STOPPED_MESSAGE, Applications, app_name_of, bind_or_exit, check_server_options,
                   display_host, is_api_request, make_applications, one_of, open_webbrowser_soon, page_for, select_app,
                   log_serving,
                   serve_until_stopped, stop_on_ctrl_c)
from .auth import MAX_TICKET_BODY, LoginService, is_login_request, make_login_service
from .hosts import REFUSED_TEXT, HostCheck, make_host_check, refused
from .limits import DEFAULT_MAX_SESSIONS_PER_IP, ServerBusy, SessionLimits
from .relay import ResumeRelay, forward_upload, forward_upload_message, join_siblings, sibling_port
from .resume import (DEFAULT_RECONNECT_TIMEOUT, LEAVING_CODES, NO_STATUS, REFUSED_FRAME_CODES, Attachment, Carrier,
                     SessionRegistry, end_kept_sessions, route_of)
from .tornado_deflate import CONNECTION_GONE, lean_deflate_works, lean_protocol, write_text
from .tornado_headers import FoldedHeaders, fold
from .tornado_stream import lighten
from .unsent import Unsent
from .uploads import (MAX_UPLOAD_BODY, MAX_UPLOAD_MESSAGE, UPLOAD_QUERY, UPLOAD_SOCKET_IDLE, answer_upload,
                      answer_upload_message, is_upload_request)
from .utils import (CLOSE_INVALID_MESSAGE, CLOSE_NORMAL, CLOSE_POLICY_VIOLATION, OriginCheck,
                    build_session_info, encode_commands, first_commands, make_origin_checker, new_session,
                    parse_size)
from .workers import exit_worker, fork_workers, stop_on_signals

logger = logging.getLogger(__name__)

__all__ = ['start_server', 'webio_handler']

DEFAULT_MAX_PAYLOAD = '16M'



class WebSocketConnection(tornado.websocket.WebSocketHandler):
    """One browser tab: moves JSON between its WebSocket and its session.

    Subclasses made by `webio_handler` set ``applications``, ``is_origin_allowed``,
    ``max_payload``, ``registry``, ``limits`` and ``host_check``; the ``app`` URL parameter of the
    connection picks the task, and a ``resume`` URL parameter makes it resume a session instead
    (`pywebio.platform.resume`).
    """

    applications: Dict[str, Callable[[], Any]] = {}
    is_origin_allowed: Callable[[str, str], bool] = staticmethod(make_origin_checker())
    max_payload: int = parse_size(DEFAULT_MAX_PAYLOAD)
    debug: bool = False
    registry: SessionRegistry = SessionRegistry(0)

    #: the session limits (None: no admission, as in script mode's single session)
    limits: Optional[SessionLimits] = None
    #: ``allows(host)`` for the ``Host`` of the handshake (see `pywebio.platform.hosts`), or None
    host_check: Optional[HostCheck] = None

    #: a plain GET (no WebSocket upgrade) gets the page of the app (`pywebio.platform.page.api_page`),
    #: as from PyWebIO 1.x's ``webio_handler``; script mode's handler serves no page
    serves_page: bool = False

    #: the entry's login (`pywebio.platform.auth`): reads the cookie, answers ``POST ?pywebio_login``
    login: Optional[LoginService] = None

    # the connection's own state lives in slots: Tornado's handler already holds 27 attributes in
    # its dictionary, and past 30 Python gives each connection a dictionary of its own (1.5 KiB)
    __slots__ = ('attachment', 'relay', 'finished', '_protocol', '_upload_idle')

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.attachment: Optional[Attachment] = None
        #: a resume for a session of another process of this server
        self.relay: Optional[ResumeRelay] = None
        #: set once the connection has sent its close frame; only script mode waits for it, so
        #: only its connections have one (an Event is 1 KiB an idle session would keep)
        self.finished: Optional[threading.Event] = None
        self._protocol: Optional[tornado.websocket.WebSocketProtocol] = None
        self._upload_idle: Optional[asyncio.TimerHandle] = None
        super().__init__(*args, **kwargs)

    @property
    def session(self) -> Optional[Session]:
        return self.attachment.session if self.attachment is not None else None

    # -- Tornado hooks ---------------------------------------------------------------------

    def prepare(self) -> None:
        if self.host_check is not None and not self.host_check(self.request.host):
            _refuse_host(self)

    async def get(self, *args: Any, **kwargs: Any) -> None:
        if (self.serves_page and self.request.headers.get('Upgrade', '').lower() != 'websocket'
                and self.get_query_argument('test', None) is None):
            args_of_page = {'app': self.get_query_argument('app', None)}
            if self.get_query_argument(MANIFEST_QUERY, None) is not None:
                args_of_page[MANIFEST_QUERY] = ''
            status, content_type, body = api_page(self.applications, args_of_page)
            self.set_status(status)
            self.set_header('Content-Type', content_type)
            self.set_header('Cache-Control', 'no-cache')
            self.finish(body)
            return
        await super().get(*args, **kwargs)

    async def post(self, *args: Any, **kwargs: Any) -> None:
        """The login endpoint (a ticket from the page, answered with the login cookie), and the
        upload endpoint (a chunk of a file, `pywebio.platform.uploads`)."""
        if is_upload_request(self.request.query_arguments):
            await self._upload()
            return
        login = self.login
        if login is None or not is_login_request(self.request.query_arguments):
            raise tornado.web.HTTPError(405)
        request = self.request
        status, headers, body = login.answer(
            method='POST', origin=request.headers.get('Origin', ''), host=request.host,
            content_type=request.headers.get('Content-Type', ''),
            body=request.body if len(request.body) <= MAX_TICKET_BODY else None, path=request.path,
            secure=request.protocol == 'https', is_origin_allowed=self.is_origin_allowed)
        self.set_status(status)
        for name, value in headers.items():
            self.set_header(name, value)
        self.finish(body or None)

    async def options(self, *args: Any, **kwargs: Any) -> None:
        """The preflight of a cross-origin page's upload."""
        if not is_upload_request(self.request.query_arguments):
            raise tornado.web.HTTPError(405)
        await self._upload()

    async def _upload(self) -> None:
        request = self.request
        key = self.get_query_argument(UPLOAD_QUERY, '')
        owner_port = sibling_port(route_of(key))
        if owner_port is not None:  # a form of another process of this server
            status, headers, body = await forward_upload(request, owner_port)
        else:
            status, headers, body = answer_upload(
                method=request.method or '', key=key, origin=request.headers.get('Origin', ''), host=request.host,
                header=request.headers.get, body=request.body if len(request.body) <= MAX_UPLOAD_BODY else None,
                is_origin_allowed=self.is_origin_allowed)
        self.set_status(status)
        for name, value in headers.items():
            self.set_header(name, value)
        self.finish(body or None)

    def check_xsrf_cookie(self) -> None:
        """The login endpoint checks the ``Origin`` and its signed ticket itself (with Tornado's
        ``xsrf_cookies`` setting on, the page's POST carries no ``_xsrf``)."""

    def check_origin(self, origin: str) -> bool:
        allowed = self.is_origin_allowed(origin, self.request.host)
        if not allowed:
            logger.warning('refused a WebSocket from origin %r for host %r: add it to '
                           'allowed_origins to admit it', origin, self.request.host)
        return allowed

    @property
    def max_message_size(self) -> int:
        return MAX_UPLOAD_MESSAGE if self._uploads_only() else self.max_payload

    def get_compression_options(self) -> Optional[dict]:
        # accept permessage-deflate when the browser offers it; an upload socket's bytes go as they are
        return None if self._uploads_only() else {}

    def get_websocket_protocol(self) -> Optional[tornado.websocket.WebSocketProtocol]:
        if self.request.headers.get('Sec-WebSocket-Version') != '13':
            return None
        if not lean_deflate_works() or self._uploads_only():  # this Tornado's private code is not what it overrides
            return super().get_websocket_protocol()
        return lean_protocol(self)

    def _uploads_only(self) -> bool:
        """Whether this WebSocket is an upload socket (`pywebio.platform.uploads.answer_upload_message`):
        the page's fallback where its POSTs did not get through. It holds no session."""
        return UPLOAD_QUERY in self.request.query_arguments

    async def open(self, *args: Any, **kwargs: Any) -> None:
        if self._uploads_only():
            self._idle_upload_socket()
            return
        self._protocol = self.ws_connection  # gone by on_close, which reads the code it closed with
        resume_key = self.get_query_argument('resume', None)
        owner_port = sibling_port(route_of(resume_key)) if resume_key else None
        if owner_port is not None:
            self.relay = ResumeRelay(self, owner_port)
            await self.relay.open()
            return
        self.attachment = Attachment(self.registry, _TornadoCarrier(self), resume_key)
        self.attachment.start(self.create_session)
        self._headers = FoldedHeaders('')  # the answer's: sent, and not read again
        lighten(self.ws_connection.stream if self.ws_connection is not None else None)
        # read only to route the request: it would keep the finished task that read the request
        # (and its context) for the connection's life
        self.request.server_connection = None

    def _fold_request_headers(self) -> None:
        """Keep the handshake's headers, read at any time later but rarely, as text until then
        (`pywebio.platform.tornado_headers`). Called once the session's information is read
        from them, before its task can see them."""
        request = self.request
        parsed = request.headers
        if isinstance(parsed, FoldedHeaders):
            return
        request.headers = fold(parsed)
        connection = request.connection  # Tornado's HTTP1Connection keeps them too
        if getattr(connection, '_request_headers', None) is parsed:
            connection._request_headers = request.headers
        # and the coroutine that read the request keeps them in a variable it no longer reads:
        # emptied, they hold nothing (nothing else has them: the task has not started)
        parsed.__init__()  # type: ignore[misc]

    def on_message(self, message: Union[str, bytes]) -> Any:
        if self._uploads_only():
            return self._upload_message(message)
        if self.relay is not None:
            self.relay.from_browser(message)
            return
        attachment = self.attachment
        if attachment is None:
            return
        attachment.handle(message)

    def _idle_upload_socket(self) -> None:
        """(Re)start the clock that closes an upload socket idle for `UPLOAD_SOCKET_IDLE`."""
        timer = self._upload_idle
        if timer is not None:
            timer.cancel()
        self._upload_idle = asyncio.get_running_loop().call_later(UPLOAD_SOCKET_IDLE, self.close)

    async def _upload_message(self, message: Union[str, bytes]) -> None:
        self._idle_upload_socket()
        if not isinstance(message, bytes):
            self.close(CLOSE_INVALID_MESSAGE, 'an upload socket takes binary messages')
            return
        key = self.get_query_argument(UPLOAD_QUERY, '')
        origin = self.request.headers.get('Origin', '')
        owner_port = sibling_port(route_of(key))
        if owner_port is not None:  # another process's form: its answer, by way of the upload endpoint
            answer = await forward_upload_message(self.request, owner_port, message)
        else:
            answer = answer_upload_message(message, key=key, origin=origin, host=self.request.host,
                                           is_origin_allowed=self.is_origin_allowed)
        try:
            await self.write_message(answer)
        except tornado.websocket.WebSocketClosedError:
            pass

    def on_close(self) -> None:
        if self._uploads_only():
            timer = self._upload_idle
            if timer is not None:
                timer.cancel()
            return
        code = self.close_code_received()
        if self.relay is not None:
            self.relay.browser_left(code)
        if self.attachment is not None:
            # a close frame that says the page left ends the session; a drop only detaches it
            refused = getattr(self._protocol, '_close_code_sent', None) in REFUSED_FRAME_CODES
            self.attachment.lost(clean=code in LEAVING_CODES or refused)

    def close_code_received(self) -> Optional[int]:
        """The code of the browser's close frame; `NO_STATUS` (1005) for one without a code; None
        when the connection ended without a close frame (dropped)."""
        if self.close_code is None and getattr(self._protocol, 'close_frame_received', False):
            return NO_STATUS
        return self.close_code

    # -- session hooks ---------------------------------------------------------------------

    def create_session(self, on_task_command: Callable[[Session], None],
                       on_session_close: Callable[[Session], None]) -> Optional[Session]:
        """Make the session of this connection; None refuses the connection."""
        target = select_app(self.applications, self.app_name())
        if self.limits is not None:  # a new session (a resume was admitted when its session began)
            try:
                slot = self.limits.admit(self.request.remote_ip or '')
            except ServerBusy as busy:  # no session, no thread: the page says the server is busy
                self.close(busy.CLOSE_CODE, busy.reason)
                return None
        else:
            slot = None
        return new_session(target, self.session_info(), on_task_command, on_session_close, debug=self.debug,
                           slot=slot)

    def app_name(self) -> str:
        """The name of the app this connection runs: its ``app`` URL parameter, or ``index``."""
        return app_name_of({'app': self.get_query_argument('app', None)})

    def session_info(self) -> Any:
        request = self.request
        info = build_session_info(
            user_agent=request.headers.get('User-Agent', ''),
            accept_language=request.headers.get('Accept-Language', ''),
            host=request.host, origin=request.headers.get('Origin', ''),
            user_ip=request.remote_ip or '', request=request, backend='tornado',
            protocol='websocket', login=self.login, cookie=request.headers.get('Cookie', ''))
        self._fold_request_headers()
        return info



class _TornadoCarrier(Carrier):
    """Frames of a session to one Tornado WebSocket connection (see `pywebio.platform.resume`).

    Tornado's stream buffers whatever is written, without limit; each write's future is done once
    its bytes have left for the network, so `unsent` counts the frames whose future is not done
    (`pywebio.platform.unsent`). A connection over a bound is closed without waiting for them, and
    Tornado drops it 5 s later if the client does not answer the close (it does not read).
    """

    def __init__(self, connection: WebSocketConnection) -> None:
        self.connection = connection
        self._last_write: Optional['asyncio.Future[None]'] = None
        self.unsent = Unsent(self.overflowed)

    def send(self, text: str) -> None:
        protocol = self.connection.ws_connection
        if protocol is None or protocol.is_closing():
            return
        try:
            written = write_text(self.connection, text)
        except CONNECTION_GONE:
            return
        written.add_done_callback(self._taken)
        self._last_write = written
        self.unsent.written(len(text))

    def _taken(self, written: 'asyncio.Future[None]') -> None:
        _ignore_closed_connection(written)
        self.unsent.taken()  # written, or failed because the connection is gone: either way, freed

    def close(self, code: int = 1000, reason: str = '') -> None:
        asyncio.ensure_future(self._close_after_writes(code, reason))

    async def _close_after_writes(self, code: int, reason: str) -> None:
        # the session's last frames (close_session) go before the close frame; a connection
        # closed for anything else (silent, replaced) may never finish a write, so it waits for none
        # nor does one whose client does not read (over a bound of pywebio.platform.unsent)
        if self._last_write is not None and code in (CLOSE_NORMAL, CLOSE_INVALID_MESSAGE) and not self.unsent.over:
            try:
                await self._last_write
            except CONNECTION_GONE:
                pass
        self.connection.close(code, reason or None)
        if self.connection.finished is not None:
            self.connection.finished.set()


def _ignore_closed_connection(written: 'asyncio.Future[None]') -> None:
    """A frame the browser left before receiving: nothing to report (the session closes itself)."""
    if not written.cancelled():
        written.exception()


def webio_handler(applications: Optional[Applications] = None,
                  allowed_origins: Optional[Iterable[str]] = None,
                  check_origin: Optional[OriginCheck] = None,
                  max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, *,
                  cdn: Union[bool, str] = True, reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT,
                  target: Optional[Callable[[], Any]] = None,
                  debug: bool = False, max_sessions: Optional[int] = None,
                  max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                  allowed_hosts: Optional[Iterable[str]] = None, login_secret: Optional[str] = None,
                  login_expire_seconds: Optional[float] = None) -> Type[tornado.web.RequestHandler]:
    """Return a Tornado ``RequestHandler`` class that runs an app for each browser session.

    :param applications: the task function, called with no arguments once per browser session:
        a plain function runs in a thread of its own; an ``async def`` function runs as a
        coroutine on the server's event loop, shared by all its sessions. Or several apps: a list
        of task functions (each named by its ``__name__``) or a dict ``{name: task}``; the page
        picks one with its ``app`` URL parameter (``?app=name``, ``index`` by default; without an
        ``index`` app, a generated index lists the apps). ``target=`` is another name for it.
    :param allowed_origins: origins of pages on *other* sites that may use this API, such as
        ``['https://tools.example.com', 'http://*.example.org:8080']`` (shell wildcards; a
        pattern without ``://`` matches host and port only). Pages served by the same host are
        always admitted.
    :param check_origin: ``check_origin(origin) -> bool``, for origins that no pattern admits.
    :param max_payload_size: the largest frame a browser may send (``'16M'``, ``'512K'`` or
        bytes). A larger one closes that session.
    :param cdn: accepted for PyWebIO 1.x programs and ignored: the page always loads the
        frontend bundled with PyWebIO, never from a CDN.
    :param reconnect_timeout: how long (seconds, default 60) a session whose connection dropped
        without the page leaving waits for the page to come back; its task keeps running, and
        the page resumes it with nothing lost (docs/sessions.md). ``0`` ends it at once.
    :param debug: when a task raises, the page shows its traceback too (the server logs it
        either way). Without it, the page only says that the app stopped because of an error:
        no exception text reaches the browser.
    :param max_sessions: refuse a new session while this process holds this many open sessions
        (of every PyWebIO entry in it); ``None`` (the default): no limit. A refused page says
        that the server is busy (the WebSocket closes with code 1013); open sessions go on.
    :param max_sessions_per_ip: refuse a new session while its client address (what
        ``session.info.user_ip`` shows) holds this many; ``None``: no limit. The default, 100,
        lets a class behind one NAT in, and keeps one visitor from taking every slot. Loopback
        addresses are not limited by it: behind a reverse proxy on the same machine every
        browser has the proxy's address (see docs/deploy.md). IPv6 addresses count per /64.
    :param allowed_hosts: host names this API answers for besides ``localhost`` and loopback
        addresses, e.g. ``['tools.example.com', '*.example.org']`` (shell wildcards, the port
        ignored); other ``Host`` headers get 403. ``None`` (the default): no check here, as the
        address your application listens on is not known to PyWebIO (``start_server`` checks by
        itself when it listens on a loopback address). ``['*']``: no check. See docs/deploy.md.
    :param login_secret: the key that signs the login cookies of `pywebio.auth.login`, at least
        32 characters (``python -c "import secrets; print(secrets.token_urlsafe(32))"``); every
        server that serves the same app must have the same one. ``None`` (the default): the
        environment variable ``PYWEBIO_LOGIN_SECRET``, else a random secret of this server (its
        ``processes`` share it), and a warning when someone first logs in: logins then end
        when the server restarts. See docs/deploy.md, *Logging in*.
    :param login_expire_seconds: how long a login lasts, in seconds (default: 7 days).

    Mount it at ``<prefix>/io`` beside the static files at ``<prefix>/``: the page talks to
    ``./io`` next to itself. A plain GET of the handler's own URL (no WebSocket upgrade) gets the
    app's page too, rendered to connect back to that URL, as PyWebIO 1.x's did: mounted at
    ``/tool`` beside the static files at ``/``, ``/tool`` is a page of its own. That page loads
    its ``css/`` and ``js/`` from beside its URL.
    """
    apps = make_applications(one_of(applications, target, 'webio_handler'), 'webio_handler')
    check_server_options(reconnect_timeout=reconnect_timeout, where='webio_handler')
    is_allowed = make_origin_checker(allowed_origins, check_origin)
    payload = parse_size(max_payload_size)
    limits = SessionLimits(max_sessions, max_sessions_per_ip, where='webio_handler')
    host_check = make_host_check(allowed_hosts, where='webio_handler')
    login = make_login_service(login_secret, login_expire_seconds, where='webio_handler')
    mark_server_mode()
    return type('WebIOHandler', (WebSocketConnection,), {
        'login': login,
        'applications': apps, 'is_origin_allowed': staticmethod(is_allowed),
        'max_payload': payload, 'debug': bool(debug), 'registry': SessionRegistry(reconnect_timeout, reload=bool(debug)), 'limits': limits,
        'host_check': None if host_check is None else staticmethod(host_check), 'serves_page': True,
    })


def _refuse_host(handler: tornado.web.RequestHandler) -> None:
    """Answer 403 and `REFUSED_TEXT`: the request names a host this server does not serve."""
    refused(handler.request.host)
    handler.set_status(403)
    handler.set_header('Content-Type', 'text/plain; charset=utf-8')
    handler.finish(REFUSED_TEXT)


class _WrongHostHandler(tornado.web.RequestHandler):
    def prepare(self) -> None:
        _refuse_host(self)


class HostCheckedRouter(tornado.routing.Router):
    """Routes requests to ``app`` when ``allows(host)``, and answers the others 403: the page, the
    static files and the API alike (see `pywebio.platform.hosts`)."""

    def __init__(self, app: tornado.web.Application, allows: HostCheck) -> None:
        self.app = app
        self.allows = allows

    def find_handler(self, request: Any, **kwargs: Any) -> Any:
        if self.allows(request.host):
            return self.app.find_handler(request, **kwargs)
        return self.app.get_handler_delegate(request, _WrongHostHandler)


class PageHandler(tornado.web.RequestHandler):
    """The page of the app its ``app`` URL parameter names, from `render_page`; its web app
    manifest at ``?pywebio_manifest`` (`render_manifest`)."""

    applications: Dict[str, Callable[[], Any]] = {}

    def get(self) -> None:
        name = app_name_of({'app': self.get_query_argument('app', None)})
        if self.get_query_argument(MANIFEST_QUERY, None) is not None:
            manifest = render_manifest(self.applications.get(name))
            if manifest is None:
                raise tornado.web.HTTPError(404)
            self.set_header('Content-Type', 'application/manifest+json')
            self.finish(manifest)
            return
        status, html = page_for(self.applications, name)
        self.set_status(status)
        self.set_header('Content-Type', 'text/html; charset=utf-8')
        self.set_header('Cache-Control', 'no-cache')
        self.finish(html)


class _ApiRequestAt(tornado.routing.PathMatches):
    """A path, for the requests of the API only (`is_api_request`)."""

    def match(self, request: Any) -> Optional[Dict[str, Any]]:
        arguments = tornado.httputil.parse_qs_bytes(request.query or '')
        if not is_api_request(request.method or 'GET', request.headers, arguments):
            return None
        return super().match(request)


def make_application(handler: Type[tornado.web.RequestHandler], static_dir: Optional[str] = None,
                     **settings: Any) -> tornado.web.Application:
    """A Tornado application serving the page at ``/``, ``handler`` at ``/io``, the bundled
    assets, and ``static_dir`` (if given) at ``/static/``.

    When ``handler`` serves apps (made by `webio_handler`), ``/`` (and ``/index.html``) is the
    page of the app its ``app`` URL parameter names; otherwise it is the page of the global
    configuration (`render_page`). Either way it is rendered, never the bare ``index.html``.
    """
    settings.setdefault('compress_response', True)
    # debug mode restarts the server through PyWebIO's reloader (serve_forever); Tornado's own
    # would watch an event loop made before asyncio.run() and never running
    settings.setdefault('autoreload', False)
    # 1.x served its API at the root too: a page given pywebio_api=http://host/ connects there
    routes: List[Any] = [(r'/io', handler), tornado.routing.Rule(_ApiRequestAt(r'/$'), handler)]
    # the page is always rendered, index.html too: a bare index.html would take any pywebio_api
    # (docs/deploy.md); without apps (script mode) it is the page of the global configuration
    apps = getattr(handler, 'applications', None) or {}
    routes.append((r'/(?:index\.html)?', type('AppPageHandler', (PageHandler,), {'applications': apps})))
    if static_dir is not None:
        routes.append((r'/static/(.*)', tornado.web.StaticFileHandler, {'path': static_dir}))
    routes.append((r'/(.*)', tornado.web.StaticFileHandler, {'path': STATIC_PATH, 'default_filename': 'index.html'}))
    return tornado.web.Application(routes, **settings)


class BackgroundServer:
    """An HTTP server for ``app`` on its own thread and event loop. `stop` ends it.

    Used by script mode and by tests; `start_server` runs the same server on the calling thread.
    On a loopback ``host`` it answers only requests for loopback names and ``allowed_hosts`` (see
    `pywebio.platform.hosts`); ``xheaders`` is Tornado's option and ``connection_limits`` PyWebIO's (see
    `start_server`).
    """

    def __init__(self, app: tornado.web.Application, port: int = 0, host: str = '127.0.0.1',
                 allowed_hosts: Optional[Iterable[str]] = None, xheaders: bool = False,
                 connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None) -> None:
        self.app = app
        self.xheaders = xheaders
        self.connection_limits = limits_of(connection_limits, 'BackgroundServer')
        self.host_check = make_host_check(allowed_hosts, host, where='BackgroundServer')
        self.sockets = tornado.netutil.bind_sockets(port, host or None)
        self.port = self.sockets[0].getsockname()[1]
        self.host = host
        self.loop: Optional[tornado.ioloop.IOLoop] = None
        self._stop: Optional[asyncio.Event] = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name='pywebio-server')

    @property
    def url(self) -> str:
        return 'http://%s:%d/' % (display_host(self.host), self.port)

    def start(self) -> 'BackgroundServer':
        self._thread.start()
        self._started.wait()
        return self

    def _run(self) -> None:
        asyncio.run(serve(self.app, self.sockets, on_started=self._on_started, host_check=self.host_check,
                          xheaders=self.xheaders, connection_limits=self.connection_limits))

    def _on_started(self, stop: asyncio.Event) -> None:
        self.loop = tornado.ioloop.IOLoop.current()
        self._stop = stop
        self._started.set()

    def stop(self, timeout: float = 5) -> None:
        if self.loop is not None and self._stop is not None:
            try:
                self.loop.add_callback(self._stop.set)
            except RuntimeError:
                pass
        self._thread.join(timeout)


#: The largest request body `start_server` reads, in bytes (a ``server_options`` of
#: ``max_body_size`` changes it): the largest request with a body is a chunk of an upload.
MAX_REQUEST_BODY = MAX_UPLOAD_BODY + 64 * 1024


async def serve(app: tornado.web.Application, sockets: List[socket.socket],
                on_started: Optional[Callable[[asyncio.Event], None]] = None,
                host_check: Optional[HostCheck] = None, connection_limits: Optional[ConnectionLimits] = None,
                **server_options: Any) -> None:
    """Serve ``app`` on ``sockets`` until the returned stop event is set (or forever); with
    ``host_check``, only requests for the hosts it allows (`HostCheckedRouter`); each connection
    held to ``connection_limits`` (`pywebio.platform.connections`; the defaults if None).

    ``server_options`` go to ``tornado.httpserver.HTTPServer`` (``max_body_size``, ``xheaders``...)."""
    limits = connection_limits or ConnectionLimits()
    # Tornado's own timeouts too: its idle_connection_timeout also bounds the wait for a head
    # (one timer), so the larger one, and the guard below keeps the header timeout exact
    server_options.setdefault('idle_connection_timeout', max(limits.idle_timeout, limits.header_timeout))
    server_options.setdefault('body_timeout', limits.body_timeout)
    # no request this server answers has a large body (a chunk of an upload is the largest):
    # without a bound, Tornado would hold up to 100 MB of any POST in memory before a handler saw it
    server_options.setdefault('max_body_size', MAX_REQUEST_BODY)
    server = tornado.httpserver.HTTPServer(app if host_check is None else HostCheckedRouter(app, host_check),
                                           **server_options)
    server.add_sockets(guard_sockets(sockets, limits))
    stop = asyncio.Event()
    if on_started is not None:
        on_started(stop)
    try:
        await stop.wait()
    finally:
        server.stop()
        end_kept_sessions(asyncio.get_running_loop())  # or closing their connections would detach them
        await server.close_all_connections()


def start_server(applications: Optional[Applications] = None, port: int = 0, host: str = '',
                 debug: bool = False, cdn: Union[bool, str] = True, static_dir: Optional[str] = None,
                 remote_access: bool = False, reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT,
                 allowed_origins: Optional[Iterable[str]] = None,
                 check_origin: Optional[OriginCheck] = None, auto_open_webbrowser: bool = False,
                 max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, processes: int = 1, *,
                 target: Optional[Callable[[], Any]] = None, max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 allowed_hosts: Optional[Iterable[str]] = None, xheaders: bool = False,
                 connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None,
                 login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
                 redis_url: Optional[str] = None, **tornado_app_settings: Any) -> None:
    """Serve an app (or several) as a web app and block forever.

    Every browser that opens the page gets a new session running the app in its own thread (a
    coroutine, for an ``async def`` function).

    :param applications: the task function, taking no arguments; or a list of them (each named
        by its ``__name__``) or a dict ``{name: task}``. The page at ``/?app=name`` runs the app
        ``name``; ``/`` runs ``index``. Without an ``index`` app, ``/`` lists the apps, with the
        first line of each function's docstring as its description; an unknown name gets a page
        that says so (status 404). ``target=`` is another name for it.
    :param port: the TCP port; 0 picks a free one. The address is logged.
    :param host: the interface to listen on; ``''`` (the default) means all interfaces, as
        servers usually do. Use ``'127.0.0.1'`` to accept local browsers only.
    :param debug: restart the server when a source file of the app changes, open pages following
        by themselves (`pywebio.platform.reloader`); Tornado's debug mode (no static caching);
        and when a task raises, the page shows the traceback (see `webio_handler`).
    :param cdn: accepted for PyWebIO 1.x programs and ignored: the frontend is always served by
        this server, from `pywebio.STATIC_PATH`, never from a CDN.
    :param static_dir: a folder of your own files, served at ``/static/``.
    :param remote_access: PyWebIO 1.x's public tunnel; not supported: ``True`` raises
        ``ValueError``. Put the server behind a reverse proxy instead (docs/deploy.md).
    :param reconnect_timeout: see `webio_handler`.
    :param allowed_origins: see `webio_handler`.
    :param check_origin: see `webio_handler`.
    :param auto_open_webbrowser: open the page in a browser once the server listens.
    :param max_payload_size: see `webio_handler`.
    :param processes: serve from this many processes sharing the port (``0``: one per CPU
        core), so that sessions use every core. Each WebSocket session stays with the process that
        accepted it. Not with ``debug`` (which reloads the code), and not on Windows. SIGTERM or
        Ctrl-C (SIGINT) to the program's own process, the parent of the others, stops them all:
        the port refuses new connections at once, every process ends its sessions (their
        `defer_call` functions run) and exits, and the program exits (status 0 after SIGTERM,
        130 after Ctrl-C) within 5 seconds (`pywebio.platform.workers.STOP_TIMEOUT`): a process
        still running then is killed. A process whose parent is killed stops the same way.
    :param max_sessions: see `webio_handler`; with several ``processes``, the limit of each.
    :param max_sessions_per_ip: see `webio_handler`.
    :param allowed_hosts: when ``host`` is a loopback address (``'127.0.0.1'``, ``'::1'``,
        ``'localhost'``), the server answers only requests whose ``Host`` is ``localhost`` or a
        loopback address (any port), against DNS rebinding; these names are accepted too (see
        `webio_handler`). On other interfaces, ``None`` checks nothing and a list turns the check
        on. ``['*']``: no check.
    :param xheaders: take the client's address from the ``X-Real-Ip``/``X-Forwarded-For``
        headers (Tornado's option of that name): turn it on behind a reverse proxy that sets
        them, so that ``max_sessions_per_ip`` and ``session.info.user_ip`` see the browser's
        address, never without one (browsers could forge them).
    :param connection_limits: what one connection may cost, against clients that send requests
        slowly on many connections ("slowloris"): a dict with some of ``header_timeout`` (seconds
        to send a request's headers, default 10), ``body_timeout`` (its body, 120), ``idle_timeout``
        (a kept-alive connection between requests, 30; never a WebSocket),
        ``max_connections_per_ip`` (256; loopback addresses are not limited per address) and
        ``max_connections`` (of the process; three quarters of its open-file limit). A connection
        over a cap is closed at once. See `pywebio.platform.connections` and docs/deploy.md.
    :param login_secret: see `webio_handler`; the processes of ``processes=N`` share it, and
        so does the random secret made without one.
    :param login_expire_seconds: see `webio_handler`.
    :param redis_url: where the sessions' `pywebio.shared` channels and values live:
        ``'redis://host:6379/0'``, so that sessions of every process and machine using that Redis
        meet. Default: the environment variable ``PYWEBIO_REDIS_URL``, else the memory of the
        process, which ``processes=N`` refuses (it would split the room; a warning says so at start).
    :param tornado_app_settings: more settings for ``tornado.web.Application``.

    Example::

        from pywebio import start_server
        from pywebio.input import input
        from pywebio.output import put_text

        def main():
            name = input("What's your name?")
            put_text('Hello,', name)

        start_server(main, port=8080)

    Several apps, at ``/?app=greet`` and ``/?app=about``, listed at ``/``::

        start_server([greet, about], port=8080)
    """
    check_server_options(remote_access=remote_access, static_dir=static_dir,
                         reconnect_timeout=reconnect_timeout)
    if not isinstance(processes, int) or isinstance(processes, bool) or processes < 0:
        raise ValueError('start_server(): processes must be a non-negative int (0: one per CPU core), '
                         'got %r' % (processes,))
    if processes != 1 and debug:
        raise ValueError('start_server(): debug mode reloads the code and cannot run several processes; '
                         'use processes=1 with debug=True')
    if redis_url is not None:
        shared.configure(redis_url)
    handler = webio_handler(one_of(applications, target, 'start_server'), allowed_origins=allowed_origins,
                            check_origin=check_origin, max_payload_size=max_payload_size, debug=debug,
                            reconnect_timeout=reconnect_timeout, max_sessions=max_sessions,
                            max_sessions_per_ip=max_sessions_per_ip, login_secret=login_secret,
                            login_expire_seconds=login_expire_seconds)
    app = make_application(handler, static_dir=static_dir, debug=debug, **tornado_app_settings)
    serve_forever(app, port, host, auto_open_webbrowser, processes, allowed_hosts=allowed_hosts,
                  xheaders=bool(xheaders), connection_limits=limits_of(connection_limits))


def serve_forever(app: tornado.web.Application, port: int, host: str, auto_open_webbrowser: bool = False,
                  processes: int = 1, allowed_hosts: Optional[Iterable[str]] = None, **server_options: Any) -> None:
    """Serve ``app`` on ``host:port`` from ``processes`` processes, logging the address; blocks.

    On a loopback ``host``, or with ``allowed_hosts``, only requests for the allowed hosts are
    answered (`pywebio.platform.hosts`). Each connection is held to ``connection_limits`` (a
    `ConnectionLimits`, in ``server_options``; the defaults without it). A port in use, or
    Ctrl-C, ends the program (see
    `stop_on_ctrl_c`); with several processes, SIGTERM or SIGINT to the parent stops them all
    (`pywebio.platform.workers`). An ``app`` in debug mode restarts when its code changes
    (`pywebio.platform.reloader`)."""
    host_check = make_host_check(allowed_hosts, host)
    count = processes or tornado.process.cpu_count()
    bind = lambda: tornado.netutil.bind_sockets(port, host or None)  # noqa: E731
    if count == 1:
        serve_until_stopped(bind, port, host, reload=bool(app.settings.get('debug')),
                            auto_open_webbrowser=auto_open_webbrowser,
                            serve=lambda sockets: asyncio.run(serve(app, sockets, host_check=host_check, **server_options)))
        return
    shared.note_server_processes(count)
    groups = bind_or_exit(lambda: bind_worker_sockets(port, host, count), port)
    url = 'http://%s:%d/' % (display_host(host), groups[0][0].getsockname()[1])
    log_serving(url, host, ' from %d processes' % count)
    with stop_on_ctrl_c() as stopping:
        # a loopback port per child, where the others relay a page resuming a session it holds
        internal = [tornado.netutil.bind_sockets(0, '127.0.0.1')[0] for _ in range(count)]
        every = list({id(sock): sock for group in groups for sock in group}.values()) + internal
        # the parent only watches over the children, and stops them when it is stopped
        # (pywebio.platform.workers); it keeps its copies, so that a child started again finds
        # its sockets, and the connections queued on them, where the one before left them
        worker = fork_workers(count, every)
        stopping.quiet = True  # Ctrl-C reaches every process: the parent says it once
        join_siblings(worker, [sock.getsockname()[1] for sock in internal])
        sockets = groups[worker] + [internal[worker]]
        for sock in every:
            if all(sock is not mine for mine in sockets):
                sock.close()

        def on_started(stop: asyncio.Event) -> None:
            stop_on_signals(stop)
            if auto_open_webbrowser and worker == 0:
                open_webbrowser_soon(url)

        asyncio.run(serve(app, sockets, on_started=on_started, host_check=host_check, **server_options))
        exit_worker()


def bind_worker_sockets(port: int, host: str, count: int) -> List[List[socket.socket]]:
    """The listening sockets of each of ``count`` worker processes, on one port.

    On Linux each worker gets sockets of its own, bound with ``SO_REUSEPORT``: the kernel then
    spreads new connections evenly over the workers, by a hash of each connection's addresses.
    Workers sharing one socket would each take what it wakes them for, and one busy worker can be
    woken for nearly all of them (seen: 80 connections in a row to the same one of two). Elsewhere
    ``SO_REUSEPORT`` does not spread connections, and the workers share the same sockets."""
    first = tornado.netutil.bind_sockets(port, host or None, reuse_port=_REUSE_PORT_SPREADS)
    if not _REUSE_PORT_SPREADS:
        return [first] * count
    port = first[0].getsockname()[1]
    return [first] + [tornado.netutil.bind_sockets(port, host or None, reuse_port=True) for _ in range(count - 1)]


#: Whether ``SO_REUSEPORT`` spreads connections over the sockets bound with it (Linux 3.9 and later).
_REUSE_PORT_SPREADS = sys.platform.startswith('linux') and hasattr(socket, 'SO_REUSEPORT')


# -- script mode ---------------------------------------------------------------------------------

#: The URL parameter of script mode's page that carries its launch token, passed on to ``/io``.
SCRIPT_TOKEN_QUERY = 'pywebio_token'

#: How long (seconds) a script that ends before its tab has connected waits for the tab, so that a
#: script that only outputs is seen: the tab gets the output, then the session ends.
SCRIPT_EXIT_WAIT = 10.0


class _ScriptModeConnection(WebSocketConnection):
    """Attaches the first browser tab to the script's session; refuses any later tab, and any
    connection without the token of the page the script opened.

    The port of script mode is on 127.0.0.1, but any local process (another user's too) may
    connect to it: without the token it could read the script's output and answer its prompts
    before the real tab does. The token is in the URL the script opens (and logs) only.
    """

    script_session: ScriptModeSession
    token: str = ''
    attached: Optional['_ScriptModeConnection'] = None
    connected: threading.Event  # set once the tab has attached (start_script_mode makes one)

    async def open(self, *args: Any, **kwargs: Any) -> None:
        self.finished = threading.Event()
        await super().open(*args, **kwargs)

    def create_session(self, on_task_command: Callable[[Session], None],
                       on_session_close: Callable[[Session], None]) -> Optional[Session]:
        session = self.script_session
        given = self.get_query_argument(SCRIPT_TOKEN_QUERY, '')
        if not hmac.compare_digest(given.encode('utf-8', 'replace'), self.token.encode()):
            logger.warning('script mode refused a connection without the token of its page: open the '
                           'address the script printed')
            self.close(CLOSE_POLICY_VIOLATION, 'not the page this script opened')
            return None
        if session.transport_attached:
            # a second tab, or a reload: the script has one conversation, with the first tab
            self.write_message(encode_commands([CLOSE_SESSION_COMMAND]))
            self.close()
            return None
        session.transport_attached = True
        session.info = self.session_info()
        session.on_session_close = on_session_close
        session.on_task_command = on_task_command
        type(self).attached = self
        on_task_command(session)  # send what the script output before the tab connected
        self.connected.set()
        return session

    def on_message(self, message: Union[str, bytes]) -> None:
        super().on_message(message)
        if self.session is not None:
            type(self).attached = self  # the tab resumed the session on this connection


#: PyWebIO 1.x's environment variable for testing script mode: the port to serve on.
SCRIPT_PORT_VARIABLE = 'PYWEBIO_SCRIPT_MODE_PORT'


def _script_mode_port() -> Optional[int]:
    """The port of ``PYWEBIO_SCRIPT_MODE_PORT`` (0: a free one), or None when it is not set."""
    value = os.environ.get(SCRIPT_PORT_VARIABLE, '')
    if not value:
        return None
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port < 65536:
        raise ValueError('%s must be a TCP port number (0 for a free one), got %r' % (SCRIPT_PORT_VARIABLE, value))
    return port


def start_script_mode() -> ScriptModeSession:
    """Serve the calling script's session on a free port of 127.0.0.1 and open a browser tab.

    The session ends when the interpreter exits (after all non-daemon threads have ended) or when
    the person closes the tab. A script that ends before its tab has connected waits for it, at
    most `SCRIPT_EXIT_WAIT` seconds, so that the tab still shows what the script output. Ctrl-C
    ends it too: the `defer_call` functions run, one line goes to stderr instead of a traceback,
    and the exit status is 130.
    """
    session = ScriptModeSession(first_commands=first_commands(None))  # the global page configuration
    from .._compat import announce
    session.api = announce(None).api  # the script's meaning, guide or 1.x (pywebio._compat), said once
    fixed_port = _script_mode_port()
    # PyWebIO 1.x's switch for its test programs: a known port, no browser opened, and so no token
    # in a URL (the test's browser opens the bare address); the first tab gets the session
    token = '' if fixed_port is not None else secrets.token_urlsafe(24)
    # the tab reconnects after a drop as a server's does (a laptop that slept, a browser that froze the tab)
    handler = type('ScriptModeHandler', (_ScriptModeConnection,),
                   {'script_session': session, 'token': token, 'registry': SessionRegistry(DEFAULT_RECONNECT_TIMEOUT),
                    'connected': threading.Event()})
    server = BackgroundServer(make_application(handler), port=fixed_port or 0, host='127.0.0.1').start()
    url = '%s?%s=%s' % (server.url, SCRIPT_TOKEN_QUERY, token) if token else server.url
    logger.info('PyWebIO script mode: the page is at %s. Press Ctrl-C to stop.', url)
    if fixed_port is not None:
        logger.warning('%s is set: script mode serves on port %d without a token and opens no browser; '
                       'the first tab that connects gets the session', SCRIPT_PORT_VARIABLE, server.port)
    elif not webbrowser.open(url):
        logger.warning('PyWebIO could not open a browser: open %s yourself', url)
    atexit.register(_end_script_mode, session, handler, server)
    _stop_script_on_ctrl_c(session, handler, server)
    return session


def _stop_script_on_ctrl_c(session: ScriptModeSession, handler: Type[_ScriptModeConnection],
                           server: BackgroundServer) -> None:
    """Make a Ctrl-C that the script does not catch end it cleanly: the session ends (its
    `defer_call` functions run, the page says it is over), `atexit` functions run, one line goes to
    stderr and the exit status is 130, as for a server.

    Python reports an uncaught exception through `sys.excepthook` before it finalises; after an
    uncaught ``KeyboardInterrupt`` it would print a traceback and end by SIGINT.
    """
    previous = sys.excepthook

    def excepthook(kind: Type[BaseException], error: BaseException, trace: Any) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        atexit.unregister(_end_script_mode)
        try:
            session.interrupted()
            if handler.attached is not None:
                handler.attached.finished.wait(timeout=5)
            server.stop()
            atexit._run_exitfuncs()  # the script's own, as at a normal exit
        finally:
            print(STOPPED_MESSAGE, file=sys.stderr, flush=True)
            sys.stdout.flush()
            os._exit(CTRL_C_STATUS)

    sys.excepthook = excepthook


def _end_script_mode(session: ScriptModeSession, handler: Type[_ScriptModeConnection],
                     server: BackgroundServer) -> None:
    # a script that only outputs may end before its tab has even loaded: wait for the tab (at most
    # SCRIPT_EXIT_WAIT seconds), which then gets the output and hears that the session is over
    if not handler.connected.is_set() and not session.closed():
        logger.info('PyWebIO script mode: the script has ended; waiting up to %g s for its tab to connect',
                    SCRIPT_EXIT_WAIT)
        try:
            if not handler.connected.wait(SCRIPT_EXIT_WAIT):
                logger.warning('PyWebIO script mode: no tab connected within %g s; its output was not shown',
                               SCRIPT_EXIT_WAIT)
        except KeyboardInterrupt:  # Ctrl-C while waiting: stop waiting, end as usual
            pass
    session.end_of_script()
    if handler.attached is not None:
        handler.attached.finished.wait(timeout=5)  # let the browser hear that the session is over
    server.stop()

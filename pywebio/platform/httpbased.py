"""The HTTP long-polling transport, shared by the WSGI integrations (Flask, Django) and Tornado's.

A framework module adapts its request to `HttpRequest`, calls `HttpTransport.handle` (in a
request thread) or awaits `HttpTransport.handle_async` (on an event loop), and turns the
`HttpResponse` back into its own. The exchange (docs/protocol.md, "HTTP transport"):

- ``GET  api?test=1``                      → ``{"transport": "http"}``: lets the page pick HTTP.
- ``GET  api``  (no session header)        → the app's page, connecting back to ``api``
  (`pywebio.platform.page.api_page`), as PyWebIO 1.x's ``webio_view`` served it.
- ``POST api``  (no session header)        → a new session; its id in ``WebIO-Session-ID``.
- ``GET  api``  + id + ``WebIO-Ack: n``    → long poll: the commands after number ``n``, as
  ``{"seq": m, "commands": [...]}``, waiting up to ~20 s for one to come. Commands stay
  buffered until a later poll acknowledges them, so a poll lost on the way loses nothing
  (`pywebio.platform.longpoll`: the numbering of the WebSocket resume, one poll waiting per
  session, a newer poll answering the older at once).
- ``POST api``  + id, JSON body            → one event.
- ``POST api?pywebio_upload=K``             → a chunk of a file (`pywebio.platform.uploads`).
- ``POST api``  + id + ``WebIO-Close: 1``  → the page is going away: close the session.

A session not heard from for ``session_expire_seconds`` is closed (its inputs raise
`SessionClosedException`, its `defer_call` functions run). Sessions live in this process's
memory: behind several processes, route each session to one process (sticky sessions).

Coroutine-based sessions need an asyncio event loop, and a WSGI server has none: its requests
are handled in threads. `run_event_loop` runs that loop in a thread of your choice; every
coroutine-based session of an HTTP-based integration then lives on it::

    threading.Thread(target=run_event_loop, daemon=True).start()
    app.run(host='localhost', port=80)
"""
import asyncio
import inspect
import json
import logging
import secrets
import threading
import time
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ..session import Session, mark_server_mode
from ..session.base import OverLimit, ProtocolError
from .apps import app_name_of, make_applications, select_app
from .auth import MAX_TICKET_BODY, is_login_request, make_login_service
from .uploads import MAX_UPLOAD_BODY, UPLOAD_QUERY, answer_upload, is_upload_request
from .hosts import REFUSED_TEXT, make_host_check, refused
from .limits import DEFAULT_MAX_SESSIONS_PER_IP, ServerBusy, SessionLimits, Slot
from .page import api_page
from .longpoll import AsyncPoll, BlockingPoll, Mailbox, Poll
from .utils import (OriginCheck, build_session_info, decode_event, make_origin_checker, new_session,
                    parse_size)

logger = logging.getLogger(__name__)

__all__ = ['run_event_loop', 'event_loop', 'serve_wsgi_forever', 'HttpTransport', 'HttpRequest', 'HttpResponse']

SESSION_HEADER = 'WebIO-Session-ID'
RELOAD_HEADER = 'WebIO-Reload'
ACK_HEADER = 'WebIO-Ack'
CLOSE_HEADER = 'WebIO-Close'
DEFAULT_EXPIRE_SECONDS = 60
MAX_POLL_SECONDS = 20

_loop: Optional[asyncio.AbstractEventLoop] = None
_loop_ready = threading.Event()


def run_event_loop(debug: bool = False) -> None:
    """Run the event loop of coroutine-based sessions in the calling thread, for ever.

    Start it in a daemon thread before the web server, as in the guide's Flask example.
    """
    global _loop
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.set_debug(debug)
    _loop = loop
    _loop_ready.set()
    loop.run_forever()


def ensure_event_loop() -> asyncio.AbstractEventLoop:
    """The loop of coroutine-based sessions: `run_event_loop` in a daemon thread, started now if
    nothing runs it yet. Used by the ``start_server`` of HTTP-based platforms."""
    global _loop_thread_started
    with _start_lock:
        if not _loop_ready.is_set() and not _loop_thread_started:
            _loop_thread_started = True
            threading.Thread(target=run_event_loop, daemon=True, name='pywebio-event-loop').start()
    return event_loop()


def start_event_loop_for(apps: Dict[str, Callable[[], Any]]) -> None:
    """`ensure_event_loop` when one of ``apps`` is an ``async def`` function."""
    if any(inspect.iscoroutinefunction(task) for task in apps.values()):
        ensure_event_loop()


_start_lock = threading.Lock()
_loop_thread_started = False


def event_loop(timeout: Optional[float] = 5) -> asyncio.AbstractEventLoop:
    """The loop `run_event_loop` runs; waits up to ``timeout`` seconds for it to start."""
    if not _loop_ready.wait(timeout) or _loop is None:
        raise RuntimeError('coroutine-based tasks in an HTTP-based integration need an event loop: '
                           'start threading.Thread(target=run_event_loop, daemon=True).start() '
                           'before the web server')
    return _loop


class HttpRequest:
    """What the transport needs of a request; each framework module fills one in."""

    def __init__(self, *, method: str, headers: Mapping[str, str], args: Mapping[str, str],
                 read_body: Callable[[int], Optional[bytes]], host: str, remote_ip: str,
                 raw: Any, path: str = '/', secure: bool = False) -> None:
        self.method = method.upper()
        self.headers = {key.lower(): value for key, value in headers.items()}
        self.args = args
        self.read_body = read_body  # read_body(limit) -> bytes, or None if longer than limit
        self.host = host
        self.remote_ip = remote_ip
        self.raw = raw
        self.path = path  # the URL's path: the login cookie's Path (pywebio.platform.auth)
        self.secure = secure  # came over HTTPS, as the framework reports it: a Secure cookie

    def header(self, name: str, default: str = '') -> str:
        return self.headers.get(name.lower(), default)


class HttpResponse:
    """What the transport answers a request with; each framework module turns it into its own response.

    A ``dict`` body is sent as JSON (with its ``Content-Type``), a ``str`` as UTF-8.
    """

    def __init__(self, status: int = 200, body: Union[bytes, str, dict, None] = None,
                 headers: Optional[Dict[str, str]] = None) -> None:
        self.status = status
        self.headers = dict(headers or {})
        if isinstance(body, dict):
            body = json.dumps(body, separators=(',', ':'), ensure_ascii=False)
            self.headers.setdefault('Content-Type', 'application/json; charset=utf-8')
        self.body: bytes = body.encode('utf-8') if isinstance(body, str) else (body or b'')


class _Waiting:
    """A poll that waits for commands: `finish` makes its response once it has an answer."""

    def __init__(self, transport: 'HttpTransport', session_id: str, mailbox: Mailbox, poll: Poll,
                 origin: str) -> None:
        self.transport = transport
        self.session_id = session_id
        self.mailbox = mailbox
        self.poll = poll
        self.origin = origin

    def finish(self, answer: Optional[bytes]) -> HttpResponse:
        """The response to the poll: ``answer``, or, when None (it waited long enough), what
        there is now."""
        if answer is None:
            answer = self.mailbox.give_up(self.poll)
        transport = self.transport
        return transport._decorated(transport._commands_response(self.session_id, self.mailbox, answer), self.origin)


class HttpTransport:
    """Sessions of an app (or several) served over HTTP long-polling. See the module docstring.

    :param applications: the task function (plain or ``async def``), a list of them or a dict
        ``{name: task}``: the ``app`` URL parameter of the request that opens a session picks one
        (see `pywebio.platform.tornado.start_server`).
    :param allowed_origins: see `pywebio.platform.tornado.webio_handler`.
    :param check_origin: see `pywebio.platform.tornado.webio_handler`.
    :param session_expire_seconds: close a session not heard from for this long.
    :param session_cleanup_interval: how often to look for expired sessions (default: a third of
        ``session_expire_seconds``).
    :param max_payload_size: the largest request body accepted.
    :param backend: the framework's name, for `pywebio.session.info`.
    :param debug: a task that raises shows its traceback on the page.
    :param max_sessions: see `pywebio.platform.tornado.webio_handler`; a refused request to
        open a session gets 503 with ``Retry-After``.
    :param max_sessions_per_ip: see `pywebio.platform.tornado.webio_handler`.
    :param allowed_hosts: see `pywebio.platform.tornado.webio_handler`: requests for other hosts
        get 403.
    :param login_secret: see `pywebio.platform.tornado.webio_handler`.
    :param login_expire_seconds: see `pywebio.platform.tornado.webio_handler`.
    :param where: the entry's name, for error messages.
    """

    def __init__(self, applications: Any, *, allowed_origins: Optional[Iterable[str]] = None,
                 check_origin: Optional[OriginCheck] = None,
                 session_expire_seconds: float = DEFAULT_EXPIRE_SECONDS,
                 session_cleanup_interval: Optional[float] = None,
                 max_payload_size: Union[int, str] = '16M', backend: str = 'http', debug: bool = False,
                 max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 allowed_hosts: Optional[Iterable[str]] = None, where: str = 'webio_view',
                 login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None) -> None:
        self.debug = debug
        self.applications = make_applications(applications, 'webio_view')
        if session_expire_seconds is None:
            session_expire_seconds = DEFAULT_EXPIRE_SECONDS
        if not session_expire_seconds or session_expire_seconds <= 0:
            raise ValueError('session_expire_seconds must be a positive number of seconds')
        self.is_origin_allowed = make_origin_checker(allowed_origins, check_origin)
        self.expire_seconds = float(session_expire_seconds)
        self.cleanup_interval = float(session_cleanup_interval or self.expire_seconds / 3)
        self.poll_seconds = min(MAX_POLL_SECONDS, self.expire_seconds / 2)
        self.max_payload = parse_size(max_payload_size)
        self.backend = backend
        self.limits = SessionLimits(max_sessions, max_sessions_per_ip, where=where)
        self.host_check = make_host_check(allowed_hosts, where=where)
        self.login = make_login_service(login_secret, login_expire_seconds, where=where)
        self._sessions: Dict[str, Tuple[Session, Mailbox]] = {}
        self._slots: Dict[str, Slot] = {}
        self._lock = threading.Lock()
        self._cleaner: Optional[threading.Thread] = None
        mark_server_mode()

    # -- requests ---------------------------------------------------------------------------

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request``, in the calling thread; a long poll blocks it (WSGI servers)."""
        result = self._answer(request, BlockingPoll)
        if isinstance(result, _Waiting):
            result = result.finish(result.poll.wait(self.poll_seconds))  # type: ignore[attr-defined]
        return result

    async def handle_async(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request`` on the running event loop: a long poll waits as a future, holding
        no thread (Tornado)."""
        loop = asyncio.get_running_loop()
        result = self._answer(request, lambda ack: AsyncPoll(ack, loop))
        if isinstance(result, _Waiting):
            answered = result.poll.answered  # type: ignore[attr-defined]
            try:
                answer: Optional[bytes] = await asyncio.wait_for(asyncio.shield(answered), self.poll_seconds)
            except asyncio.TimeoutError:
                answer = None
            result = result.finish(answer)
        return result

    def _answer(self, request: HttpRequest, make_poll: Callable[[int], Poll]) -> Union[HttpResponse, _Waiting]:
        if self.host_check is not None and not self.host_check(request.host):
            refused(request.host)
            return HttpResponse(403, REFUSED_TEXT, {'Content-Type': 'text/plain; charset=utf-8'})
        origin = request.header('Origin')
        if origin and not self.is_origin_allowed(origin, request.host):
            logger.warning('refused a request from origin %r for host %r: add it to allowed_origins '
                           'to admit it', origin, request.host)
            return HttpResponse(403, {'error': 'origin not allowed'})
        result = self._route(request, make_poll, origin)
        return result if isinstance(result, _Waiting) else self._decorated(result, origin)

    def _decorated(self, response: HttpResponse, origin: str) -> HttpResponse:
        """``response`` with the CORS headers of an admitted ``origin``, never cached."""
        if origin:
            response.headers.update({
                'Access-Control-Allow-Origin': origin, 'Vary': 'Origin',
                'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
                # and the upload endpoint's (pywebio.platform.uploads)
                'Access-Control-Allow-Headers': '%s, %s, %s, Content-Type, X-PyWebIO-Secret, X-PyWebIO-Chunk'
                                                % (SESSION_HEADER, ACK_HEADER, CLOSE_HEADER),
                'Access-Control-Expose-Headers': '%s, %s' % (SESSION_HEADER, RELOAD_HEADER),
            })
        response.headers.setdefault('Cache-Control', 'no-store')
        return response

    def _route(self, request: HttpRequest, make_poll: Callable[[int], Poll],
               origin: str) -> Union[HttpResponse, _Waiting]:
        if is_upload_request(request.args):  # a chunk of a file (pywebio.platform.uploads)
            status, headers, body = answer_upload(
                method=request.method, key=request.args.get(UPLOAD_QUERY), origin=origin, host=request.host,
                header=request.header, body=request.read_body(MAX_UPLOAD_BODY), is_origin_allowed=self.is_origin_allowed)
            return HttpResponse(status, body, headers)
        if request.method == 'OPTIONS':
            return HttpResponse(204)
        if is_login_request(request.args):  # the page hands in a login ticket (pywebio.platform.auth)
            status, headers, body = self.login.answer(
                method=request.method, origin=origin, host=request.host, content_type=request.header('Content-Type'),
                body=request.read_body(MAX_TICKET_BODY), path=request.path, secure=request.secure,
                is_origin_allowed=self.is_origin_allowed)
            return HttpResponse(status, body, headers)
        if request.method == 'GET' and request.args.get('test'):
            return HttpResponse(200, {'transport': 'http'})
        session_id = request.header(SESSION_HEADER)
        if request.method == 'POST' and not session_id:
            return self._open(request)
        if request.method == 'GET' and not session_id:  # a browser opening the API's URL: the page
            status, content_type, body = api_page(self.applications, request.args)
            return HttpResponse(status, body, {'Content-Type': content_type, 'Cache-Control': 'no-cache'})
        with self._lock:
            entry = self._sessions.get(session_id)
        if entry is None:
            return HttpResponse(404, {'error': 'no such session; it may have expired'})
        session, mailbox = entry
        mailbox.last_seen = time.monotonic()
        if request.method == 'GET':
            return self._poll(session_id, session, mailbox, request, make_poll, origin)
        if request.method == 'POST':
            return self._event(request, session_id, session)
        return HttpResponse(405, {'error': 'use GET, POST or OPTIONS'}, {'Allow': 'GET, POST, OPTIONS'})

    def _poll(self, session_id: str, session: Session, mailbox: Mailbox, request: HttpRequest,
              make_poll: Callable[[int], Poll], origin: str) -> Union[HttpResponse, _Waiting]:
        try:
            ack = int(request.header(ACK_HEADER, '0'))
        except ValueError:
            return HttpResponse(400, {'error': 'WebIO-Ack must be a number'})
        poll = make_poll(ack)
        try:
            answer = mailbox.poll(poll)
        except ProtocolError as error:
            return self._refuse(session_id, session, error)
        if answer is None:
            return _Waiting(self, session_id, mailbox, poll, origin)
        return self._commands_response(session_id, mailbox, answer)

    def _commands_response(self, session_id: str, mailbox: Mailbox, answer: bytes) -> HttpResponse:
        if mailbox.delivered_end:  # close_session went out: a later poll gets 404
            self._forget(session_id)
        return HttpResponse(200, answer, {'Content-Type': 'application/json; charset=utf-8'})

    def _open(self, request: HttpRequest) -> HttpResponse:
        try:
            slot = self.limits.admit(request.remote_ip)
        except ServerBusy as busy:  # no session, no thread: the page says the server is busy
            return HttpResponse(503, {'error': busy.reason}, {'Retry-After': str(busy.retry_after)})
        session_id = secrets.token_urlsafe(24)

        def overflow(error: OverLimit) -> None:  # the page fetches no commands: end its session
            with self._lock:
                entry = self._sessions.get(session_id)
            if entry is not None and entry[0] is not None:
                entry[0].abort(error)

        mailbox = Mailbox(overflow)
        info = build_session_info(
            user_agent=request.header('User-Agent'), accept_language=request.header('Accept-Language'),
            host=request.host, origin=request.header('Origin'), user_ip=request.remote_ip,
            request=request.raw, backend=self.backend, protocol='http', login=self.login,
            cookie=request.header('Cookie'))
        with self._lock:
            self._sessions[session_id] = (None, mailbox)  # type: ignore[assignment]
            self._slots[session_id] = slot
            self._start_cleaner()
        target = select_app(self.applications, app_name_of(request.args))
        try:
            session = new_session(target, info, mailbox.put, mailbox.end, slot=slot, debug=self.debug,
                                  loop=event_loop() if inspect.iscoroutinefunction(target) else None)
        except BaseException:
            self._forget(session_id)
            raise
        with self._lock:
            self._sessions[session_id] = (session, mailbox)
        headers = {SESSION_HEADER: session_id}
        if self.debug:  # the page reloads when the server forgets it: a restart with new code
            headers[RELOAD_HEADER] = '1'
        return HttpResponse(200, {'seq': 0, 'commands': []}, headers)

    def _event(self, request: HttpRequest, session_id: str, session: Session) -> HttpResponse:
        if request.header(CLOSE_HEADER):
            self._close(session_id, session)
            return HttpResponse(200, {})
        body = request.read_body(self.max_payload)
        if body is None:
            self._close(session_id, session)
            return HttpResponse(413, {'error': 'the request is larger than the server accepts'})
        try:
            session.send_client_event(decode_event(body, binary=False), len(body))
        except ProtocolError as error:
            return self._refuse(session_id, session, error)
        return HttpResponse(200, {})

    def _refuse(self, session_id: str, session: Session, error: ProtocolError) -> HttpResponse:
        """The page broke the protocol: its session ends, and the request gets 400 and why."""
        self._forget(session_id)
        session.abort(error)
        return HttpResponse(400, {'error': 'invalid message: %s' % error})

    # -- the end of sessions ----------------------------------------------------------------

    def _close(self, session_id: str, session: Session) -> None:
        self._forget(session_id)
        session.close()

    def _forget(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)
            slot = self._slots.pop(session_id, None)
        if slot is not None:
            slot.release()

    def _start_cleaner(self) -> None:
        if self._cleaner is None or not self._cleaner.is_alive():
            self._cleaner = threading.Thread(target=self._clean_forever, daemon=True,
                                             name='pywebio-http-cleaner')
            self._cleaner.start()

    def _clean_forever(self) -> None:
        while True:
            time.sleep(self.cleanup_interval)
            self.close_expired()

    def close_expired(self) -> int:
        """Close the sessions not heard from for ``session_expire_seconds``; return how many."""
        deadline = time.monotonic() - self.expire_seconds
        with self._lock:
            expired = [(sid, s) for sid, (s, mailbox) in self._sessions.items()
                       if s is not None and mailbox.last_seen < deadline]
        for session_id, session in expired:
            logger.info('a session expired: no request for %ss', self.expire_seconds)
            self._close(session_id, session)
        return len(expired)

    def session_count(self) -> int:
        with self._lock:
            return len(self._sessions)



def serve_wsgi_forever(app: Any, host: str, port: int, auto_open_webbrowser: bool = False,
                       reload: bool = False, connection_limits: Any = None) -> None:
    """Serve a WSGI ``app`` from the standard library's server, a thread per request (each open
    page holds a long poll); blocks. For the ``start_server`` of WSGI frameworks without a
    server of their own. With ``reload`` (debug mode), the server restarts when the code changes
    (`pywebio.platform.reloader`). Each connection is held to ``connection_limits`` (a
    `pywebio.platform.connections.ConnectionLimits`; the defaults if None)."""
    import socketserver
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

    from .apps import listening_socket, serve_until_stopped
    from .connections import guard_sockets, quiet_timeouts

    class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class QuietHandler(quiet_timeouts(WSGIRequestHandler)):  # type: ignore[misc]
        def log_message(self, format: str, *args: Any) -> None:
            logger.debug('%s - %s', self.address_string(), format % args)

    def serve(sockets: List[Any]) -> None:
        server = ThreadingWSGIServer(sockets[0].getsockname()[:2], QuietHandler, bind_and_activate=False)
        server.socket.close()
        # bound and listening already (serve_until_stopped); slow clients are timed out there
        server.socket = guard_sockets(sockets[:1], connection_limits)[0]
        server.server_name, server.server_port = host or 'localhost', server.socket.getsockname()[1]
        server.setup_environ()
        server.set_app(app)
        try:
            server.serve_forever()
        finally:
            server.server_close()

    serve_until_stopped(lambda: listening_socket(port, host), port, host, serve, reload=reload,
                        auto_open_webbrowser=auto_open_webbrowser)

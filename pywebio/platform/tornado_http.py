"""Serve PyWebIO apps with Tornado over HTTP long-polling, for networks that block WebSocket.

`webio_handler` is a Tornado ``RequestHandler`` class speaking the HTTP transport of
`pywebio.platform.httpbased` (the one of Flask and Django); `start_server` is a complete server.
Mount the handler like the WebSocket one, beside the static files::

    application = tornado.web.Application([
        (r"/tool/io", webio_handler(task_func)),
        (r"/tool/(.*)", tornado.web.StaticFileHandler,
         {"path": STATIC_PATH, 'default_filename': 'index.html'}),
    ])

A long poll waits on the event loop as a future: it holds no thread, and a session has at most
one waiting (`pywebio.platform.longpoll`), so polls held open by a few sessions cannot make
anyone else wait. ``async def`` apps run on the loop of
`pywebio.platform.httpbased.run_event_loop`, started in a daemon thread when needed.
"""
import asyncio
from typing import Any, Callable, Dict, Iterable, Optional, Type, Union

import tornado.web

from .. import shared
from .apps import Applications, check_server_options, one_of
from .connections import ConnectionLimits, connection_limits as limits_of
from .httpbased import HttpRequest, HttpTransport, start_event_loop_for
from .limits import DEFAULT_MAX_SESSIONS_PER_IP
from .tornado import make_application, serve_forever
from .utils import OriginCheck, parse_size

__all__ = ['webio_handler', 'start_server']

DEFAULT_MAX_PAYLOAD = '16M'

class HttpConnection(tornado.web.RequestHandler):
    """Hands each request to the `HttpTransport` of its `webio_handler`."""

    transport: HttpTransport

    def request_args(self) -> Dict[str, str]:
        """The URL parameters the transport sees (``app`` picks the app of a new session)."""
        return {name: self.get_query_argument(name) for name in self.request.query_arguments}

    async def _handle(self, *path_args: str) -> None:
        request = self.request
        body = request.body or b''

        def read_body(limit: int) -> Optional[bytes]:
            return None if len(body) > limit else body

        args = self.request_args()
        try:
            response = await self.transport.handle_async(HttpRequest(
                method=request.method or 'GET', headers=request.headers, args=args, read_body=read_body,
                host=request.host, remote_ip=request.remote_ip or '', raw=request, path=request.path,
                secure=request.protocol == 'https'))
        except asyncio.CancelledError:
            # the server is stopping (Ctrl-C) during a long poll, and its connection is closed:
            # Tornado before 6.6 would log the cancelled request as an error
            return
        self.set_status(response.status)
        for name, value in response.headers.items():
            self.set_header(name, value)
        self.finish(response.body or None)  # None: Tornado refuses even an empty body with 204

    get = post = options = _handle  # type: ignore[assignment]

    def check_xsrf_cookie(self) -> None:
        """The transport checks the ``Origin`` of every request itself."""


def webio_handler(applications: Optional[Applications] = None, cdn: Union[bool, str] = True,
                  session_expire_seconds: Optional[float] = None,
                  session_cleanup_interval: Optional[float] = None,
                  allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
                  max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, *,
                  target: Optional[Callable[[], Any]] = None,
                  debug: bool = False, max_sessions: Optional[int] = None,
                  max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                  allowed_hosts: Optional[Iterable[str]] = None, login_secret: Optional[str] = None,
                  login_expire_seconds: Optional[float] = None) -> Type[tornado.web.RequestHandler]:
    """Return a Tornado ``RequestHandler`` class serving ``applications`` over HTTP long-polling.

    :param applications: a task function, a list of them or a dict ``{name: task}`` (see
        `pywebio.platform.tornado.start_server`); ``target=`` is another name for it.
    :param cdn: accepted and ignored: the frontend is always the bundled one.
    :param session_expire_seconds: close a session not heard from for this long (default 60).
    :param session_cleanup_interval: how often to look for expired sessions.
    :param allowed_origins: see `pywebio.platform.tornado.webio_handler`.
    :param check_origin: see `pywebio.platform.tornado.webio_handler`.
    :param max_payload_size: the largest request body accepted (``'16M'``, ``'512K'`` or bytes);
        a larger one gets 413 and closes the session.
    :param debug: when a task raises, the page shows its traceback too (see
        `pywebio.platform.tornado.webio_handler`).
    :param max_sessions: see `pywebio.platform.tornado.webio_handler`; a refused page gets 503
        with ``Retry-After``, and says that the server is busy.
    :param max_sessions_per_ip: see `pywebio.platform.tornado.webio_handler`.
    :param allowed_hosts: see `pywebio.platform.tornado.webio_handler`.
    :param login_secret: see `pywebio.platform.tornado.webio_handler`.
    :param login_expire_seconds: see `pywebio.platform.tornado.webio_handler`.
    """
    transport = HttpTransport(one_of(applications, target, 'webio_handler'), allowed_origins=allowed_origins,
                              check_origin=check_origin, session_expire_seconds=session_expire_seconds,
                              session_cleanup_interval=session_cleanup_interval,
                              max_payload_size=max_payload_size, backend='tornado', debug=debug,
                              max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                              allowed_hosts=allowed_hosts, where='webio_handler', login_secret=login_secret,
                              login_expire_seconds=login_expire_seconds)
    start_event_loop_for(transport.applications)
    return type('WebIOHttpHandler', (HttpConnection,), {'transport': transport,
                                                        'applications': transport.applications})


def start_server(applications: Applications, port: int = 8080, host: str = '', debug: bool = False,
                 cdn: Union[bool, str] = True, static_dir: Optional[str] = None,
                 allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
                 auto_open_webbrowser: bool = False, session_expire_seconds: Optional[float] = None,
                 session_cleanup_interval: Optional[float] = None,
                 max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, remote_access: bool = False, *,
                 max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 allowed_hosts: Optional[Iterable[str]] = None, xheaders: bool = False,
                 connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None,
                 login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
                 redis_url: Optional[str] = None, **tornado_app_settings: Any) -> None:
    """Serve ``applications`` with Tornado over HTTP long-polling; blocks.

    The page of each app is at ``/?app=name``, the API at ``/io``; ``static_dir`` is served at
    ``/static/``. The parameters are those of `webio_handler` and
    `pywebio.platform.tornado.start_server` (``remote_access=True`` raises ``ValueError``;
    ``allowed_hosts``, ``xheaders`` and ``connection_limits`` as there).

    Example::

        from pywebio.platform.tornado_http import start_server
        start_server(main, port=8080)
    """
    if redis_url is not None:
        shared.configure(redis_url)
    check_server_options(remote_access=remote_access, static_dir=static_dir)
    handler = webio_handler(applications, session_expire_seconds=session_expire_seconds,
                            session_cleanup_interval=session_cleanup_interval, allowed_origins=allowed_origins,
                            check_origin=check_origin, max_payload_size=max_payload_size, debug=debug,
                            max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                            login_secret=login_secret, login_expire_seconds=login_expire_seconds)
    app = make_application(handler, static_dir=static_dir, debug=debug, **tornado_app_settings)
    # a body above the limit is refused while it arrives (the transport checks it again)
    serve_forever(app, port, host, auto_open_webbrowser, allowed_hosts=allowed_hosts, xheaders=bool(xheaders),
                  max_body_size=max_body_size(max_payload_size), connection_limits=limits_of(connection_limits))


def max_body_size(max_payload_size: Union[int, str]) -> int:
    """Tornado's limit of request bodies: room for ``max_payload_size`` (the transport refuses a
    larger body with 413 and closes its session), and at least Tornado's default (100 MiB)."""
    return max(parse_size(max_payload_size) + 1024, 100 * 1024 ** 2)

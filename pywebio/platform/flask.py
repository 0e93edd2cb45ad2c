"""Serve PyWebIO apps from Flask, over HTTP long-polling.

Mount `webio_view` beside the static files, exactly as the guide shows::

    from pywebio.platform.flask import webio_view
    from pywebio import STATIC_PATH
    from flask import Flask, send_from_directory

    app = Flask(__name__)
    app.add_url_rule('/io', 'webio_view', webio_view(target=task_func),
                     methods=['GET', 'POST', 'OPTIONS'])

    @app.route('/')
    @app.route('/<path:static_file>')
    def serve_static_file(static_file='index.html'):
        return send_from_directory(STATIC_PATH, static_file)

    app.run(host='localhost', port=80)

For an ``async def`` task, start `pywebio.platform.httpbased.run_event_loop` in a thread first.
Flask is an optional dependency: ``pip install pywebio[flask]``.
"""
import os
from typing import Any, Callable, Dict, Iterable, List, Optional, Union

from flask import Flask, Response, request, send_from_directory

from .. import STATIC_PATH, shared
from .apps import (Applications, app_name_of, check_server_options, is_api_request, listening_socket, one_of, page_for,
                   serve_until_stopped)
from .connections import ConnectionLimits, connection_limits as limits_of, guard_sockets, quiet_timeouts
from .hosts import make_host_check, wsgi_host_check
from .httpbased import DEFAULT_EXPIRE_SECONDS, HttpRequest, HttpTransport, run_event_loop, start_event_loop_for
from .limits import DEFAULT_MAX_SESSIONS_PER_IP
from .utils import OriginCheck

__all__ = ['webio_view', 'wsgi_app', 'start_server', 'run_event_loop']  # run_event_loop: as 1.x, from httpbased


def _read_body(limit: int) -> Optional[bytes]:
    length = request.content_length
    if length is not None and length > limit:
        return None  # refused without reading it
    body = request.stream.read(limit + 1)
    return None if len(body) > limit else body


def webio_view(applications: Optional[Applications] = None,
               allowed_origins: Optional[Iterable[str]] = None,
               check_origin: Optional[OriginCheck] = None,
               session_expire_seconds: Optional[float] = DEFAULT_EXPIRE_SECONDS,
               session_cleanup_interval: Optional[float] = None,
               max_payload_size: Union[int, str] = '16M', *, cdn: Union[bool, str] = True,
               target: Optional[Callable[[], Any]] = None, debug: bool = False,
               max_sessions: Optional[int] = None,
               max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
               allowed_hosts: Optional[Iterable[str]] = None, login_secret: Optional[str] = None,
               login_expire_seconds: Optional[float] = None) -> Callable[[], Response]:
    """Return a Flask view function that serves an app, one session per browser tab.

    Register it for the methods GET, POST and OPTIONS.

    :param applications: the task function (plain, or ``async def`` with `run_event_loop`
        running), or several: a list of them (named by ``__name__``) or a dict ``{name: task}``,
        picked by the page's ``app`` URL parameter (see `pywebio.platform.tornado.start_server`).
        ``target=`` is another name for it, as in the guide.
    :param allowed_origins: origins of pages on other sites that may use this API (see
        `pywebio.platform.tornado.webio_handler`); they get CORS headers, others get 403.
    :param check_origin: ``check_origin(origin) -> bool`` for origins no pattern admits.
    :param session_expire_seconds: close a session whose page has not been heard from for this
        long (the page polls every few seconds while open). ``None``: the default, 60.
    :param session_cleanup_interval: how often to look for expired sessions.
    :param max_payload_size: the largest request body accepted (``'16M'``, ``'512K'`` or bytes).
    :param cdn: accepted for PyWebIO 1.x programs and ignored: the frontend is always the bundled one.
    :param debug: when a task raises, the page shows its traceback too (see
        `pywebio.platform.tornado.webio_handler`).
    :param max_sessions: refuse a new session while the process holds this many (``None``: no
        limit); the page gets 503 with ``Retry-After`` and says that the server is busy. See
        `pywebio.platform.tornado.webio_handler`.
    :param max_sessions_per_ip: see `pywebio.platform.tornado.webio_handler`. The client address
        is ``request.remote_addr``: behind a reverse proxy, apply werkzeug's ``ProxyFix``.
    :param allowed_hosts: see `pywebio.platform.tornado.webio_handler`: requests of this view for
        other hosts get 403.
    :param login_secret: see `pywebio.platform.tornado.webio_handler`; the page hands in its
        login ticket with ``POST <this URL>?pywebio_login``. The cookie is ``Secure`` when
        ``request.scheme`` is https (behind a proxy: werkzeug's ``ProxyFix`` with ``x_proto``).
    :param login_expire_seconds: see `pywebio.platform.tornado.webio_handler`.
    """
    transport = HttpTransport(one_of(applications, target, 'webio_view'), allowed_origins=allowed_origins,
                              check_origin=check_origin, session_expire_seconds=session_expire_seconds,
                              session_cleanup_interval=session_cleanup_interval,
                              max_payload_size=max_payload_size, backend='flask', debug=debug,
                              max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                              allowed_hosts=allowed_hosts, login_secret=login_secret,
                              login_expire_seconds=login_expire_seconds)

    def view() -> Response:
        response = transport.handle(HttpRequest(
            method=request.method, headers=request.headers, args=request.args, read_body=_read_body,
            host=request.host, remote_ip=request.remote_addr or '', raw=request._get_current_object(),
            path=request.path, secure=request.scheme == 'https'))
        return Response(response.body, status=response.status, headers=response.headers)

    view.transport = transport  # type: ignore[attr-defined]
    return view


def wsgi_app(applications: Applications, cdn: Union[bool, str] = True, static_dir: Optional[str] = None,
             allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
             session_expire_seconds: Optional[float] = None,
             session_cleanup_interval: Optional[float] = None,
             max_payload_size: Union[int, str] = '16M', debug: bool = False, *,
             max_sessions: Optional[int] = None,
             max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
             allowed_hosts: Optional[Iterable[str]] = None, bound_host: Optional[str] = None,
             login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None) -> Flask:
    """A complete Flask app (a WSGI app) serving ``applications``: the page of each app at
    ``/?app=name``, the API at ``/io``, the bundled frontend, and ``static_dir`` at ``/static/``.

    Run it with any WSGI server that handles requests in threads (each open page holds one
    request), e.g. ``waitress-serve --threads 64 module:app``. The parameters are those of
    `start_server`; ``allowed_hosts`` applies to every route of the app. ``bound_host``: the
    address the server listens on, when known (a loopback address turns the host check on). ``async def`` apps run on the loop of `run_event_loop`, started in a daemon
    thread here if nothing runs it yet.

    Example::

        app = wsgi_app([greet, about])
    """
    check_server_options(static_dir=static_dir, where='wsgi_app')
    host_check = make_host_check(allowed_hosts, bound_host, where='wsgi_app')
    view = webio_view(applications, allowed_origins=allowed_origins, check_origin=check_origin,
                      session_expire_seconds=session_expire_seconds,
                      session_cleanup_interval=session_cleanup_interval, max_payload_size=max_payload_size,
                      debug=debug, max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                      login_secret=login_secret, login_expire_seconds=login_expire_seconds)
    apps = view.transport.applications  # type: ignore[attr-defined]
    start_event_loop_for(apps)
    app = Flask(__name__, static_folder=None)
    if host_check is not None:
        app.wsgi_app = wsgi_host_check(app.wsgi_app, host_check)  # type: ignore[method-assign]
    app.add_url_rule('/io', 'webio_view', view, methods=['GET', 'POST', 'OPTIONS'])

    def page() -> Response:
        if request.path == '/' and is_api_request(request.method, request.headers, request.args):
            return view()  # 1.x's API at the root (docs/compat.md)
        status, html = page_for(apps, app_name_of(request.args))
        return Response(html, status=status, content_type='text/html; charset=utf-8',
                        headers={'Cache-Control': 'no-cache'})

    app.add_url_rule('/', 'pywebio_page', page, methods=['GET', 'POST', 'OPTIONS'])
    # index.html is the rendered page too: the bare file would take any pywebio_api (docs/deploy.md)
    app.add_url_rule('/index.html', 'pywebio_page_index', page)
    if static_dir is not None:
        folder = os.path.abspath(static_dir)
        app.add_url_rule('/static/<path:name>', 'pywebio_static_dir',
                         lambda name: send_from_directory(folder, name))
    app.add_url_rule('/<path:name>', 'pywebio_assets', lambda name: send_from_directory(STATIC_PATH, name))
    return app


def start_server(applications: Applications, port: int = 8080, host: str = '', cdn: Union[bool, str] = True,
                 static_dir: Optional[str] = None, remote_access: bool = False,
                 allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
                 session_expire_seconds: Optional[float] = None,
                 session_cleanup_interval: Optional[float] = None, debug: bool = False,
                 max_payload_size: Union[int, str] = '16M', auto_open_webbrowser: bool = False, *,
                 max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 allowed_hosts: Optional[Iterable[str]] = None,
                 connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None,
                 login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
                 redis_url: Optional[str] = None, **flask_options: Any) -> None:
    """Serve ``applications`` with Flask's own (threaded) server, over HTTP long-polling; blocks.

    :param applications: a task function, a list of them or a dict ``{name: task}`` (see
        `pywebio.platform.tornado.start_server`).
    :param port: the TCP port (8080 by default, as in PyWebIO 1.x); 0 picks a free one (the
        address is logged).
    :param host: the interface; ``''`` means all interfaces.
    :param cdn: accepted and ignored: the frontend is always the bundled one.
    :param static_dir: a folder of your own files, served at ``/static/``.
    :param remote_access: not supported: ``True`` raises ``ValueError`` (use a reverse proxy).
    :param allowed_origins: see `webio_view`.
    :param check_origin: see `webio_view`.
    :param session_expire_seconds: see `webio_view`.
    :param session_cleanup_interval: see `webio_view`.
    :param debug: Flask's debug mode; a task that raises shows its traceback on the page; and the
        server restarts when a source file of the app changes, open pages following
        (`pywebio.platform.reloader`; ``use_reloader=False`` turns that off).
    :param max_payload_size: see `webio_view`.
    :param auto_open_webbrowser: open the page in a browser once the server starts.
    :param max_sessions: see `webio_view`.
    :param max_sessions_per_ip: see `webio_view`.
    :param allowed_hosts: see `pywebio.platform.tornado.start_server`: on a loopback ``host`` only
        requests for loopback names and these hosts are answered.
    :param login_secret: see `webio_view`.
    :param login_expire_seconds: see `webio_view`.
    :param redis_url: see `pywebio.platform.tornado.start_server`: where `pywebio.shared`
        keeps what sessions share (default: ``PYWEBIO_REDIS_URL``, else memory).
    :param connection_limits: see `pywebio.platform.tornado.start_server`. Not with ``ssl_context``
        (werkzeug wraps the socket itself): serve HTTPS from a reverse proxy instead.
    :param flask_options: more arguments for werkzeug's ``make_server`` (``threaded``,
        ``ssl_context``, ``request_handler``, ``passthrough_errors``), as ``Flask.run`` takes them.

    Example::

        from pywebio.platform.flask import start_server
        start_server(main, port=8080)
    """
    if redis_url is not None:
        shared.configure(redis_url)
    check_server_options(remote_access=remote_access, static_dir=static_dir)
    app = wsgi_app(applications, static_dir=static_dir, allowed_origins=allowed_origins,
                   check_origin=check_origin, session_expire_seconds=session_expire_seconds,
                   session_cleanup_interval=session_cleanup_interval, max_payload_size=max_payload_size,
                   debug=debug, max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                   allowed_hosts=allowed_hosts, bound_host=host, login_secret=login_secret,
                   login_expire_seconds=login_expire_seconds)
    from werkzeug.serving import WSGIRequestHandler, make_server  # Flask.run's server, on a socket bound here
    limits = limits_of(connection_limits)
    app.debug = debug
    reload = flask_options.pop('use_reloader', debug)
    for run_only in ('use_debugger', 'load_dotenv'):  # options of Flask.run that make_server lacks
        flask_options.pop(run_only, None)
    flask_options.setdefault('threaded', True)
    flask_options['request_handler'] = quiet_timeouts(flask_options.get('request_handler') or WSGIRequestHandler)

    def serve(sockets: List[Any]) -> None:
        server = make_server(host or '0.0.0.0', sockets[0].getsockname()[1], app, fd=sockets[0].fileno(),
                             **flask_options)
        if server.ssl_context is None:  # werkzeug's socket is a copy of sockets[0]: the guarded one instead
            server.socket.close()
            server.socket = guard_sockets(sockets[:1], limits)[0]
        server.serve_forever()  # werkzeug returns when Ctrl-C interrupts it
        raise KeyboardInterrupt

    serve_until_stopped(lambda: listening_socket(port, host), port, host, serve, reload=reload,
                        auto_open_webbrowser=auto_open_webbrowser)

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
from typing import Any, Callable, Iterable, Optional, Union

from flask import Response, request

from .httpbased import DEFAULT_EXPIRE_SECONDS, HttpRequest, HttpTransport
from .utils import OriginCheck

__all__ = ['webio_view']


def _read_body(limit: int) -> Optional[bytes]:
    length = request.content_length
    if length is not None and length > limit:
        return None  # refused without reading it
    body = request.stream.read(limit + 1)
    return None if len(body) > limit else body


def webio_view(target: Callable[[], Any], allowed_origins: Optional[Iterable[str]] = None,
               check_origin: Optional[OriginCheck] = None,
               session_expire_seconds: float = DEFAULT_EXPIRE_SECONDS,
               session_cleanup_interval: Optional[float] = None,
               max_payload_size: Union[int, str] = '16M') -> Callable[[], Response]:
    """Return a Flask view function that serves ``target``, one session per browser tab.

    Register it for the methods GET, POST and OPTIONS.

    :param target: the task function (plain, or ``async def`` with `run_event_loop` running).
    :param allowed_origins: origins of pages on other sites that may use this API (see
        `pywebio.platform.tornado.webio_handler`); they get CORS headers, others get 403.
    :param check_origin: ``check_origin(origin) -> bool`` for origins no pattern admits.
    :param session_expire_seconds: close a session whose page has not been heard from for this
        long (the page polls every few seconds while open).
    :param session_cleanup_interval: how often to look for expired sessions.
    :param max_payload_size: the largest request body accepted (``'16M'``, ``'512K'`` or bytes).
    """
    transport = HttpTransport(target, allowed_origins=allowed_origins, check_origin=check_origin,
                              session_expire_seconds=session_expire_seconds,
                              session_cleanup_interval=session_cleanup_interval,
                              max_payload_size=max_payload_size, backend='flask')

    def view() -> Response:
        response = transport.handle(HttpRequest(
            method=request.method, headers=request.headers, args=request.args, read_body=_read_body,
            host=request.host, remote_ip=request.remote_addr or '', raw=request._get_current_object()))
        return Response(response.body, status=response.status, headers=response.headers)

    view.transport = transport  # type: ignore[attr-defined]
    return view

"""Serve PyWebIO apps from Django, over HTTP long-polling.

Add the routes to ``urls.py``, exactly as the guide shows::

    from functools import partial
    from django.urls import path
    from django.views.static import serve
    from pywebio import STATIC_PATH
    from pywebio.platform.django import webio_view

    webio_view_func = webio_view(target=task_func)

    urlpatterns = [
        path(r"io", webio_view_func),
        path(r'', partial(serve, path='index.html'), {'document_root': STATIC_PATH}),
        path(r'<path:path>', serve, {'document_root': STATIC_PATH}),
    ]

The view is exempt from Django's CSRF middleware: it checks the ``Origin`` of every request
itself. Django is an optional dependency: ``pip install pywebio[django]``.
"""
import os
import secrets
import types
from typing import Any, Callable, Dict, Iterable, Optional, Union

from django.http import HttpRequest as DjangoRequest
from django.http import HttpResponse as DjangoResponse
from django.views.decorators.csrf import csrf_exempt

from .. import STATIC_PATH, shared
from .apps import Applications, app_name_of, check_server_options, one_of, page_for
from .connections import ConnectionLimits, connection_limits as limits_of
from .hosts import make_host_check, wsgi_host_check
from .httpbased import (DEFAULT_EXPIRE_SECONDS, HttpRequest, HttpTransport, run_event_loop, serve_wsgi_forever,
                        start_event_loop_for)
from .limits import DEFAULT_MAX_SESSIONS_PER_IP
from .utils import OriginCheck

__all__ = ['webio_view', 'wsgi_app', 'start_server', 'run_event_loop']  # run_event_loop: as 1.x, from httpbased


def _body_reader(request: DjangoRequest) -> Callable[[int], Optional[bytes]]:
    def read(limit: int) -> Optional[bytes]:
        try:
            length = int(request.META.get('CONTENT_LENGTH') or 0)
        except ValueError:
            length = 0
        if length > limit:
            return None  # refused without reading it
        body = request.read(limit + 1)
        return None if len(body) > limit else body
    return read


def webio_view(applications: Optional[Applications] = None,
               allowed_origins: Optional[Iterable[str]] = None,
               check_origin: Optional[OriginCheck] = None,
               session_expire_seconds: Optional[float] = DEFAULT_EXPIRE_SECONDS,
               session_cleanup_interval: Optional[float] = None,
               max_payload_size: Union[int, str] = '16M', *, cdn: Union[bool, str] = True,
               target: Optional[Callable[[], Any]] = None,
               debug: bool = False, max_sessions: Optional[int] = None,
               max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
               allowed_hosts: Optional[Iterable[str]] = None, login_secret: Optional[str] = None,
               login_expire_seconds: Optional[float] = None) -> Callable[[DjangoRequest], DjangoResponse]:
    """Return a Django view that serves an app (or several), one session per browser tab.

    The parameters are those of `pywebio.platform.flask.webio_view`. The client address of
    ``max_sessions_per_ip`` is ``REMOTE_ADDR``; Django's own ``ALLOWED_HOSTS`` guards the rest of
    your project, ``allowed_hosts`` this view.
    """
    transport = HttpTransport(one_of(applications, target, 'webio_view'), allowed_origins=allowed_origins,
                              check_origin=check_origin, session_expire_seconds=session_expire_seconds,
                              session_cleanup_interval=session_cleanup_interval,
                              max_payload_size=max_payload_size, backend='django', debug=debug,
                              max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                              allowed_hosts=allowed_hosts, login_secret=login_secret,
                              login_expire_seconds=login_expire_seconds)

    @csrf_exempt
    def view(request: DjangoRequest) -> DjangoResponse:
        response = transport.handle(HttpRequest(
            method=request.method or 'GET', headers=request.headers, args=request.GET,
            read_body=_body_reader(request), host=request.get_host(),
            remote_ip=request.META.get('REMOTE_ADDR', ''), raw=request, path=request.path,
            secure=request.is_secure()))
        django_response = DjangoResponse(response.body, status=response.status)
        for name, value in response.headers.items():
            django_response[name] = value
        return django_response

    view.transport = transport  # type: ignore[attr-defined]
    return view


#: The URL configuration of `wsgi_app`: Django has one per process, so the latest call wins.
_urlconf = types.ModuleType('pywebio_django_urls')  # hashable: Django caches a resolver per urlconf
_urlconf.urlpatterns = []  # type: ignore[attr-defined]


def wsgi_app(applications: Applications, cdn: Union[bool, str] = True, static_dir: Optional[str] = None,
             allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
             session_expire_seconds: Optional[float] = None,
             session_cleanup_interval: Optional[float] = None,
             max_payload_size: Union[int, str] = '16M', debug: bool = False, *,
             max_sessions: Optional[int] = None,
             max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
             allowed_hosts: Optional[Iterable[str]] = None, bound_host: Optional[str] = None,
             login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
             **django_settings: Any) -> Any:
    """A WSGI app of a minimal Django project serving ``applications``: the page of each app at
    ``/?app=name``, the API at ``/io``, the bundled frontend, and ``static_dir`` at ``/static/``.

    It configures Django itself (``settings.configure``), so use it in a program that has no
    Django project of its own; in a Django project, add `webio_view` to your ``urls.py`` instead.
    Django holds one URL configuration per process: the last call of `wsgi_app` is the one
    served. The parameters are those of `pywebio.platform.flask.wsgi_app`; ``django_settings``
    are more settings for ``settings.configure``.
    """
    import django
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.urls import clear_url_caches, path
    from django.views.static import serve

    check_server_options(static_dir=static_dir, where='wsgi_app')
    host_check = make_host_check(allowed_hosts, bound_host, where='wsgi_app')
    if not settings.configured:
        django_settings.setdefault('ALLOWED_HOSTS', ['*'])
        django_settings.setdefault('SECRET_KEY', secrets.token_urlsafe(32))
        django_settings.setdefault('MIDDLEWARE', [])
        settings.configure(DEBUG=debug, ROOT_URLCONF=_urlconf, **django_settings)
        django.setup()
    elif settings.ROOT_URLCONF is not _urlconf:
        raise RuntimeError('wsgi_app(): Django is already configured by this program: add '
                           'pywebio.platform.django.webio_view to its urls.py instead')
    view = webio_view(applications, allowed_origins=allowed_origins, check_origin=check_origin,
                      session_expire_seconds=session_expire_seconds,
                      session_cleanup_interval=session_cleanup_interval, max_payload_size=max_payload_size,
                      debug=debug, max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                      login_secret=login_secret, login_expire_seconds=login_expire_seconds)
    apps = view.transport.applications  # type: ignore[attr-defined]
    start_event_loop_for(apps)

    def page(request: DjangoRequest) -> DjangoResponse:
        status, html = page_for(apps, app_name_of(request.GET))
        response = DjangoResponse(html, status=status, content_type='text/html; charset=utf-8')
        response['Cache-Control'] = 'no-cache'
        return response

    # index.html is the rendered page too: the bare file would take any pywebio_api (docs/deploy.md)
    patterns = [path('io', view), path('', page), path('index.html', page)]
    if static_dir is not None:
        patterns.append(path('static/<path:path>', serve, {'document_root': os.path.abspath(static_dir)}))
    patterns.append(path('<path:path>', serve, {'document_root': STATIC_PATH}))
    _urlconf.urlpatterns = patterns  # type: ignore[attr-defined]
    clear_url_caches()
    application = get_wsgi_application()
    return application if host_check is None else wsgi_host_check(application, host_check)


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
                 redis_url: Optional[str] = None, **django_options: Any) -> None:
    """Serve ``applications`` with Django, over HTTP long-polling, from a threaded WSGI server of
    the standard library; blocks.

    The parameters are those of `pywebio.platform.flask.start_server`; ``django_options`` are
    more Django settings (see `wsgi_app`). With ``debug``, the server restarts when a source file
    of the app changes, open pages following (`pywebio.platform.reloader`, which keeps the port
    across restarts where Django's ``runserver`` reloader binds it anew).

    Example::

        from pywebio.platform.django import start_server
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
                   login_expire_seconds=login_expire_seconds, **django_options)
    serve_wsgi_forever(app, host, port, auto_open_webbrowser, reload=debug,
                       connection_limits=limits_of(connection_limits))

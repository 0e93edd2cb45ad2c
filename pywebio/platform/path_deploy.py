"""Serve every ``.py`` file of a folder as an app at its path: ``base/a/b.py`` is ``/a/b``.

An app is a file with a ``main`` function, the task of its sessions; it is loaded when a page of
it is requested, and loaded again once the file has changed. A folder's URL (``/a/``) shows an
index of its folders and apps. Files and folders whose names start with ``_`` or ``.`` are not
served, nor are paths that leave the folder.

Each app page is served at its path with a trailing slash (``/a/b`` redirects to ``/a/b/``), so
that the page finds its API (``./io``) and the bundled frontend (``./css/``, ``./js/``) beside
itself, behind any prefix a reverse proxy adds. So the names ``io``, ``css`` and ``js`` are
reserved: files and folders so named are not served as apps. `path_deploy` talks to the pages
over WebSocket, `path_deploy_http` over HTTP long-polling.

From the command line: ``python -m pywebio.platform.path_deploy FOLDER [--port 8080]``.
"""
import importlib.util
import logging
import os
import sys
import threading
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Type, Union

import tornado.web

from .. import STATIC_PATH
from .apps import AppSource, check_server_options
from .httpbased import ensure_event_loop
from .limits import DEFAULT_MAX_SESSIONS_PER_IP
from .page import render_page
from .resume import DEFAULT_RECONNECT_TIMEOUT
from .tornado import DEFAULT_MAX_PAYLOAD, serve_forever, webio_handler
from .utils import OriginCheck

logger = logging.getLogger(__name__)

__all__ = ['path_deploy', 'path_deploy_http']

RESERVED = ('io', 'css', 'js')

IndexFunction = Callable[[str], str]


class FolderApps(AppSource):
    """The apps of a folder, by path: ``get('a/b')`` is ``main`` of ``base/a/b.py``; ``get('a')``
    of a folder ``base/a`` (and ``get('')``, the folder itself) is the task showing its index."""

    def __init__(self, base: str, index: Union[bool, IndexFunction] = True) -> None:
        self.base = os.path.realpath(base)
        self.index = index
        self._modules: Dict[str, Tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def locate(self, name: str) -> Tuple[str, Optional[str]]:
        """``('folder', path)``, ``('app', path)`` or ``('', None)`` for a path below the base."""
        parts = [part for part in name.strip('/').split('/') if part]
        if any(part.startswith(('_', '.')) or part in RESERVED for part in parts):
            return '', None
        path = os.path.realpath(os.path.join(self.base, *parts))
        if path != self.base and not path.startswith(self.base + os.sep):
            return '', None
        if os.path.isdir(path):
            return 'folder', path
        if parts and os.path.isfile(path + '.py'):
            return 'app', path + '.py'
        return '', None

    def get(self, name: str) -> Optional[Callable[[], Any]]:
        kind, path = self.locate(name)
        if kind == 'folder' and self.index:
            return lambda: self._show_index(path, name)  # type: ignore[arg-type]
        if kind == 'app':
            return self.main_of(path)  # type: ignore[arg-type]
        return None

    def main_of(self, path: str) -> Optional[Callable[[], Any]]:
        """The ``main`` function of the file at ``path``, loaded again when the file changed."""
        mtime = os.path.getmtime(path)
        with self._lock:
            cached = self._modules.get(path)
            if cached is None or cached[0] != mtime:
                module_name = '_pywebio_path_deploy_' + str(abs(hash(path)))
                spec = importlib.util.spec_from_file_location(module_name, path)
                module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
                spec.loader.exec_module(module)  # type: ignore[union-attr]
                cached = self._modules[path] = (mtime, module)
        main = getattr(cached[1], 'main', None)
        return main if callable(main) else None

    def listing(self, folder: str) -> Tuple[List[str], List[str]]:
        """The folders and apps (names without ``.py``) shown in the index of ``folder``."""
        folders, apps = [], []
        for entry in sorted(os.listdir(folder)):
            if entry.startswith(('_', '.')):
                continue
            full = os.path.join(folder, entry)
            if os.path.isdir(full) and entry not in RESERVED:
                folders.append(entry)
            elif entry.endswith('.py') and os.path.isfile(full) and entry[:-3] not in RESERVED:
                apps.append(entry[:-3])
        return folders, apps

    def _show_index(self, folder: str, name: str) -> None:
        from ..output import put_html, put_link, put_row, put_text
        if callable(self.index):
            put_html(self.index(folder))
            return
        put_text('/' + name.strip('/') + ('/' if name.strip('/') else '')).style('font-size: 1.5rem')
        if name.strip('/'):
            put_row([put_link('..', url='../')])
        folders, apps = self.listing(folder)
        for entry in folders:
            put_row([put_link(entry + '/', url=entry + '/')])
        for entry in apps:
            put_row([put_link(entry, url=entry + '/')])


class PageHandler(tornado.web.RequestHandler):
    """The page of an app or folder; ``/a/b`` redirects to ``/a/b/``."""

    apps: FolderApps

    def get(self, path: str) -> None:
        kind, found = self.apps.locate(path)
        if not kind or (kind == 'folder' and not self.apps.index):
            raise tornado.web.HTTPError(404)
        if not path.endswith('/') and path:
            query = self.request.query
            self.redirect('/' + path.lstrip('/') + '/' + ('?' + query if query else ''))
            return
        app = self.apps.main_of(found) if kind == 'app' else None  # type: ignore[arg-type]
        if kind == 'app' and app is None:
            raise tornado.web.HTTPError(404, 'no main function in %s' % found)
        self.set_header('Content-Type', 'text/html; charset=utf-8')
        self.set_header('Cache-Control', 'no-cache')
        self.finish(render_page(app))


def make_application(apps: FolderApps, api: Type[tornado.web.RequestHandler], static_dir: Optional[str],
                     **settings: Any) -> tornado.web.Application:
    """Routes: ``static_dir`` at ``/static/``, the API at ``<path>/io``, the bundled frontend at
    ``<path>/css/`` and ``<path>/js/``, pages everywhere else."""
    settings.setdefault('compress_response', True)
    routes: List[Any] = []
    if static_dir is not None:
        routes.append((r'/static/(.*)', tornado.web.StaticFileHandler, {'path': static_dir}))
    routes += [
        (r'/((?:[^/]+/)*)io', api),
        (r'/(?:[^/]+/)*((?:css|js)/.+)', tornado.web.StaticFileHandler, {'path': STATIC_PATH}),
        (r'/(.*)', type('FolderPageHandler', (PageHandler,), {'apps': apps})),
    ]
    return tornado.web.Application(routes, **settings)


def _folder_apps(base: str, index: Union[bool, IndexFunction], static_dir: Optional[str], reconnect_timeout: float,
                 remote_access: bool = False) -> FolderApps:
    if not os.path.isdir(base):
        raise ValueError('path_deploy(): base must be a folder, got %r' % (base,))
    check_server_options(remote_access=remote_access, static_dir=static_dir,
                         reconnect_timeout=reconnect_timeout, where='path_deploy')
    apps = FolderApps(base, index)
    if apps.base not in sys.path:
        sys.path.insert(0, apps.base)  # apps may import the modules beside them
    return apps


def path_deploy(base: str, port: int = 0, host: str = '', index: Union[bool, IndexFunction] = True,
                static_dir: Optional[str] = None, reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT, cdn: Union[bool, str] = True,
                debug: bool = False, allowed_origins: Optional[Iterable[str]] = None,
                check_origin: Optional[OriginCheck] = None,
                max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, remote_access: bool = False, *,
                max_sessions: Optional[int] = None,
                max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                allowed_hosts: Optional[Iterable[str]] = None, xheaders: bool = False,
                **tornado_app_settings: Any) -> None:
    """Serve every app of the folder ``base`` over WebSocket (Tornado); blocks.

    :param base: the folder. ``base/a/b.py`` with a ``main`` function is served at ``/a/b/``.
    :param port: the TCP port; 0 picks a free one (the address is logged).
    :param host: the interface; ``''`` means all interfaces.
    :param index: show an index of folders and apps at each folder's URL (``True``); ``False``
        answers 404 there; a function ``index(folder_path) -> html`` shows your own HTML.
    :param static_dir: a folder of your own files, served at ``/static/``.
    :param reconnect_timeout: see `pywebio.platform.tornado.webio_handler` (default 60 seconds).
    :param cdn: accepted and ignored: the frontend is always the bundled one.
    :param debug: Tornado's debug mode, and a restart of the server when an imported module changes
        (see `pywebio.platform.tornado.start_server`; the app files themselves are loaded anew
        when they change, debug or not).
    :param allowed_origins: see `pywebio.platform.tornado.webio_handler`.
    :param check_origin: see `pywebio.platform.tornado.webio_handler`.
    :param max_payload_size: see `pywebio.platform.tornado.webio_handler`.
    :param remote_access: not supported: ``True`` raises ``ValueError``.
    :param max_sessions: see `pywebio.platform.tornado.webio_handler`: every app of the folder
        counts.
    :param max_sessions_per_ip: see `pywebio.platform.tornado.webio_handler`.
    :param allowed_hosts: see `pywebio.platform.tornado.start_server`.
    :param xheaders: see `pywebio.platform.tornado.start_server`.
    :param tornado_app_settings: more settings for ``tornado.web.Application``.

    Example::

        from pywebio.platform.path_deploy import path_deploy
        path_deploy('apps/', port=8080)     # apps/tools/convert.py: http://localhost:8080/tools/convert/
    """
    apps = _folder_apps(base, index, static_dir, reconnect_timeout, remote_access)
    handler = webio_handler(apps, allowed_origins=allowed_origins, check_origin=check_origin,
                            max_payload_size=max_payload_size, debug=debug, max_sessions=max_sessions,
                            max_sessions_per_ip=max_sessions_per_ip,
                            reconnect_timeout=reconnect_timeout)
    api = type('PathDeployWebSocket', (handler,), {'app_name': lambda self: '/' + self.path_args[0]})
    app = make_application(apps, api, static_dir, debug=debug, **tornado_app_settings)
    serve_forever(app, port, host, allowed_hosts=allowed_hosts, xheaders=bool(xheaders))


def path_deploy_http(base: str, port: int = 0, host: str = '', index: Union[bool, IndexFunction] = True,
                     static_dir: Optional[str] = None, cdn: Union[bool, str] = True, debug: bool = False,
                     allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
                     session_expire_seconds: Optional[float] = None,
                     session_cleanup_interval: Optional[float] = None,
                     max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, remote_access: bool = False, *,
                     max_sessions: Optional[int] = None,
                     max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                     allowed_hosts: Optional[Iterable[str]] = None, xheaders: bool = False,
                     **tornado_app_settings: Any) -> None:
    """Serve every app of the folder ``base`` over HTTP long-polling (Tornado); blocks.

    The parameters are those of `path_deploy`, and ``session_expire_seconds`` and
    ``session_cleanup_interval`` of `pywebio.platform.tornado_http.webio_handler`.
    """
    from .tornado_http import max_body_size, webio_handler as http_handler

    apps = _folder_apps(base, index, static_dir, 0, remote_access)
    ensure_event_loop()  # for the async def apps the folder may hold
    handler = http_handler(apps, session_expire_seconds=session_expire_seconds,
                           session_cleanup_interval=session_cleanup_interval, allowed_origins=allowed_origins,
                           check_origin=check_origin, max_payload_size=max_payload_size, debug=debug,
                           max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip)

    def request_args(self: Any) -> Dict[str, str]:
        return {**handler.request_args(self), 'app': '/' + self.path_args[0]}

    api = type('PathDeployHttp', (handler,), {'request_args': request_args})
    app = make_application(apps, api, static_dir, debug=debug, **tornado_app_settings)
    serve_forever(app, port, host, allowed_hosts=allowed_hosts, xheaders=bool(xheaders),
                  max_body_size=max_body_size(max_payload_size))


def main(argv: Optional[List[str]] = None) -> None:
    """``python -m pywebio.platform.path_deploy FOLDER [--port N] [--host H] [--http]``."""
    import argparse
    parser = argparse.ArgumentParser(description='Serve every .py file of a folder as a PyWebIO app.')
    parser.add_argument('base', help='the folder of the apps')
    parser.add_argument('--port', type=int, default=8080)
    parser.add_argument('--host', default='')
    parser.add_argument('--http', action='store_true', help='use HTTP long-polling instead of WebSocket')
    parser.add_argument('--debug', action='store_true')
    args = parser.parse_args(argv)
    deploy = path_deploy_http if args.http else path_deploy
    deploy(args.base, port=args.port, host=args.host, debug=args.debug)


if __name__ == '__main__':
    main()

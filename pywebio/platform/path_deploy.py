"""Serve every ``.py`` file of a folder as an app at its path: ``base/a/b.py`` is ``/a/b``.

An app is a file with a ``main`` function, the task of its sessions, or, as in PyWebIO 1.x, a
``main`` that is a dict (or list) of apps, of which the page's ``?app=`` URL parameter picks one as
`start_server` does; it is loaded when a page of it is requested, and loaded again once the file
has changed. A folder's URL (``/a/``) shows the app of its ``index.py`` when it has one (as in
1.x), else an index of its folders and apps, with the title and description each ``def main``
declares (docstring, ``@config``, ``@seo``), read from the source. Files and folders whose names
start with ``_`` or ``.`` are not served, nor are paths that leave the folder.

What is executed: a file is read and parsed first, and executed only when one of its own
statements binds ``main``: ``def main``, ``async def main``, ``main = ...`` or an import of
``main`` (``from m import main``, ``import m as main``), at the top of the module or in its
``if``, ``try`` and ``with`` blocks. Any other file (a helper module, a file that does not parse,
one whose ``main`` comes from ``from m import *`` or ``globals()``) is never executed, never
listed, and its URL answers 404. A file or folder whose real path (symlinks followed) leaves the
base folder is likewise never executed, listed or served; symlinks that stay inside it work.

Each app page is served at its path with a trailing slash (``/a/b`` redirects to ``/a/b/``), so
that the page finds its API (``./io``) and the bundled frontend (``./css/``, ``./js/``) beside
itself, behind any prefix a reverse proxy adds. So the names ``io``, ``css`` and ``js`` are
reserved: files and folders so named are not served as apps. `path_deploy` talks to the pages
over WebSocket, `path_deploy_http` over HTTP long-polling.

From the command line: ``python -m pywebio.platform.path_deploy FOLDER [--port 8080]``.
"""
import ast
import importlib.util
import logging
import os
import sys
import threading
from types import CodeType
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Type, Union
from urllib.parse import quote, unquote

import tornado.web

from .. import STATIC_PATH, shared
from .apps import (DEFAULT_APP, AppSource, app_name_of, check_server_options, make_applications, page_for,
                   put_index_row, select_app, summary)
from .connections import ConnectionLimits, connection_limits as limits_of
from .httpbased import ensure_event_loop
from .limits import DEFAULT_MAX_SESSIONS_PER_IP
from .page import render_page
from .resume import DEFAULT_RECONNECT_TIMEOUT
from .tornado import DEFAULT_MAX_PAYLOAD, serve_forever, webio_handler
from .utils import OriginCheck

logger = logging.getLogger(__name__)

__all__ = ['path_deploy', 'path_deploy_http']

RESERVED = ('io', 'css', 'js')

#: The file whose app a folder's URL shows, as in 1.x; the folder's index only when it has none.
FOLDER_APP = 'index.py'

#: A file's ``main``: its task, or its apps by name (`make_applications` of a dict or list).
Main = Union[Callable[[], Any], Dict[str, Callable[[], Any]]]

IndexFunction = Callable[[str], str]

#: The blocks of a module whose statements `binds_main` reads as the module's own.
BLOCKS = (ast.If, ast.Try, ast.With, ast.AsyncWith, *((ast.TryStar,) if hasattr(ast, 'TryStar') else ()))


def binds_main(tree: ast.Module) -> bool:
    """Whether the module ``tree`` binds the name ``main`` where `FolderApps` looks: a statement of
    the module (also inside its ``if``/``else``, ``try`` and ``with`` blocks) that is a ``def main``
    or ``async def main``, an assignment to ``main`` (``main = ...``, ``main: T = ...``, ``main, x
    = ...``) or an import of it (``from m import main``, ``from m import f as main``, ``import m as
    main``). Anything else (``from m import *``, ``globals()['main'] = ...``, a ``for`` loop, a
    function or a class body) is not seen, so such a file is not an app."""
    statements = list(tree.body)
    while statements:
        statement = statements.pop()
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == 'main':
            return True
        if isinstance(statement, ast.Assign) and any(_names_main(target) for target in statement.targets):
            return True
        if isinstance(statement, ast.AnnAssign) and statement.value is not None and _names_main(statement.target):
            return True
        if isinstance(statement, (ast.Import, ast.ImportFrom)) and any(
                (alias.asname or alias.name.split('.')[0]) == 'main' for alias in statement.names):
            return True
        if isinstance(statement, BLOCKS):
            statements += [*statement.body, *getattr(statement, 'orelse', ()), *getattr(statement, 'finalbody', ())]
            statements += [inner for handler in getattr(statement, 'handlers', ()) for inner in handler.body]
    return False


def _names_main(target: ast.expr) -> bool:
    """Whether the assignment target ``target`` binds ``main`` (``main``, ``main, x``, ``*main``)."""
    if isinstance(target, ast.Name):
        return target.id == 'main'
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_names_main(element) for element in target.elts)
    return isinstance(target, ast.Starred) and _names_main(target.value)


def declared_summary(tree: ast.Module) -> Tuple[Optional[str], Optional[str]]:
    """``(title, description)`` that the module ``tree`` declares for its ``def main`` without
    running it: string literals of ``@config(title=..., description=...)`` or ``@seo(title,
    description)`` on it, else the first paragraph of its docstring as the title (1.x's index of a
    folder read the docstring from the source too). ``(None, None)`` for a ``main`` made another
    way, such as a dict of apps."""
    functions = [statement for statement in tree.body
                 if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == 'main']
    if not functions:
        return None, None
    main = functions[-1]
    declared: Dict[str, Optional[str]] = {'title': None, 'description': None}
    for decorator in main.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        called = decorator.func.attr if isinstance(decorator.func, ast.Attribute) else getattr(decorator.func, 'id', '')
        values = {keyword.arg: keyword.value for keyword in decorator.keywords}
        if called == 'seo':
            values.update(zip(('title', 'description'), decorator.args))
        if called in ('config', 'seo'):
            for key in declared:
                value = values.get(key)
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    declared[key] = value.value
    docstring = (ast.get_docstring(main) or '').strip()
    return declared['title'] or docstring.partition('\n\n')[0] or None, declared['description']


def read_app(path: str) -> Tuple[Tuple[int, int], Optional[CodeType], Tuple[Optional[str], Optional[str]]]:
    """``(stamp, code, (title, description))`` of the file at ``path``: the code compiled from the
    very bytes parsed, or None when the file is not an app (no ``main`` seen by `binds_main`, or
    not valid Python); the title and description of `declared_summary`."""
    with open(path, 'rb') as file:
        info = os.fstat(file.fileno())
        source = file.read()
    stamp = (info.st_mtime_ns, info.st_size)
    try:
        tree = ast.parse(source, path)
    except (SyntaxError, ValueError) as error:
        logger.warning('path_deploy: %s is not served: it is not valid Python (%s)', path, error)
        return stamp, None, (None, None)
    if not binds_main(tree):
        return stamp, None, (None, None)
    return stamp, compile(tree, path, 'exec', dont_inherit=True), declared_summary(tree)


def session_key(path: str, app: Optional[str]) -> str:
    """The name `FolderApps.get` takes for a session of the page at URL path ``path`` whose ``app``
    URL parameter is ``app`` (None: none). Both are quoted, so that no path reads as an ``app``."""
    return quote(path, safe='/') + ('?app=' + quote(app, safe='') if app else '')


class FolderApps(AppSource):
    """The apps of a folder, by `session_key`: ``get(session_key('a/b', None))`` is ``main`` of
    ``base/a/b.py`` (with ``?app=``, the app of that name when ``main`` is a dict of apps); of a
    folder ``base/a`` (and ``''``, the folder itself) it is ``main`` of its ``index.py``, else the
    task showing its index.

    Only a file that `binds_main` is ever executed, and only files and folders whose real path
    (symlinks followed) is inside the base folder are found."""

    def __init__(self, base: str, index: Union[bool, IndexFunction] = True) -> None:
        self.base = os.path.realpath(base)
        self.index = index
        # real path of a file: [stamp, its code (None: not an app), its module once executed,
        # (title, description) of its def main]
        self._files: Dict[str, List[Any]] = {}
        self._lock = threading.Lock()

    def inside(self, path: str) -> Optional[str]:
        """The real path of ``path`` (symlinks followed), or None when it leaves the base folder."""
        real = os.path.realpath(path)
        return real if real == self.base or real.startswith(self.base.rstrip(os.sep) + os.sep) else None

    def locate(self, name: str) -> Tuple[str, Optional[str]]:
        """``('folder', real path)``, ``('app', real path of its file)`` or ``('', None)`` for a URL
        path below the base. The file of ``'app'`` may still bind no ``main``: see `main_of`."""
        parts = [part for part in name.strip('/').split('/') if part]
        if any(part.startswith(('_', '.')) or part in RESERVED for part in parts):
            return '', None
        path = self.inside(os.path.join(self.base, *parts))
        if path is not None and os.path.isdir(path):
            return 'folder', path
        path = self.inside(os.path.join(self.base, *parts) + '.py') if parts else None
        if path is not None and os.path.isfile(path):
            return 'app', path
        return '', None

    def resolve(self, name: str) -> Tuple[str, Optional[str]]:
        """`locate`, except that a folder whose ``index.py`` is an app is that app (1.x): the
        folder's URL shows it, and its index is not shown."""
        kind, path = self.locate(name)
        if kind == 'folder':
            index_app = self.inside(os.path.join(path, FOLDER_APP))  # type: ignore[arg-type]
            if index_app is not None and os.path.isfile(index_app) and self.is_app(index_app):
                return 'app', index_app
        return kind, path

    def get(self, name: str) -> Optional[Callable[[], Any]]:
        quoted_path, _, quoted_app = name.partition('?app=')
        path_name, app = unquote(quoted_path), unquote(quoted_app) or DEFAULT_APP
        kind, path = self.resolve(path_name)
        if kind == 'folder' and self.index:
            return lambda: self._show_index(path, path_name)  # type: ignore[arg-type]
        main = self.main_of(path) if kind == 'app' else None  # type: ignore[arg-type]
        return select_app(main, app) if isinstance(main, dict) else main

    def _entry(self, path: str) -> List[Any]:
        """The cache entry of the file at ``path``, read (not executed) again when it changed."""
        try:
            info = os.stat(path)
        except OSError:
            return [None, None, None, (None, None)]
        with self._lock:
            entry = self._files.get(path)
            if entry is None or entry[0] != (info.st_mtime_ns, info.st_size):
                try:
                    stamp, code, declared = read_app(path)
                except OSError:
                    return [None, None, None, (None, None)]
                entry = self._files[path] = [stamp, code, None, declared]
            return entry

    def is_app(self, path: str) -> bool:
        """Whether the file at ``path`` (a real path of `locate`) is an app; it is not executed."""
        return self._entry(path)[1] is not None

    def main_of(self, path: str) -> Optional[Main]:
        """The ``main`` of the file at ``path`` (a real path of `locate`): its function, or its dict
        of apps when ``main`` is a dict, list or tuple of them (1.x's `make_applications`), or None.
        The file is executed only when it is an app (`is_app`), and again once it changed."""
        entry = self._entry(path)
        if entry[1] is None:
            return None
        with self._lock:
            if entry[2] is None:
                module_name = '_pywebio_path_deploy_' + str(abs(hash(path)))
                spec = importlib.util.spec_from_file_location(module_name, path)
                module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
                exec(entry[1], module.__dict__)  # the code of the bytes read_app parsed
                entry[2] = module
        main = getattr(entry[2], 'main', None)
        if callable(main) or main is None:
            return main
        try:
            return make_applications(main, where='path_deploy') if isinstance(main, (dict, list, tuple)) else None
        except (TypeError, ValueError) as error:
            logger.warning('path_deploy: %s is not served: its main is no app: %s', path, error)
            return None

    def listing(self, name: str) -> Tuple[List[str], List[Tuple[str, str]]]:
        """The folders and apps shown in the index of the folder at URL path ``name``: what `locate`
        finds there, apps only when `is_app`, as ``(name without .py, summary)``, the summary
        being the title and description its ``def main`` declares (`declared_summary`)."""
        kind, folder = self.locate(name)
        folders: List[str] = []
        apps: List[Tuple[str, str]] = []
        for entry in sorted(os.listdir(folder)) if kind == 'folder' else ():
            stem = entry[:-3] if entry.endswith('.py') else entry
            kind, found = self.locate(name.strip('/') + '/' + stem)
            if kind == 'folder' and stem == entry:
                folders.append(entry)
            elif kind == 'app' and stem != entry and self.is_app(found):  # type: ignore[arg-type]
                apps.append((stem, summary(stem, *self._entry(found)[3])))  # type: ignore[arg-type]
        return folders, apps

    def _show_index(self, folder: str, name: str) -> None:
        from ..output import put_html, put_link, put_row, put_text
        if callable(self.index):
            put_html(self.index(folder))
            return
        put_text('/' + name.strip('/') + ('/' if name.strip('/') else '')).style('font-size: 1.5rem')
        if name.strip('/'):
            put_row([put_link('..', url='../')])
        folders, apps = self.listing(name)
        for entry in folders:
            put_row([put_link(entry + '/', url=entry + '/')])
        for entry, text in apps:
            put_index_row(put_link(entry, url=entry + '/'), text)


class PageHandler(tornado.web.RequestHandler):
    """The page of an app or folder; ``/a/b`` redirects to ``/a/b/``."""

    apps: FolderApps

    def get(self, path: str) -> None:
        kind, found = self.apps.resolve(path)
        if not kind or (kind == 'folder' and not self.apps.index) or \
                (kind == 'app' and not self.apps.is_app(found)):  # type: ignore[arg-type]
            raise tornado.web.HTTPError(404)  # before any redirect: a file that is no app is like no file
        if not path.endswith('/') and path:
            query = self.request.query
            self.redirect('/' + path.lstrip('/') + '/' + ('?' + query if query else ''))
            return
        main = self.apps.main_of(found) if kind == 'app' else None  # type: ignore[arg-type]
        if kind == 'app' and main is None:
            raise tornado.web.HTTPError(404, 'no main function in %s' % found)
        if isinstance(main, dict):  # the app ?app= names, as start_server's page
            status, page = page_for(main, app_name_of({'app': self.get_query_argument('app', None)}))
        else:
            status, page = 200, render_page(main)
        self.set_status(status)
        self.set_header('Content-Type', 'text/html; charset=utf-8')
        self.set_header('Cache-Control', 'no-cache')
        self.finish(page)


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
                static_dir: Optional[str] = None, reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT,
                cdn: Union[bool, str] = True,
                debug: bool = False, allowed_origins: Optional[Iterable[str]] = None,
                check_origin: Optional[OriginCheck] = None,
                max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, remote_access: bool = False, *,
                max_sessions: Optional[int] = None,
                max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                allowed_hosts: Optional[Iterable[str]] = None, xheaders: bool = False,
                connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None,
                login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
                redis_url: Optional[str] = None, **tornado_app_settings: Any) -> None:
    """Serve every app of the folder ``base`` over WebSocket (Tornado); blocks.

    :param base: the folder. ``base/a/b.py`` with a ``main`` function (or a dict of apps, which
        ``?app=`` picks from) is served at ``/a/b/``; ``base/a/index.py`` also at ``/a/``.
        Only files that bind ``main`` themselves (``def main``, ``async def main``, ``main =
        ...``, ``from m import main``: see the module's description) are executed, listed and
        served; others, such as helper modules, are never executed (404). A file or folder whose
        real path (symlinks followed) leaves ``base`` is never executed, listed or served.
    :param port: the TCP port; 0 picks a free one (the address is logged).
    :param host: the interface; ``''`` means all interfaces.
    :param index: show an index of folders and apps at the URL of each folder without an
        ``index.py`` app (``True``); ``False`` answers 404 there; a function ``index(folder_path)
        -> html`` shows your own HTML. A folder's ``index.py`` is shown whatever ``index`` says.
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
    :param connection_limits: see `pywebio.platform.tornado.start_server`.
    :param login_secret: see `pywebio.platform.tornado.webio_handler`. Each app's login cookie
        has its own API's path (``/a/b/io``): logging in to one app of the folder does not log in
        to the others.
    :param login_expire_seconds: see `pywebio.platform.tornado.webio_handler`.
    :param redis_url: see `pywebio.platform.tornado.start_server`: where `pywebio.shared`
        keeps what sessions share (default: ``PYWEBIO_REDIS_URL``, else memory).
    :param tornado_app_settings: more settings for ``tornado.web.Application``.

    Example::

        from pywebio.platform.path_deploy import path_deploy
        path_deploy('apps/', port=8080)     # apps/tools/convert.py: http://localhost:8080/tools/convert/
    """
    if redis_url is not None:
        shared.configure(redis_url)
    apps = _folder_apps(base, index, static_dir, reconnect_timeout, remote_access)
    handler = webio_handler(apps, allowed_origins=allowed_origins, check_origin=check_origin,
                            max_payload_size=max_payload_size, debug=debug, max_sessions=max_sessions,
                            max_sessions_per_ip=max_sessions_per_ip,
                            reconnect_timeout=reconnect_timeout, login_secret=login_secret,
                            login_expire_seconds=login_expire_seconds)
    api = type('PathDeployWebSocket', (handler,),
               {'app_name': lambda self: session_key('/' + self.path_args[0], self.get_query_argument('app', None))})
    app = make_application(apps, api, static_dir, debug=debug, **tornado_app_settings)
    serve_forever(app, port, host, allowed_hosts=allowed_hosts, xheaders=bool(xheaders),
                  connection_limits=limits_of(connection_limits, 'path_deploy'))


def path_deploy_http(base: str, port: int = 0, host: str = '', index: Union[bool, IndexFunction] = True,
                     static_dir: Optional[str] = None, cdn: Union[bool, str] = True, debug: bool = False,
                     allowed_origins: Optional[Iterable[str]] = None, check_origin: Optional[OriginCheck] = None,
                     session_expire_seconds: Optional[float] = None,
                     session_cleanup_interval: Optional[float] = None,
                     max_payload_size: Union[int, str] = DEFAULT_MAX_PAYLOAD, remote_access: bool = False, *,
                     max_sessions: Optional[int] = None,
                     max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                     allowed_hosts: Optional[Iterable[str]] = None, xheaders: bool = False,
                     connection_limits: Union[None, ConnectionLimits, Dict[str, Any]] = None,
                     login_secret: Optional[str] = None, login_expire_seconds: Optional[float] = None,
                     redis_url: Optional[str] = None, **tornado_app_settings: Any) -> None:
    """Serve every app of the folder ``base`` over HTTP long-polling (Tornado); blocks.

    The parameters are those of `path_deploy` (``connection_limits`` too), and
    ``session_expire_seconds`` and
    ``session_cleanup_interval`` of `pywebio.platform.tornado_http.webio_handler`.
    """
    if redis_url is not None:
        shared.configure(redis_url)
    from .tornado_http import max_body_size, webio_handler as http_handler

    apps = _folder_apps(base, index, static_dir, 0, remote_access)
    ensure_event_loop()  # for the async def apps the folder may hold
    handler = http_handler(apps, session_expire_seconds=session_expire_seconds,
                           session_cleanup_interval=session_cleanup_interval, allowed_origins=allowed_origins,
                           check_origin=check_origin, max_payload_size=max_payload_size, debug=debug,
                           max_sessions=max_sessions, max_sessions_per_ip=max_sessions_per_ip,
                           login_secret=login_secret, login_expire_seconds=login_expire_seconds)

    def request_args(self: Any) -> Dict[str, str]:
        args = handler.request_args(self)
        return {**args, 'app': session_key('/' + self.path_args[0], args.get('app'))}

    api = type('PathDeployHttp', (handler,), {'request_args': request_args})
    app = make_application(apps, api, static_dir, debug=debug, **tornado_app_settings)
    serve_forever(app, port, host, allowed_hosts=allowed_hosts, xheaders=bool(xheaders),
                  max_body_size=max_body_size(max_payload_size),
                  connection_limits=limits_of(connection_limits, 'path_deploy_http'))


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

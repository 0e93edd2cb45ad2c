"""What every platform shares about *which* app runs and *how* it is started.

- `make_applications` turns the first argument of a platform entry (a function, a list of
  functions, or a dict ``{name: function}``) into a dict of apps;
- `select_app` picks the task for the ``app`` URL parameter of a request: the app, the generated
  index of apps when there is no ``index`` app, or a task that says the app does not exist;
- `page_for` is the page a ``start_server``-style entry serves for a request;
- `check_server_options` checks the keyword arguments PyWebIO 1.x's entries accept;
- `serve_until_stopped` (with `bind_or_exit`, `serving_line` and `stop_on_ctrl_c`) gives every
  ``start_server`` the same start and end: one log line with the address and how to stop, one
  sentence when the port is taken (exit status 1), one line on Ctrl-C (exit status 130) after
  the open sessions have run their `defer_call` functions, and, in debug mode, a restart when the
  code changes (`pywebio.platform.reloader`).
"""
import contextlib
import errno
import logging
import os
import socket
import sys
import threading
import webbrowser
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, TypeVar, Union

from . import reloader
from .._languages import language_of, messages_for, say
from .page import own_title_and_description, render_page
from ..utils import get_function_name
from .utils import check_target

logger = logging.getLogger(__name__)

__all__ = ['make_applications', 'one_of', 'select_app', 'page_for', 'app_name_of', 'check_server_options',
           'open_webbrowser_soon', 'bind_or_exit', 'log_serving', 'serving_line', 'stop_on_ctrl_c',
           'serve_until_stopped', 'listening_socket', 'display_host', 'DEFAULT_APP']

Task = Callable[[], Any]
Applications = Union[Task, List[Task], Tuple[Task, ...], Dict[str, Task]]

#: The app a page without an ``app`` URL parameter opens.
DEFAULT_APP = 'index'

#: The longest app name accepted in a request; longer ones are unknown apps.
MAX_APP_NAME = 200


class AppSource:
    """Apps found on demand rather than listed (`pywebio.platform.path_deploy`): ``get(name)``
    returns the task of app ``name``, or None."""

    def get(self, name: str) -> Optional[Task]:
        raise NotImplementedError

    def values(self) -> List[Task]:
        return []


def make_applications(applications: Applications, where: str = 'start_server') -> Dict[str, Task]:
    """``{name: task}`` from a task, a list of tasks (named by ``__name__``, a ``functools.partial``
    by its function's) or a dict.

    A single task is the ``index`` app. Raises TypeError/ValueError for anything else, naming
    ``where`` (the entry that was called).
    """
    if isinstance(applications, AppSource):
        return applications  # type: ignore[return-value]
    if isinstance(applications, dict):
        apps = dict(applications)
    elif isinstance(applications, (list, tuple)):
        apps = {}
        for task in applications:
            check_target(task)
            name = get_function_name(task)  # a functools.partial is named after its function, as in 1.x
            if not isinstance(name, str) or not name or name == '<lambda>':
                raise ValueError('%s(): an app of a list is named by its __name__, and %r has no '
                                 'usable name: pass a dict {name: function} instead' % (where, task))
            if name in apps:
                raise ValueError('%s(): two apps of the list are named %r: pass a dict {name: '
                                 'function} to name them' % (where, name))
            apps[name] = task
    else:
        check_target(applications)
        return {DEFAULT_APP: applications}  # type: ignore[dict-item]
    if not apps:
        raise ValueError('%s(): no app to serve: give a function, a list or a dict of them' % where)
    for name, task in apps.items():
        if not isinstance(name, str) or not name:
            raise TypeError('%s(): app names must be non-empty strings, got %r' % (where, name))
        check_target(task)
    return apps


def one_of(applications: Optional[Applications], target: Optional[Task], where: str) -> Applications:
    """The apps given as the first argument or (as in the guide) as ``target=``; exactly one."""
    if (applications is None) == (target is None):
        raise TypeError('%s(): give the app(s) once, as the first argument (or target=)' % where)
    return applications if applications is not None else target  # type: ignore[return-value]


def app_name_of(args: Any) -> str:
    """The app a request asks for: its ``app`` URL parameter (``args.get('app')``), or ``index``."""
    name = args.get('app') if args is not None else None
    if isinstance(name, (list, tuple)):
        name = name[0] if name else None
    if isinstance(name, bytes):
        name = name.decode('utf-8', 'replace')
    return name or DEFAULT_APP


def describe(task: Task, name: str = '') -> str:
    """What the generated index shows beside app ``name``: the task's title (`config` or `seo` on
    it, else the first paragraph of its docstring, read with `get_function_doc`, which looks
    through ``functools.partial``) and the description `config` or `seo` gave it."""
    title, description = own_title_and_description(task)
    return summary(name, title, description)


def summary(name: str, title: Optional[str], description: Optional[str]) -> str:
    """``title — description`` beside the link of app ``name``; the title is left out when it is
    the name itself (as in upstream's doc_demo.py, ``config(title=name, ...)``)."""
    shown = [' '.join(title.split()) if title and title.strip() != name else '', (description or '').strip()]
    return ' — '.join(part for part in shown if part)


def put_index_row(link: Any, text: str) -> None:
    """One entry of a generated index: its link, and beside it ``text`` (`summary`)."""
    from ..output import put_row, put_text
    put_row([link, None, put_text(text)] if text else [link], size='auto 1em 1fr' if text else None)


def select_app(apps: Dict[str, Task], name: str) -> Task:
    """The task to run for a session of app ``name``.

    ``index`` without an app of that name is the generated index of apps; any other unknown name
    runs a task that says so on the page and lists the apps.
    """
    task = apps.get(name)
    if task is not None:
        return task
    if name == DEFAULT_APP:
        return lambda: _show_index(apps)
    return lambda: _show_unknown(apps, name)


def page_for(apps: Dict[str, Task], name: str, base_url: str = '') -> Tuple[int, str]:
    """``(status, html)`` of the page of app ``name``: 404 for an unknown app (the page still
    loads, and its session says what is wrong)."""
    task = apps.get(name)
    if task is not None:
        return 200, render_page(task, base_url)
    return (200 if name == DEFAULT_APP else 404), render_page(None, base_url)


def is_api_request(method: str, headers: Any, args: Any) -> bool:
    """Whether a request for a server's root page (``/``) is in fact for its API: a WebSocket
    upgrade, the HTTP transport's ``?test=1``, or one of its requests (a POST, a preflight, a poll
    with a session id). 1.x served both at its root, so a page given ``pywebio_api=http://host/``
    connects there (docs/compat.md); ``headers`` is any case-insensitive mapping."""
    return (method.upper() in ('POST', 'OPTIONS') or 'test' in args
            or (headers.get('Upgrade') or '').lower() == 'websocket'
            or bool(headers.get('WebIO-Session-ID')))


def _words() -> Dict[str, str]:
    """PyWebIO's words in the language of the current session's page."""
    from ..session import get_current_session
    return messages_for(language_of(get_current_session()))


def _show_index(apps: Dict[str, Task]) -> None:
    from ..output import put_link, put_text
    put_text(_words()['apps']).style('font-size: 1.5rem; font-weight: 500')
    for name, task in apps.items():
        put_index_row(put_link(name, app=name), describe(task, name))


def _show_unknown(apps: Dict[str, Task], name: str) -> None:
    from ..output import put_error, put_link, put_row, put_text
    shown = name if len(name) <= MAX_APP_NAME else name[:MAX_APP_NAME] + '...'
    words = _words()
    put_error(say(words, 'no_such_app', name=shown))
    if isinstance(apps, dict):
        put_text(words['server_apps'])
        for app in apps:
            put_row([put_link(app, app=app)])


def check_server_options(*, remote_access: bool = False, static_dir: Optional[str] = None,
                         reconnect_timeout: Any = 0, where: str = 'start_server') -> None:
    """Check the 1.x keyword arguments a server entry accepts but does not act on itself.

    ``remote_access=True`` is refused; ``static_dir`` must be a folder; ``reconnect_timeout`` must
    be a number of seconds, 0 or more.
    """
    if remote_access:
        raise ValueError('%s(): remote_access=True is not supported: PyWebIO does not open a tunnel '
                         'to a public server. To reach this server from elsewhere, listen on a '
                         'public interface (host="0.0.0.0") behind a reverse proxy such as nginx '
                         'with HTTPS; see docs/deploy.md' % where)
    if static_dir is not None and not os.path.isdir(static_dir):
        raise ValueError('%s(): static_dir must be an existing folder, got %r' % (where, static_dir))
    if (not isinstance(reconnect_timeout, (int, float)) or isinstance(reconnect_timeout, bool)
            or not 0 <= reconnect_timeout < float('inf')):
        raise ValueError('%s(): reconnect_timeout must be a number of seconds, 0 or more (0: a dropped '
                         'connection ends its session), got %r' % (where, reconnect_timeout))


def open_webbrowser_soon(url: str) -> None:
    """Open ``url`` in a browser from a background thread (the server is about to listen)."""
    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()


# -- starting and stopping a server ------------------------------------------------------------

#: What a server prints on stderr when Ctrl-C stops it.
STOPPED_MESSAGE = 'Stopped (Ctrl-C).'

#: The exit status of a program stopped by Ctrl-C, as shells report it (128 + SIGINT).
CTRL_C_STATUS = 130

T = TypeVar('T')


def port_in_use_message(port: int, where: str = 'start_server') -> str:
    return ('Port %d is already in use: stop the other program or choose another port with '
            '%s(..., port=...).' % (port, where))


def bind_or_exit(bind: Callable[[], T], port: int, where: str = 'start_server') -> T:
    """``bind()`` (which binds the server's socket), or, when ``port`` is taken, one sentence on
    stderr and exit status 1: no traceback for the most common mistake of a first run."""
    try:
        return bind()
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print(port_in_use_message(port, where), file=sys.stderr, flush=True)
        raise SystemExit(1) from None


def display_host(host: str) -> str:
    """The host of the address to show: ``localhost`` for a server on every interface."""
    return 'localhost' if host in ('', '0.0.0.0', '::') else host


def listening_socket(port: int, host: str) -> List[socket.socket]:
    """A TCP socket bound to ``host:port`` (``''``: every interface; port 0: a free one), already
    listening, so that a browser that connects before the server runs waits in the backlog."""
    sock = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host or '0.0.0.0', port))
        sock.listen(1024)
    except BaseException:
        sock.close()
        raise
    return [sock]


def serve_until_stopped(bind: Callable[[], List[socket.socket]], port: int, host: str,
                        serve: Callable[[List[socket.socket]], None], *, reload: bool = False,
                        auto_open_webbrowser: bool = False, where: str = 'start_server') -> None:
    """Bind the port with ``bind()``, log the address, open a browser tab if asked, and
    ``serve(sockets)`` until Ctrl-C: the start and end of every ``start_server``.

    With ``reload`` (debug mode), this program only binds and logs; it serves from a child that
    restarts when the code changes, and the child, which runs this same call, serves on the
    sockets it inherited (`pywebio.platform.reloader`). ``serve`` of a framework that swallows
    ``KeyboardInterrupt`` raises it again when its server returns.
    """
    inherited = reloader.inherited_sockets()
    if reload and not reloader.SUPPORTED:
        logger.warning('debug mode cannot restart the server on this system: restart it yourself after a change')
        reload = False
    if reload and inherited is not None:  # the reloader's child: its supervisor bound and logged
        ensure_visible_logging()
        reloader.exit_on_change()
        with stop_on_ctrl_c():
            serve(inherited)
        return
    sockets = bind_or_exit(bind, port, where)
    url = 'http://%s:%d/' % (display_host(host), sockets[0].getsockname()[1])
    log_serving(url, host)
    if auto_open_webbrowser:
        open_webbrowser_soon(url)
    with stop_on_ctrl_c() as stopping:
        if reload:
            stopping.quiet = True  # the child says it
            reloader.supervise(sockets)
        else:
            serve(sockets)


def serving_line(url: str, host: str, extra: str = '') -> str:
    """The start-up line: where the server listens and how to stop it."""
    return 'PyWebIO serves %s on %s%s. Press Ctrl-C to stop.' % (url, host or 'all interfaces', extra)


def log_serving(url: str, host: str, extra: str = '') -> None:
    """Log `serving_line`, on stderr when the program has not configured logging itself."""
    ensure_visible_logging()
    logger.info(serving_line(url, host, extra))


def ensure_visible_logging() -> None:
    """Show the server's address when the program has not configured logging itself."""
    package_logger = logging.getLogger('pywebio')
    if not package_logger.hasHandlers():
        package_logger.addHandler(logging.StreamHandler())
        package_logger.setLevel(logging.INFO)


class _Stopping:
    #: set in a worker process of a multi-process server: its parent says it once
    quiet = False


@contextlib.contextmanager
def stop_on_ctrl_c() -> Iterator[_Stopping]:
    """Turn Ctrl-C (``KeyboardInterrupt``) in the block into a clean exit: every open session
    ends and runs its `defer_call` functions, one line goes to stderr, and the exit status is 130.

    Frameworks that swallow ``KeyboardInterrupt`` and return (aiohttp, werkzeug) raise it again
    after their server returns, inside the block.
    """
    from ..session.base import close_all_sessions
    stopping = _Stopping()
    try:
        yield stopping
    except KeyboardInterrupt:
        close_all_sessions()
        if not stopping.quiet:
            print(STOPPED_MESSAGE, file=sys.stderr, flush=True)
        raise SystemExit(CTRL_C_STATUS) from None

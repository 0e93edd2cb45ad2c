"""Sessions: which browser tab the calling code talks to, and how long that conversation lasts.

Every interaction function (`pywebio.input`, `pywebio.output`) acts on the *current session*:

- inside a task function run by a server, the session of the browser tab that started it;
- in a thread registered with `register_thread`, the session that registered it;
- in script mode (no server was started), the single session of the script, created, with a
  local server and a browser tab, by the first interaction call.

- in a coroutine-based session, the session of the ``async def`` task, and of every coroutine
  it starts (`run_async`) or awaits.

Anywhere else the call raises `SessionNotFoundException`.

This layer knows no transport: it never imports `pywebio.platform`. The server that script mode
needs is started by a function the platform layer registers with `set_script_mode_starter`;
``import pywebio`` (which any ``import pywebio.input`` or ``pywebio.output`` runs first) registers
Tornado's `start_script_mode`.
"""
import json
import numbers
import re
import threading
import warnings
from typing import Any, Awaitable, Callable, List, Optional, TypeVar

from .._languages import check_language
from .._values import base64_text, check_bytes
from ..exceptions import JavaScriptError, SessionNotFoundException
from .base import Interaction, ProtocolError, Session, SessionInfo, no_session_message
from . import uploads  # noqa: E402,I100  (after base, which it needs)
from .coroutinebased import CoroutineBasedSession, TaskHandle, current_coroutine_session, in_event_loop_thread
from .local import CurrentSessionLocal, SessionLocal, local_of, module_attribute
from .threadbased import ScriptModeSession, ThreadBasedSession, session_of_thread

__all__ = ['get_current_session', 'register_thread', 'defer_call', 'hold', 'info', 'run_async',
           'run_asyncio_coroutine', 'run_js', 'eval_js', 'set_env', 'TaskHandle', 'Session', 'SessionInfo',
           'ThreadBasedSession', 'CoroutineBasedSession',
           # PyWebIO 1.x and 0.x
           'local', 'data', 'get_info', 'download', 'SessionLocal', 'go_app']

T = TypeVar('T')

_mode_lock = threading.Lock()
_server_mode = False
_script_session: Optional[ScriptModeSession] = None
_script_mode_starter: Optional[Callable[[], ScriptModeSession]] = None


def set_script_mode_starter(starter: Callable[[], ScriptModeSession]) -> None:
    """Make ``starter`` the function that starts script mode: called once, by the first
    interaction call outside any session, it serves a new `ScriptModeSession` and returns it.

    Registered by the platform layer (``import pywebio`` registers Tornado's), so that the session
    layer needs no transport of its own.
    """
    global _script_mode_starter
    if not callable(starter):
        raise TypeError('set_script_mode_starter() takes a function, got %r' % (starter,))
    _script_mode_starter = starter


def mark_server_mode() -> None:
    """Called by the platform when an application handler is created: no script mode from now on.

    Raises RuntimeError if script mode has already started: that is the guide's forbidden
    pattern, an interaction call before ``start_server()``.
    """
    global _server_mode
    with _mode_lock:
        if _script_session is not None:
            raise RuntimeError(
                'start_server()/webio_handler() was called after an interaction function had '
                'already started script mode. Call PyWebIO input/output functions only inside the '
                'task function of a server, or never start a server in a script-mode program.')
        first, _server_mode = not _server_mode, True
    if first:  # a server starts: what an earlier run that crashed left of its uploads goes now
        uploads.sweep_leftovers_once()


def script_mode_session() -> Optional[ScriptModeSession]:
    return _script_session


def existing_session() -> Optional[Session]:
    """The session of the calling code, or ``None``; unlike `get_current_session` it never starts
    script mode. For reads that are no interaction with the page, such as an attribute probe."""
    return (current_coroutine_session() or session_of_thread(threading.current_thread())
            or _script_session)


def get_current_session() -> Session:
    """Return the session of the calling code; start script mode if no server exists."""
    global _script_session
    session: Optional[Session] = current_coroutine_session() or session_of_thread(threading.current_thread())
    if session is not None:
        return session
    if _script_session is not None:
        return _script_session
    with _mode_lock:
        if _server_mode:
            raise SessionNotFoundException(no_session_message(
                'No PyWebIO session in thread %r' % threading.current_thread().name))
        if in_event_loop_thread():
            raise SessionNotFoundException(
                'PyWebIO was called from a coroutine outside any session. Coroutine-based tasks '
                'do not support script mode: serve the async function with start_server(main), '
                'or integrate it into a web framework')
        if _script_session is None:
            if _script_mode_starter is None:
                raise SessionNotFoundException(
                    'No PyWebIO session, and no server to start script mode: import pywebio (which '
                    'registers Tornado for it) or call start_server()')
            _script_session = _script_mode_starter()
    return _script_session


def register_thread(thread: threading.Thread) -> None:
    """Let ``thread`` call interaction functions in the current session.

    Call it before ``thread.start()``. In server mode a thread that is not registered gets
    `SessionNotFoundException`. The session stays open until the task function and every
    registered thread have returned.
    """
    if not isinstance(thread, threading.Thread):
        raise TypeError('register_thread() expects a threading.Thread, got %r' % (thread,))
    session = get_current_session()
    if not isinstance(session, ThreadBasedSession):
        raise RuntimeError('register_thread() works in thread-based sessions only; in a '
                           'coroutine-based session start coroutines with run_async() instead')
    session.register_thread(thread)


def defer_call(func: Callable[[], Any]) -> Callable[[], Any]:
    """Run ``func()`` when the session ends, whether the browser closed it or the task ended.

    Functions registered this way run once each, in the order they were registered; one that
    raises is logged and does not stop the others. Returns ``func``, so it works as a decorator.
    """
    if not callable(func):
        raise TypeError('defer_call() expects a callable, got %r' % (func,))
    get_current_session().defer_call(func)
    return func


def hold() -> Any:
    """Keep the session open until the browser closes, so button callbacks keep working.

    In a coroutine-based session write ``await hold()``. In script mode it waits until the tab
    is closed.
    """
    return get_current_session().hold()


def _coroutine_session(function: str) -> CoroutineBasedSession:
    session = get_current_session()
    if not isinstance(session, CoroutineBasedSession):
        raise RuntimeError('%s() needs a coroutine-based session (an async def task); in a '
                           'thread-based session use a thread and register_thread()' % function)
    return session


def run_async(coro_obj: Awaitable[Any]) -> TaskHandle:
    """Run the coroutine ``coro_obj`` in the current coroutine-based session, concurrently.

    The coroutine may call PyWebIO functions. The session ends once the task function and every
    coroutine started this way have finished. Returns a `TaskHandle` to ask whether it has
    finished (``closed()``) or to stop it (``close()``).

    Example::

        async def counter(n):
            for i in range(n):
                put_text(i)
                await asyncio.sleep(1)

        async def main():
            run_async(counter(10))
            put_text('Bye, bye')
    """
    return _coroutine_session('run_async').run_async(coro_obj)


async def run_asyncio_coroutine(coro_obj: Awaitable[T]) -> T:
    """Await an asyncio coroutine in a coroutine-based session: ``await run_asyncio_coroutine(asyncio.sleep(1))``.

    Coroutine-based sessions always run on an asyncio event loop, in every integration, so
    asyncio coroutines may also be awaited directly; this function exists so that code written
    for integrations where that was not possible (the guide's Flask example) works unchanged.
    """
    _coroutine_session('run_asyncio_coroutine')
    return await coro_obj


def _script_steps(session: Session, code: str, args: dict, want_result: bool) -> Interaction:
    names = list(args)
    for name in names:
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError('run_js()/eval_js(): argument names must be JavaScript identifiers, got %r' % name)
    try:
        values = json.loads(json.dumps([args[name] for name in names]))
    except (TypeError, ValueError) as error:
        raise TypeError('run_js()/eval_js(): arguments must be JSON-serialisable: %s' % error) from None
    task_id = session.open_task() if want_result else None
    try:
        session.send_task_command({'command': 'run_script', 'task_id': task_id, 'spec': {
            'code': code, 'args': dict(zip(names, values)), 'eval': want_result}})
        if task_id is None:
            return None
        event = yield task_id
        data = event.get('data')
        if event.get('event') != 'js_result' or not isinstance(data, dict):
            raise session.abort(ProtocolError('expected a js_result event, got %r' % (event,)))
        if 'error' in data:
            raise JavaScriptError('eval_js(): the browser raised %s' % (data['error'],))
        return data.get('value')
    finally:
        if task_id is not None:
            session.close_task(task_id)


def _code_argument(function: str, name: str, given: Any, args: dict) -> str:
    """The code of run_js()/eval_js(): the first argument (1.x calls it ``code_``/``expression_``),
    or, when it is absent, the keyword ``code``/``expression``; with the first argument present,
    a keyword of that name is a JavaScript variable like any other."""
    if given is None:
        if name not in args:
            raise TypeError('%s() missing the JavaScript %s (its first argument)' % (function, name))
        given = args.pop(name)
    if not isinstance(given, str):
        raise TypeError('%s(): %s must be a string of JavaScript, got %r' % (function, name, given))
    return given


def run_js(code_: Optional[str] = None, **args: Any) -> None:
    """Run JavaScript code in the browser; ``args`` become variables of that name in it.

    :param code_: the JavaScript code, run as the body of a function. May also be passed as the
        keyword ``code=`` (when there is no first argument); with a first argument, ``code=`` is a
        variable like the other ``args``.
    :param args: variables for the code, by name; their values must be JSON-serialisable.

    Returns at once. Example::

        run_js('console.log(greeting)', greeting='hi')
        run_js(code='document.title = t', t='New title')
    """
    code = _code_argument('run_js', 'code', code_, args)
    steps = _script_steps(get_current_session(), code, args, want_result=False)
    try:
        next(steps)
    except StopIteration:
        pass


def eval_js(expression_: Optional[str] = None, **args: Any) -> Any:
    """Evaluate a JavaScript expression in the browser and return its value.

    :param expression_: the JavaScript expression. May also be passed as the keyword
        ``expression=`` (when there is no first argument); with a first argument,
        ``expression=`` is a variable like the other ``args``.
    :param args: variables for the expression, by name; their values must be JSON-serialisable.
    :return: the value of the expression.

    The value comes back through JSON (``undefined`` becomes ``None``); a Promise is awaited
    first. ``args`` become variables of that name. In a coroutine-based session write
    ``await eval_js(...)``.

    Example::

        width = eval_js('window.innerWidth')
        total = eval_js('a + b', a=1, b=2)
    """
    expression = _code_argument('eval_js', 'expression', expression_, args)
    session = get_current_session()
    return session.run_interaction(_script_steps(session, expression, args, want_result=True), 'eval_js')


#: go_app()'s script: the page's own URL with ``app`` set, so other URL parameters (such as
#: ``pywebio_api``) are kept. See docs/protocol.md, run_script.
_GO_APP_SCRIPT = ("const url = new URL(window.location.href); url.searchParams.set('app', name); "
                  "if (new_window) window.open(url.href, '_blank'); else window.location.href = url.href;")


def go_app(name: str, new_window: bool = True) -> None:
    """Open the app ``name`` of the same server (see `pywebio.platform.tornado.start_server`).

    :param name: the app's name, as in ``?app=name``.
    :param new_window: open it in a new tab (the default, as in PyWebIO 1.x); ``False`` replaces
        the current page, which ends this session.

    Returns at once. Browsers may block a new tab that no click of the person opened (a popup
    blocker): call it from a button's callback, or use ``new_window=False``.

    Example::

        put_button('Settings', onclick=lambda: go_app('settings', new_window=False))
    """
    if not isinstance(name, str) or not name:
        raise TypeError('go_app(): name must be the non-empty name of an app, got %r' % (name,))
    run_js(_GO_APP_SCRIPT, name=name, new_window=bool(new_window))


class _CurrentSessionInfo:
    """`pywebio.session.info`: the `SessionInfo` of the current session, read attribute by attribute.

    Only the names of `SessionInfo` reach a session: in script mode, reading one as the script's
    first call starts script mode and waits for the tab to connect (see
    `ScriptModeSession.ready_info`). Any other name raises ``AttributeError`` at once, and ``dir``
    lists the fields only inside a session, so that introspection (pytest, mock, IPython, doc
    tools, ``inspect.getmembers``) never starts script mode.
    """

    def __getattr__(self, name: str) -> Any:
        if name not in _INFO_FIELDS:
            raise AttributeError("pywebio.session.info has no attribute %r; it has %s"
                                 % (name, ', '.join(sorted(_INFO_FIELDS))))
        return getattr(get_current_session().ready_info(), name)

    def __dir__(self) -> List[str]:
        return sorted(set(object.__dir__(self)) | (_INFO_FIELDS if existing_session() else set()))

    def __reduce__(self) -> Any:
        return module_attribute, ('pywebio.session', 'info')

    def __repr__(self) -> str:
        return '<pywebio.session.info>'


_INFO_FIELDS = frozenset(vars(SessionInfo(user_agent=None)))


info: Any = _CurrentSessionInfo()


#: A CSS length for ``output_max_width``: ``'1080px'``, ``'80%'``, ``'60rem'``...
_CSS_LENGTH = re.compile(r'^(\d+(\.\d+)?(px|%|em|rem|vw|ch|cm|mm|in|pt)|none)$')


def _env_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError('set_env(): %s must be True or False, got %r' % (name, value))
    return value


def _env_pixels(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError('set_env(): %s must be a number of pixels (an int >= 0), got %r' % (name, value))
    return value


def _env_width(name: str, value: Any) -> str:
    if not isinstance(value, str) or not _CSS_LENGTH.match(value.strip()):
        raise TypeError("set_env(): %s must be a CSS length such as '1080px' or '80%%', got %r" % (name, value))
    return value.strip()


def _env_interval(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0:
        raise TypeError('set_env(): %s must be a number of milliseconds, got %r' % (name, value))


def _env_language(name: str, value: Any) -> Optional[str]:
    return check_language('set_env', value)


#: The settings `set_env` sends in its ``set_env`` command, with their checks.
_PAGE_ENV = {'output_animation': _env_bool, 'input_panel_fixed': _env_bool,
             'input_panel_min_height': _env_pixels, 'input_panel_init_height': _env_pixels,
             'input_auto_focus': _env_bool, 'output_max_width': _env_width, 'language': _env_language}


def set_env(**env_info: Any) -> None:
    """Change settings of the current session's page (PyWebIO 1.x).

    Only the settings given change; the others keep their values. An unknown name raises
    `TypeError`.

    :param title: the page's title (as `pywebio.output.set_title`).
    :param auto_scroll_bottom: whether new output at the end scrolls the page to the bottom (as
        `pywebio.output.set_auto_scroll_bottom`; off by default for 1.x programs, as in 1.x, and on
        for the guide's).
    :param output_animation: whether new output fades in. Off by default: the page shows output
        at once, as the guide's page does.
    :param output_max_width: the largest width of the page's content (output and forms), a CSS
        length: ``'1080px'``, ``'80%'``, ``'none'``. By default Bootstrap's container widths
        (at most 1320px on wide windows).
    :param input_auto_focus: whether a new form puts the keyboard focus in its first field (on by
        default).
    :param input_panel_fixed: forms are shown below the output on this page. ``True`` pins them
        at the bottom of the window instead, as 1.x's floating input panel: a panel with the
        page's background, over the output, that stays visible while the output scrolls
        (off by default).
    :param input_panel_init_height: the pinned panel's height in pixels (300 by default); a form
        taller than that scrolls inside the panel. Only with ``input_panel_fixed``.
    :param input_panel_min_height: the pinned panel is never shorter than this, in pixels (300 by
        default; takes precedence over ``input_panel_init_height``). Only with
        ``input_panel_fixed``.
    :param http_pull_interval: accepted for 1.x programs and ignored: the HTTP transport here
        uses long polling, so the server answers as soon as it has commands.
    :param language: the language of the page's own words (Submit, Reset, Cancel, validation
        messages, notices) for this session, whatever the browser prefers: ``'en'``, ``'zh'``,
        ``'ru'``, ``'de'``, ``'fa'`` (right to left), ``'kk'`` or ``'uz'`` (a tag such as
        ``'de-AT'`` names its language; ``'kz'``, 1.8's name of Kazakh, is ``'kk'``). Another
        language raises `ValueError`. ``None`` gives the choice back to the browser, even over
        the app's ``pywebio.config(language=...)``. What is shown after the call is in that
        language, and ``<html lang>`` (and ``dir``) change at once; what is already on the page
        keeps its words. The server's own messages (its validation of a form, the toast of a
        failed callback) follow too. ``pywebio.session.info.user_language`` stays the browser's.
        To choose the language of every session of the apps, use ``pywebio.config(language=...)``
        instead (docs/compat.md, *Languages*).

    Example::

        set_env(title='Chat', output_max_width='100%', input_panel_fixed=True)
        set_env(language='de')   # Absenden, Zurücksetzen, Abbrechen from now on
    """
    known = {'title', 'auto_scroll_bottom', 'http_pull_interval', *_PAGE_ENV}
    unknown = sorted(set(env_info) - known)
    if unknown:
        raise TypeError('set_env() got unknown setting%s %s; the settings are %s' % (
            's' if len(unknown) > 1 else '', ', '.join(map(repr, unknown)), ', '.join(sorted(known))))
    commands = []
    if 'title' in env_info:
        if not isinstance(env_info['title'], str):
            raise TypeError('set_env(): title must be a string, got %r' % (env_info['title'],))
        commands.append(('set_title', {'title': env_info['title']}))
    if 'auto_scroll_bottom' in env_info:
        commands.append(('set_auto_scroll_bottom',
                         {'enabled': _env_bool('auto_scroll_bottom', env_info['auto_scroll_bottom'])}))
    if 'http_pull_interval' in env_info:
        _env_interval('http_pull_interval', env_info['http_pull_interval'])
    spec = {name: check(name, env_info[name]) for name, check in _PAGE_ENV.items() if name in env_info}
    if spec:
        commands.append(('set_env', spec))
    session = get_current_session()
    if 'language' in spec:
        session.chosen_language = spec['language']  # the server's own words follow the page's
    for command, command_spec in commands:
        session.send_task_command({'command': command, 'task_id': None, 'spec': command_spec})
def get_info() -> SessionInfo:
    """Return the `SessionInfo` of the current session (PyWebIO 0.x; the same as `info`).

    In script mode it waits for the tab to connect, like reading `info`. Example::

        user_agent = get_info().user_agent
    """
    return get_current_session().ready_info()


#: The session-local namespace of the current session (PyWebIO 1.x): store what one visitor's
#: task, threads and callbacks share, without globals that every session would see.
#: Attributes and items (``local.name``, ``local['name']``) read ``None`` when never set; ``in``,
#: ``len()``, iteration over the keys and ``del`` work; ``local._dict`` is the underlying dict.
#: See `SessionLocal`. Example::
#:
#:     from pywebio.session import local
#:
#:     def add():
#:         local.cnt = (local.cnt or 0) + 1
#:
#:     def show():
#:         put_text(local.cnt or 0)
#:
#:     def main():
#:         put_buttons(['Add counter', 'Show counter'], [add, show])
#:         hold()
local: Any = CurrentSessionLocal(get_current_session, existing_session)


def data() -> SessionLocal:
    """Return the session-local namespace of the current session (PyWebIO 1.0; use `local`).

    It is the namespace `local` reads and writes, as an object of its own: ``g = data()`` then
    ``g.count = 1`` is ``local.count = 1``. Emits a ``DeprecationWarning``.
    """
    warnings.warn('pywebio.session.data() is deprecated: use pywebio.session.local', DeprecationWarning,
                  stacklevel=2)
    return local_of(get_current_session())


def download(name: str, content: bytes) -> None:
    """Make the browser save ``content`` as a file called ``name``, at once, without a click.

    :param name: the file name the browser saves under (the browser may change characters that
        its file system refuses).
    :param content: the exact bytes of the file (``bytes``, ``bytearray`` or ``memoryview``).

    The bytes travel inside the message (base64), as with `pywebio.output.put_file`, so keep
    files to a few megabytes. Returns at once; works in both kinds of session (no ``await``).

    Example::

        put_buttons(['Click to download'], [lambda: download('hello-world.txt', b'hello world!')])
    """
    if not isinstance(name, str) or not name:
        raise TypeError('download(): name must be a non-empty file name string, got %r' % (name,))
    data_bytes = check_bytes('download', 'content', content)
    get_current_session().send_task_command({'command': 'download', 'task_id': None, 'spec': {
        'name': name, 'content': base64_text(data_bytes)}})

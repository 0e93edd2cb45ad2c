"""Sessions: which browser tab the calling code talks to, and how long that conversation lasts.

Every interaction function (`pywebio.input`, `pywebio.output`) acts on the *current session*:

- inside a task function run by a server, the session of the browser tab that started it;
- in a thread registered with `register_thread`, the session that registered it;
- in script mode (no server was started), the single session of the script, created, with a
  local server and a browser tab, by the first interaction call.

- in a coroutine-based session, the session of the ``async def`` task, and of every coroutine
  it starts (`run_async`) or awaits.

Anywhere else the call raises `SessionNotFoundException`.
"""
import json
import threading
from typing import Any, Awaitable, Callable, Optional, TypeVar

from ..exceptions import JavaScriptError, SessionNotFoundException
from .base import Interaction, ProtocolError, Session, SessionInfo, no_session_message
from .coroutinebased import CoroutineBasedSession, TaskHandle, current_coroutine_session, in_event_loop_thread
from .threadbased import ScriptModeSession, ThreadBasedSession, session_of_thread

__all__ = ['get_current_session', 'register_thread', 'defer_call', 'hold', 'info', 'run_async',
           'run_asyncio_coroutine', 'run_js', 'eval_js', 'TaskHandle', 'Session', 'SessionInfo',
           'ThreadBasedSession', 'CoroutineBasedSession', 'go_app']

T = TypeVar('T')

_mode_lock = threading.Lock()
_server_mode = False
_script_session: Optional[ScriptModeSession] = None


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
        _server_mode = True


def script_mode_session() -> Optional[ScriptModeSession]:
    return _script_session


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
            # imported here: the session layer does not depend on a transport until script mode
            from ..platform.tornado import start_script_mode
            _script_session = start_script_mode()
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


def run_js(code: str, **args: Any) -> None:
    """Run JavaScript ``code`` in the browser; ``args`` become variables of that name in it.

    Example: ``run_js('console.log(greeting)', greeting='hi')``. Returns at once.
    """
    if not isinstance(code, str):
        raise TypeError('run_js(): code must be a string of JavaScript, got %r' % (code,))
    steps = _script_steps(get_current_session(), code, args, want_result=False)
    try:
        next(steps)
    except StopIteration:
        pass


def eval_js(expression: str, **args: Any) -> Any:
    """Evaluate the JavaScript ``expression`` in the browser and return its value.

    The value comes back through JSON (``undefined`` becomes ``None``); a Promise is awaited
    first. ``args`` become variables of that name. In a coroutine-based session write
    ``await eval_js(...)``.

    Example::

        width = eval_js('window.innerWidth')
        total = eval_js('a + b', a=1, b=2)
    """
    if not isinstance(expression, str):
        raise TypeError('eval_js(): expression must be a string of JavaScript, got %r' % (expression,))
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
    """`pywebio.session.info`: the `SessionInfo` of the current session, read attribute by attribute."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith('_'):  # introspection (doc tools, copy, pickle) must not start script mode
            raise AttributeError(name)
        return getattr(get_current_session().info, name)

    def __repr__(self) -> str:
        return '<pywebio.session.info>'


info: Any = _CurrentSessionInfo()

"""Sessions: which browser tab the calling code talks to, and how long that conversation lasts.

Every interaction function (`pywebio.input`, `pywebio.output`) acts on the *current session*:

- inside a task function run by a server, the session of the browser tab that started it;
- in a thread registered with `register_thread`, the session that registered it;
- in script mode (no server was started), the single session of the script, created, with a
  local server and a browser tab, by the first interaction call.

Anywhere else the call raises `SessionNotFoundException`.
"""
import threading
from typing import Any, Callable, Optional

from ..exceptions import SessionClosedException, SessionNotFoundException
from .base import Session, SessionInfo, no_session_message
from .threadbased import ScriptModeSession, ThreadBasedSession, session_of_thread

__all__ = ['get_current_session', 'register_thread', 'defer_call', 'hold', 'info',
           'Session', 'SessionInfo', 'ThreadBasedSession']

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
    session = session_of_thread(threading.current_thread())
    if session is not None:
        return session
    if _script_session is not None:
        return _script_session
    with _mode_lock:
        if _server_mode:
            raise SessionNotFoundException(no_session_message(
                'No PyWebIO session in thread %r' % threading.current_thread().name))
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
    if isinstance(session, ThreadBasedSession):
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


def hold() -> None:
    """Keep the session open until the browser closes, so button callbacks keep working."""
    session = get_current_session()
    if isinstance(session, ThreadBasedSession):
        session.hold()


class _CurrentSessionInfo:
    """`pywebio.session.info`: the `SessionInfo` of the current session, read attribute by attribute."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith('_'):  # introspection (doc tools, copy, pickle) must not start script mode
            raise AttributeError(name)
        return getattr(get_current_session().info, name)

    def __repr__(self) -> str:
        return '<pywebio.session.info>'


info: Any = _CurrentSessionInfo()

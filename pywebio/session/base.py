"""The session interface: what the public API needs from a session, and what a transport drives.

A *session* is one browser tab talking to one run of a task function. The public API
(`pywebio.input`, `pywebio.output`) and the transports (`pywebio.platform.*`) meet here and
nowhere else, through two narrow faces of the same object:

The **task face**, used by the API from inside the task::

    task_id = session.open_task()          # get an address for the events of one form
    session.send_task_command(cmd)         # queue a command for the browser
    event = session.next_client_event(task_id)   # block until the browser answers it
    session.close_task(task_id)
    callback_id = session.register_callback(func)
    session.defer_call(func)

The **transport face**, used by a platform module that owns the browser connection::

    session = ThreadBasedSession(target, info, on_task_command=..., on_session_close=...)
    session.send_client_event(event)       # an event from the browser (already JSON-decoded)
    commands = session.get_task_commands() # everything queued since the last call
    session.close()                        # the browser went away

``on_task_command(session)`` is called (from any thread) when commands are waiting: the
transport schedules a flush on its own event loop and calls ``get_task_commands`` there, so a
burst of commands leaves in one frame. ``on_session_close(session)`` is called once when the
session ends from the task side, after the final ``close_session`` command has been queued.

A session class knows nothing about Tornado, Flask or WebSockets.
"""
import logging
import threading
from collections import deque
from typing import Any, Callable, Deque, List, Optional

from ..exceptions import SessionClosedException

logger = logging.getLogger(__name__)


class ProtocolError(ValueError):
    """The browser sent something that does not follow docs/protocol.md."""


def check_client_event(event: Any) -> dict:
    """Check the envelope of an event from the browser and return it.

    Raises `ProtocolError` when the envelope is malformed. The meaning of ``data`` is checked
    later, by whoever receives the event.
    """
    if not isinstance(event, dict):
        raise ProtocolError('an event must be a JSON object, got %s' % type(event).__name__)
    if not isinstance(event.get('event'), str):
        raise ProtocolError('an event needs a string "event" field')
    if not isinstance(event.get('task_id'), str):
        raise ProtocolError('an event needs a string "task_id" field')
    return event


class SessionInfo:
    """What is known about the browser and the request that opened a session.

    Read it as `pywebio.session.info` inside a session. Attributes:

    - ``user_agent``: the parsed User-Agent (a ``user_agents.parsers.UserAgent``: ``.browser``,
      ``.os``, ``.device``, ``.is_mobile``...)
    - ``user_language``: the browser's preferred language, e.g. ``'zh-CN'`` or ``'en-US'``
    - ``server_host``: the host the browser used to reach the server (``Host`` header)
    - ``origin``: the origin of the page (``Origin`` header), ``''`` if not sent
    - ``user_ip``: the address of the browser as the server sees it
    - ``request``: the web framework's request object that opened the session
    - ``backend``: the web framework: ``'tornado'``...
    - ``protocol``: ``'websocket'`` or ``'http'``
    """

    def __init__(self, *, user_agent: Any = None, user_language: str = '', server_host: str = '',
                 origin: str = '', user_ip: str = '', request: Any = None, backend: str = '',
                 protocol: str = '') -> None:
        self.user_agent = user_agent
        self.user_language = user_language
        self.server_host = server_host
        self.origin = origin
        self.user_ip = user_ip
        self.request = request
        self.backend = backend
        self.protocol = protocol

    def __repr__(self) -> str:
        return '<SessionInfo %s %s from %s>' % (self.backend, self.protocol, self.user_ip)


class Session:
    """The interface every session class implements. See the module docstring."""

    #: Information about the browser and the request (`pywebio.session.info`).
    info: Any = None

    def __init__(self, session_info: Any = None) -> None:
        self.info = session_info
        self._commands: Deque[dict] = deque()
        self._commands_lock = threading.Lock()
        self._deferred: List[Callable[[], Any]] = []
        self._deferred_lock = threading.Lock()
        self._closed = False

    # -- task face ------------------------------------------------------------------------

    def send_task_command(self, command: dict) -> None:
        """Queue ``command`` for the browser. Never blocks."""
        if self._closed:
            raise SessionClosedException('the session has ended; the browser can no longer be reached')
        with self._commands_lock:
            self._commands.append(command)
        self._notify_commands()

    def open_task(self) -> str:
        """Return a fresh task id; events addressed to it are kept for `next_client_event`."""
        raise NotImplementedError

    def next_client_event(self, task_id: str) -> dict:
        """Wait for the next browser event addressed to ``task_id``."""
        raise NotImplementedError

    def close_task(self, task_id: str) -> None:
        """Forget ``task_id``; later events for it are dropped."""
        raise NotImplementedError

    def register_callback(self, callback: Callable[[Any], Any]) -> str:
        """Register ``callback`` and return the id the browser uses to invoke it."""
        raise NotImplementedError

    def defer_call(self, func: Callable[[], Any]) -> None:
        """Run ``func()`` when the session ends, for whatever reason."""
        if self._closed:
            raise SessionClosedException('the session has ended; defer_call() came too late')
        with self._deferred_lock:
            self._deferred.append(func)

    def closed(self) -> bool:
        return self._closed

    # -- transport face -------------------------------------------------------------------

    def get_task_commands(self) -> List[dict]:
        """Take every command queued since the last call, oldest first."""
        with self._commands_lock:
            commands = list(self._commands)
            self._commands.clear()
        return commands

    def send_client_event(self, event: dict) -> None:
        """Deliver an event from the browser. Raises `ProtocolError` for a malformed one."""
        raise NotImplementedError

    def close(self) -> None:
        """End the session from outside: the browser or the server went away."""
        raise NotImplementedError

    # -- shared machinery -----------------------------------------------------------------

    def _notify_commands(self) -> None:
        """Tell the transport that commands are waiting."""

    def _run_deferred(self) -> None:
        """Run the `defer_call` functions once each, in order; one failing does not stop the rest."""
        with self._deferred_lock:
            funcs, self._deferred = self._deferred, []
        for func in funcs:
            try:
                func()
            except Exception:
                logger.exception('a function registered with defer_call() raised')


_no_session_hint = (
    'PyWebIO interaction functions must run inside a session: in the task function given to '
    'start_server()/webio_handler(), in a function it calls, or in a thread registered with '
    'pywebio.session.register_thread()'
)


def no_session_message(detail: Optional[str] = None) -> str:
    return '%s. %s' % (detail, _no_session_hint) if detail else _no_session_hint


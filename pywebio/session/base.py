"""The session interface: what the public API needs from a session, and what a transport drives.

A *session* is one browser tab talking to one run of a task function. The public API
(`pywebio.input`, `pywebio.output`) and the transports (`pywebio.platform.*`) meet here and
nowhere else, through two narrow faces of the same object.

The **task face**, used by the API from inside the task::

    session.send_task_command(cmd)         # queue a command for the browser; never blocks
    result = session.run_interaction(steps)   # drive an Interaction (see below): the result in
                                              # a thread-based session, an awaitable in a
                                              # coroutine-based one
    callback_id = session.register_callback(func)
    session.unregister_callback(callback_id)
    session.defer_call(func)
    session.hold()

An *interaction* (a form, an ``eval_js``) is written once, as a generator that opens a task
(``task_id = session.open_task()``), sends its command, and yields the task id whenever it
needs the browser's next event for that task; the session sends the event back in. Thread-based
sessions drive it by blocking, coroutine-based ones by awaiting.

The **transport face**, used by a platform module that owns the browser connection::

    session.on_task_command = hook         # hook(session), from any thread: commands are waiting
    session.on_session_close = hook        # hook(session), once: the session has ended
    answer = session.send_client_event(event, size)  # an event from the browser (already
                                           # JSON-decoded) and its frame's length; an `Answer`
                                           # when another thread handles it
    commands = session.get_task_commands() # everything queued since the last call
    session.close()                        # the browser went away
    session.protocol_error                 # in on_session_close: why the session ended, if the
                                           # browser broke the protocol (None otherwise)

On ``on_task_command`` the transport schedules one flush on its own loop and calls
``get_task_commands`` there, so a burst of commands leaves in one frame. A transport may also
wait briefly on the `Answer` and flush at once when the handling thread has done with the event:
the reply then leaves without another trip through the loop.

A session class knows nothing about Tornado, Flask or WebSockets.
"""
import itertools
import logging
import threading
import time
import traceback
import weakref
from typing import Any, Callable, Dict, Generator, Generic, List, Optional, Sequence, TypeVar, Union

from .._compat import ONE_X, process_api
from .._languages import language_of, messages_for
from ..exceptions import SessionClosedException
from . import bounds
from .uploads import SessionUploads

logger = logging.getLogger(__name__)

T = TypeVar('T')


class ProtocolError(ValueError):
    """The browser sent something that does not follow docs/protocol.md."""


class OverLimit(ProtocolError):
    """The browser filled a buffer of the server past its bound (docs/reliability.md, *Bounds*):
    uploaded bytes, queued events, unsent output. Its session ends like after any protocol
    error, but with close code 1008 and a reason that names the bound, so that the person is
    told the session hit a limit rather than that the page misbehaved."""


#: The keys of an event's envelope (docs/protocol.md, *Events*); ``data`` may be absent (null).
ENVELOPE_KEYS = frozenset({'event', 'task_id', 'data'})


def check_client_event(event: Any) -> dict:
    """Check the envelope of an event from the browser and return it.

    Raises `ProtocolError` when the envelope is malformed: not an object, ``event`` or
    ``task_id`` not a string, or a key besides `ENVELOPE_KEYS`. The meaning of ``data`` is
    checked later, by whoever receives the event.
    """
    if not isinstance(event, dict):
        raise ProtocolError('an event must be a JSON object, got %s' % type(event).__name__)
    if not isinstance(event.get('event'), str):
        raise ProtocolError('an event needs a string "event" field')
    if not isinstance(event.get('task_id'), str):
        raise ProtocolError('an event needs a string "task_id" field')
    if len(event) > 2 and not ENVELOPE_KEYS.issuperset(event):
        # the page sends these three and nothing else: more is a forged page's payload, which would
        # otherwise wait in memory with the event (a 15 MiB key rode along with every submission)
        unknown = sorted(repr(key)[:40] for key in event if key not in ENVELOPE_KEYS)
        raise ProtocolError('an event with keys the protocol does not have: %s' % ', '.join(unknown[:3]))
    return event


def estimated_size(value: Any) -> int:
    """About the length of the JSON that ``value`` was decoded from: the size of an event whose
    frame a caller does not have (a session driven without a transport). Walks without recursion,
    so an event nested thousands deep costs no stack."""
    size, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (str, bytes, bytearray)):
            size += len(item) + 2
        elif isinstance(item, dict):
            size += 2
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            size += 2
            stack.extend(item)
        else:
            size += 8
    return size


class SessionInfo:
    """What is known about the browser and the request that opened a session.

    Read it as `pywebio.session.info` inside a session. Attributes:

    - ``user_agent``: the parsed User-Agent (a ``user_agents.parsers.UserAgent``: ``.browser``,
      ``.os``, ``.device``, ``.is_mobile``...)
    - ``user_language``: the browser's preferred language, e.g. ``'zh-CN'`` or ``'en-US'`` (the
      first of its ``Accept-Language`` header, as in 1.x): the visitor's, whatever language the
      app chose for the page with ``config(language=...)`` or ``set_env(language=...)``
    - ``user_languages``: all the browser's preferred languages, most preferred first, e.g.
      ``['zh-CN', 'zh', 'en']`` (``navigator.languages``, as ``Accept-Language`` sends them)
    - ``server_host``: the host the browser used to reach the server (``Host`` header)
    - ``origin``: the origin of the page (``Origin`` header), ``''`` if not sent
    - ``user_ip``: the address of the browser as the server sees it
    - ``request``: the web framework's request object that opened the session
    - ``backend``: the web framework: ``'tornado'``...
    - ``protocol``: ``'websocket'`` or ``'http'``
    - ``user``: the name of the person logged in (`pywebio.auth.login`), ``None`` when nobody is:
      read from the login cookie when the session opened, set by ``login()``, cleared by ``logout()``
    """

    def __init__(self, *, user_agent: Any = None, user_language: str = '', server_host: str = '',
                 origin: str = '', user_ip: str = '', request: Any = None, backend: str = '',
                 protocol: str = '', user_languages: Sequence[str] = ()) -> None:
        self.user_agent = user_agent
        self.user_language = user_language
        self.user_languages = list(user_languages)
        self.server_host = server_host
        self.origin = origin
        self.user_ip = user_ip
        self.request = request
        self.backend = backend
        self.protocol = protocol
        self.user: Optional[str] = None

    def __repr__(self) -> str:
        return '<SessionInfo %s %s from %s>' % (self.backend, self.protocol, self.user_ip)


class PerSession(Generic[T]):
    """State kept for each session, made by ``factory()`` on first use, and dropped with the
    session (the sessions are weak keys). ``state_of = PerSession(dict)``, then
    ``state_of(session)``. Thread-safe: two threads asking at once get the same object."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._states: 'weakref.WeakKeyDictionary[Session, T]' = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, session: 'Session') -> T:
        state = self._states.get(session)
        if state is None:
            with self._lock:
                state = self._states.get(session)
                if state is None:
                    state = self._states[session] = self._factory()
        return state


class Answer:
    """The handling of one browser event by another thread, which a transport may wait for.

    The thread that takes the event calls `done` when it next waits for the browser (or ends);
    by then it has queued every command its reply consists of. A transport that waits on
    `wait` and then flushes sends the reply without a second trip through its event loop.
    """

    __slots__ = ('_pending', 'delivered_at', 'answered_at')

    def __init__(self) -> None:
        self._pending = threading.Lock()
        self._pending.acquire()
        self.delivered_at = time.perf_counter()
        self.answered_at: Optional[float] = None

    def done(self) -> None:
        """Called once, by the thread that handled the event."""
        self.answered_at = time.perf_counter()
        self._pending.release()

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for `done`; True if it came. Call once."""
        return self._pending.acquire(timeout=timeout)

    def was_quick(self, limit: float) -> bool:
        """True if the event was handled within ``limit`` seconds."""
        answered_at = self.answered_at
        return answered_at is not None and answered_at - self.delivered_at <= limit


#: A step-by-step interaction with the browser, written once for every kind of session: the
#: generator yields the id of the task whose next event it needs, and receives that event. A
#: thread-based session drives it by blocking; a coroutine-based session by awaiting.
Interaction = Generator[str, dict, Any]

#: Events addressed to a waiting task; ``callback`` events go to callbacks instead.
TASK_EVENTS = frozenset({'form_submit', 'js_result', 'pin_value', 'pin_change', 'login_cookie'})

CLOSE_SESSION_COMMAND = {'command': 'close_session', 'task_id': None, 'spec': None}


def close_session_command(error: Optional[BaseException] = None, debug: bool = False) -> dict:
    """The last command of a session (docs/protocol.md, close_session): a plain end; when the
    task raised ``error``, one that says so, with the traceback only in ``debug`` mode; when
    ``error`` is a `ProtocolError` of the browser, one that says what was wrong."""
    if error is None:
        return CLOSE_SESSION_COMMAND
    if isinstance(error, ProtocolError):
        reason = 'over_limit' if isinstance(error, OverLimit) else 'invalid_message'
        return {'command': 'close_session', 'task_id': None, 'spec': {'reason': reason, 'message': str(error)}}
    trace = ''.join(traceback.format_exception(type(error), error, error.__traceback__)) if debug else None
    return {'command': 'close_session', 'task_id': None, 'spec': {'reason': 'error', 'traceback': trace}}


#: Every session that has not ended yet, for `close_all_sessions` when the server stops.
#: Functions called with each new session, as it is made (`pywebio.shared` listens for
#: broadcasts from a process's first session on).
session_open_hooks: List[Callable[['Session'], None]] = []

_open_sessions: 'weakref.WeakSet[Session]' = weakref.WeakSet()
_open_sessions_lock = threading.Lock()


def close_all_sessions() -> int:
    """End every open session because the server is stopping (Ctrl-C), running their `defer_call`
    functions in the calling thread; return how many there were.

    The server's event loop may already be gone, so nothing is sent to the browsers.
    """
    with _open_sessions_lock:
        sessions = list(_open_sessions)
    for session in sessions:
        try:
            session.shutdown()
        except Exception:
            logger.exception('a session could not be closed cleanly while the server stopped')
    return len(sessions)


class CountedLog:
    """Log the first occurrence of each cause in one session; count the others, and log the count
    once, at the end of the session.

    A page can send thousands of events that the server drops (of an unknown kind, for a form that
    is gone...). One line each would let a single page flood the server's log; one line per
    cause and session, and one line with the count, say the same::

        dropped an event of unknown kind 'telepathy' (more like it are counted)
        ... and 4,999 more events of unknown kind in the same session

    ``cause`` names the events in the plural (``'events of unknown kind'``); the first message
    should say what happened to the first one. Thread-safe.
    """

    __slots__ = ('_log', '_lock', '_more')

    def __init__(self, log: logging.Logger) -> None:
        self._log = log
        self._lock = threading.Lock()
        self._more: Dict[str, List[int]] = {}  # cause -> [level, how many more]

    def log(self, level: int, cause: str, message: str, *args: Any) -> None:
        with self._lock:
            seen = self._more.get(cause)
            if seen is not None:
                seen[1] += 1
                return
            self._more[cause] = [level, 0]
        self._log.log(level, message + ' (more like it are counted)', *args)

    def log_counts(self) -> None:
        """Log how many were not logged, one line per cause; and start counting afresh."""
        with self._lock:
            counts, self._more = self._more, {}
        for cause, (level, more) in counts.items():
            if more:
                self._log.log(level, '... and {:,} more {} in the same session'.format(more, cause))


def error_toast_command(error: BaseException, debug: bool = False, language: str = 'en') -> dict:
    """The command that shows a failed callback to the person (see docs/protocol.md, toast):
    that the action failed, in the page's ``language`` (`pywebio._languages`); with ``debug``, the
    exception's type and message instead (they may hold paths, values and secrets)."""
    content = '%s: %s' % (type(error).__name__, error) if debug else messages_for(language)['action_failed']
    return {'command': 'toast', 'task_id': None, 'spec': {
        'content': content, 'duration': 0, 'position': 'center', 'color': 'error', 'callback_id': None}}


class Session:
    """The interface every session class implements, and the machinery they share.

    Subclasses implement how a task waits (`next_client_event`, `run_interaction`, `hold`), how
    a callback runs (`_run_callback`), and how the session ends (`close`).
    """

    #: Information about the browser and the request (`pywebio.session.info`).
    info: Any = None
    #: The language the app chose for this session's page (a code of
    #: `pywebio._languages.LANGUAGES`): its ``config(language=...)``, taken from the page
    #: configuration the session starts with, or the last ``set_env(language=...)``; None: the
    #: browser's. The server's own words follow it (`pywebio._languages.language_of`).
    chosen_language: Optional[str] = None

    def __init__(self, session_info: Any = None, debug: bool = False, api: Optional[str] = None) -> None:
        self.info = session_info
        #: ``'guide'`` or ``'1.x'``: the meaning of the calls where the two APIs disagree, chosen
        #: for the session's program when it was made (`pywebio._compat`); None: the process's.
        self.api = api
        #: Whether the page may see the traceback of a task that raised, and the exception of a
        #: callback that raised (the server's ``debug``).
        self.debug = debug
        self._final_command = CLOSE_SESSION_COMMAND
        self.on_task_command: Optional[Callable[['Session'], None]] = None
        self.on_session_close: Optional[Callable[['Session'], None]] = None
        self._lock = threading.RLock()
        self._commands: List[dict] = []
        self._deferred: List[Callable[[], Any]] = []
        self._callbacks: Dict[str, Callable[[Any], Any]] = {}
        self._callback_ids = itertools.count(1)
        self._task_ids = itertools.count(1)
        self._closed = False
        #: The `ProtocolError` that ended the session when the browser broke the protocol; None
        #: otherwise. The transport reads it in ``on_session_close`` to tell the browser why.
        self.protocol_error: Optional[ProtocolError] = None
        self._dropped = CountedLog(logger)
        #: Events that arrived and wait for the task or callback that takes them (`bounds`):
        #: charged on arrival, given back when taken, all of it when the session ends.
        self.queued_events = bounds.Account(bounds.QUEUED_EVENT_BYTES, bounds.QUEUED_EVENTS,
                                            bounds.SESSION_QUEUED_BYTES, bounds.SESSION_QUEUED_EVENTS,
                                            what='events waiting')
        self._uploads: Optional[SessionUploads] = None
        #: A dict for add-ons only, dropped with the session: PyWebIO 1.x's ``internal_save``,
        #: where ``pywebio_battery`` notes that it has defined its cookie functions on the page.
        #: PyWebIO keeps nothing in it (1.x's ``internal_save['info']`` is `info` here); programs
        #: use `pywebio.session.local`.
        self.internal_save: Dict[str, Any] = {}
        with _open_sessions_lock:
            _open_sessions.add(self)
        for hook in session_open_hooks:
            hook(self)

    @property
    def uploads(self) -> SessionUploads:
        """The files its forms and pin readings were sent, in memory or on disk, and the files it
        handed to the app (`pywebio.session.uploads`): deleted when the session ends. Made at the
        first form that asks for files, so an idle session pays nothing for it."""
        with self._lock:
            if self._uploads is None:
                self._uploads = SessionUploads()
                if self._closed:
                    self._uploads.close()
            return self._uploads

    def _send_first(self, commands: Sequence[dict]) -> None:
        """Queue the commands the transport wants before any of the task's (such as the page
        configuration of the app, for a page served as a static file)."""
        if (self.api or process_api()) == ONE_X:
            # 1.x pages do not follow new output unless the program asks (set_env): its programs
            # rely on it, e.g. pywebio_battery's infinite scroll loads more only when scrolled to
            commands = [*commands, {'command': 'set_auto_scroll_bottom', 'task_id': None, 'spec': {'enabled': False}}]
        for command in commands:
            if command.get('command') == 'page_config':
                self.chosen_language = command['spec'].get('language')
            self.send_task_command(command)

    # -- task face ------------------------------------------------------------------------

    def send_task_command(self, command: dict) -> None:
        """Queue ``command`` for the browser. Never blocks."""
        with self._lock:
            if self._closed:
                raise SessionClosedException('the session has ended; the browser can no longer be reached')
            self._commands.append(command)
        self._notify_commands()

    def open_task(self) -> str:
        """Return a fresh task id; events addressed to it are kept for `next_client_event`."""
        with self._lock:
            if self._closed:
                raise SessionClosedException('the session has ended; the browser can no longer be reached')
            task_id = str(next(self._task_ids))
            self._open_task_queue(task_id)
        return task_id

    def next_client_event(self, task_id: str) -> Any:
        """Wait for the next browser event addressed to ``task_id`` (blocks, or is awaited)."""
        raise NotImplementedError

    def close_task(self, task_id: str) -> None:
        """Forget ``task_id``; later events for it are dropped."""
        raise NotImplementedError

    def run_interaction(self, steps: Interaction, what: str = '') -> Any:
        """Drive ``steps`` (see `Interaction`): return its result, or an awaitable of it.

        ``what`` names the public function, for error messages.
        """
        raise NotImplementedError

    def hold(self) -> Any:
        """Wait until the session ends (blocks, or returns an awaitable)."""
        raise NotImplementedError

    def register_callback(self, callback: Callable[[Any], Any]) -> str:
        """Register ``callback`` and return the id the browser uses to invoke it."""
        with self._lock:
            if self._closed:
                raise SessionClosedException('the session has ended; callbacks can no longer run')
            callback_id = 'cb-%d' % next(self._callback_ids)
            self._callbacks[callback_id] = callback
        return callback_id

    def unregister_callback(self, callback_id: str) -> None:
        """Forget a callback (a closed form's): later events for it are dropped."""
        with self._lock:
            self._callbacks.pop(callback_id, None)

    def defer_call(self, func: Callable[[], Any]) -> None:
        """Run ``func()`` when the session ends, for whatever reason."""
        with self._lock:
            if self._closed:
                raise SessionClosedException('the session has ended; defer_call() came too late')
            self._deferred.append(func)

    def closed(self) -> bool:
        return self._closed

    def ready_info(self) -> Any:
        """The session's `SessionInfo`, once the browser is connected (`pywebio.session.info`).

        A session made for a browser connection has it from the start. Script mode's session
        waits for its tab here (see `ScriptModeSession.ready_info`).
        """
        return self.info

    def outlives_task(self) -> bool:
        """Whether the session stays open after its task returned: with the 1.x semantics
        (``self.api``, `pywebio.set_api`), while callbacks are registered, until the browser goes."""
        from .._compat import sessions_wait_for_callbacks
        with self._lock:
            return bool(self._callbacks) and sessions_wait_for_callbacks(self)

    # -- transport face -------------------------------------------------------------------

    def get_task_commands(self) -> List[dict]:
        """Take every command queued since the last call, oldest first."""
        with self._lock:
            commands, self._commands = self._commands, []
        return commands

    def send_client_event(self, event: Any, size: Optional[int] = None) -> Optional[Answer]:
        """Deliver an event from the browser. Raises `ProtocolError` for a malformed envelope,
        and `OverLimit` when the event would pass a bound of the events waiting in this session
        or in the process (`bounds`; the caller then ends the session with `abort`).

        Call it from the transport's thread; an event for a task that is not waiting, a callback
        that does not exist, or an event kind the protocol does not know is logged and dropped.
        ``size`` is the length of the frame the event came in (else it is estimated): it counts
        against the bounds until the event's handler takes it. Returns an `Answer` when another
        thread of the session handles the event.
        """
        check_client_event(event)
        if self._closed:
            return None
        if size is None:
            size = estimated_size(event)
        kind, task_id = event['event'], event['task_id']
        if kind == 'callback':
            with self._lock:
                callback = self._callbacks.get(task_id)
            if callback is None:
                self._dropped.log(logging.INFO, 'clicks for unknown callbacks',
                                  'dropped a click for unknown callback %r', task_id)
                return None
            handled = self._run_callback(callback, event.get('data'), size)
        elif kind in TASK_EVENTS:
            handled = self._deliver_to_task(task_id, event, size)
            if not handled:
                self._dropped.log(logging.INFO, 'events for tasks that are not waiting',
                                  'dropped a %s event for task %r, which is not waiting', kind, task_id)
        else:
            self._dropped.log(logging.WARNING, 'events of unknown kind',
                              'dropped an event of unknown kind %r', kind)
            return None
        return handled if isinstance(handled, Answer) else None

    def close(self) -> None:
        """End the session from outside: the browser or the server went away."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """End the session because the server is stopping: nothing more reaches the browser (the
        server's loop may be gone), and the `defer_call` functions run in the calling thread."""
        raise NotImplementedError

    def abort(self, error: ProtocolError) -> SessionClosedException:
        """End the session because the browser broke the protocol; return the exception to raise.

        Call it from any thread: the transport's, when a frame is malformed, or the session's,
        when event data does not match what the server sent. The last command says why, and so
        does the transport, which reads `protocol_error` (docs/protocol.md, *Close codes*).
        """
        with self._lock:
            first = not self._closed and self.protocol_error is None
            if first:
                self.protocol_error = error
                self._final_command = close_session_command(error)
        if first:
            logger.warning('closing a session: the browser broke the protocol: %s', error)
        self.close()
        return SessionClosedException('the session was closed: the browser sent an invalid message')

    # -- for subclasses -------------------------------------------------------------------

    def _open_task_queue(self, task_id: str) -> None:
        raise NotImplementedError

    def _deliver_to_task(self, task_id: str, event: dict, size: int) -> Union[bool, Answer]:
        """Hand ``event`` to the waiting task; False if no such task waits, else True or an `Answer`.

        Charge ``size`` with `_hold_event` before the event is queued, and give it back
        (``queued_events.give_back(size)``) when the task takes it or the task's queue is dropped.
        """
        raise NotImplementedError

    def _run_callback(self, callback: Callable[[Any], Any], data: Any, size: int) -> Optional[Answer]:
        """Run ``callback(data)`` in the session; charge and give back ``size`` as for a task."""
        raise NotImplementedError

    def _hold_event(self, size: int, event: Optional[dict] = None) -> None:
        """Count an event of ``size`` bytes as waiting; `OverLimit` if it would pass a bound."""
        refusal = self.queued_events.take(size)
        if refusal is not None:
            raise OverLimit(refusal)

    def _mark_closed(self) -> bool:
        """Queue the final command and flip the flag; False if the session had already ended."""
        with self._lock:
            if self._closed:
                return False
            self._commands.append(self._final_command)
            self._closed = True
            self._callbacks.clear()
        # what it held goes back to the process now, not when its threads get round to it
        self.queued_events.close()
        with self._lock:
            uploads = self._uploads
        if uploads is not None:
            uploads.close()
        with _open_sessions_lock:
            _open_sessions.discard(self)
        self._dropped.log_counts()
        return True

    def _task_failed(self, error: BaseException, what: str) -> None:
        """Log the exception a task raised; the session's end will tell the browser (see
        `close_session_command`)."""
        logger.error('%s raised', what, exc_info=error)
        command = close_session_command(error, self.debug)  # the text now: the error is not kept
        with self._lock:
            if self._final_command is CLOSE_SESSION_COMMAND:
                self._final_command = command

    def _notify_commands(self) -> None:
        """Tell the transport that commands are waiting."""
        if self.on_task_command is not None:
            self.on_task_command(self)

    def _notify_closed(self) -> None:
        self._notify_commands()
        if self.on_session_close is not None:
            self.on_session_close(self)

    def _callback_failed(self, error: BaseException) -> None:
        """Log a callback's exception and tell the person the action failed (`error_toast_command`);
        the session lives on."""
        logger.error('a callback raised', exc_info=error)
        try:
            self.send_task_command(error_toast_command(error, self.debug, language_of(self)))
        except SessionClosedException:
            pass

    def _run_deferred(self) -> None:
        """Run the `defer_call` functions once each, in order; one failing does not stop the rest."""
        with self._lock:
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


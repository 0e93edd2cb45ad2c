"""Helpers every platform module shares: origin checks, size parsing, session information."""
import asyncio
import fnmatch
import functools
import inspect
import itertools
import json
import threading
import time
import weakref
from typing import Any, Callable, Iterable, Iterator, List, Optional, Tuple, Union
from urllib.parse import urlsplit

import user_agents

from .._compat import announce
from .._languages import preferred_languages
from .._values import parse_size  # noqa: F401  (shared with pywebio.input; re-exported for the platforms)
from ..session import CoroutineBasedSession, Session, SessionInfo, ThreadBasedSession
from ..session.base import Answer, OverLimit, ProtocolError
from .auth import LoginService, remember_service
from .limits import Slot
from .page import page_config_command

OriginCheck = Callable[[str], bool]


def make_origin_checker(allowed_origins: Optional[Iterable[str]] = None,
                        check_origin: Optional[OriginCheck] = None) -> Callable[[str, str], bool]:
    """Build ``is_allowed(origin, host)``: may a page from ``origin`` use the API served at ``host``?

    A page of the same host is always allowed. Other origins are allowed when they match one of
    ``allowed_origins`` or when ``check_origin(origin)`` returns true. Patterns use shell
    wildcards: ``'https://*.example.com'`` matches the full origin (scheme, host and port), and a
    pattern without ``://`` such as ``'example.com:8080'`` matches the host and port only.
    """
    if isinstance(allowed_origins, str):
        raise TypeError('allowed_origins must be a list of origins, not a string: use [%r]'
                        % allowed_origins)
    patterns = [p.lower().rstrip('/') for p in (allowed_origins or [])]
    if check_origin is not None and not callable(check_origin):
        raise TypeError('check_origin must be a function that takes an origin and returns a bool')

    def is_allowed(origin: str, host: str) -> bool:
        origin = (origin or '').lower()
        netloc = urlsplit(origin).netloc
        if netloc and netloc == (host or '').lower():
            return True
        for pattern in patterns:
            subject = origin if '://' in pattern else netloc
            if fnmatch.fnmatchcase(subject, pattern):
                return True
        return bool(check_origin is not None and check_origin(origin))

    return is_allowed


def first_language(accept_language: str) -> str:
    """The preferred language of an ``Accept-Language`` header, e.g. ``'zh-CN'``; '' if none."""
    first = (accept_language or '').split(',')[0].split(';')[0].strip()
    return '' if first == '*' else first


#: User-Agent strings longer than this are parsed for their session alone, not kept in the
#: shared cache: real browsers send about 150 characters, and a client choosing what it sends
#: must not fill the cache with strings of the header limit's size.
SHARED_USER_AGENT_CHARS = 512


def parse_user_agent(user_agent: str) -> Any:
    """``user_agents.parse(user_agent)``, shared by the sessions of the same browser: most
    visitors send one of a few strings, and each parse is 450 bytes every session would keep."""
    if len(user_agent) > SHARED_USER_AGENT_CHARS:
        return user_agents.parse(user_agent)
    return _shared_user_agent(user_agent)


@functools.lru_cache(maxsize=256)
def _shared_user_agent(user_agent: str) -> Any:
    return user_agents.parse(user_agent)


def build_session_info(*, user_agent: str, accept_language: str, host: str, origin: str,
                       user_ip: str, request: Any, backend: str, protocol: str,
                       login: Optional[LoginService] = None, cookie: str = '') -> SessionInfo:
    """The `SessionInfo` of a new session; with the entry's ``login``, its ``user`` is the one
    the request's ``Cookie`` header logs in (`pywebio.platform.auth`)."""
    info = SessionInfo(user_agent=parse_user_agent(user_agent or ''),
                       user_language=first_language(accept_language),
                       user_languages=preferred_languages(accept_language), server_host=host,
                       origin=origin or '', user_ip=user_ip, request=request, backend=backend,
                       protocol=protocol)
    if login is not None:
        info.user = login.user_of(cookie)
        remember_service(info, login)
    return info


def weakly(callback: Callable[..., Any]) -> Callable[..., Any]:
    """``callback`` held by a weak reference when it is a bound method: an object that keeps a
    callback of its owner (an outbox its session's, a byte count its connection's) then makes no
    reference cycle, and the owner is freed as soon as it is gone, not at the next full garbage
    collection. Calling it once the owner is gone does nothing."""
    if not inspect.ismethod(callback):
        return callback
    return _WeakMethodCall(callback)


class _WeakMethodCall:
    """A bound method called through a weak reference to its object (`weakly`). Every session
    keeps a few: this is 120 bytes where ``weakref.WeakMethod`` and a closure take 800."""

    __slots__ = ('_owner', '_function')

    def __init__(self, method: Any) -> None:
        self._owner = weakref.ref(method.__self__)
        self._function = method.__func__

    def __call__(self, *args: Any) -> Any:
        owner = self._owner()
        return self._function(owner, *args) if owner is not None else None


class Fifo:
    """A first-in, first-out queue that costs almost nothing while empty.

    A ``collections.deque`` always holds a block of 64 slots (760 bytes, and clearing it makes a
    new one); an idle session's queues are empty, so this keeps a plain list and the position of
    its head, and lets go of the list's room whenever it runs empty.
    """

    __slots__ = ('_items', '_head')

    def __init__(self) -> None:
        self._items: List[Any] = []
        self._head = 0

    def append(self, item: Any) -> None:
        self._items.append(item)

    def popleft(self) -> Any:
        items, head = self._items, self._head
        if head >= len(items):
            raise IndexError('pop from an empty Fifo')
        item = items[head]
        head += 1
        if head == len(items):
            self.clear()
        elif head > 64 and head * 2 > len(items):  # drop the taken half, as a deque frees blocks
            del items[:head]
            self._head = 0
        else:
            items[head - 1] = None
            self._head = head
        return item

    def first(self) -> Any:
        return self._items[self._head]

    def __getitem__(self, index: int) -> Any:
        """The item ``index`` places from the head (from the tail if negative), as a deque's."""
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError('Fifo index out of range')
        return self._items[self._head + index]

    def last(self) -> Any:
        return self._items[-1]

    def clear(self) -> None:
        self._items = []
        self._head = 0

    def __len__(self) -> int:
        return len(self._items) - self._head

    def __iter__(self) -> Iterator[Any]:
        return itertools.islice(self._items, self._head, None)


def decode_event(message: Union[str, bytes], binary: bool) -> Any:
    """The event of one browser message: JSON text (``str``, or UTF-8 ``bytes``). A ``binary``
    frame is a protocol error: files go to the upload endpoint (`pywebio.platform.uploads`).

    Raises `ProtocolError` when the message is not JSON (or not UTF-8); the transport then ends
    the session with `Session.abort`. `Session.send_client_event` checks the envelope.
    """
    if binary:
        raise ProtocolError('a binary frame (files are uploaded over HTTP, docs/protocol.md)')
    try:
        return json.loads(message.decode('utf-8') if isinstance(message, bytes) else message)
    except ProtocolError:
        raise
    except UnicodeDecodeError:
        raise ProtocolError('the message is not UTF-8') from None
    except (ValueError, RecursionError) as error:  # RecursionError: JSON nested thousands deep
        raise ProtocolError('the message is not JSON (%s)' % error) from None


#: WebSocket close codes (RFC 6455) that say why the server closed; see docs/protocol.md.
CLOSE_NORMAL = 1000
CLOSE_INVALID_MESSAGE = 1003
CLOSE_INVALID_UTF8 = 1007
CLOSE_POLICY_VIOLATION = 1008  # over a bound (OverLimit); script mode: a connection without the page's token
CLOSE_MESSAGE_TOO_BIG = 1009
CLOSE_SERVER_ERROR = 1011

#: The reasons of the close codes that a web framework sends itself, without one.
CLOSE_REASONS = {CLOSE_INVALID_UTF8: 'invalid UTF-8', CLOSE_MESSAGE_TOO_BIG: 'message too big',
                 CLOSE_SERVER_ERROR: 'server error'}

#: How long a connection that refused a frame waits for the browser to close, at most (seconds):
#: closed at once, it would reset the connection and the browser would lose the close code.
LINGER_SECONDS = 5.0

_MAX_CLOSE_REASON_BYTES = 123  # what a close frame holds after its code


def close_code_of(session: Optional[Session]) -> Tuple[int, str]:
    """The WebSocket close code and reason for ``session``, which has ended: 1003 and what was
    wrong when the browser broke the protocol (`Session.protocol_error`), else 1000."""
    error = session.protocol_error if session is not None else None
    return (CLOSE_NORMAL, '') if error is None else close_code_for(error)


def close_code_for(error: Exception) -> Tuple[int, str]:
    """1003 and what was wrong (cut to fit a close frame), for a protocol error; 1008 and the
    bound, for a session that went over one (`OverLimit`)."""
    if isinstance(error, OverLimit):
        code, reason = CLOSE_POLICY_VIOLATION, 'over a limit: %s' % error
    else:
        code, reason = CLOSE_INVALID_MESSAGE, 'invalid message: %s' % error
    return code, reason.encode('utf-8')[:_MAX_CLOSE_REASON_BYTES].decode('utf-8', 'ignore')


class CoalescedFlush:
    """Turn "commands are waiting" signals from any thread into one flush on a transport's loop.

    ``flush()`` runs on ``loop`` and takes every command queued by then, so a burst of outputs
    leaves in one frame. A signal from another thread (a thread-based session's task) wakes the
    loop with ``call_soon_threadsafe``; one from the loop itself (a coroutine-based session) is
    scheduled with ``call_soon``, which spares the loop a write to its wake-up pipe and the
    iteration that reads it.

    While the loop itself waits for a reply (`hold` ... `release`, both on the loop), signals
    schedule nothing: `release` flushes at once, which spares the loop a wake-up and an iteration.
    """

    __slots__ = ('_loop', '_flush', '_lock', '_scheduled', '_held')

    def __init__(self, loop: asyncio.AbstractEventLoop, flush: Callable[[], Any]) -> None:
        self._loop = loop
        self._flush = flush
        self._lock = threading.Lock()
        self._scheduled = False
        self._held = False

    def __call__(self, session: Any = None) -> None:
        with self._lock:
            if self._scheduled or self._held:
                return
            self._scheduled = True
        try:
            if asyncio._get_running_loop() is self._loop:
                self._loop.call_soon(self._run)
            else:
                self._loop.call_soon_threadsafe(self._run)
        except RuntimeError:  # the loop has been closed: the server is gone
            pass

    def _run(self) -> None:
        with self._lock:
            self._scheduled = False
        self._flush()

    def hold(self) -> None:
        with self._lock:
            self._held = True

    def release(self) -> None:
        with self._lock:
            self._held = False
        self._flush()  # what was signalled while held; later signals schedule as usual


#: How long a transport's loop waits for a session's thread to answer an event (seconds).
ANSWER_WAIT = 0.001

#: Of every second, how long a loop may lose to waits that ended without an answer (seconds).
STALL_BUDGET = 0.01


class _StallBudget:
    """What a loop thread has lost, this second, to waits that ended without an answer."""

    def __init__(self) -> None:
        self.window_start = 0.0
        self.lost = 0.0

    def allows_waiting(self) -> bool:
        now = time.monotonic()
        if now - self.window_start >= 1.0:
            self.window_start, self.lost = now, 0.0
        return self.lost < STALL_BUDGET


_loop_thread = threading.local()  # .stall_budget: the _StallBudget of this loop thread


class EventHandOver:
    """Give a connection's browser events to its session, and send quick replies at once.

    When a thread of the session handles the event, the loop waits up to `ANSWER_WAIT` for it to
    finish (see `pywebio.session.base.Answer`) and then flushes, so the reply leaves without a
    second trip through the loop. Waiting costs the loop little: the thread holds the interpreter
    lock while it works anyway. It does not wait for a connection whose last event took longer,
    until that connection answers quickly again, and once waits without an answer have cost the
    loop `STALL_BUDGET` in a second it waits for nobody until the next second: so tasks that
    sleep or do slow I/O hold the loop up for at most 1% of its time, however many arrive at once.
    Call it on the loop.
    """

    __slots__ = ('_flush', '_last_answer')

    def __init__(self, flush: CoalescedFlush) -> None:
        self._flush = flush
        self._last_answer: Optional[Answer] = None

    def __call__(self, session: Any, event: Any, size: Optional[int] = None) -> None:
        last = self._last_answer
        budget = getattr(_loop_thread, 'stall_budget', None)
        if budget is None:
            budget = _loop_thread.stall_budget = _StallBudget()
        if (last is not None and not last.was_quick(ANSWER_WAIT)) or not budget.allows_waiting():
            self._last_answer = session.send_client_event(event, size) or last
            return
        self._flush.hold()
        try:
            answer = session.send_client_event(event, size)
            if answer is not None:
                self._last_answer = answer
                if not answer.wait(ANSWER_WAIT):
                    budget.lost += ANSWER_WAIT
        finally:
            self._flush.release()


# one encoder for every frame: json.dumps() with options builds a new encoder per call
_encode_json = json.JSONEncoder(separators=(',', ':'), ensure_ascii=False).encode


def encode_commands(commands: list) -> str:
    """One server→browser frame: a JSON array of commands."""
    return _encode_json(commands)


def check_target(target: Any) -> None:
    """A task must be a function (plain or ``async def``) taking no arguments."""
    if not callable(target):
        raise TypeError('the task must be a function that takes no arguments, got %r. Pass the '
                        'function itself: start_server(main), not start_server(main())' % (target,))
    announce(target)  # at start, one line: the meaning (guide or 1.x) its program gets, and why



def first_commands(target: Optional[Callable[..., Any]]) -> list:
    """What a new session of ``target`` sends before anything of its task: the page configuration
    of the app (`pywebio.config`), which a page served as a static file needs; a page rendered by
    the server ignores it."""
    command = page_config_command(target)
    return [command] if command is not None else []


def new_session(target: Callable[..., Any], info: Any, on_task_command: Callable[[Session], None],
                on_session_close: Callable[[Session], None], *, loop: Optional[asyncio.AbstractEventLoop] = None,
                debug: bool = False, slot: Optional[Slot] = None) -> Session:
    """A session of ``target`` for a connection: coroutine-based for an ``async def`` task (on
    ``loop``, the current one by default), thread-based otherwise. Its admission ``slot`` (see
    `pywebio.platform.limits`) is released when it ends, not when its connection does (a session
    may outlive its connection: `pywebio.platform.resume`), or at once if it cannot be made (no
    thread to be had, say), so that a failure never costs the server a slot for good."""
    try:
        first = first_commands(target)
        api = announce(target).api  # the program's meaning (pywebio._compat); said once
        if slot is not None:
            on_session_close = _releasing(slot, on_session_close)
        if inspect.iscoroutinefunction(target):
            return CoroutineBasedSession(target, info, on_task_command=on_task_command,
                                         on_session_close=on_session_close, loop=loop or asyncio.get_event_loop(),
                                         debug=debug, first_commands=first, api=api)
        return ThreadBasedSession(target, info, on_task_command=on_task_command, on_session_close=on_session_close,
                                  debug=debug, first_commands=first, api=api)
    except BaseException:
        if slot is not None:
            slot.release()
        raise


def _releasing(slot: Slot, on_session_close: Callable[[Session], None]) -> Callable[[Session], None]:
    def on_close(session: Session) -> None:
        slot.release()
        on_session_close(session)
    return on_close

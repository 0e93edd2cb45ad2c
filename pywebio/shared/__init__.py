"""What the sessions of an app share: channels of messages, broadcasts, and small values.

A chat room, a game for two, a counter everyone sees: the sessions of such an app must meet,
though each runs in its own thread or coroutine, and, once the app scales, in other processes
and on other machines. Module-level lists and ``threading.Condition`` objects only reach the
sessions of one process. This module reaches all of them::

    from pywebio import shared

    chat = shared.Channel('chat', history=50)    # the last 50 messages are kept for newcomers

    def task():
        chat.subscribe(lambda m: put_text('%(name)s: %(text)s' % m))  # every message, in order
        name = input('Your name')
        while True:
            chat.publish({'name': name, 'text': input('Message')})

- `Channel`: named channels. `Channel.publish` a message; `Channel.subscribe` to receive each
  one in publishing order, with a callback or by waiting (``sub.get()``, ``for m in sub``), after
  the last messages of its history. A subscription's backlog is bounded: a reader that does not
  keep up loses the oldest messages, counted in `Subscription.dropped`.
- `broadcast` a message to every open session; each shows it as `on_broadcast` says (a text
  message is a toast by default).
- `Value`: a small value under a name, read and written as a whole, or changed atomically with
  `Value.update`.

Messages and values are JSON data (``str``, numbers, ``bool``, ``None``, lists and dicts of
them): every reader gets its own copy.

**Two stores, one behaviour.** By default everything lives in the memory of the process: no
dependency, nothing to configure. With a Redis URL (``start_server(..., redis_url=...)``, the
environment variable ``PYWEBIO_REDIS_URL``, or `configure`), it lives in Redis, and the sessions of
every process and machine using that Redis meet (``pip install pywebio[redis]``; see
`pywebio.shared.redis_store`). A server of several processes (``start_server(processes=N)``)
without Redis refuses to use the memory store, which would split the room.

**In a coroutine session** every method of `Channel` and `Value`, `broadcast`, and
`Subscription.get` is awaited: ``await chat.publish(m)``, ``sub = await chat.subscribe()``,
``async for m in sub``. Elsewhere they return when done.

**When Redis goes away**, those calls raise `SharedUnavailable` (a ``ConnectionError``); the
server keeps serving, and subscribers receive again when Redis is back.
"""
import copy
import json
import logging
import os
import threading
import weakref
from typing import Any, Callable, Dict, Optional, Set, Union

from ..session import existing_session, get_current_session
from ..session.base import Session, session_open_hooks
from ..session.coroutinebased import CoroutineBasedSession, Pending, current_coroutine_session
from .delivery import DEFAULT_BACKLOG, MAX_BACKLOG, Subscription, SubscriptionClosed, _parse
from .memory import MemoryStore
from .redis_store import RedisStore, SharedUnavailable

logger = logging.getLogger(__name__)

__all__ = ['Channel', 'Value', 'Subscription', 'broadcast', 'on_broadcast', 'configure', 'store_kind',
           'SharedUnavailable', 'SubscriptionClosed']

#: The environment variable that names the Redis to share through (``redis://host:6379/0``).
REDIS_URL_ENV = 'PYWEBIO_REDIS_URL'

#: The longest a message's JSON text may be, in bytes (UTF-8).
MAX_MESSAGE_BYTES = 64 * 1024

#: The longest a value's JSON text may be, in bytes (UTF-8).
MAX_VALUE_BYTES = 1024 * 1024

#: The most messages a channel keeps as its history.
MAX_HISTORY = 10_000

#: The most subscriptions one session may hold open at once.
MAX_SUBSCRIPTIONS_PER_SESSION = 100

#: The longest name of a channel or a value, in characters.
MAX_NAME = 200

Store = Union[MemoryStore, RedisStore]

_lock = threading.Lock()
_configured: Optional[str] = None  # a Redis URL given to configure(); '' for memory
_store: Optional[Store] = None
_store_pid = 0  # a forked process makes a store of its own: threads and sockets do not survive a fork
_server_processes = 1
_subscriptions: 'weakref.WeakKeyDictionary[Session, Set[Subscription]]' = weakref.WeakKeyDictionary()
_broadcast_handlers: 'weakref.WeakKeyDictionary[Session, Callable[[Any], Any]]' = weakref.WeakKeyDictionary()


def configure(redis_url: Optional[str] = None) -> None:
    """Choose the store: Redis at ``redis_url`` (``redis://[:password@]host:port/db``,
    ``rediss://`` for TLS, ``unix:///path/redis.sock``), or ``''`` for this process's memory.
    ``None`` goes back to the default: ``PYWEBIO_REDIS_URL`` if set, else memory.

    ``start_server(redis_url=...)`` calls it; call it yourself before the server starts when you
    mount PyWebIO into another framework. Processes forked afterwards each connect on first use."""
    global _configured, _store, _store_pid
    if redis_url is not None and not isinstance(redis_url, str):
        raise TypeError('pywebio.shared.configure(): redis_url must be a str such as "redis://127.0.0.1:6379/0", '
                        'got %r' % (redis_url,))
    if redis_url and not redis_url.startswith(('redis://', 'rediss://', 'unix://')):
        raise ValueError('pywebio.shared.configure(): redis_url must start with redis://, rediss:// or unix://, '
                         'got %r' % redis_url)
    with _lock:
        old, _configured, _store, _store_pid = _store, redis_url, None, 0
    if old is not None:
        old.close()


def store_kind() -> str:
    """``'redis'`` or ``'memory'``: where what sessions share lives, as configured now."""
    return 'redis' if _redis_url() else 'memory'


def note_server_processes(count: int) -> None:
    """For `pywebio.platform`: the server about to start runs ``count`` processes; warn now if
    their sessions would not meet."""
    global _server_processes
    _server_processes = count
    if count > 1 and not _redis_url():
        logger.warning('this server runs %d processes, and sessions in different processes do not meet: '
                       'module-level variables are per process, and pywebio.shared refuses its in-memory '
                       'store here. Give start_server(redis_url=...) or set %s to share through Redis, '
                       'or use processes=1', count, REDIS_URL_ENV)


def _redis_url() -> str:
    if _configured is not None:
        return _configured
    return os.environ.get(REDIS_URL_ENV, '')


def _current_store() -> Store:
    global _store, _store_pid
    pid = os.getpid()
    store = _store
    if store is not None and _store_pid == pid:
        return store
    with _lock:
        if _store is None or _store_pid != pid:
            url = _redis_url()
            if not url and _server_processes > 1:
                raise RuntimeError(
                    'pywebio.shared: this server runs %d processes, and the in-memory store would keep '
                    'a separate room in each: give start_server(redis_url=...) or set %s, or use processes=1'
                    % (_server_processes, REDIS_URL_ENV))
            _store = RedisStore(url) if url else MemoryStore()
            _store_pid = pid
            _store.listen_broadcasts(_deliver_broadcast)
        return _store


def _on_session_open(session: Session) -> None:
    """Listen for broadcasts in a process that serves sessions, from its first session on, so
    that a broadcast from another process reaches them though none of them used this module."""
    if _store_pid != os.getpid() and _redis_url():
        try:
            _current_store()
        except Exception:
            logger.exception('pywebio.shared: could not start listening for broadcasts')


session_open_hooks.append(_on_session_open)


def _awaited_in_coroutines(what: str, func: Callable[..., Any], *args: Any) -> Any:
    """``func(*args)`` now, or, in a coroutine session, an awaitable of it: Redis is then called
    in a worker thread, so that its round trips (or its timeout) never stall the event loop."""
    session = current_coroutine_session()
    if session is None:
        return func(*args)

    async def run() -> Any:
        if store_kind() == 'memory':
            return func(*args)
        return await session.loop.run_in_executor(None, func, *args)

    return Pending(session, run(), what)


def _check_name(what: str, name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise TypeError('%s: the name must be a non-empty str, got %r' % (what, name))
    if len(name) > MAX_NAME:
        raise ValueError('%s: the name is %d characters long, more than %d' % (what, len(name), MAX_NAME))
    return name


def _dump(what: str, value: Any, limit: int) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(',', ':'), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise TypeError('%s takes JSON data (str, int, float, bool, None, and lists and dicts of them): %s'
                        % (what, error)) from None
    size = len(text.encode('utf-8'))
    if size > limit:
        raise ValueError('%s: the JSON text is %d bytes, more than the %d allowed' % (what, size, limit))
    return text


def _check_int(what: str, value: Any, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError('%s must be an int from %d to %d, got %r' % (what, low, high, value))
    return value


class Channel:
    """A named channel of messages, the same in every session, process and machine that share a
    store. Make it once, at module level: ``chat = Channel('chat', history=50)``.

    :param name: the channel's name (up to 200 characters). Channels of the same name are one.
    :param history: how many of the latest messages the channel keeps for newcomers (0 to
        10,000); the publishers of a channel should agree on it.
    """

    def __init__(self, name: str, history: int = 0) -> None:
        self.name = _check_name('Channel()', name)
        self.history_length = _check_int('Channel(history=...)', history, 0, MAX_HISTORY)

    def __repr__(self) -> str:
        return 'Channel(%r, history=%d)' % (self.name, self.history_length)

    def publish(self, message: Any) -> Any:
        """Send ``message`` (JSON data, up to 64 KiB as JSON) to every subscriber of the channel,
        in every process. Raises `SharedUnavailable` when Redis cannot be reached."""
        payload = _dump('Channel(%r).publish()' % self.name, message, MAX_MESSAGE_BYTES)
        return _awaited_in_coroutines('publish', self._publish, payload)

    def _publish(self, payload: str) -> None:
        _current_store().publish(self.name, payload, self.history_length)

    def recent(self, count: Optional[int] = None) -> Any:
        """The last ``count`` messages of the history (all it keeps by default), oldest first."""
        count = self.history_length if count is None else _check_int('recent(count)', count, 0, MAX_HISTORY)
        return _awaited_in_coroutines('recent', self._recent, min(count, self.history_length))

    def _recent(self, count: int) -> list:
        messages = (_parse(payload, self.name) for payload in _current_store().history(self.name, count))
        return [message for parsed, message in messages if parsed]

    def subscribe(self, callback: Optional[Callable[[Any], Any]] = None, *, history: Optional[int] = None,
                  backlog: int = DEFAULT_BACKLOG) -> Any:
        """Receive the messages of the channel, from its history on, in publishing order.

        :param callback: called with each message in the current session, as a button's
            ``onclick`` is (one at a time; an ``async`` function in a coroutine session). Without
            it, take the messages from the returned `Subscription`: ``sub.get()``, or iterate.
        :param history: how many of the channel's kept messages come first (default: all).
        :param backlog: how many messages wait for a slow reader at most (1 to 100,000; default
            1,000); past it the oldest are dropped and counted in `Subscription.dropped`.
        :return: the `Subscription` (awaited in a coroutine session). In a session it ends with
            the session; `Subscription.close` ends it before.
        """
        if callback is not None and not callable(callback):
            raise TypeError('Channel(%r).subscribe(): callback must be callable, got %r' % (self.name, callback))
        history = self.history_length if history is None else _check_int('subscribe(history=...)', history, 0,
                                                                          MAX_HISTORY)
        backlog = _check_int('subscribe(backlog=...)', backlog, 1, MAX_BACKLOG)
        # a callback needs a session (in a plain script, the first one starts script mode, as
        # put_text does); a subscription read with get() works in any thread too
        session = get_current_session() if callback is not None else existing_session()
        return _awaited_in_coroutines('subscribe', self._subscribe, session, callback, min(history, self.history_length),
                                      backlog)

    def _subscribe(self, session: Optional[Session], callback: Optional[Callable[[Any], Any]], history: int,
                   backlog: int) -> Subscription:
        store = _current_store()
        subscription = Subscription(self.name, backlog, session, callback, on_close=self._unsubscribe)
        if session is not None:
            with _lock:
                held = _subscriptions.setdefault(session, set())
                if len(held) >= MAX_SUBSCRIPTIONS_PER_SESSION:
                    raise ValueError('Channel(%r).subscribe(): this session holds %d subscriptions, the most '
                                     'allowed; close() those it no longer reads' % (self.name, len(held)))
                held.add(subscription)
            session.defer_call(lambda: subscription._close('session'))
        try:
            store.subscribe(self.name, subscription, history)
        except BaseException:
            subscription._close('close')
            raise
        return subscription

    def _unsubscribe(self, subscription: Subscription) -> None:
        session = subscription._session
        if session is not None:
            with _lock:
                _subscriptions.get(session, set()).discard(subscription)
        store = _store
        if store is not None and _store_pid == os.getpid():
            store.unsubscribe(self.name, subscription)


class Value:
    """A small value under a name, the same in every session, process and machine that share a
    store: ``visits = Value('visits', default=0)``.

    :param name: the value's name (up to 200 characters).
    :param default: what `get` returns while the value was never set (or was deleted).
    """

    def __init__(self, name: str, default: Any = None) -> None:
        self.name = _check_name('Value()', name)
        self.default = default
        _dump('Value(%r, default=...)' % name, default, MAX_VALUE_BYTES)

    def __repr__(self) -> str:
        return 'Value(%r)' % self.name

    def get(self) -> Any:
        """The value now (a copy of it)."""
        return _awaited_in_coroutines('get', self._get)

    def _get(self) -> Any:
        return self._load(_current_store().get(self.name))

    def _load(self, payload: Optional[str]) -> Any:
        if payload is None:
            return self.default
        parsed, value = _parse(payload, self.name)
        if not parsed:
            raise ValueError('Value(%r): the store holds text that is not JSON, which this module never writes '
                             '(another program shares the Redis?): set() or delete() it' % self.name)
        return value

    def set(self, value: Any) -> Any:
        """Replace the value (JSON data, up to 1 MiB as JSON)."""
        payload = _dump('Value(%r).set()' % self.name, value, MAX_VALUE_BYTES)
        return _awaited_in_coroutines('set', lambda: _current_store().set(self.name, payload))

    def update(self, change: Callable[[Any], Any]) -> Any:
        """Replace the value by ``change(value)``, atomically: no other update of the value comes
        between the read and the write, in any process. Returns the new value.

        ``change`` may be called more than once when others update the value at the same time
        (Redis retries the transaction), so it should only compute: ``lambda n: n + 1``."""
        if not callable(change):
            raise TypeError('Value(%r).update(): change must be a function of the value, got %r' % (self.name, change))

        def changed(payload: Optional[str]) -> str:
            return _dump('Value(%r).update()' % self.name,
                         change(self._load(payload)), MAX_VALUE_BYTES)

        return _awaited_in_coroutines('update', lambda: json.loads(_current_store().update(self.name, changed)))

    def delete(self) -> Any:
        """Forget the value: `get` returns the default again."""
        return _awaited_in_coroutines('delete', lambda: _current_store().delete(self.name))


def broadcast(message: Any) -> Any:
    """Show ``message`` (JSON data) in every open session of every process that shares the store:
    each session hands it to its `on_broadcast` callback; a session without one shows a text
    message as a toast and ignores others."""
    payload = _dump('broadcast()', message, MAX_MESSAGE_BYTES)
    return _awaited_in_coroutines('broadcast', lambda: _current_store().broadcast(payload))


def on_broadcast(callback: Optional[Callable[[Any], Any]]) -> None:
    """Run ``callback(message)`` in the current session for each `broadcast` from now on (as a
    button's ``onclick`` runs); ``None`` goes back to the default, a toast for text."""
    if callback is not None and not callable(callback):
        raise TypeError('on_broadcast(): callback must be callable or None, got %r' % (callback,))
    session = get_current_session()
    with _lock:
        if callback is None:
            _broadcast_handlers.pop(session, None)
        else:
            _broadcast_handlers[session] = callback
    _current_store()  # listen from now on


def _toast_text(message: Any) -> None:
    if isinstance(message, str):
        from ..output import toast
        toast(message, duration=5)


def _deliver_broadcast(payload: str) -> None:
    from ..session.base import _open_sessions, _open_sessions_lock
    parsed, message = _parse(payload, 'broadcast')
    if not parsed:
        return
    with _open_sessions_lock:
        sessions = list(_open_sessions)
    for session in sessions:
        handler = _broadcast_handlers.get(session, _toast_text)
        try:
            # each session its own copy, as a subscriber gets
            session._run_callback(lambda _, handler=handler: handler(copy.deepcopy(message)), None, 0)
        except Exception as error:  # the session has just ended, or holds as many events as it may
            logger.debug('a broadcast did not reach a session: %s', error)

"""The Redis store of `pywebio.shared`: the sessions of every process and machine that use one
Redis meet (``PYWEBIO_REDIS_URL``, or ``start_server(redis_url=...)``). It needs ``redis-py``
(``pip install pywebio[redis]``).

Layout in Redis (every key starts with ``pywebio:``):

- a channel is a stream, ``pywebio:channel:<name>``, one entry per message (field ``m``, the
  message's JSON text), trimmed to about `STREAM_KEEP` entries, or the channel's history if longer;
- a value is a string, ``pywebio:value:<key>``, the value's JSON text; `update` changes it in a
  ``WATCH``/``MULTI`` transaction, retried when another process changed it in between;
- broadcasts are the stream ``pywebio:broadcast``.

**One reader per process.** A thread of each process reads every stream its sessions subscribe
to, and the broadcasts, with one blocking ``XREAD``, and delivers each entry to the local
subscriptions (`pywebio.shared.delivery`). Streams give every message an id in publishing order,
so a newcomer reads the history and then the live messages with neither a gap nor a repeat (the
reader skips, for each subscription, the entries up to the last one its history held). The reader
hands a batch to the subscriptions outside its lock, yielding the GIL every `DELIVER_BURST` of
them, so that hundreds of session threads woken at once do not fight it. To make
the reader read a new stream, the process adds an entry to a stream of its own,
``pywebio:wake:<id>``, which the ``XREAD`` also waits on.

**When Redis goes away**, a call that needs it raises `SharedUnavailable` at once (connections
time out after `TIMEOUT` seconds); the reader logs it, retries every `RETRY` seconds, and goes on
from the last entry it had when Redis is back, so subscribers get what was published since.
"""
import logging
import os
import threading
import time
import uuid
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from .delivery import Subscriber


logger = logging.getLogger(__name__)

#: How many entries a channel's stream keeps at least (about: Redis trims in whole nodes), so that
#: a reader that fell behind for a moment still finds what it has not read.
STREAM_KEEP = 1000

#: Seconds a connection to Redis may take to open or to answer before `SharedUnavailable`.
TIMEOUT = 2.0

#: Seconds the reader waits before it tries Redis again after losing it.
RETRY = 0.5

#: The reader yields the GIL after handing a message to this many subscribers (measured with
#: 1,000 sessions on two processes: the first page shows it after 2.4 ms instead of 20 ms, the
#: median page 30% sooner; yielding after each one halves the messages per second instead).
DELIVER_BURST = 16

#: The longest the reader's ``XREAD`` waits (seconds) before it asks again.
READ_WAIT = 10.0

PREFIX = 'pywebio:'
BROADCAST_KEY = PREFIX + 'broadcast'


class SharedUnavailable(ConnectionError):
    """The shared store (Redis) cannot be reached: the message was not published, or the value not
    read or written. The session and the server go on; try again later."""


def _id(entry_id: str) -> Tuple[int, int]:
    ms, _, seq = entry_id.partition('-')
    return int(ms), int(seq or 0)


class RedisStore:
    """Channels and values in one Redis, for every process that uses it."""

    kind = 'redis'

    def __init__(self, url: str) -> None:
        try:
            import redis  # imported only when Redis is configured: it is an optional extra
        except ImportError:
            raise RuntimeError('pywebio.shared: a Redis URL is set (%s), but redis-py is not installed: '
                               'pip install "pywebio[redis]"' % _safe(url)) from None
        self._module = redis
        self._errors = (redis.ConnectionError, redis.TimeoutError)
        self.url = url
        self._redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=TIMEOUT,
                                           socket_connect_timeout=TIMEOUT, retry_on_timeout=False)
        self._lock = threading.Lock()  # held while the reader delivers, and while a newcomer joins
        self._local: Dict[str, List[Tuple[Subscriber, Tuple[int, int]]]] = {}  # stream -> (subscriber, after)
        self._last: Dict[str, str] = {}  # stream -> the id of the last entry the reader has seen
        self._listeners: Set[Callable[[str], None]] = set()
        self._wake_key = '%swake:%s' % (PREFIX, uuid.uuid4().hex)
        self._stopped = False
        self._reader: Optional[threading.Thread] = None
        self._pid = os.getpid()

    def _call(self, what: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except self._errors as error:
            raise SharedUnavailable('pywebio.shared could not %s: Redis at %s is unreachable (%s)'
                                    % (what, _safe(self.url), error)) from None

    # -- channels -----------------------------------------------------------------------

    def publish(self, name: str, payload: str, history: int) -> None:
        self._call('publish to channel %r' % name, self._redis.xadd, PREFIX + 'channel:' + name, {'m': payload},
                   maxlen=max(history, STREAM_KEEP), approximate=True)

    def history(self, name: str, count: int) -> List[str]:
        if count <= 0:
            return []
        entries = self._call('read channel %r' % name, self._redis.xrevrange, PREFIX + 'channel:' + name,
                             count=count)
        return [payload for _, payload in _messages(reversed(entries))]

    def subscribe(self, name: str, subscriber: Subscriber, history: int) -> None:
        key = PREFIX + 'channel:' + name
        with self._lock:
            # the newest entries now: the subscriber gets them as its history, and from the reader
            # only those after them. The reader takes its subscribers under this lock, and what it
            # delivers is in Redis before it does: each entry reaches a newcomer once, here or there
            entries = self._call('subscribe to channel %r' % name, self._redis.xrevrange, key,
                                 count=max(history, 1))
            after = entries[0][0] if entries else '0-0'
            for _, payload in _messages(reversed(entries[:history] if history > 0 else [])):
                subscriber.deliver(payload)
            new_stream = key not in self._local
            self._local.setdefault(key, []).append((subscriber, _id(after)))
            if new_stream:
                self._last[key] = after
        if new_stream:
            self._wake_reader()
        self._start_reader()

    def unsubscribe(self, name: str, subscriber: Subscriber) -> None:
        key = PREFIX + 'channel:' + name
        with self._lock:
            local = [entry for entry in self._local.get(key, []) if entry[0] is not subscriber]
            if local:
                self._local[key] = local
            else:
                self._local.pop(key, None)
                self._last.pop(key, None)

    # -- broadcast ----------------------------------------------------------------------

    def broadcast(self, payload: str) -> None:
        self._call('broadcast', self._redis.xadd, BROADCAST_KEY, {'m': payload}, maxlen=STREAM_KEEP,
                   approximate=True)

    def listen_broadcasts(self, listener: Callable[[str], None]) -> None:
        with self._lock:
            self._listeners.add(listener)
        self._start_reader()

    # -- values -------------------------------------------------------------------------

    def get(self, key: str) -> Optional[str]:
        return self._call('read %r' % key, self._redis.get, PREFIX + 'value:' + key)

    def set(self, key: str, payload: str) -> None:
        self._call('write %r' % key, self._redis.set, PREFIX + 'value:' + key, payload)

    def update(self, key: str, change: Callable[[Optional[str]], str]) -> str:
        full_key = PREFIX + 'value:' + key

        def transaction(pipe: Any) -> str:
            payload = change(pipe.get(full_key))
            pipe.multi()
            pipe.set(full_key, payload)
            return payload

        return self._call('update %r' % key, self._redis.transaction, transaction, full_key,
                          value_from_callable=True)

    def delete(self, key: str) -> None:
        self._call('delete %r' % key, self._redis.delete, PREFIX + 'value:' + key)

    # -- the reader ---------------------------------------------------------------------

    def _start_reader(self) -> None:
        with self._lock:
            if self._reader is not None or self._stopped:
                return
            self._reader = threading.Thread(target=self._read, daemon=True, name='pywebio-shared-reader')
        self._reader.start()

    def _wake_reader(self) -> None:
        try:
            pipe = self._redis.pipeline(transaction=False)
            pipe.xadd(self._wake_key, {'w': '1'}, maxlen=1)
            pipe.expire(self._wake_key, 3600)
            pipe.execute()
        except self._errors:
            pass  # the reader is waiting for Redis too, and reads every stream when it is back

    def _read(self) -> None:
        # it waits READ_WAIT seconds at most, so a connection that died without a word is noticed
        reader = self._module.Redis.from_url(self.url, decode_responses=True, socket_connect_timeout=TIMEOUT,
                                      socket_timeout=READ_WAIT + TIMEOUT, single_connection_client=True)
        last_wake = '$'
        failing_since: Optional[float] = None
        while not self._stopped:
            try:
                if BROADCAST_KEY not in self._last:  # from now on: a broadcast is for who is there
                    newest = reader.xrevrange(BROADCAST_KEY, count=1)
                    with self._lock:
                        self._last.setdefault(BROADCAST_KEY, newest[0][0] if newest else '0-0')
                if last_wake == '$':
                    newest = reader.xrevrange(self._wake_key, count=1)
                    last_wake = newest[0][0] if newest else '0-0'
                with self._lock:
                    streams = dict(self._last)
                streams[self._wake_key] = last_wake
                answer = reader.xread(streams, block=int(READ_WAIT * 1000), count=STREAM_KEEP)
                if failing_since is not None:
                    logger.warning('pywebio.shared: Redis at %s is back after %.1fs; delivery goes on',
                                   _safe(self.url), time.monotonic() - failing_since)
                    failing_since = None
            except self._errors as error:
                if failing_since is None:
                    failing_since = time.monotonic()
                    logger.warning('pywebio.shared: lost Redis at %s (%s); retrying every %gs',
                                   _safe(self.url), error, RETRY)
                time.sleep(RETRY)
                continue
            except Exception:  # a bug or a reply we did not expect: log it, never stop reading
                logger.exception('pywebio.shared: the reader of Redis at %s failed', _safe(self.url))
                time.sleep(RETRY)
                continue
            for key, entries in answer or ():
                if key == self._wake_key:
                    last_wake = entries[-1][0]
                    continue
                try:
                    self._dispatch(key, entries)
                except Exception:  # a listener's bug: the reader serves every channel of the process
                    logger.exception('pywebio.shared: delivering from %s failed', key)

    def _dispatch(self, key: str, entries: List[Tuple[str, Dict[str, str]]]) -> None:
        with self._lock:
            if key not in self._last:
                return  # its last subscriber left while the entries were on their way
            self._last[key] = entries[-1][0]
            listeners = list(self._listeners) if key == BROADCAST_KEY else []
            targets = [] if key == BROADCAST_KEY else list(self._local.get(key, ()))
        # delivered outside the lock: a newcomer that joins meanwhile reads these entries as its
        # history (they are in Redis), and only this thread delivers, so each subscriber still
        # gets them in order
        if listeners:
            for _, payload in _messages(entries):
                for listener in listeners:
                    listener(payload)
            return
        # each subscriber skips what its history held (entries up to `after`)
        messages = [(_id(entry_id), payload) for entry_id, payload in _messages(entries)]
        for count, (subscriber, after) in enumerate(targets, 1):
            for number, payload in messages:
                if number > after:
                    subscriber.deliver(payload)
            if count % DELIVER_BURST == 0:
                # let the session threads just woken run, and the loop write their frames,
                # instead of waking hundreds of threads that then fight this one for the GIL
                time.sleep(0)

    def close(self) -> None:
        self._stopped = True
        self._wake_reader()


def _messages(entries: Any) -> List[Tuple[str, str]]:
    """(id, message text) of the stream entries that hold one: an entry without it was written by
    another program sharing the Redis, and is skipped, as text that is not JSON is later."""
    return [(entry_id, fields['m']) for entry_id, fields in entries if isinstance(fields.get('m'), str)]


def _safe(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    if '@' not in url:
        return url
    scheme, _, rest = url.partition('://')
    return '%s://***@%s' % (scheme, rest.rpartition('@')[2])

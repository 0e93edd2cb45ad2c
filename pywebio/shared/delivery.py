"""How a message reaches the code of one session: `Subscription`, its bounded backlog, and the
three ways of taking from it (a blocking ``get``, an awaited ``get``, a callback).

A store calls `Subscription.deliver` from whatever thread has the message (the publisher's, or
the thread that reads Redis); it only appends to the backlog and wakes the reader, so one slow
session never holds up the others. The backlog keeps the newest `backlog` messages: when it is
full (`backlog` messages, or `MAX_BACKLOG_CHARS` characters of them) the oldest is dropped and
counted in `Subscription.dropped`, so a session that never reads costs a bounded amount of
memory; all subscriptions of the process together keep at most `PROCESS_BACKLOG_CHARS`.
"""
import asyncio
import json
import logging
import threading
import time
from collections import deque
from typing import Any, Callable, Deque, Optional, Tuple

from ..exceptions import SessionClosedException
from ..session.base import Session
from ..session.coroutinebased import CoroutineBasedSession, Pending

logger = logging.getLogger(__name__)

__all__ = ['Subscription', 'SubscriptionClosed', 'Subscriber', 'DEFAULT_BACKLOG']

#: How many messages a subscription keeps for its reader by default before it drops the oldest.
DEFAULT_BACKLOG = 1000

#: The largest ``backlog`` a subscription accepts.
MAX_BACKLOG = 100_000

#: The most characters of messages (their JSON text) one subscription keeps waiting, whatever its
#: ``backlog``: past it the oldest are dropped, as past ``backlog``.
MAX_BACKLOG_CHARS = 4 * 1024 * 1024

#: The most characters of messages all the subscriptions of the process keep waiting: a message
#: that would pass it is dropped for the subscription it was for, and counted there.
PROCESS_BACKLOG_CHARS = 256 * 1024 * 1024

_process_chars = 0
_process_lock = threading.Lock()


def _charge(size: int) -> bool:
    """Count ``size`` characters as waiting in the process; False if that would pass the budget."""
    global _process_chars
    with _process_lock:
        if _process_chars + size > PROCESS_BACKLOG_CHARS:
            return False
        _process_chars += size
        return True


def _give_back(size: int) -> None:
    global _process_chars
    with _process_lock:
        _process_chars -= size


def _parse(payload: str, channel: str) -> Tuple[bool, Any]:
    """(True, the message), or (False, None) for text that is not JSON: not written by this
    module, since every publisher checks its message; it is logged and skipped."""
    try:
        return True, json.loads(payload)
    except ValueError:
        logger.warning('pywebio.shared: skipped a message of channel %r that is not JSON: %.80r', channel, payload)
        return False, None


def waiting_chars() -> int:
    """The characters of messages waiting in every subscription of the process."""
    return _process_chars


class SubscriptionClosed(Exception):
    """`Subscription.get` on a subscription that was closed with `Subscription.close`."""


class Subscriber:
    """What a store delivers to: anything with ``deliver(payload)``, where ``payload`` is a
    message's JSON text. It must return at once, from any thread."""

    def deliver(self, payload: str) -> None:
        raise NotImplementedError


class Subscription(Subscriber):
    """The messages of one channel, as one reader receives them, in the order they were published.

    Made by `pywebio.shared.Channel.subscribe`. Take the messages with `get` or by iterating
    (``for message in sub`` in a thread, ``async for message in sub`` in a coroutine), or give
    ``subscribe`` a callback. A subscription made in a session is closed when the session ends.
    """

    def __init__(self, channel: str, backlog: int, session: Optional[Session],
                 callback: Optional[Callable[[Any], Any]], on_close: Callable[['Subscription'], None]) -> None:
        #: The name of the channel.
        self.channel = channel
        #: How many messages were dropped because the reader did not keep up with `backlog`.
        self.dropped = 0
        self._backlog = backlog
        self._session = session
        self._callback = callback
        self._on_close = on_close
        self._queue: Deque[str] = deque()
        self._chars = 0  # of the messages in _queue
        self._ready = threading.Condition(threading.Lock())
        self._closed_by: Optional[str] = None  # 'close' or 'session'
        self._draining = False  # a callback run that will take the backlog is on its way
        self._waiter: Optional['asyncio.Future[None]'] = None

    def __repr__(self) -> str:
        return '<Subscription to %r%s>' % (self.channel, ', closed' if self._closed_by else '')

    # -- the store's side ---------------------------------------------------------------

    def deliver(self, payload: str) -> None:
        size = len(payload)
        with self._ready:
            if self._closed_by is not None:
                return
            while self._queue and (len(self._queue) >= self._backlog or self._chars + size > MAX_BACKLOG_CHARS):
                self._drop(self._popleft())
            if not _charge(size):
                self._drop(payload)
                return
            self._queue.append(payload)
            self._chars += size
            self._ready.notify()
            waiter, schedule = self._waiter, self._callback is not None and not self._draining
            if schedule:
                self._draining = True
        if waiter is not None:
            _wake_soon(waiter)
        if schedule:
            self._schedule_drain()

    # -- the reader's side --------------------------------------------------------------

    def get(self, timeout: Optional[float] = None) -> Any:
        """The next message, waiting for one if none has come; ``await sub.get()`` in a coroutine
        session. Raises `TimeoutError` after ``timeout`` seconds without one,
        `SessionClosedException` when the session has ended, `SubscriptionClosed` after `close`."""
        if self._callback is not None:
            raise RuntimeError('this subscription hands its messages to its callback: get() has nothing to take')
        if isinstance(self._session, CoroutineBasedSession):
            return Pending(self._session, self._get_async(timeout), 'Subscription.get')
        return self._get_blocking(timeout)

    def __iter__(self) -> 'Subscription':
        return self

    def __next__(self) -> Any:
        try:
            return self._get_blocking(None)
        except SubscriptionClosed:
            raise StopIteration from None

    def __aiter__(self) -> 'Subscription':
        return self

    async def __anext__(self) -> Any:
        try:
            return await self._get_async(None)
        except SubscriptionClosed:
            raise StopAsyncIteration from None

    def close(self) -> None:
        """Stop receiving: a waiting `get` raises `SubscriptionClosed`, iteration stops, and the
        backlog is let go."""
        self._close('close')

    @property
    def closed(self) -> bool:
        return self._closed_by is not None

    # -- inside -------------------------------------------------------------------------

    def _popleft(self) -> str:
        payload = self._queue.popleft()
        self._chars -= len(payload)
        _give_back(len(payload))
        return payload

    def _drop(self, payload: str) -> None:
        self.dropped += 1
        if self.dropped == 1:
            logger.warning('a subscriber of channel %r does not keep up: its backlog (%d messages, %d characters '
                           'in the process) is full, and messages are dropped (Subscription.dropped counts them)',
                           self.channel, self._backlog, PROCESS_BACKLOG_CHARS)

    def _take(self) -> Optional[str]:
        """The oldest message waiting (the caller holds ``_ready``), or None; raises once closed."""
        if self._queue:
            return self._popleft()
        if self._closed_by == 'session':
            raise SessionClosedException('the session has ended while it waited for a message of channel %r'
                                         % self.channel)
        if self._closed_by == 'close':
            raise SubscriptionClosed('the subscription to channel %r was closed' % self.channel)
        return None

    def _take_message(self) -> Tuple[bool, Any]:
        """(True, the oldest message) or (False, None) when none waits (the caller holds
        ``_ready``); text that is not JSON is skipped."""
        while True:
            payload = self._take()
            if payload is None:
                return False, None
            parsed, message = _parse(payload, self.channel)
            if parsed:
                return True, message

    def _get_blocking(self, timeout: Optional[float]) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._ready:
            while True:
                found, message = self._take_message()
                if found:
                    return message
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError('no message on channel %r in %g seconds' % (self.channel, timeout))
                self._ready.wait(remaining)

    async def _get_async(self, timeout: Optional[float]) -> Any:
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            with self._ready:
                found, message = self._take_message()
                if not found:
                    waiter = self._waiter = loop.create_future()
            if found:
                return message
            remaining = None if deadline is None else deadline - loop.time()
            try:
                if remaining is not None and remaining <= 0:
                    raise asyncio.TimeoutError
                await asyncio.wait_for(waiter, remaining)
            except asyncio.TimeoutError:
                raise TimeoutError('no message on channel %r in %g seconds' % (self.channel, timeout)) from None
            finally:
                with self._ready:
                    if self._waiter is waiter:
                        self._waiter = None

    def _schedule_drain(self) -> None:
        session = self._session
        assert session is not None  # a callback needs a session (Channel.subscribe checks)
        drain = self._drain_async if isinstance(session, CoroutineBasedSession) else self._drain
        try:
            session._run_callback(drain, None, 0)
        except Exception as error:  # the session ended, or holds as many events as it may
            with self._ready:
                self._draining = False
            logger.debug('could not run the callback of a subscription to %r: %s', self.channel, error)

    def _next_for_callback(self) -> Optional[Any]:
        while True:
            with self._ready:
                if self._closed_by is not None or not self._queue:
                    self._draining = False
                    return None
                payload = self._popleft()
            parsed, message = _parse(payload, self.channel)
            if parsed:
                return (message,)

    def _drain(self, _: Any = None) -> None:
        while True:
            message = self._next_for_callback()
            if message is None:
                return
            self._run_one(message[0])

    async def _drain_async(self, _: Any = None) -> None:
        while True:
            message = self._next_for_callback()
            if message is None:
                return
            try:
                result = self._callback(message[0])  # type: ignore[misc]
                if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
                    await result
            except SessionClosedException:
                raise
            except Exception as error:
                self._session._callback_failed(error)  # type: ignore[union-attr]

    def _run_one(self, message: Any) -> None:
        try:
            self._callback(message)  # type: ignore[misc]
        except SessionClosedException:
            raise
        except Exception as error:  # one bad message does not end the subscription
            self._session._callback_failed(error)  # type: ignore[union-attr]

    def _close(self, why: str) -> None:
        with self._ready:
            if self._closed_by is not None:
                return
            self._closed_by = why
            while self._queue:
                self._popleft()
            self._ready.notify_all()
            waiter = self._waiter
        if waiter is not None:
            _wake_soon(waiter)
        self._on_close(self)


def _wake_soon(waiter: 'asyncio.Future[None]') -> None:
    def wake() -> None:
        if not waiter.done():
            waiter.set_result(None)
    try:
        waiter.get_loop().call_soon_threadsafe(wake)
    except RuntimeError:  # the loop has closed: nobody waits any more
        pass

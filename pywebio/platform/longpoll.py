"""The commands of a long-polled session, and the one poll that waits for them.

The HTTP transport (`pywebio.platform.httpbased`) numbers a session's commands with the
`~pywebio.platform.resume.Outbox` of the WebSocket transports: a poll says the last number the
page has (``WebIO-Ack``) and is answered with the commands after it, so an answer lost on the
way is simply asked for again. One resume mechanism serves both transports.

A session has at most one waiting poll. A newer poll answers the older one at once (with what
there is, often nothing) and waits in its place: a page only ever has one poll out, so the older
one is a retry's lost predecessor, or an attack. Thousands of polls for one session then cost
the server one waiting poll, not thousands (security issue #23, hole 2).

A waiting poll holds no thread of its own where the server can avoid it: `AsyncPoll` is a future
on an event loop (Tornado), `BlockingPoll` blocks the thread of a WSGI server's request, which
that server gave the request anyway.
"""
import asyncio
import threading
import time
from typing import Callable, Optional

from ..session import Session
from ..session.base import OverLimit, ProtocolError
from .resume import Outbox

__all__ = ['Mailbox', 'Poll', 'BlockingPoll', 'AsyncPoll', 'MAX_UNFETCHED_BYTES']

#: The most a session keeps of commands its page has not fetched (bytes of JSON). Over HTTP the
#: kept commands are the only copy, so, unlike a WebSocket's outbox, none can be let go: past
#: this the session ends. It is larger than the WebSocket's resume bound (8 MiB) so that one
#: large output (a file offered for download, a big image) still fits in a single poll.
MAX_UNFETCHED_BYTES = 64 * 1024 * 1024


class Poll:
    """One poll, waiting for the commands after number ``ack``; `wake` answers it, once."""

    def __init__(self, ack: int) -> None:
        self.ack = ack

    def wake(self, answer: bytes) -> None:
        raise NotImplementedError


class BlockingPoll(Poll):
    """A poll whose request thread waits (WSGI servers: the request has the thread anyway)."""

    def __init__(self, ack: int) -> None:
        super().__init__(ack)
        self._answered = threading.Event()
        self._answer = b''

    def wake(self, answer: bytes) -> None:
        self._answer = answer
        self._answered.set()

    def wait(self, timeout: float) -> Optional[bytes]:
        """The answer, or None when ``timeout`` passed first."""
        return self._answer if self._answered.wait(timeout) else None


class AsyncPoll(Poll):
    """A poll awaited on ``loop``: it costs a future, not a thread."""

    def __init__(self, ack: int, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(ack)
        self._loop = loop
        self.answered: 'asyncio.Future[bytes]' = loop.create_future()

    def wake(self, answer: bytes) -> None:
        try:
            self._loop.call_soon_threadsafe(_answer, self.answered, answer)
        except RuntimeError:  # the loop is closed: the server has stopped, nobody waits
            pass


def _answer(future: 'asyncio.Future[bytes]', answer: bytes) -> None:
    if not future.done():
        future.set_result(answer)


class Mailbox:
    """The numbered commands of one session and its waiting poll. Thread-safe: the session's
    threads put commands, request threads (or the loop) poll.

    ``on_overflow(error)`` is called, outside any lock, when the session has sent more than
    ``max_bytes`` of commands its page has not fetched: the page is gone or far too slow, and
    the session must end (with `OverLimit`).
    """

    def __init__(self, on_overflow: Callable[[OverLimit], None], max_bytes: int = MAX_UNFETCHED_BYTES) -> None:
        self._lock = threading.Lock()
        self.outbox = Outbox(keep=True, max_bytes=max_bytes)
        self._waiting: Optional[Poll] = None
        self._on_overflow = on_overflow
        self.ended = False
        self.delivered_end = False  # the answer with the last command went out
        self.last_seen = time.monotonic()

    def put(self, session: Session) -> None:
        """Take the commands ``session`` queued; answer the waiting poll with them."""
        commands = session.get_task_commands()
        with self._lock:
            if commands:
                self.outbox.add(commands)
            overflow = not self.outbox.complete
            if not overflow:
                self._wake()
        if overflow:
            self._on_overflow(OverLimit('more than %d bytes of output the page has not fetched'
                                        % self.outbox.max_bytes))

    def end(self, session: Session) -> None:
        """The session has ended: its last commands go to the waiting poll, or the next one."""
        commands = session.get_task_commands()
        with self._lock:
            if commands:
                self.outbox.add(commands)
            self.ended = True
            self._wake()

    def poll(self, poll: Poll) -> Optional[bytes]:
        """Answer ``poll`` now (commands after its ``ack`` are waiting, or the session ended), or
        make it the waiting poll and return None; an older waiting poll is answered at once.
        Raises `ProtocolError` for an ``ack`` of commands never sent."""
        with self._lock:
            self.last_seen = time.monotonic()
            if not 0 <= poll.ack <= self.outbox.sent:
                raise ProtocolError('WebIO-Ack %d: only %d commands were sent' % (poll.ack, self.outbox.sent))
            self.outbox.acknowledge(poll.ack)
            if poll.ack < self.outbox.sent or self.ended:
                return self._answer_for(poll.ack)
            replaced, self._waiting = self._waiting, poll
            if replaced is not None:
                replaced.wake(self._answer_for(replaced.ack))
        return None

    def give_up(self, poll: Poll) -> bytes:
        """``poll`` waited long enough: answer it with what there is (usually nothing)."""
        with self._lock:
            self.last_seen = time.monotonic()
            if self._waiting is poll:
                self._waiting = None
            return self._answer_for(poll.ack)

    def _wake(self) -> None:
        """With the lock held: answer the waiting poll, if there are commands for it."""
        poll = self._waiting
        if poll is not None and (poll.ack < self.outbox.sent or self.ended):
            self._waiting = None
            poll.wake(self._answer_for(poll.ack))

    def _answer_for(self, ack: int) -> bytes:
        """With the lock held: ``{"seq": n, "commands": [...]}``, the commands after ``ack``,
        joined from the frames the outbox keeps (no second encoding)."""
        frames = self.outbox.frames_after(ack) or []
        commands = ','.join(frame[1:-1] for frame in frames if frame != '[]')
        if self.ended:
            self.delivered_end = True
        return ('{"seq":%d,"commands":[%s]}' % (self.outbox.sent, commands)).encode('utf-8')

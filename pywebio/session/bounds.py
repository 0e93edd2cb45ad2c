"""The memory a browser can make the server hold: bounded per session and for the whole process.

Two kinds of buffers fill at the browser's pace, not the server's, so a page (or a forged one)
could grow them without end if nothing bounded them:

- **uploads**: the bytes of uploaded files (`pywebio.session.uploads`), held in memory or on
  disk until the form is submitted (and checked), or let go;
- **queued events**: events that arrived while the task or callback that takes them was busy
  (clicks behind a slow callback, submissions behind a slow ``valid_func``).

Each session keeps an `Account` per kind, and every account of the process draws on the same
`Budget`::

    held = Account(QUEUED_EVENT_BYTES, QUEUED_EVENTS, max_bytes=SESSION_QUEUED_BYTES,
                   max_items=SESSION_QUEUED_EVENTS, what='events waiting')
    refusal = held.take(len(frame))     # None, or the bound it would pass
    ...
    held.give_back(len(frame))          # the handler took the event
    held.close()                        # the session ended: whatever it held goes back

A refusal is turned into `pywebio.session.base.OverLimit` by the caller: that session ends
(close code 1008), and the others never notice, because the process budget only refuses the
session whose event or chunk would pass it. Nothing here allocates or waits: an account is a
few integers under a lock.

The defaults never bite a person using a page normally (see docs/reliability.md, *Bounds*); a
server that needs other values sets them before serving, e.g.
``pywebio.session.bounds.UPLOAD_BYTES.limit = 4 * GiB``.
"""
import os
import threading
from typing import Optional

__all__ = ['Budget', 'Account', 'UPLOAD_BYTES', 'UPLOAD_DISK_BYTES', 'SESSION_UPLOAD_DISK_BYTES', 'QUEUED_EVENT_BYTES', 'QUEUED_EVENTS',
           'SESSION_QUEUED_BYTES', 'SESSION_QUEUED_EVENTS', 'MiB', 'GiB']

MiB = 1024 ** 2
GiB = 1024 ** 3


def _physical_memory() -> Optional[int]:
    """The machine's RAM in bytes, where the OS says (Linux, macOS); else None."""
    try:
        return os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES')
    except (AttributeError, ValueError, OSError):
        return None


def human(amount: int) -> str:
    """``16 MiB``, ``1.5 GiB``: a bound as a close reason names it."""
    for unit, factor in (('GiB', GiB), ('MiB', MiB), ('KiB', 1024)):
        if amount >= factor:
            return ('%.1f' % (amount / factor)).rstrip('0').rstrip('.') + ' ' + unit
    return '%d bytes' % amount


class Budget:
    """A quantity (bytes, or events) that all sessions of the process share. Thread-safe.

    ``limit`` may be changed at any time; what is held already is not taken back.
    """

    def __init__(self, limit: int, what: str) -> None:
        self.limit = limit
        #: What the quantity is, for the reason of a refusal: ``'of uploads held by all sessions'``.
        self.what = what
        self._used = 0
        self._lock = threading.Lock()

    @property
    def used(self) -> int:
        return self._used

    def acquire(self, amount: int, allowance: int = 0) -> bool:
        """Add ``amount``, unless the total would pass ``max(limit, allowance)``; True if added.

        ``allowance`` lets one holder whose own declared bound is above the process limit (a form
        with ``max_total_size='4G'``) use it, so the default limit never breaks such an app; the
        total of the process is then bounded by the largest allowance in use instead.
        """
        with self._lock:
            if self._used + amount > max(self.limit, allowance):
                return False
            self._used += amount
            return True

    def release(self, amount: int) -> None:
        with self._lock:
            self._used -= amount


#: Upload bytes held by all sessions of the process: 1 GiB, or a quarter of the machine's RAM if
#: that is less, so that parked uploads alone cannot take a small server's memory. A form whose
#: declared limits add up to more may still use them (see `Budget.acquire`).
UPLOAD_BYTES = Budget(min(GiB, (_physical_memory() or 4 * GiB) // 4), 'of uploads held by all sessions')

#: Bytes of uploaded files spooled to disk by all sessions of the process (files over
#: `pywebio.session.uploads.SPOOL_THRESHOLD`, and every file of a field read ``as_file``), counted
#: from a file's declared size as its first chunk arrives, until the file is deleted. A form whose
#: declared limits add up to more may still use them (see `Budget.acquire`).
UPLOAD_DISK_BYTES = Budget(16 * GiB, 'of uploads on disk for all sessions')

#: Bytes of uploaded files one session may have on disk at once (unless a form declares more).
SESSION_UPLOAD_DISK_BYTES = 4 * GiB

#: Bytes of events waiting for their handler, all sessions of the process together. Events are
#: taken within milliseconds unless a callback or ``valid_func`` is slow; 256 MiB is 16 sessions
#: each at its own bound.
QUEUED_EVENT_BYTES = Budget(256 * MiB, 'of events waiting in all sessions')

#: Events waiting for their handler, all sessions of the process together.
QUEUED_EVENTS = Budget(100_000, 'events waiting in all sessions')

#: Bytes of events waiting in one session (frames as received). A page that sends one event larger
#: than this (a server with a larger ``max_payload_size``) still may: the bound applies only to
#: events that wait behind others.
SESSION_QUEUED_BYTES = 16 * MiB

#: Events waiting in one session. A person clicking as fast as they can sends ten a second: a
#: callback would have to stall for minutes before a thousand wait behind it.
SESSION_QUEUED_EVENTS = 1000


class Account:
    """What one session holds of one kind, drawn from process `Budget` s. Thread-safe.

    :param process_bytes: the process budget of bytes.
    :param process_items: the process budget of items (events), or None not to count items.
    :param max_bytes: bytes this session may hold, or None (only the process bounds it).
    :param max_items: items this session may hold, or None.
    :param what: what is held, in the plural, for refusals: ``'events waiting'``.
    """

    __slots__ = ('process_bytes', 'process_items', 'max_bytes', 'max_items', 'what', 'bytes', 'items', 'unbounded_bytes',
                 'unbounded_items', '_closed', '_lock')

    def __init__(self, process_bytes: Budget, process_items: Optional[Budget] = None,
                 max_bytes: Optional[int] = None, max_items: Optional[int] = None,
                 what: str = 'held') -> None:
        self.process_bytes, self.process_items = process_bytes, process_items
        self.max_bytes, self.max_items = max_bytes, max_items
        self.what = what
        self.bytes = 0
        self.items = 0
        # of which taken without the session's bounds (file chunks): not counted against them
        self.unbounded_bytes = 0
        self.unbounded_items = 0
        self._closed = False
        self._lock = threading.Lock()

    def take(self, size: int, items: int = 1, allowance: int = 0, session_bounds: bool = True) -> Optional[str]:
        """Hold ``size`` more bytes and ``items`` more items; or, if that would pass a bound, hold
        nothing and return the bound, in words fit for a close reason (``'1000 events waiting in
        one session'``). ``allowance``: see `Budget.acquire`. Without ``session_bounds`` only the
        process budgets bound it.

        After `close` nothing is held and nothing refused: the session keeps nothing any more.
        """
        with self._lock:
            if self._closed:
                return None
            bounded_items, bounded_bytes = self.items - self.unbounded_items, self.bytes - self.unbounded_bytes
            if not session_bounds:
                pass
            elif self.max_items is not None and bounded_items + items > self.max_items:
                return '%d %s in one session' % (self.max_items, self.what)
            # the first item always fits: one event is bounded by the transport's max_payload_size
            # (a take of bytes alone, items=0, is always bounded: a file's bytes on disk)
            elif self.max_bytes is not None and (bounded_items or not items) \
                    and bounded_bytes + size > max(self.max_bytes, allowance):
                return '%s of %s in one session' % (human(max(self.max_bytes, allowance)), self.what)
            budget = self.process_bytes
            if not budget.acquire(size, allowance):
                return '%s %s' % (human(max(budget.limit, allowance)), budget.what)
            if items and self.process_items is not None and not self.process_items.acquire(items):
                budget.release(size)
                return '%d %s' % (self.process_items.limit, self.process_items.what)
            self.bytes += size
            self.items += items
            if not session_bounds:
                self.unbounded_bytes += size
                self.unbounded_items += items
        return None

    def give_back(self, size: int, items: int = 1, session_bounds: bool = True) -> None:
        """The handler took what `take` held (or it was let go), with the same ``session_bounds``.
        Nothing after `close`."""
        with self._lock:
            if self._closed:
                return
            self.bytes -= size
            self.items -= items
            if not session_bounds:
                self.unbounded_bytes -= size
                self.unbounded_items -= items
            self._release(size, items)

    def close(self) -> None:
        """The session ended: give back everything it holds; later calls change nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._release(self.bytes, self.items)
            self.bytes = self.items = self.unbounded_bytes = self.unbounded_items = 0

    def _release(self, size: int, items: int) -> None:
        self.process_bytes.release(size)
        if items and self.process_items is not None:
            self.process_items.release(items)

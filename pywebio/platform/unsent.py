"""Output written to a WebSocket that its client has not taken yet: bounded per connection and
per process.

A client that never reads its socket (or reads a trickle) leaves every frame the server writes in
the server's memory. Tornado's ``IOStream`` buffers without limit; aiohttp and uvicorn wait for
their buffers to drain, so the frames pile up in front of them instead, in the queue of
`pywebio.platform.wsbased`. A session whose task keeps putting output would pin memory without
limit (security issue #23, hole 3: a client that never read grew the server by about 1 MiB/s).

Each connection's carrier counts its frames with an `Unsent`: `Unsent.written` when a frame is
handed to the connection, `Unsent.taken` when the oldest has left for the network, `Unsent.clear`
when the connection is gone. Two bounds, read when they are checked (a server may set them):

- `MAX_UNSENT_BYTES` per connection: the bytes queued *behind* the frame being written. One frame
  of any size always goes (a download of a big file is one frame); only what follows it while the
  client takes nothing counts. Past it, the connection's `Carrier.overflowed` ends its session
  (`pywebio.session.base.OverLimit`: close code 1008, ``over a limit: ...``).
- `MAX_UNSENT_TOTAL` per process: every connection's unsent bytes together. Past it, the
  connection that holds the most is ended, then the next, until the rest fit: pages that read
  hold almost nothing, so they are never the ones chosen.

Sizes are those of the JSON text (before compression). A connection ended for either bound is
dropped a few seconds later if its close frame cannot get through (the client does not read).
"""
import asyncio
import threading
import weakref
from typing import Callable, Optional

from .utils import Fifo, weakly

__all__ = ['MAX_UNSENT_BYTES', 'MAX_UNSENT_TOTAL', 'Unsent', 'unsent_total']

MIB = 1024 * 1024

#: What may wait behind the frame a connection is writing, in bytes of JSON: twice what a session
#: keeps for a resume (`pywebio.platform.resume.MAX_KEPT_BYTES`), so that a resume that sends all
#: of it, and the output that follows, fits.
MAX_UNSENT_BYTES = 16 * MIB

#: What every connection of this process together may hold unsent, in bytes of JSON.
MAX_UNSENT_TOTAL = 256 * MIB


class _Total:
    """The unsent bytes of every connection of the process (connections run on several loops)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bytes = 0
        self.condemned = 0  # bytes of connections already being ended: on their way out
        self.holders: 'weakref.WeakSet[Unsent]' = weakref.WeakSet()

    def shed(self) -> None:
        """End the largest holders until the rest fit under `MAX_UNSENT_TOTAL`."""
        chosen = []
        with self.lock:
            while self.bytes - self.condemned > MAX_UNSENT_TOTAL:
                largest = max((u for u in self.holders if not u.over), key=lambda u: u.bytes, default=None)
                if largest is None or not largest.bytes:
                    break
                largest.over = True
                self.condemned += largest.bytes
                chosen.append(largest)
        for unsent in chosen:
            unsent.end_soon('output the page does not read: the server holds %d MiB of it'
                            % (MAX_UNSENT_TOTAL // MIB))


_total = _Total()


def unsent_total() -> int:
    """The unsent bytes of every WebSocket connection of this process."""
    return _total.bytes


class Unsent:
    """The frames written to one connection and not yet taken by its client: their sizes, in order.

    ``overflowed(reason)`` is called once, on the connection's loop, when a bound is passed. Call
    the other methods on that loop too.
    """

    __slots__ = ('_sizes', 'bytes', 'over', '_overflowed', '_loop', '__weakref__')

    def __init__(self, overflowed: Callable[[str], None],
                 loop: Optional[asyncio.AbstractEventLoop] = None) -> None:
        self._sizes = Fifo()  # of int
        self.bytes = 0
        self.over = False  # a bound was passed: the connection is being ended
        self._overflowed = weakly(overflowed)  # no cycle with the connection that owns this
        self._loop = loop or asyncio.get_running_loop()
        with _total.lock:
            _total.holders.add(self)

    def written(self, size: int) -> None:
        """A frame of ``size`` bytes was handed to the connection."""
        self._sizes.append(size)
        self.bytes += size
        with _total.lock:
            _total.bytes += size
            if self.over:
                _total.condemned += size
            crowded = _total.bytes - _total.condemned > MAX_UNSENT_TOTAL
        if not self.over and self.bytes - self._sizes.first() > MAX_UNSENT_BYTES:
            with _total.lock:
                self.over = True
                _total.condemned += self.bytes
            self._overflowed('output the page does not read: more than %d MiB' % (MAX_UNSENT_BYTES // MIB))
        elif crowded:
            _total.shed()

    def taken(self) -> None:
        """The oldest frame has left for the network."""
        if self._sizes:
            self._release(self._sizes.popleft())

    def clear(self) -> None:
        """The connection is gone, or what it had queued was dropped: nothing of it waits."""
        self._sizes.clear()
        self._release(self.bytes)

    def _release(self, size: int) -> None:
        self.bytes -= size
        with _total.lock:
            _total.bytes -= size
            if self.over:
                _total.condemned -= size

    def end_soon(self, reason: str) -> None:
        """From any thread: call ``overflowed(reason)`` on the connection's loop."""
        try:
            self._loop.call_soon_threadsafe(self._overflowed, reason)
        except RuntimeError:  # the loop is closed: the connection is gone with it
            pass

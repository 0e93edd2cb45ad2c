"""The two queues of a connection's ``IOStream``, kept as `Fifo` while the connection lives.

Tornado's ``IOStream`` queues the bytes it has yet to write and the futures of those writes in two
``collections.deque``; a deque holds a block of 64 slots even when empty, 760 bytes each, and an
idle session's connection has nothing queued. `lighten` swaps them for a `Fifo`, which has the
deque operations Tornado 6.1 to 6.x use on them (append, popleft, ``[0]``, ``[-1]``, clear,
iteration, length) and costs almost nothing while empty.
"""
import collections
from typing import Any

from .utils import Fifo

__all__ = ['lighten']


def lighten(stream: Any) -> None:
    """Swap the empty write queues of ``stream`` (a Tornado ``IOStream``) for `Fifo`; a stream
    whose queues are not the empty deques this knows is left as it is."""
    buffer = getattr(stream, '_write_buffer', None)
    for owner, name in ((buffer, '_buffers'), (stream, '_write_futures')):
        queue = getattr(owner, name, None)
        if type(queue) is collections.deque and not queue:  # noqa: E721 (a subclass may do more)
            setattr(owner, name, Fifo())

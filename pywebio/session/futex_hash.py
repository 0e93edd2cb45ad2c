"""Keep the kernel's futex hash wide enough for thousands of blocked session threads.

Every blocked lock waits on a *futex*, which Linux files in a hash table; waking any futex walks
the chain of its slot. Since Linux 6.16 a threaded process gets a private table sized by its CPUs,
not its threads (16 slots on a 2-core machine). With 10,000 session threads each blocked on its
own lock, chains run to hundreds of waiters and every wake-up pays for them: on the project's
2-core machine one thread hand-off took 80 microseconds instead of 46, and the serial round trip
of a server with 10,000 sessions rose by a third. `widen_for_threads` asks for about four slots
per thread, as the kernel itself allots per CPU, through ``prctl(PR_FUTEX_HASH)``. Elsewhere
(other systems, older kernels) it does nothing. A slot costs the kernel 64 bytes.
"""
import ctypes
import ctypes.util
import logging
import sys
import threading
from typing import Optional

logger = logging.getLogger(__name__)

_PR_FUTEX_HASH = 78
_PR_FUTEX_HASH_SET_SLOTS = 1
_FEW_THREADS = 64  # below this the kernel's own sizing is fine

_lock = threading.Lock()
_slots = 0
_prctl: Optional[object] = None
_unsupported = not sys.platform.startswith('linux')


def widen_for_threads(threads: int) -> None:
    """Make sure the futex table has at least two slots per thread (grows to four or more)."""
    global _slots, _unsupported, _prctl
    if _unsupported or threads < _FEW_THREADS or threads * 2 <= _slots:
        return
    with _lock:
        if _unsupported or threads * 2 <= _slots:
            return
        wanted = 1 << (threads * 4 - 1).bit_length()
        try:
            if _prctl is None:
                _prctl = ctypes.CDLL(ctypes.util.find_library('c') or None, use_errno=True).prctl
            failed = _prctl(_PR_FUTEX_HASH, _PR_FUTEX_HASH_SET_SLOTS, wanted, 0, 0) != 0
        except (OSError, AttributeError):
            failed = True
        if failed:  # a kernel before 6.16 has one table for the machine: nothing to widen
            _unsupported = True
            logger.debug('the futex hash cannot be resized here; keeping the kernel default')
        else:
            _slots = wanted

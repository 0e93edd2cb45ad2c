"""How many sessions a process holds, and who may open another: the admission of new sessions.

Every session costs the server something for its whole life (a thread-based one holds a thread,
until the browser leaves or, over HTTP, until it expires), so a server may bound them:

- ``max_sessions``: the open sessions of the whole process, whichever entry opened them;
- ``max_sessions_per_ip``: the open sessions of one client address (`client_key`), so that one
  visitor opening hundreds of tabs cannot take every slot. ``DEFAULT_MAX_SESSIONS_PER_IP``
  unless given.

Every platform asks the one `admission` object of the process before it creates a session::

    limits = SessionLimits(max_sessions, max_sessions_per_ip, where='start_server')
    try:
        slot = limits.admit(remote_ip)
    except ServerBusy as busy:
        ...  # WebSocket: close with busy.CLOSE_CODE and busy.reason; HTTP: 503, Retry-After
    session = new_session(..., slot=slot)   # the slot is released when the session ends

A refused browser costs nothing more: no session and no thread are made. `Slot.release` may be
called from every path by which a session can end (its task returned, the browser left, a
protocol error, expiry, the server stopping); only the first call counts.
"""
import ipaddress
import logging
import threading
import time
from collections import Counter
from typing import Any, Optional

logger = logging.getLogger(__name__)

__all__ = ['SessionLimits', 'ServerBusy', 'Admission', 'Slot', 'Tally', 'RefusalLog', 'client_key', 'DEFAULT_MAX_SESSIONS_PER_IP',
           'RETRY_AFTER_SECONDS']

#: The default of ``max_sessions_per_ip``: a class of 30 to 50 people behind one NAT, each with a
#: tab or two, fits; one visitor opening hundreds of tabs does not.
DEFAULT_MAX_SESSIONS_PER_IP = 100

#: What a refused browser is told to wait before trying again (HTTP ``Retry-After``), in seconds.
RETRY_AFTER_SECONDS = 30

#: Refusals are logged as a warning at most this often (seconds); the others at debug level.
LOG_EVERY_SECONDS = 60.0


class ServerBusy(Exception):
    """A new session was refused: the process is at one of its limits. ``reason`` says which, in a
    few words fit for a WebSocket close frame (at most 123 bytes)."""

    #: The WebSocket close code of a refusal: "Try Again Later" (RFC 6455 registry).
    CLOSE_CODE = 1013

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = RETRY_AFTER_SECONDS


def client_key(address: str) -> Optional[str]:
    """The key a client address is counted under for ``max_sessions_per_ip``; None for an address
    that is not limited.

    An IPv4 address counts as itself (also written as IPv6, ``::ffff:192.0.2.7``). An IPv6
    address counts with its whole /64 network, because one machine is usually given a /64 and
    may use any address of it. A loopback address, or one that is not an IP address (a Unix
    socket), is not limited per address: it is a reverse proxy on the same machine, behind which
    every browser would share one address, or someone on the machine itself; ``max_sessions``
    still counts them.
    """
    try:
        ip = ipaddress.ip_address((address or '').split('%')[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class Slot:
    """The place of one admitted session in the counts; `release` gives it back, once."""

    __slots__ = ('_admission', '_key', '_released')

    def __init__(self, admission: 'Admission', key: Optional[str]) -> None:
        self._admission = admission
        self._key = key
        self._released = False

    def release(self) -> None:
        """Give the place back. Safe to call from every path a session may end by: only the
        first call counts."""
        self._admission._release(self)


class Tally:
    """Things of this process that are open (sessions, connections): in total and per client key,
    each count capped when a thing is opened. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.total = 0
        self.per_key: 'Counter[str]' = Counter()

    def open(self, key: Optional[str], max_total: Optional[int], max_per_key: Optional[int]) -> Optional[str]:
        """Count one more thing under ``key`` (None: counted only in the total) and return None;
        or, when the total is at ``max_total`` or the key at ``max_per_key`` (None: no cap),
        count nothing and return which cap it was: ``'total'`` or ``'per key'``."""
        with self._lock:
            if max_total is not None and self.total >= max_total:
                return 'total'
            if max_per_key is not None and key is not None and self.per_key[key] >= max_per_key:
                return 'per key'
            self.total += 1
            if key is not None:
                self.per_key[key] += 1
            return None

    def close(self, key: Optional[str]) -> None:
        """One thing counted under ``key`` has closed."""
        with self._lock:
            self.total -= 1
            if key is not None:
                self.per_key[key] -= 1
                if not self.per_key[key]:
                    del self.per_key[key]

    def count(self, address: Optional[str] = None) -> int:
        """How many are open: in total, or counted under ``address``'s key (`client_key`)."""
        if address is None:
            return self.total
        key = client_key(address)
        return self.per_key[key] if key is not None else 0


class RefusalLog:
    """Refusals, logged loudly at most once in `LOG_EVERY_SECONDS` with the number since the last
    loud line, so that a flood of refusals (an attack, a crowd) does not flood the log as well."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._unlogged = 0
        self._logged_at = float('-inf')

    def refused(self) -> Optional[int]:
        """Count a refusal; the number of refusals to report now (this one included) when it is
        time for a loud line, else None (log this one at debug level)."""
        with self._lock:
            self._unlogged += 1
            now = time.monotonic()
            if now - self._logged_at < LOG_EVERY_SECONDS:
                return None
            self._logged_at, refusals, self._unlogged = now, self._unlogged, 0
            return refusals


class Admission:
    """The counts of the open sessions of this process: in total and per client address. One
    object for the whole process (`admission`), used by every platform."""

    def __init__(self) -> None:
        self._tally = Tally()
        self._refusals = RefusalLog()
        self._release_lock = threading.Lock()

    def admit(self, address: str, max_sessions: Optional[int],
              max_sessions_per_ip: Optional[int]) -> Slot:
        """Count a new session of ``address`` and return its `Slot`; raise `ServerBusy` when the
        process holds ``max_sessions``, or the address ``max_sessions_per_ip``, already (None: no
        limit)."""
        key = client_key(address)
        over = self._tally.open(key, max_sessions, max_sessions_per_ip)
        if over is None:
            return Slot(self, key)
        busy = ServerBusy('server busy: too many sessions, try again later' if over == 'total' else
                          'server busy: too many sessions from your address, try again later')
        refusals = self._refusals.refused()
        if refusals is not None:
            logger.warning('refused %d new session(s) since the last such message, the latest from %s: %s '
                           '(max_sessions=%s, max_sessions_per_ip=%s)', refusals, address or 'an unknown address',
                           busy.reason, max_sessions, max_sessions_per_ip)
        else:
            logger.debug('refused a new session from %s: %s', address or 'an unknown address', busy.reason)
        raise busy

    def _release(self, slot: Slot) -> None:
        with self._release_lock:
            if slot._released:
                return
            slot._released = True
        self._tally.close(slot._key)

    def open_sessions(self, address: Optional[str] = None) -> int:
        """How many admitted sessions are open: in total, or counted under ``address``'s key."""
        return self._tally.count(address)


#: The admission of every session of this process.
admission = Admission()


def _check_limit(value: Any, name: str, where: str) -> Optional[int]:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError('%s(): %s must be a positive int or None (no limit), got %r' % (where, name, value))
    return value


class SessionLimits:
    """The limits of one entry (``start_server``, ``webio_handler``...), checked when it is made.

    :param max_sessions: refuse a new session while the process holds this many; None: no limit.
    :param max_sessions_per_ip: refuse a new session while its client address holds this many
        (see `client_key`); None: no limit.
    :param where: the entry's name, for error messages.
    """

    def __init__(self, max_sessions: Optional[int] = None,
                 max_sessions_per_ip: Optional[int] = DEFAULT_MAX_SESSIONS_PER_IP,
                 where: str = 'start_server') -> None:
        self.max_sessions = _check_limit(max_sessions, 'max_sessions', where)
        self.max_sessions_per_ip = _check_limit(max_sessions_per_ip, 'max_sessions_per_ip', where)

    def admit(self, address: str) -> Slot:
        """A `Slot` for a new session of ``address``; `ServerBusy` when over a limit."""
        return admission.admit(address, self.max_sessions, self.max_sessions_per_ip)


#: No limit at all: script mode's single session.
NO_LIMITS = SessionLimits(None, None)

"""What one TCP connection may cost a server: how long it may take to send a request, and how many
connections one address, and the whole process, may hold open. Against "slowloris" clients, which
open many connections and send each request a byte at a time so that the server waits for ever.

Every server PyWebIO starts (each platform's ``start_server``, ``path_deploy``, script mode, every
worker of ``processes=N``) passes its listening sockets through `guard_sockets`, so that the same
rules hold whatever the framework, with the defaults of this module:

- **Header timeout** (`HEADER_TIMEOUT`, 10 s): a client must send the complete headers of a
  request within this time of opening the connection, or of the first byte of its next request
  on a kept-alive connection. Browsers send them at once.
- **Body timeout** (`BODY_TIMEOUT`, 120 s): the body of a request must arrive within this time
  of its headers: 16 MB (the default ``max_payload_size``) at 1.1 Mbit/s.
- **Idle timeout** (`IDLE_TIMEOUT`, 30 s): a kept-alive HTTP connection that waits for its next
  request is closed after this time (the framework's own keep-alive timeout, set to it). A
  WebSocket is never idle in this sense: once a request is upgraded, this module stops watching
  the connection, and the WebSocket's pings keep it alive or end it.
- **Connections per address** (`MAX_CONNECTIONS_PER_IP`, 256): a connection from an address
  (counted by `pywebio.platform.limits.client_key`: IPv6 per /64) that already holds this many is
  closed at once, before anything is read from it. Loopback and non-IP addresses are not limited
  per address: a reverse proxy on the same machine gives every browser its own address (use
  nginx's ``limit_conn`` there, docs/deploy.md).
- **Connections of the process** (`default_max_connections`: three quarters of the open-file
  limit, ``RLIMIT_NOFILE``): a connection beyond it is closed at once too, so that the server never
  runs out of file descriptors (``Too many open files``), which would stop it accepting anyone.

A server that cannot keep a deadline itself gets one here. The connections a guarded socket
accepts (`_Connection`) follow the requests their client sends, from the bytes it sends (where a
head ends, how long its body is, whether it is upgraded to a WebSocket). On an event loop
(Tornado, aiohttp, uvicorn) a timer shuts down a connection past its deadline, and the server sees
the client leave; in a thread per connection (werkzeug, wsgiref) each read waits at most until
the deadline and then raises ``TimeoutError``, which the server treats as a client that left.

Override the defaults with ``start_server(..., connection_limits={'header_timeout': 30})`` (see
`ConnectionLimits`).
"""
import asyncio
import logging
import os
import resource
import socket
import time
from typing import Any, Dict, List, Optional, Union

from .limits import RefusalLog, Tally, client_key

logger = logging.getLogger(__name__)

__all__ = ['ConnectionLimits', 'connection_limits', 'guard_sockets', 'open_connections', 'HEADER_TIMEOUT',
           'BODY_TIMEOUT', 'IDLE_TIMEOUT', 'MAX_CONNECTIONS_PER_IP', 'default_max_connections']

#: Seconds a client has to send the complete headers of a request.
HEADER_TIMEOUT = 10.0

#: Seconds a client has to send the body of a request, from the end of its headers.
BODY_TIMEOUT = 120.0

#: Seconds a kept-alive HTTP connection may wait for its next request.
IDLE_TIMEOUT = 30.0

#: Open connections per client address: ``max_sessions_per_ip`` (100) sessions, each with its
#: WebSocket or, over HTTP, a long poll and an event in flight, plus the six connections per host
#: a browser opens for a page and its files: a class behind one NAT fits, one client flooding a
#: server does not.
MAX_CONNECTIONS_PER_IP = 256

#: The longest request head followed (bytes); a longer one is for the server to refuse.
MAX_HEAD = 64 * 1024


def default_max_connections() -> Optional[int]:
    """The default cap of the open connections of the process: three quarters of its open-file
    limit (``RLIMIT_NOFILE``), which leaves a quarter to the files, pipes and outgoing connections
    of the apps; None where there is no limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return None
    return max(16, soft * 3 // 4)


class ConnectionLimits:
    """The limits of the connections of one server; each defaults to this module's constant.

    :param header_timeout: seconds to send a request's headers (`HEADER_TIMEOUT`).
    :param body_timeout: seconds to send its body after them (`BODY_TIMEOUT`).
    :param idle_timeout: seconds a kept-alive connection may wait for its next request
        (`IDLE_TIMEOUT`).
    :param max_connections_per_ip: open connections per client address (`MAX_CONNECTIONS_PER_IP`);
        None: no limit.
    :param max_connections: open connections of the process (`default_max_connections`); None:
        no limit.
    """

    def __init__(self, header_timeout: float = HEADER_TIMEOUT, body_timeout: float = BODY_TIMEOUT,
                 idle_timeout: float = IDLE_TIMEOUT, max_connections_per_ip: Optional[int] = MAX_CONNECTIONS_PER_IP,
                 max_connections: Optional[int] = -1, where: str = 'start_server') -> None:
        for name, value in (('header_timeout', header_timeout), ('body_timeout', body_timeout),
                            ('idle_timeout', idle_timeout)):
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < float('inf'):
                raise ValueError('%s(): connection_limits %s must be a positive number of seconds, got %r'
                                 % (where, name, value))
        if max_connections == -1:
            max_connections = default_max_connections()
        for name, value in (('max_connections_per_ip', max_connections_per_ip), ('max_connections', max_connections)):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
                raise ValueError('%s(): connection_limits %s must be a positive int or None (no limit), got %r'
                                 % (where, name, value))
        self.header_timeout = float(header_timeout)
        self.body_timeout = float(body_timeout)
        self.idle_timeout = float(idle_timeout)
        self.max_connections_per_ip = max_connections_per_ip
        self.max_connections = max_connections


def connection_limits(value: Union[None, ConnectionLimits, Dict[str, Any]],
                      where: str = 'start_server') -> ConnectionLimits:
    """The `ConnectionLimits` of a ``connection_limits`` argument: None (the defaults), a dict of
    some of its parameters, or a `ConnectionLimits`."""
    if value is None:
        return ConnectionLimits(where=where)
    if isinstance(value, ConnectionLimits):
        return value
    if isinstance(value, dict):
        try:
            return ConnectionLimits(**value, where=where)
        except TypeError:
            raise ValueError('%s(): connection_limits takes header_timeout, body_timeout, idle_timeout, '
                             'max_connections_per_ip and max_connections, got %r' % (where, sorted(value))) from None
    raise TypeError('%s(): connection_limits must be a dict or a ConnectionLimits, got %r' % (where, value))


# -- counting connections ----------------------------------------------------------------------

#: The open connections of this process, in total and per client address.
_counts = Tally()
_refusals = RefusalLog()


def _admit(address: str, key: Optional[str], limits: ConnectionLimits) -> bool:
    """Count a new connection, or say why not (throttled: `RefusalLog`) and return False."""
    over = _counts.open(key, limits.max_connections, limits.max_connections_per_ip)
    if over is None:
        return True
    why = ('the process holds max_connections=%d' % limits.max_connections if over == 'total' else
           'the address holds max_connections_per_ip=%d' % limits.max_connections_per_ip)
    refusals = _refusals.refused()
    if refusals is not None:
        logger.warning('closed %d new connection(s) since the last such message, the latest from %s: %s '
                       '(connection_limits, docs/deploy.md)', refusals, address, why)
    else:
        logger.debug('closed a new connection from %s: %s', address, why)
    return False


def open_connections(address: Optional[str] = None) -> int:
    """How many connections the guarded sockets of this process have open: in total, or counted
    under ``address``'s key."""
    return _counts.count(address)


# -- following the requests of a connection -----------------------------------------------------

# what the client of a connection is sending
_HEAD, _BODY, _CHUNK_SIZE, _CHUNK_DATA, _CHUNK_END, _TRAILER, _UPGRADING, _BETWEEN, _DONE = range(9)
_LINE_STATES = (_CHUNK_SIZE, _CHUNK_END, _TRAILER)


class _Requests:
    """The requests a client sends on one connection, followed from its bytes, and the deadline
    of what it is sending: its head (header timeout), its body (body timeout), or none (between
    requests, when the server answers or the connection idles; the server's own keep-alive
    timeout bounds that)."""

    __slots__ = ('limits', 'state', 'deadline', 'buffer', 'remaining', 'on_deadline')

    def __init__(self, limits: ConnectionLimits) -> None:
        self.limits = limits
        self.buffer = b''
        self.remaining = 0
        self.state = _HEAD
        self.deadline: Optional[float] = time.monotonic() + limits.header_timeout

    def feed(self, data: bytes) -> None:
        """Follow ``data``, the next bytes the client sent."""
        while data and self.state != _DONE:
            if self.state == _BETWEEN:  # the first byte of the next request
                self.state, self.deadline = _HEAD, time.monotonic() + self.limits.header_timeout
            if self.state == _HEAD:
                data = self._head(data)
            elif self.state in (_BODY, _CHUNK_DATA):
                taken = min(self.remaining, len(data))
                self.remaining -= taken
                data = data[taken:]
                if not self.remaining:  # a chunk's end keeps the body's deadline
                    if self.state == _BODY:
                        self._enter(_BETWEEN)
                    else:
                        self.state = _CHUNK_END
            elif self.state in _LINE_STATES:
                data = self._line(data)
            else:  # _UPGRADING: bytes before the server's answer are not a new request
                return

    def sent(self, data: Any) -> None:
        """The server sent ``data`` (the start of it): its answer to an upgrade request says
        whether the connection is now a WebSocket."""
        if self.state == _UPGRADING and data:
            self._enter(_DONE if bytes(data[:12]) in (b'HTTP/1.1 101', b'HTTP/1.0 101') else _BETWEEN)

    def _enter(self, state: int, deadline: Optional[float] = None) -> None:
        self.state, self.deadline = state, deadline

    def _head(self, data: bytes) -> bytes:
        start = max(0, len(self.buffer) - 3)
        self.buffer += data
        end, size = self.buffer.find(b'\r\n\r\n', start), 4
        bare = self.buffer.find(b'\n\n', start)
        if bare != -1 and (end == -1 or bare < end):
            end, size = bare, 2
        if end == -1:
            if len(self.buffer) > MAX_HEAD:
                self._enter(_DONE)  # the server refuses such a head and closes
            return b''
        head, rest = self.buffer[:end], self.buffer[end + size:]
        self.buffer = b''
        self._after_head(head)
        return rest

    def _after_head(self, head: bytes) -> None:
        fields: Dict[bytes, bytes] = {}
        for line in head.split(b'\n')[1:]:
            name, colon, value = line.partition(b':')
            if colon:
                fields[name.strip().lower()] = value.strip().lower()
        body_deadline = time.monotonic() + self.limits.body_timeout
        if b'upgrade' in fields and b'upgrade' in fields.get(b'connection', b''):
            self._enter(_UPGRADING)
        elif b'chunked' in fields.get(b'transfer-encoding', b''):
            self._enter(_CHUNK_SIZE, body_deadline)
        elif fields.get(b'content-length', b'0') != b'0':
            try:
                self.remaining = int(fields[b'content-length'])
            except ValueError:
                self._enter(_DONE)  # the server refuses it
                return
            self._enter(_BODY if self.remaining > 0 else _BETWEEN, body_deadline)
        else:
            self._enter(_BETWEEN)

    def _line(self, data: bytes) -> bytes:
        end = data.find(b'\n')
        if end == -1:
            self.buffer += data
            if len(self.buffer) > MAX_HEAD:
                self._enter(_DONE)
            return b''
        line, self.buffer = (self.buffer + data[:end]).strip(), b''
        if self.state == _CHUNK_SIZE:
            try:
                self.remaining = int(line.split(b';', 1)[0], 16)
            except ValueError:
                self._enter(_DONE)
                return b''
            self.state = _CHUNK_DATA if self.remaining else _TRAILER
        elif self.state == _CHUNK_END:
            self.state = _CHUNK_SIZE
        elif not line:  # the empty line that ends the trailer: the request is complete
            self._enter(_BETWEEN)
        return data[end + 1:]


class _Connection(socket.socket):
    """An accepted connection, counted until it is closed, whose client's requests are followed
    (`_Requests`) and held to their deadlines."""

    def __init__(self, *args: Any, key: Optional[str], limits: ConnectionLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key = key
        self._counted = True
        self._requests: Optional[_Requests] = _Requests(limits)
        self._timer: Optional[asyncio.TimerHandle] = None
        try:  # accepted on an event loop: a timer ends it; else each blocking read keeps the deadline
            self._loop: Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None
            self.settimeout(limits.idle_timeout)
        self._arm()

    # -- reading: follow the requests ---------------------------------------------------------

    def recv(self, size: int, flags: int = 0) -> bytes:
        requests = self._requests
        if requests is None:
            return socket.socket.recv(self, size, flags)
        data = self._blocking_read(socket.socket.recv, size, flags) if self._loop is None \
            else socket.socket.recv(self, size, flags)
        self._saw(requests, data)
        return data

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        requests = self._requests
        if requests is None:
            return socket.socket.recv_into(self, buffer, nbytes, flags)
        count = self._blocking_read(socket.socket.recv_into, buffer, nbytes, flags) if self._loop is None \
            else socket.socket.recv_into(self, buffer, nbytes, flags)
        self._saw(requests, bytes(memoryview(buffer)[:count]))
        return count

    def _blocking_read(self, read: Any, *args: Any) -> Any:
        """``read(self, *args)`` that waits no longer than the deadline; ``TimeoutError`` past it."""
        deadline = self._requests.deadline if self._requests is not None else None
        if deadline is None:
            return read(self, *args)
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError('the client did not send its request in time (connection_limits)')
        idle = self.gettimeout()
        self.settimeout(left)
        try:
            return read(self, *args)
        finally:
            self.settimeout(idle)

    def _saw(self, requests: _Requests, data: bytes) -> None:
        requests.feed(data)
        if requests.state == _DONE:
            self._follow_no_more()  # a WebSocket now
        self._arm()

    # -- writing: an upgrade's answer ----------------------------------------------------------

    def send(self, data: Any, flags: int = 0) -> int:
        if self._requests is not None and self._requests.state == _UPGRADING:
            self._saw_sent(data)
        return socket.socket.send(self, data, flags)

    def sendall(self, data: Any, flags: int = 0) -> None:
        if self._requests is not None and self._requests.state == _UPGRADING:
            self._saw_sent(data)
        return socket.socket.sendall(self, data, flags)

    def sendmsg(self, buffers: Any, *args: Any) -> int:
        buffers = list(buffers)
        if self._requests is not None and self._requests.state == _UPGRADING and buffers:
            self._saw_sent(buffers[0])
        return socket.socket.sendmsg(self, buffers, *args)

    def _saw_sent(self, data: Any) -> None:
        requests = self._requests
        if requests is not None:
            requests.sent(memoryview(data))
            if requests.state == _DONE:
                self._follow_no_more()

    def _follow_no_more(self) -> None:
        """Nothing more to follow (a WebSocket now, or a head too long): no deadline either."""
        self._requests = None
        if self._timer is not None:  # for as long as the connection lives, a timer to no purpose
            self._timer.cancel()
            self._timer = None

    # -- deadlines on an event loop ------------------------------------------------------------

    def _arm(self) -> None:
        """On an event loop, make sure a timer runs by the current deadline (one timer at a time:
        one that fires early looks again)."""
        if self._loop is None or self._timer is not None or self._requests is None:
            return
        deadline = self._requests.deadline
        if deadline is not None:
            self._timer = self._loop.call_later(max(0.0, deadline - time.monotonic()), self._expire)

    def _expire(self) -> None:
        self._timer = None
        requests = self._requests
        if requests is None or requests.deadline is None or self.fileno() == -1:
            return
        if time.monotonic() < requests.deadline:
            self._arm()
            return
        logger.debug('closing a connection from %s: its request did not arrive in time', self._key or 'loopback')
        self._requests = None
        try:  # the server reads the end of the connection and closes it its own way
            self.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # -- closing: uncount ------------------------------------------------------------------------

    def _uncount(self) -> None:
        if self._counted:
            self._counted = False
            _counts.close(self._key)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def close(self) -> None:
        self._uncount()
        super().close()

    def detach(self) -> int:
        self._uncount()
        return super().detach()

    def __del__(self) -> None:
        if getattr(self, '_counted', False):
            self.close()


class _Listener(socket.socket):
    """A listening socket whose ``accept`` counts connections and closes those over a limit at
    once; it returns `_Connection` objects."""

    limits: ConnectionLimits

    def accept(self) -> Any:
        fd, address = self._accept()  # type: ignore[attr-defined]
        host = address[0] if isinstance(address, tuple) else ''
        key = client_key(host)
        if not _admit(host or 'a local socket', key, self.limits):
            socket.close(fd)
            # what accept raises for a connection that went away: every server skips to the next
            raise ConnectionAbortedError('connection_limits: too many connections')
        try:
            connection = _Connection(self.family, self.type, self.proto, fileno=fd, key=key, limits=self.limits)
        except BaseException:
            _counts.close(key)
            socket.close(fd)
            raise
        if socket.getdefaulttimeout() is None and self.gettimeout() and connection.gettimeout() is None:
            connection.setblocking(True)  # as socket.accept does
        return connection, address


def guard_sockets(sockets: List[socket.socket], limits: Optional[ConnectionLimits] = None) -> List[socket.socket]:
    """The listening ``sockets`` as guarded sockets with ``limits`` (the defaults if None): each
    connection they accept is counted and held to the deadlines of the module docstring. The
    given socket objects are detached from their descriptors: use only the returned ones."""
    limits = limits if limits is not None else ConnectionLimits()
    guarded: List[socket.socket] = []
    for sock in sockets:
        if isinstance(sock, _Listener):
            sock.limits = limits
            guarded.append(sock)
            continue
        # a socket made from an inherited descriptor (the reloader's child) says it blocks even
        # when the descriptor does not: keep what the descriptor says, or the event loop's
        # accept loop would block on its second accept
        timeout = sock.gettimeout() if os.get_blocking(sock.fileno()) else 0.0
        listener = _Listener(sock.family, sock.type, sock.proto, fileno=sock.detach())
        listener.settimeout(timeout)
        listener.limits = limits
        guarded.append(listener)
    return guarded


def quiet_timeouts(handler: type) -> type:
    """A subclass of ``handler``, the ``http.server.BaseHTTPRequestHandler`` class of a server with a
    thread per connection (werkzeug, wsgiref), for which a client that timed out or left is no
    error: it is logged at debug level, without a traceback (under a slowloris attack there are
    thousands)."""

    class QuietHandler(handler):  # type: ignore[valid-type, misc]
        def handle(self) -> None:
            try:
                super().handle()
            except (TimeoutError, ConnectionError) as error:
                self.close_connection = True
                logger.debug('closed a connection from %s: %s', self.client_address[0], error)

        def log_error(self, format: str, *args: Any) -> None:
            if format.startswith('Request timed out'):  # http.server's words for a TimeoutError
                logger.debug('closed a connection from %s: %s', self.client_address[0], format % args)
                return
            super().log_error(format, *args)

    QuietHandler.__name__ = QuietHandler.__qualname__ = 'Quiet' + handler.__name__
    return QuietHandler

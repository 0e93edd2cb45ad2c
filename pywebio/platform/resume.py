"""Sessions that outlive their WebSocket: numbered messages, acknowledgements and resume.

A phone's screen sleeps, Wi-Fi hands over, a proxy cuts an idle socket: the WebSocket of a
session drops while the person is still there. This module keeps such a session *detached* for
``reconnect_timeout`` seconds, its task still running, until the page opens a new WebSocket and
*resumes* it. docs/protocol.md ("Reconnecting") is the contract; this is its server half, shared
by every WebSocket platform (Tornado, aiohttp, FastAPI):

- `Outbox` numbers the command frames a session sends and keeps them until the page
  acknowledges them, so that the page gets what it missed, in order, when it comes back.
- `KeptSession` is one session as its connections come and go: it turns the session's commands
  into numbered frames, counts the page's events (the page sends again only those after the
  count, so each is applied once), pings the page, and detaches the session when the connection
  drops. Its methods run on the server's event loop.
- `SessionRegistry` holds the kept sessions of one handler by key (``<route>.<id>``; the route
  names the process, see `set_route`) and compares the page's secret in constant time.
- `KeptBytes` totals what every session of the process keeps, and lets the largest holders go
  of their kept frames when the total passes `MAX_KEPT_TOTAL` (docs/protocol.md, "Bounds").
- `Attachment` is what one WebSocket connection does: start a new session, or resume one with
  the connection's first frame. A platform module makes one per connection, hands it the
  connection's messages and tells it when the connection ends; it gives the attachment a
  *carrier*, an object with ``send(text)`` and ``close(code, reason)`` (see `Carrier`).

With ``reconnect_timeout=0`` nothing is kept or announced: a dropped connection ends its session
at once, as the transport always did.
"""
import asyncio
import hmac
import json
import logging
import secrets
import threading
import weakref
from typing import Any, Callable, Dict, List, Optional, Union

from ..session import Session
from ..session.routes import current_route, route_of, set_route
from ..session.base import OverLimit, ProtocolError
from .utils import CLOSE_POLICY_VIOLATION, CLOSE_REASONS, CLOSE_SERVER_ERROR, CoalescedFlush, EventHandOver, close_code_for, close_code_of, decode_event, encode_commands, Fifo, weakly

logger = logging.getLogger(__name__)

__all__ = ['DEFAULT_RECONNECT_TIMEOUT', 'SessionRegistry', 'Attachment', 'KeptSession', 'Outbox',
           'set_route', 'end_kept_sessions', 'kept_total']

#: How long a dropped session waits for its page, in seconds, unless a server says otherwise. The
#: HTTP transport forgives the same gap (``session_expire_seconds``): a Wi-Fi hand-over, a proxy
#: that cuts an idle socket or a phone's short sleep are all well within it, and a detached
#: thread-based session holds its thread for no longer than a minute.
DEFAULT_RECONNECT_TIMEOUT = 60.0

#: The server sends a ``ping`` this often (seconds). At each ping, a page not heard from for 1.5
#: intervals has dropped (a live page answers every ping at once): a silent page is found within
#: two intervals of its last frame.
PING_INTERVAL = 20.0

#: Each side acknowledges at most once in this many seconds (a ping is answered at once).
ACK_DELAY = 1.0

#: What one session keeps of commands not yet acknowledged (bytes of JSON). Past it the oldest
#: are let go: a page that has not acknowledged them cannot resume (a detached session ends).
MAX_KEPT_BYTES = 8 * 1024 * 1024

#: What one session keeps once `ACK_GRACE` has passed without its page acknowledging anything
#: (bytes of JSON). A page acknowledges within a second of its first commands
#: (webiojs/src/connection.ts, ACK_DELAY_MS); a client that does not speak the resume protocol
#: never does, and must not keep `MAX_KEPT_BYTES` for its whole life (it cannot resume anyway).
MAX_KEPT_BEFORE_ACK = 16 * 1024

#: Seconds after a session starts by which its page has acknowledged, or keeps only
#: `MAX_KEPT_BEFORE_ACK` from then on (until it does acknowledge). Five times what a page on a
#: slow link needs, so a page that drops in its first seconds still resumes.
ACK_GRACE = 5.0

#: What every session of this process keeps together (bytes of JSON). Past it, the sessions that
#: keep the most let go of their kept frames (`KeptBytes.shed`) until the rest fit: pages that
#: acknowledge keep about a second of output, so they are not the ones chosen.
MAX_KEPT_TOTAL = 256 * 1024 * 1024

#: How long a resuming connection may take to send its ``resume`` frame (seconds).
RESUME_WAIT = 10.0

#: Close codes (docs/protocol.md): a resume that cannot be honoured; a connection replaced by a
#: newer one of the same session; the page closing a connection it thinks dead.
RESUME_REFUSED = 4404
REPLACED = 4409
#: What a platform reports for a close frame without a status code (RFC 6455: "no status
#: received"); such a frame may not carry this code itself.
NO_STATUS = 1005
#: Close codes with which a page leaves for good (RFC 6455: normal closure, going away, and a
#: close frame without a code, which Tornado's ``websocket_connect(...).close()`` sends). A
#: connection that ends without a close frame has no code (None): it dropped.
LEAVING_CODES = (1000, 1001, NO_STATUS)
#: Close codes with which the server refused a frame of the page (not UTF-8, too big): the session
#: ends, as for any protocol error, rather than waiting for a resume that would send it again.
REFUSED_FRAME_CODES = (1007, 1009)

Message = Union[str, bytes]

class Carrier:
    """What a platform gives an `Attachment`: one WebSocket connection's two operations.

    ``send(text)`` writes one text frame (never raises: a connection that is gone drops it);
    ``close(code, reason)`` closes the connection after the frames sent before. A carrier counts
    what its client has not taken yet (`pywebio.platform.unsent.Unsent`) and calls `overflowed`
    past a bound; the session it carries ends then, through `on_overflow`.
    """

    #: ``on_overflow(carrier, reason)``: set by the session this connection carries
    on_overflow: Optional[Callable[['Carrier', str], None]] = None

    def overflowed(self, reason: str) -> None:
        """The client does not take what is written to it: end its session (1008)."""
        if self.on_overflow is not None:
            self.on_overflow(self, reason)
        else:
            self.close(CLOSE_POLICY_VIOLATION, 'over a limit: %s' % reason)

    def send(self, text: str) -> None:
        raise NotImplementedError

    def close(self, code: int = 1000, reason: str = '') -> None:
        raise NotImplementedError


class KeptBytes:
    """What every `Outbox` of this process keeps, in bytes of JSON (sessions run on several loops).

    Past `MAX_KEPT_TOTAL`, `shed` has the outboxes that keep the most let go of their frames, on
    their own loops, until the rest fit. An outbox that lets go makes its session non-resumable
    until the page acknowledges again, by the rules of docs/protocol.md ("Bounds"): a detached
    session that lets go ends; an attached one that then drops ends instead of detaching.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.bytes = 0
        self.shedding = 0  # bytes of outboxes chosen to let go, not done yet
        self._outboxes: 'weakref.WeakSet[Outbox]' = weakref.WeakSet()

    def track(self, outbox: 'Outbox') -> None:
        with self._lock:
            self._outboxes.add(outbox)

    def add(self, size: int) -> None:
        with self._lock:
            self.bytes += size
            crowded = self.bytes - self.shedding > MAX_KEPT_TOTAL
        if crowded and size > 0:
            self.shed()

    def shed(self) -> None:
        chosen = []
        with self._lock:
            while self.bytes - self.shedding > MAX_KEPT_TOTAL:
                largest = max((o for o in self._outboxes if not o.shedding and o.shed is not None),
                              key=lambda o: o.kept_bytes, default=None)
                if largest is None or not largest.kept_bytes:
                    break
                largest.shedding = True
                self.shedding += largest.kept_bytes
                chosen.append((largest, largest.kept_bytes))
        for outbox, size in chosen:
            logger.info('a session lets go of the %d bytes it kept for a resume: the process keeps more than '
                        '%d MiB', size, MAX_KEPT_TOTAL >> 20)
            try:
                outbox.loop.call_soon_threadsafe(self._shed_one, outbox, size)
            except RuntimeError:  # its loop is closed: the session is gone with it
                self._shed_one(outbox, size, run=False)

    def _shed_one(self, outbox: 'Outbox', size: int, run: bool = True) -> None:
        with self._lock:
            self.shedding -= size
        if run and outbox.shedding:
            outbox.shed()


#: Every outbox of this process; ``kept_total.bytes`` is what they keep together.
kept_total = KeptBytes()


class Outbox:
    """Command frames of one session, numbered, kept until the page acknowledges them.

    Command ``n`` is the n-th command the session sent (docs/protocol.md, "Numbering"). Frames
    are kept as the text that was sent, so keeping costs no second encoding. At most
    ``max_bytes`` are kept (a page that never acknowledges costs no more); the oldest frames are
    let go first, and then the page can resume only once it has acknowledged them. Until the page
    has acknowledged once, it keeps no more than `MAX_KEPT_BEFORE_ACK`; and every outbox of the
    process counts in `kept_total`, which `shed` calls on past `MAX_KEPT_TOTAL`.
    """

    __slots__ = ('keep', 'max_bytes', 'sent', 'acknowledged', 'heard', 'unheard', 'let_go', 'kept_bytes', '_frames', 'shed',
                 'loop', 'shedding', '__weakref__')

    def __init__(self, keep: bool = True, max_bytes: int = MAX_KEPT_BYTES,
                 shed: Optional[Callable[[], None]] = None,
                 loop: Optional[asyncio.AbstractEventLoop] = None) -> None:
        self.keep = keep
        self.max_bytes = max_bytes
        self.sent = 0  # the number of the last command sent
        self.acknowledged = 0  # the highest number the page said it has
        self.heard = False  # the page has acknowledged (or resumed) at least once
        self.unheard = False  # `ACK_GRACE` passed and the page had not: keep `MAX_KEPT_BEFORE_ACK`
        self.let_go = 0  # the last command let go unacknowledged, past the bound
        self.kept_bytes = 0
        self._frames = Fifo()  # of (first number, count, text)
        # let go of every kept frame, on the session's loop (`KeptBytes.shed`); held weakly, so
        # that a session and its outbox make no reference cycle and are freed when they end
        self.shed = weakly(shed) if shed is not None else None
        self.loop = loop
        self.shedding = False  # chosen by `KeptBytes.shed`, not done yet
        if keep:
            kept_total.track(self)

    @property
    def complete(self) -> bool:
        """Whether every command the page may lack is still kept."""
        return self.keep and self.let_go <= self.acknowledged

    def add(self, commands: List[dict]) -> str:
        text = encode_commands(commands)
        if self.keep:
            self._frames.append((self.sent + 1, len(commands), text))
            self.kept_bytes += len(text)
            kept_total.add(len(text))
            self._trim()
        self.sent += len(commands)
        return text

    def _trim(self) -> None:
        """Let go of the oldest frames past the bound."""
        bound = self.max_bytes if self.heard or not self.unheard else min(self.max_bytes, MAX_KEPT_BEFORE_ACK)
        before = self.kept_bytes
        while self.kept_bytes > bound:
            first, count, dropped = self._frames.popleft()
            self.kept_bytes -= len(dropped)
            self.let_go = max(self.let_go, first + count - 1)
        if before != self.kept_bytes:
            kept_total.add(self.kept_bytes - before)

    def grace_over(self) -> None:
        """`ACK_GRACE` has passed: if the page has never acknowledged, keep less from now on."""
        if not self.heard:
            self.unheard = True
            self._trim()

    def acknowledge(self, number: int) -> None:
        """The page has commands ``1..number``: forget the frames it holds whole."""
        self.acknowledged = max(self.acknowledged, number)
        self.heard = True
        frames = self._frames
        before = self.kept_bytes
        while frames:
            first, count, text = frames.first()
            if first + count - 1 > number:
                break
            frames.popleft()
            self.kept_bytes -= len(text)
        if before != self.kept_bytes:
            kept_total.add(self.kept_bytes - before)

    def let_go_all(self) -> None:
        """Let go of every kept frame: the page can resume again only once it has acknowledged
        them (as for frames let go past the bound)."""
        self.shedding = False
        if self._frames:
            first, count, _ = self._frames.last()
            self.let_go = max(self.let_go, first + count - 1)
            self._frames.clear()
            kept_total.add(-self.kept_bytes)
            self.kept_bytes = 0

    def forget(self) -> None:
        """The session cannot be resumed any more: keep nothing from now on."""
        self.keep = False
        self._frames.clear()
        kept_total.add(-self.kept_bytes)
        self.kept_bytes = 0

    def frames_after(self, number: int) -> Optional[List[str]]:
        """The frames holding commands ``number+1..`` (a frame cut where the page stopped);
        None when they are no longer all kept, or ``number`` was never sent."""
        if number > self.sent or number < 0:
            return None
        self.acknowledge(number)
        if number < self.sent and (not self._frames or self._frames.first()[0] > number + 1):
            return None
        texts = []
        for first, count, text in self._frames:
            if first <= number:  # the page applied the start of this frame: send the rest
                text = encode_commands(json.loads(text)[number + 1 - first:])
            texts.append(text)
        return texts


class KeptSession:
    """One session as its connections come and go. See the module docstring; call it on the loop.

    ``start_session(on_task_command, on_session_close)`` makes the session (or returns one that
    exists, in script mode), or returns None to refuse.
    """

    __slots__ = ('registry', 'loop', 'key', 'secret', 'resumable', 'outbox', 'session', 'carrier', 'events_received',
                 '_events_acknowledged', '_ended', '_last_heard', '_ack_timer', '_ping_timer', '_detach_timer',
                 'on_task_command', '_hand_over', '__weakref__')

    def __init__(self, registry: 'SessionRegistry', loop: asyncio.AbstractEventLoop) -> None:
        self.registry = registry
        self.loop = loop
        self.key = '%s.%s' % (current_route(), secrets.token_urlsafe(12))
        self.secret = secrets.token_urlsafe(32)
        self.resumable = registry.reconnect_timeout > 0
        self.outbox = Outbox(keep=self.resumable, max_bytes=MAX_KEPT_BYTES, shed=self._shed_kept, loop=loop)
        self.session: Optional[Session] = None
        self.carrier: Optional[Carrier] = None
        self.events_received = 0
        self._events_acknowledged = 0
        self._ended = False  # the session has ended; kept only to deliver its last frames
        self._last_heard = loop.time()
        self._ack_timer: Optional[asyncio.TimerHandle] = None
        self._ping_timer: Optional[asyncio.TimerHandle] = None
        self._detach_timer: Optional[asyncio.TimerHandle] = None
        self.on_task_command = CoalescedFlush(loop, self.flush)
        self._hand_over = EventHandOver(self.on_task_command)

    # -- the session's side ----------------------------------------------------------------

    def start(self, carrier: Carrier, start_session: Callable[..., Optional[Session]]) -> bool:
        carrier.on_overflow = self._overflowed
        self.session = start_session(self.on_task_command, self._on_session_close)
        if self.session is None:
            return False
        if self.resumable:
            self.registry.sessions[self.key] = self
            message = {'transport': 'session', 'key': self.key, 'secret': self.secret,
                       'reconnect_timeout': self.registry.reconnect_timeout, 'ping_interval': PING_INTERVAL}
            if self.registry.reload:
                message['reload'] = True
            carrier.send(json.dumps(message))
            # held weakly: the timer must not keep a session that has ended alive for ACK_GRACE
            self.loop.call_later(ACK_GRACE, weakly(self._grace_over))
        self._attach(carrier)
        return True

    def flush(self) -> None:
        """Number the commands the session queued, keep them, and send them if attached."""
        commands = self.session.get_task_commands() if self.session is not None else []
        if not commands:
            return
        text = self.outbox.add(commands)
        if self.carrier is not None:
            self.carrier.send(text)
        elif self.outbox.keep and not self.outbox.complete and not self._ended:
            # a session that keeps nothing (not resumable, or its page left) is ending already
            logger.info('ending a detached session: it has sent more than %d bytes its page does not have',
                        self.outbox.max_bytes)
            self._forget()
            self.session.close()

    def _on_session_close(self, session: Session) -> None:
        """From any thread: the session has ended."""
        try:
            self.loop.call_soon_threadsafe(self._session_ended, session)
        except RuntimeError:  # the loop has been closed: the server is gone
            logger.debug('a session ended after its server stopped')

    def _session_ended(self, session: Session) -> None:
        if self._ended:
            return
        self.session = session  # a task that ends inside its constructor has not been assigned yet
        self.flush()
        self._ended = True
        if self.carrier is not None:
            carrier, self.carrier = self.carrier, None
            self._stop_timers()
            carrier.close(*close_code_of(session))
            # a page that broke the protocol is not waited for: else every bad frame would hold
            # its session's memory for reconnect_timeout after the session ended
            if (self.resumable and self.outbox.kept_bytes and self._detach_timer is None
                    and session.protocol_error is None):
                # the page may drop before it has the last frames: it may still resume to get them
                self._detach_timer = self.loop.call_later(self.registry.reconnect_timeout, self._expire)
            else:
                self._forget()
        elif self._detach_timer is None:
            self._forget()
        # detached: kept until the page resumes (to hear how it ended) or the timeout

    # -- the connection's side -------------------------------------------------------------

    def receive(self, carrier: Carrier, message: Message) -> None:
        """A message from ``carrier``. Raises `ProtocolError` for one the protocol does not allow."""
        if carrier is not self.carrier:
            return  # a replaced connection: nothing it carries reaches the session
        self._last_heard = self.loop.time()
        event = decode_event(message, binary=isinstance(message, bytes))
        if not isinstance(message, bytes) and isinstance(event, dict) and 'transport' in event:
            self._transport_message(event)
            return
        self.events_received += 1
        if self.resumable and self._ack_timer is None:
            self._ack_timer = self.loop.call_later(ACK_DELAY, self._send_event_ack)
        if self.session is not None and not self._ended:
            self._hand_over(self.session, event, len(message))

    def _transport_message(self, message: dict) -> None:
        kind = message.get('transport')
        if kind == 'ack':
            number = message.get('commands')
            if not _is_count(number) or number > self.outbox.sent:
                raise ProtocolError('an ack of commands never sent: %r' % (number,))
            self.outbox.acknowledge(number)
        elif kind == 'leave':
            carrier = self.carrier
            self.lost(carrier, clean=True)
            carrier.close(1000)
        else:
            raise ProtocolError('a transport message of unknown kind %r' % (kind,))

    def lost(self, carrier: Optional[Carrier], clean: bool) -> None:
        """``carrier`` has ended: with a leave (``clean``), the session ends; else it detaches."""
        if carrier is not self.carrier or carrier is None:
            return
        self.carrier = None
        self._stop_timers()
        if self._ended or self.session is None or self.session.closed():
            if self._detach_timer is None:
                self._forget()
            return
        if clean or not self.resumable or not self.outbox.complete:
            self._forget()
            self.session.close()
            return
        logger.debug('a session detached; it waits %gs for its page', self.registry.reconnect_timeout)
        self._detach_timer = self.loop.call_later(self.registry.reconnect_timeout, self._expire)

    def resume(self, carrier: Carrier, commands: int) -> bool:
        """Attach ``carrier`` in place of the current connection, if any; False if the page's
        ``commands`` cannot be resumed from."""
        frames = self.outbox.frames_after(commands)
        if frames is None:
            return False
        carrier.on_overflow = self._overflowed
        previous = self.carrier
        if previous is not None:
            self.carrier = None
            self._stop_timers()
            previous.close(REPLACED, 'replaced by a newer connection')
        if self._detach_timer is not None:
            self._detach_timer.cancel()
            self._detach_timer = None
        carrier.send(json.dumps({'transport': 'resumed', 'events': self.events_received}))
        for text in frames:
            carrier.send(text)
        if self._ended:
            carrier.close(1000)
            self._forget()
            return True
        self._attach(carrier)
        self.flush()
        return True

    def _attach(self, carrier: Carrier) -> None:
        self.carrier = carrier
        self._last_heard = self.loop.time()
        if self.resumable:
            self._ping_timer = self.loop.call_later(PING_INTERVAL, self._ping)

    def _overflowed(self, carrier: Carrier, reason: str) -> None:
        """``carrier``'s client does not take what is written to it (`pywebio.platform.unsent`):
        its session ends, with close code 1008 and the bound."""
        if carrier is self.carrier and self.session is not None and not self._ended:
            self.session.abort(OverLimit(reason))
        else:  # a connection replaced, or one still sending what a resume missed
            carrier.close(CLOSE_POLICY_VIOLATION, 'over a limit: %s' % reason)

    def _grace_over(self) -> None:
        self.outbox.grace_over()
        self._end_if_unresumable()

    def _shed_kept(self) -> None:
        """The process keeps too much for resumes (`KeptBytes.shed`): let go of this session's
        kept frames."""
        self.outbox.let_go_all()
        self._end_if_unresumable()

    def _end_if_unresumable(self) -> None:
        """A detached session whose outbox let go of what its page lacks can no longer be resumed:
        it ends (docs/protocol.md, "Bounds")."""
        if (self.carrier is None and not self.outbox.complete
                and self.registry.sessions.get(self.key) is self):
            logger.info('ending a detached session: it let go of what its page had not received')
            self._forget()
            if not self._ended and self.session is not None:
                self.session.close()

    def _expire(self) -> None:
        self._detach_timer = None
        self._forget()
        if not self._ended and self.session is not None:
            logger.info('a detached session ended: its page did not come back within %gs',
                        self.registry.reconnect_timeout)
            self.session.close()

    def end(self) -> None:
        """End the session now (the server is stopping)."""
        self._forget()
        if self.session is not None and not self._ended:
            self.session.close()

    # -- timers ----------------------------------------------------------------------------

    def _ping(self) -> None:
        self._ping_timer = None
        carrier = self.carrier
        if carrier is None:
            return
        silence = self.loop.time() - self._last_heard
        if silence > 1.5 * PING_INTERVAL:
            logger.info('a page was silent for %.0fs: its session detaches', silence)
            carrier.close(4000, 'silent')
            self.lost(carrier, clean=False)
            return
        self._events_acknowledged = self.events_received
        carrier.send(json.dumps({'transport': 'ping', 'events': self.events_received}))
        self._ping_timer = self.loop.call_later(PING_INTERVAL, self._ping)

    def _send_event_ack(self) -> None:
        self._ack_timer = None
        if self.carrier is not None and self._events_acknowledged < self.events_received:
            self._events_acknowledged = self.events_received
            self.carrier.send(json.dumps({'transport': 'ack', 'events': self.events_received}))

    def _stop_timers(self) -> None:
        for timer in (self._ack_timer, self._ping_timer):
            if timer is not None:
                timer.cancel()
        self._ack_timer = self._ping_timer = None

    def _forget(self) -> None:
        if self._detach_timer is not None:
            self._detach_timer.cancel()
            self._detach_timer = None
        self.registry.sessions.pop(self.key, None)
        self.outbox.forget()  # no page can resume it now: what it kept is freed


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class SessionRegistry:
    """The kept sessions of one handler, by key. ``reconnect_timeout`` 0 keeps none. With
    ``reload`` (debug mode), pages are told to reload when they cannot resume: the server may
    have restarted with new code (docs/protocol.md)."""

    def __init__(self, reconnect_timeout: float = DEFAULT_RECONNECT_TIMEOUT, reload: bool = False) -> None:
        self.reconnect_timeout = float(reconnect_timeout)
        self.reload = reload
        self.sessions: Dict[str, KeptSession] = {}
        _registries.add(self)

    def find(self, key: Any, secret: Any) -> Optional[KeptSession]:
        """The session of ``key`` if ``secret`` is its secret; None otherwise."""
        kept = self.sessions.get(key) if isinstance(key, str) else None
        if kept is None or not isinstance(secret, str):
            return None
        if not hmac.compare_digest(kept.secret.encode(), secret.encode('utf-8', 'replace')):
            logger.warning('refused to resume a session: wrong secret')
            return None
        return kept

    def detached_count(self) -> int:
        return sum(1 for kept in self.sessions.values() if kept.carrier is None)


_registries: 'weakref.WeakSet[SessionRegistry]' = weakref.WeakSet()


def end_kept_sessions(loop: asyncio.AbstractEventLoop) -> None:
    """End every kept session served by ``loop``: its server is stopping (call it on the loop)."""
    for registry in list(_registries):
        for kept in list(registry.sessions.values()):
            if kept.loop is loop:
                kept.end()


class Attachment:
    """One WebSocket connection's part in a session: a new one, or a resumed one.

    ``resume_key`` is the connection's ``resume`` URL parameter (None for a new session): then
    the connection's first frame must be the page's ``resume`` message, and the session is found
    by it. Call every method on the loop.
    """

    __slots__ = ('registry', 'carrier', 'resume_key', 'kept')

    def __init__(self, registry: SessionRegistry, carrier: Carrier, resume_key: Optional[str] = None) -> None:
        self.registry = registry
        self.carrier = carrier
        self.resume_key = resume_key
        self.kept: Optional[KeptSession] = None

    @property
    def session(self) -> Optional[Session]:
        return self.kept.session if self.kept is not None else None

    def start(self, start_session: Callable[..., Optional[Session]]) -> None:
        """Start a new session for this connection, unless it resumes one."""
        loop = asyncio.get_running_loop()
        if self.resume_key is not None:
            loop.call_later(RESUME_WAIT, self._resume_overdue)
            return
        kept = KeptSession(self.registry, loop)
        if kept.start(self.carrier, start_session):
            self.kept = kept

    def handle(self, message: Message) -> bool:
        """Take one message of the connection; False once it has ended the session instead: the
        browser broke the protocol (close code 1003 and what was wrong) or the server failed (1011).
        Every WebSocket platform hands its messages here."""
        try:
            self.receive(message)
            return True
        except ProtocolError as error:
            self.end_session(error)
        except Exception:
            logger.exception('closing a session: an event could not be handled')
            session = self.session
            if session is not None:
                session.close()
            self.carrier.close(CLOSE_SERVER_ERROR, CLOSE_REASONS[CLOSE_SERVER_ERROR])
        return False

    def receive(self, message: Message) -> None:
        """A message of the connection. Raises `ProtocolError` for one the protocol does not allow."""
        if self.kept is not None:
            self.kept.receive(self.carrier, message)
        elif self.resume_key is not None:
            self._resume(message)

    def _resume(self, message: Message) -> None:
        key, self.resume_key = self.resume_key, None
        try:
            request = json.loads(message) if isinstance(message, str) else None
        except ValueError:
            request = None
        kept = None
        if isinstance(request, dict) and request.get('transport') == 'resume' and request.get('key') == key:
            kept = self.registry.find(key, request.get('secret'))
        commands = request.get('commands') if isinstance(request, dict) else None
        if kept is None or not _is_count(commands) or not kept.resume(self.carrier, commands):
            logger.info('refused to resume a session: unknown, ended, or not resumable from there')
            self.carrier.close(RESUME_REFUSED, 'the session cannot be resumed')
            return
        self.kept = kept

    def _resume_overdue(self) -> None:
        if self.resume_key is not None:  # no resume frame yet: a connection that holds nothing
            self.resume_key = None
            self.carrier.close(RESUME_REFUSED, 'no resume message')

    def lost(self, clean: bool) -> None:
        """The connection has ended; ``clean``: with a close frame that means leaving."""
        self.resume_key = None
        if self.kept is not None:
            self.kept.lost(self.carrier, clean)

    def end_session(self, error: ProtocolError) -> None:
        """End the session now, because the browser broke the protocol: its last frames go out
        first, then the connection closes with 1003 and what was wrong."""
        kept = self.kept
        if kept is not None and kept.session is not None:
            kept.session.abort(error)
            kept._session_ended(kept.session)
        else:
            self.carrier.close(*close_code_for(error))

"""The server's half of logging in (`pywebio.auth`): a signed cookie, and the endpoint that sets it.

A person who logs in is remembered by a cookie that no script of the page can read: ``HttpOnly``,
``SameSite=Strict``, ``Secure`` when the request came over HTTPS, its ``Path`` the API's URL. A
WebSocket cannot set a cookie, so the exchange goes through one small HTTP endpoint, the API URL
itself with ``?pywebio_login`` (docs/protocol.md, *Logging in*):

1. the task checks the name and password in Python (`pywebio.auth.login`), then sends the page a
   *ticket*: a value signed with the server's secret, naming the user, valid for
   `TICKET_SECONDS` and good for one use;
2. the page POSTs the ticket to the endpoint (same origin, with credentials); the endpoint checks
   it (`LoginService.answer`) and answers with ``Set-Cookie``. A logout ticket clears the cookie;
3. every new session reads the cookie from the request that opens it (the WebSocket handshake,
   or the first request of an HTTP session): `LoginService.user_of` gives the user, which the
   session's `pywebio.session.info` ``.user`` holds from its start.

The signing is Tornado's (`tornado.web.create_signed_value`/`decode_signed_value`: an HMAC-SHA256
over the name, the value and a timestamp, compared in constant time, with an age limit). Tickets
and cookies are signed under different names, so neither passes for the other.

Each platform module only routes the endpoint and passes the ``Cookie`` header on::

    service = make_login_service(login_secret, login_expire_seconds, where='webio_handler')
    info = build_session_info(..., login=service, cookie=request.headers.get('Cookie', ''))
    # and for POST api?pywebio_login:
    status, headers, body = service.answer(method=..., origin=..., host=..., content_type=...,
                                           body=..., path=request_path, secure=is_https,
                                           is_origin_allowed=origin_checker)

The failed attempts of a client address are counted per process (`FAILED_LOGINS`); the ticket
ids already used too (`SpentTickets`).
"""
import json
import logging
import math
import os
import secrets
import threading
import time
import weakref
from collections import deque
from typing import Any, Callable, Deque, Dict, Iterable, NamedTuple, Optional, Union
from urllib.parse import quote, unquote

from tornado.web import create_signed_value, decode_signed_value

from .limits import client_key

logger = logging.getLogger(__name__)

__all__ = ['LoginService', 'LoginAnswer', 'FailedAttempts', 'make_login_service', 'login_service_of',
           'is_login_request', 'FAILED_LOGINS', 'LOGIN_SECRET_VARIABLE', 'DEFAULT_LOGIN_EXPIRE_SECONDS',
           'TICKET_SECONDS', 'COOKIE_NAME', 'LOGIN_QUERY', 'MIN_SECRET_LENGTH', 'MAX_TICKET_BODY']

#: The environment variable that holds the login secret when no ``login_secret`` is given.
LOGIN_SECRET_VARIABLE = 'PYWEBIO_LOGIN_SECRET'

#: How long a login is remembered by default (seconds): seven days.
DEFAULT_LOGIN_EXPIRE_SECONDS = 7 * 24 * 3600

#: How long a ticket may wait for the page to hand it in (seconds). The page does so at once.
TICKET_SECONDS = 60

#: The shortest secret accepted, in characters: ``secrets.token_urlsafe(32)`` gives 43.
MIN_SECRET_LENGTH = 32

#: The cookie's name.
COOKIE_NAME = 'pywebio_login'

#: The URL parameter that makes a POST to the API URL a ticket for the login endpoint.
LOGIN_QUERY = 'pywebio_login'

#: The largest body the endpoint reads (bytes): a ticket and its JSON wrapping.
MAX_TICKET_BODY = 4096

#: The longest user name a ticket takes, in characters (the cookie must stay well under 4 KB).
MAX_USER_LENGTH = 256

_TICKET_NAME = 'pywebio_login_ticket'  # the name tickets are signed under; cookies are COOKIE_NAME's
_DAY = 86400.0


class FailedAttempts:
    """Failed logins per client address in this process: at most ``limit`` in ``window`` seconds.

    Addresses count as for ``max_sessions_per_ip`` (`pywebio.platform.limits.client_key`: an IPv6
    /64 counts as one), except that loopback addresses count too, as one: behind a reverse proxy
    on the same machine whose address the framework does not replace (docs/deploy.md), every
    visitor then shares one budget, which is safer than none. Thread-safe.
    """

    #: How many addresses are remembered at most; past it the oldest are forgotten first.
    MAX_ADDRESSES = 100_000

    def __init__(self, limit: int = 5, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: Dict[str, Deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(address: str) -> str:
        return client_key(address) or 'local'

    def wait_seconds(self, address: str) -> float:
        """How long ``address`` must wait before its next attempt is checked; 0 when it may try."""
        now = time.monotonic()
        with self._lock:
            failures = self._failures.get(self._key(address))
            if failures is None:
                return 0.0
            while failures and failures[0] <= now - self.window:
                failures.popleft()
            if len(failures) < self.limit:
                return 0.0
            return failures[-self.limit] + self.window - now

    def failed(self, address: str) -> None:
        """Count a failed attempt of ``address``."""
        now = time.monotonic()
        with self._lock:
            key = self._key(address)
            failures = self._failures.pop(key, None) or deque()
            failures.append(now)
            while len(failures) > self.limit:
                failures.popleft()
            self._failures[key] = failures  # newest last: the dict's order is the age order
            while len(self._failures) > self.MAX_ADDRESSES:
                del self._failures[next(iter(self._failures))]

    def clear(self) -> None:
        """Forget every failure (for tests)."""
        with self._lock:
            self._failures.clear()


#: The failed attempts of this process; change ``FAILED_LOGINS.limit`` (5) and ``.window`` (60
#: seconds) before serving to change the bound.
FAILED_LOGINS = FailedAttempts()


class SpentTickets:
    """The ids of the tickets this process has taken, until they would have expired anyway."""

    def __init__(self) -> None:
        self._spent: Dict[str, float] = {}
        self._lock = threading.Lock()

    def spend(self, ticket_id: str) -> bool:
        """Mark ``ticket_id`` used; False when it was already."""
        now = time.monotonic()
        with self._lock:
            for old, until in list(self._spent.items()):  # oldest first: stop at the first alive
                if until > now:
                    break
                del self._spent[old]
            if ticket_id in self._spent:
                return False
            self._spent[ticket_id] = now + TICKET_SECONDS + 2  # Tornado's timestamps are whole seconds
            return True


_SPENT = SpentTickets()


class LoginAnswer(NamedTuple):
    """What the login endpoint answers: an HTTP status, headers and a body (text)."""
    status: int
    headers: Dict[str, str]
    body: str


class LoginService:
    """The login of one entry (``start_server``, ``webio_handler``...): its secret and how long a
    login lasts. See the module docstring.

    :param secret: the key that signs cookies and tickets, at least `MIN_SECRET_LENGTH`
        characters; ``None``: the environment variable ``PYWEBIO_LOGIN_SECRET``, else a random
        secret made now, which the processes of a ``processes=N`` server share (they are
        forked after it) but no other server does, and which is gone when the server stops.
    :param expire_seconds: how long a login lasts (the cookie's ``Max-Age``, and the age past
        which a cookie is refused however the browser kept it).
    :param where: the entry's name, for error messages.
    """

    def __init__(self, secret: Union[str, bytes, None] = None,
                 expire_seconds: float = DEFAULT_LOGIN_EXPIRE_SECONDS, where: str = 'start_server') -> None:
        if secret is None:
            secret = os.environ.get(LOGIN_SECRET_VARIABLE) or None
        self.random_secret = secret is None
        if secret is None:
            secret = secrets.token_urlsafe(32)
        if not isinstance(secret, (str, bytes)) or len(secret) < MIN_SECRET_LENGTH:
            raise ValueError('%s(): login_secret (or %s) must be a string of at least %d characters; '
                             'make one with python -c "import secrets; print(secrets.token_urlsafe(32))"'
                             % (where, LOGIN_SECRET_VARIABLE, MIN_SECRET_LENGTH))
        if isinstance(expire_seconds, bool) or not isinstance(expire_seconds, (int, float)) \
                or not 0 < expire_seconds < math.inf:
            raise ValueError('%s(): login_expire_seconds must be a positive number of seconds, got %r'
                             % (where, expire_seconds))
        self._secret = secret
        self.expire_seconds = float(expire_seconds)
        self.failures = FAILED_LOGINS
        self._warned = False

    def user_of(self, cookie_header: Optional[str]) -> Optional[str]:
        """The user a request's ``Cookie`` header names in a valid, unexpired login cookie; None
        if it has none (or only forged, expired or tampered ones)."""
        for value in _cookie_values(cookie_header or '', COOKIE_NAME):
            user = self._decode(COOKIE_NAME, value, self.expire_seconds)
            if isinstance(user, str):
                return user
        return None

    def ticket(self, user: Optional[str]) -> str:
        """A ticket that makes the endpoint log ``user`` in (``None``: log out), for the page."""
        if self.random_secret and not self._warned:
            self._warned = True
            logger.warning('no login secret was given: logins are signed with a random secret of this server, '
                           'so they end when it restarts and no other server accepts them. Give '
                           'start_server(..., login_secret=...) or set %s (docs/deploy.md)', LOGIN_SECRET_VARIABLE)
        if user is not None and (not isinstance(user, str) or not 0 < len(user) <= MAX_USER_LENGTH):
            raise ValueError('a user name must be a non-empty string of at most %d characters, got %r'
                             % (MAX_USER_LENGTH, user))
        payload = json.dumps({'user': user, 'id': secrets.token_urlsafe(12)}, separators=(',', ':'))
        return create_signed_value(self._secret, _TICKET_NAME, payload).decode('ascii')

    def answer(self, *, method: str, origin: str, host: str, content_type: str, body: Optional[bytes],
               path: str, secure: bool, is_origin_allowed: Callable[[str, str], bool]) -> LoginAnswer:
        """Answer a request of the login endpoint (``POST api?pywebio_login``).

        :param body: the request's body, or None when it is longer than `MAX_TICKET_BODY`.
        :param path: the request's URL path: the cookie's ``Path``.
        :param secure: whether the request came over HTTPS, as the framework reports it (behind a
            proxy, once the framework reads the proxy's ``X-Forwarded-Proto``): the cookie is
            then ``Secure``.
        :param is_origin_allowed: the entry's origin check, ``(origin, host) -> bool``.
        """
        if method.upper() != 'POST':
            return _refusal(405, 'use POST', {'Allow': 'POST'})
        # a browser sends Origin with every POST: none, or another site's, is not the app's page
        if not origin or not is_origin_allowed(origin, host):
            logger.warning('refused a login ticket from origin %r for host %r', origin, host)
            return _refusal(403, 'origin not allowed')
        if not (content_type or '').lower().startswith('application/json'):
            return _refusal(415, 'send the ticket as application/json')
        try:
            ticket = json.loads((body or b'').decode('utf-8'))['ticket']
            if not isinstance(ticket, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            return _refusal(400, 'expected {"ticket": "..."}')
        payload = self._decode(_TICKET_NAME, ticket, TICKET_SECONDS)
        if not isinstance(payload, dict) or not isinstance(payload.get('id'), str) \
                or not _SPENT.spend(payload['id']):
            logger.info('refused a login ticket: forged, expired or used already')
            return _refusal(403, 'the ticket is not valid: log in again')
        user = payload.get('user')
        if user is None:
            cookie = self._cookie('', path, secure, max_age=0)
        else:
            value = create_signed_value(self._secret, COOKIE_NAME, json.dumps(user)).decode('ascii')
            cookie = self._cookie(value, path, secure, max_age=int(self.expire_seconds))
        return LoginAnswer(204, {'Set-Cookie': cookie, 'Cache-Control': 'no-store'}, '')

    def _decode(self, name: str, value: str, max_age: float) -> Any:
        decoded = decode_signed_value(self._secret, name, value, max_age_days=max_age / _DAY, min_version=2)
        if decoded is None:
            return None
        try:
            return json.loads(decoded.decode('utf-8'))
        except ValueError:
            return None

    @staticmethod
    def _cookie(value: str, path: str, secure: bool, max_age: int) -> str:
        parts = ['%s=%s' % (COOKIE_NAME, value), 'Max-Age=%d' % max_age, 'Path=%s' % _cookie_path(path),
                 'HttpOnly', 'SameSite=Strict']
        if secure:
            parts.append('Secure')
        return '; '.join(parts)


def _refusal(status: int, error: str, headers: Optional[Dict[str, str]] = None) -> LoginAnswer:
    return LoginAnswer(status, {'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store',
                                **(headers or {})}, json.dumps({'error': error}))


def _cookie_path(path: str) -> str:
    """``path`` as a cookie's ``Path``: percent-encoded, so that no ``;`` or control character ends
    the attribute."""
    encoded = quote(unquote(path or '/'), safe="/-._~!$&'()*+=:@")
    return encoded if encoded.startswith('/') else '/'


def _cookie_values(header: str, name: str) -> Iterable[str]:
    """The values of every cookie ``name`` in a ``Cookie`` header (one per path that matched)."""
    for pair in header.split(';'):
        key, sep, value = pair.strip().partition('=')
        if sep and key.strip() == name:
            yield value.strip().strip('"')


def make_login_service(secret: Union[str, bytes, None], expire_seconds: Optional[float],
                       where: str) -> LoginService:
    """The `LoginService` of an entry's ``login_secret`` and ``login_expire_seconds`` options."""
    return LoginService(secret, DEFAULT_LOGIN_EXPIRE_SECONDS if expire_seconds is None else expire_seconds,
                        where=where)


def is_login_request(args: Any) -> bool:
    """Whether a request of the API URL is for the login endpoint: its URL has ``?pywebio_login``."""
    return LOGIN_QUERY in args


_services: 'weakref.WeakKeyDictionary[Any, LoginService]' = weakref.WeakKeyDictionary()


def remember_service(info: Any, service: LoginService) -> None:
    """Note that the session of ``info`` (a `pywebio.session.SessionInfo`) logs in with ``service``."""
    _services[info] = service


def login_service_of(info: Any) -> Optional[LoginService]:
    """The `LoginService` of the entry that opened the session of ``info``; None in script mode."""
    try:
        return _services.get(info)
    except TypeError:
        return None

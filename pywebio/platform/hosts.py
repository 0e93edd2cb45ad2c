"""Which ``Host`` names a server answers: the defence of loopback servers against DNS rebinding.

A page of another site (``http://evil.example:8080``) can make its name resolve to 127.0.0.1
and then talk to a PyWebIO server on the visitor's own machine: for the browser it is still
``evil.example``, so its ``Origin`` and the ``Host`` of its requests agree and an origin check
passes. What gives it away is the ``Host`` header: it names ``evil.example``, not the loopback
address or ``localhost`` the server is bound to. So a server bound to a loopback address
(127.0.0.1, ::1, ``localhost``; script mode always is) answers only requests whose ``Host`` is
one of the *loopback names*:

- ``localhost`` and any name ending in ``.localhost`` (RFC 6761 reserves them for loopback;
  browsers resolve them to loopback themselves, and no public DNS may answer for them);
- an address of 127.0.0.0/8, or ``[::1]``;

with any port. Other requests get 403 and a short text (`REFUSED_TEXT`), the page, the static
files and the API alike.

``allowed_hosts`` (an option of every entry) names more hosts, for a loopback port served
behind a reverse proxy under a public name: shell wildcards matched against the host without its
port, such as ``['tools.example.com', '*.example.org']``. ``['*']`` turns the check off. Given
to an entry whose bound address is not known (``webio_handler`` mounted in your own app,
``wsgi_app``...), it turns the check on for what that entry serves.
"""
import fnmatch
import ipaddress
import logging
from typing import Any, Callable, Iterable, List, Optional

logger = logging.getLogger(__name__)

__all__ = ['make_host_check', 'is_loopback_name', 'is_loopback_bind', 'host_name', 'REFUSED_TEXT',
           'ASGIHostCheck', 'wsgi_host_check']

#: The answer to a request whose ``Host`` the server does not serve.
REFUSED_TEXT = ('This PyWebIO server does not answer for the host name of this request. It answers '
                'only for localhost, loopback addresses and the names in its allowed_hosts: this '
                'keeps other web sites from reaching it (DNS rebinding). To serve it under this '
                'name, add the name to allowed_hosts.')

HostCheck = Callable[[str], bool]


def host_name(host: str) -> str:
    """The name of a ``Host`` header, lower case, without its port or IPv6 brackets."""
    host = (host or '').strip().lower()
    if host.startswith('['):
        return host[1:].split(']', 1)[0]
    if host.count(':') == 1:
        host = host.split(':', 1)[0]
    return host.rstrip('.')


def is_loopback_name(name: str) -> bool:
    """Whether a host name (see `host_name`) is ``localhost``, a ``.localhost`` name or a
    loopback address."""
    if name == 'localhost' or name.endswith('.localhost'):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_loopback_bind(host: Optional[str]) -> bool:
    """Whether a server listening on ``host`` (a ``start_server`` argument) is reachable only from
    this machine. ``''`` and ``0.0.0.0`` (every interface) are not."""
    return bool(host) and is_loopback_name(host_name(host))  # type: ignore[arg-type]


def _patterns(allowed_hosts: Optional[Iterable[str]], where: str) -> Optional[List[str]]:
    if allowed_hosts is None:
        return None
    if isinstance(allowed_hosts, (str, bytes)):
        raise TypeError('%s(): allowed_hosts must be a list of host names, not a string: use [%r]'
                        % (where, allowed_hosts))
    patterns = []
    for pattern in allowed_hosts:
        if not isinstance(pattern, str) or not pattern.strip():
            raise TypeError('%s(): allowed_hosts must hold host names (strings), got %r' % (where, pattern))
        patterns.append(host_name(pattern.strip()) if pattern.strip() != '*' else '*')
    return patterns


def make_host_check(allowed_hosts: Optional[Iterable[str]] = None, bound_host: Optional[str] = None,
                    where: str = 'start_server') -> Optional[HostCheck]:
    """``allows(host_header) -> bool`` for a server bound to ``bound_host`` (None: not known), or
    None when no check applies: the server is not bound to loopback and ``allowed_hosts`` is
    None, or ``allowed_hosts`` holds ``'*'``. Raises TypeError for malformed ``allowed_hosts``."""
    patterns = _patterns(allowed_hosts, where)
    if patterns is None and not is_loopback_bind(bound_host):
        return None
    patterns = patterns or []
    if '*' in patterns:
        return None

    def allows(host: str) -> bool:
        name = host_name(host)
        return is_loopback_name(name) or any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)

    return allows


def refused(host: str) -> None:
    """Log a refused request (once per request, at warning level: it may be an attack)."""
    logger.warning('refused a request for host %r: this server answers only for localhost, loopback '
                   'addresses and the names in allowed_hosts', host)


def wsgi_host_check(app: Any, allows: HostCheck) -> Any:
    """``app``, a WSGI application, answering 403 `REFUSED_TEXT` for requests ``allows`` refuses."""
    def checked(environ: dict, start_response: Callable[..., Any]) -> Any:
        host = environ.get('HTTP_HOST') or environ.get('SERVER_NAME', '')
        if allows(host):
            return app(environ, start_response)
        refused(host)
        body = REFUSED_TEXT.encode('utf-8')
        start_response('403 Forbidden', [('Content-Type', 'text/plain; charset=utf-8'),
                                         ('Content-Length', str(len(body)))])
        return [body]
    return checked


class ASGIHostCheck:
    """An ASGI application: ``app`` for the requests ``allows`` admits; 403 and `REFUSED_TEXT`
    for other HTTP requests, and a refused handshake (403 too) for other WebSockets."""

    def __init__(self, app: Any, allows: HostCheck) -> None:
        self.app = app
        self.allows = allows

    async def __call__(self, scope: dict, receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope['type'] not in ('http', 'websocket'):
            await self.app(scope, receive, send)
            return
        host = next((value.decode('latin-1') for name, value in scope.get('headers', ())
                     if name == b'host'), '')
        if self.allows(host):
            await self.app(scope, receive, send)
            return
        refused(host)
        if scope['type'] == 'websocket':
            await send({'type': 'websocket.close', 'code': 1008})  # before accept: 403
            return
        body = REFUSED_TEXT.encode('utf-8')
        await send({'type': 'http.response.start', 'status': 403,
                    'headers': [(b'content-type', b'text/plain; charset=utf-8'),
                                (b'content-length', str(len(body)).encode())]})
        await send({'type': 'http.response.body', 'body': body})

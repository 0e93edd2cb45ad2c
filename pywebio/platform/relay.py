"""Reach a session held by another process of the same server, for `start_server(processes=N)`.

N processes accept from one listening socket, and the kernel hands each new connection to any of
them: a page that resumes its session (docs/protocol.md, "Reconnecting") may reach a process
that does not hold it. So each process also listens on a loopback port of its own, bound before
the fork, and the *route* in a session's key names the process that holds it (``<route>-<n>``,
see `pywebio.platform.resume.set_route`). A process that receives a resume for another route
opens a WebSocket to that process's port with the same URL and headers (the owner applies the
same origin check and the same secret check) and relays the frames both ways, close codes
included; a connection that drops on one side is dropped, not closed, on the other, so that
the owner detaches the session rather than ending it.

The chunks of an upload (`pywebio.platform.uploads`) carry the same route in their key, and are
forwarded the same way, one HTTP request at a time (`forward_upload`).

Relaying costs one more loopback hop only for resumed sessions that land on the wrong process;
new sessions are served where they land, as before. (Passing the socket itself to the owner with
``SCM_RIGHTS`` would spare the hop, but the receiving process has already read the HTTP request
off it, and Tornado cannot be handed a half-read connection.)
"""
import json
import logging
from typing import Dict, List, Optional, Tuple, Union
from urllib.parse import quote

import tornado.httpclient
import tornado.websocket

from .resume import NO_STATUS, RESUME_REFUSED, current_route, set_route

logger = logging.getLogger(__name__)

#: The loopback ports of the other processes of this server, by route.
_siblings: Dict[str, int] = {}

#: Commands frames come from a process of this server: no limit of their size beyond the memory.
_NO_LIMIT = 1 << 62


def join_siblings(index: int, ports: List[int]) -> None:
    """In the child process number ``index`` of a server whose children listen on ``ports``
    (loopback, one per child): name this process's sessions, and remember where the others are."""
    base = current_route()
    routes = ['%s-%d' % (base, number) for number in range(len(ports))]
    set_route(routes[index])
    _siblings.clear()
    _siblings.update({route: port for number, (route, port) in enumerate(zip(routes, ports)) if number != index})


def sibling_port(route: str) -> Optional[int]:
    """The loopback port of the process of this server that holds sessions of ``route``, if it is
    another process."""
    return _siblings.get(route)


class ResumeRelay:
    """Relays one browser WebSocket (a Tornado handler) to the process that holds its session."""

    def __init__(self, browser: tornado.websocket.WebSocketHandler, port: int) -> None:
        self.browser = browser
        self.port = port
        self.owner: Optional[tornado.websocket.WebSocketClientConnection] = None

    async def open(self) -> None:
        request = self.browser.request
        headers = {name: request.headers[name] for name in ('Origin', 'Host', 'User-Agent', 'Accept-Language',
                                                            'X-Forwarded-For') if name in request.headers}
        url = 'ws://127.0.0.1:%d%s' % (self.port, request.uri)
        try:
            self.owner = await tornado.websocket.websocket_connect(
                tornado.httpclient.HTTPRequest(url, headers=headers), on_message_callback=self._from_owner,
                max_message_size=_NO_LIMIT)
        except Exception as error:  # the process is gone (or refused): the session cannot be resumed
            logger.info('could not relay a resume to the process on port %d: %s', self.port, error)
            self.browser.close(RESUME_REFUSED, 'the session cannot be resumed')
            return
        logger.info('relaying a resumed session to the process on port %d', self.port)

    def from_browser(self, message: Union[str, bytes]) -> None:
        if self.owner is not None:
            try:
                self.owner.write_message(message, binary=isinstance(message, bytes))
            except tornado.websocket.WebSocketClosedError:
                pass

    def browser_left(self, close_code: Optional[int]) -> None:
        """The browser's connection ended: with a close frame, close the relayed one with its
        code (none for `NO_STATUS`, which no close frame may carry); without one (a drop, code
        None), drop it too."""
        owner, self.owner = self.owner, None
        if owner is None:
            return
        if close_code is None:
            owner.protocol.stream.close()  # type: ignore[union-attr]
        else:
            owner.close(None if close_code == NO_STATUS else close_code)

    def _from_owner(self, message: Optional[Union[str, bytes]]) -> None:
        if message is not None:
            try:
                self.browser.write_message(message, binary=isinstance(message, bytes))
            except tornado.websocket.WebSocketClosedError:
                pass
            return
        owner, self.owner = self.owner, None
        if owner is None:
            return
        if owner.close_code is None:  # the owner's connection dropped: so does the browser's
            stream = getattr(self.browser.ws_connection, 'stream', None)
            if stream is not None:
                stream.close()
        else:
            self.browser.close(owner.close_code, owner.close_reason)


#: The headers a forwarded upload keeps: what the owner checks (origin, host, the secret) and reads.
_UPLOAD_HEADERS = ('Origin', 'Host', 'Content-Type', 'X-PyWebIO-Secret', 'X-PyWebIO-Chunk',
                   'Access-Control-Request-Method', 'Access-Control-Request-Headers')


async def forward_upload(request: 'tornado.httputil.HTTPServerRequest', port: int) -> Tuple[int, Dict[str, str], bytes]:
    """Forward one request of the upload endpoint to the process of this server on ``port``;
    its answer, or 404 if that process is gone (the page then stops: its form is gone too)."""
    headers = {name: request.headers[name] for name in _UPLOAD_HEADERS if name in request.headers}
    body = request.body if request.method == 'POST' else None
    try:
        response = await tornado.httpclient.AsyncHTTPClient().fetch(
            'http://127.0.0.1:%d%s' % (port, request.uri), method=request.method, headers=headers, body=body,
            raise_error=False, follow_redirects=False, request_timeout=60)
    except Exception as error:
        logger.info('could not forward an upload to the process on port %d: %s', port, error)
        return 404, {'Content-Type': 'application/json', 'Cache-Control': 'no-store'}, b'{"error": "the form is gone"}'
    kept = {name: value for name, value in response.headers.get_all()
            if name.lower() in ('content-type', 'cache-control', 'access-control-allow-origin', 'vary',
                                'access-control-allow-methods', 'access-control-allow-headers',
                                'access-control-max-age', 'allow')}
    return response.code, kept, response.body or b''


async def forward_upload_message(request: 'tornado.httputil.HTTPServerRequest', port: int, message: bytes) -> str:
    """A message of an upload socket for a form of the process of this server on ``port``: sent
    there as the one request of the upload endpoint it stands for; the answer as the socket gives it."""
    length = int.from_bytes(message[:4], 'big') if len(message) >= 4 else 0
    try:
        described = json.loads(message[4:4 + length].decode('utf-8'))
        secret, chunk = described['secret'], described['chunk']
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        secret, chunk = '', None
    headers = {name: request.headers[name] for name in ('Origin', 'Host') if name in request.headers}
    headers.update({'Content-Type': 'application/octet-stream', 'X-PyWebIO-Secret': str(secret),
                    'X-PyWebIO-Chunk': quote(json.dumps(chunk))})
    key = request.query_arguments.get('pywebio_upload', [b''])[0].decode('utf-8', 'replace')
    try:
        response = await tornado.httpclient.AsyncHTTPClient().fetch(
            'http://127.0.0.1:%d%s?pywebio_upload=%s' % (port, request.path, quote(key)), method='POST',
            headers=headers, body=message[4 + length:], raise_error=False, follow_redirects=False, request_timeout=60)
        answer = json.loads(response.body or b'{}')
        status = response.code
    except Exception as error:
        logger.info('could not forward an upload to the process on port %d: %s', port, error)
        answer, status = {'error': 'the form is gone'}, 404
    return json.dumps(dict(answer, status=status), ensure_ascii=False)

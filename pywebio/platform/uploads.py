"""The upload endpoint: file chunks over plain HTTP, beside the session's connection.

A page sends the bytes of its files to the API URL with ``?pywebio_upload=<key>``, one chunk of
at most 960 KiB per ``POST`` (docs/protocol.md, *Uploading files*). HTTP rather than the
WebSocket, because a browser deflates every byte of a WebSocket frame (a 50 MB file took three
times as long), and because a chunk under 1 MiB passes any proxy with its default body limit.
The key names an open form of a session (`pywebio.session.uploads.TaskUploads`), and the secret
in the ``X-PyWebIO-Secret`` header proves the request comes from that form's page.

Each platform module only routes the request here and sends the answer back::

    if is_upload_request(query):
        status, headers, body = answer_upload(
            method=request.method, key=query['pywebio_upload'], origin=..., host=...,
            header=request.headers.get, body=<the body, or None if over MAX_UPLOAD_BODY>,
            is_origin_allowed=origin_checker)

`answer_upload` stores the chunk before it answers (a few hundred microseconds for the write of a
chunk into the page cache): the page sends its ``form_submit`` only once every chunk is answered,
so the form finds every byte when it reads the files. Under `start_server(processes=N)` a chunk
for a form of another process is forwarded to it (`forward_upload`), as a resume is relayed.
"""
import json
import logging
from typing import Any, Callable, Dict, Mapping, Optional, Tuple
from urllib.parse import quote, unquote

from ..session.base import ProtocolError
from ..session.uploads import MAX_CHUNK, find

logger = logging.getLogger(__name__)

__all__ = ['UPLOAD_QUERY', 'MAX_UPLOAD_BODY', 'MAX_UPLOAD_MESSAGE', 'UPLOAD_SOCKET_IDLE', 'is_upload_request', 'answer_upload',
           'answer_upload_message']

#: The URL parameter that makes a request to the API URL one for the upload endpoint.
UPLOAD_QUERY = 'pywebio_upload'

#: The largest body the endpoint reads: one chunk. Anything longer is refused unread.
MAX_UPLOAD_BODY = MAX_CHUNK

#: The longest ``X-PyWebIO-Chunk`` header taken (characters): a description with a long filename.
_MAX_HEADER = 16 * 1024

_ALLOWED_HEADERS = 'Content-Type, X-PyWebIO-Secret, X-PyWebIO-Chunk'

#: ``(status, headers, body)``.
UploadAnswer = Tuple[int, Dict[str, str], bytes]


def is_upload_request(query: Mapping[str, Any]) -> bool:
    """Whether a request with URL parameters ``query`` is for the upload endpoint."""
    return UPLOAD_QUERY in query


def _json(status: int, answer: Dict[str, Any], headers: Dict[str, str]) -> UploadAnswer:
    headers = dict(headers, **{'Content-Type': 'application/json', 'Cache-Control': 'no-store'})
    return status, headers, json.dumps(answer, ensure_ascii=False).encode('utf-8')


def answer_upload(*, method: str, key: Any, origin: str, host: str, header: Callable[[str], Optional[str]],
                  body: Optional[bytes], is_origin_allowed: Callable[[str, str], bool]) -> UploadAnswer:
    """Answer one request of the upload endpoint.

    :param key: the value of the ``pywebio_upload`` URL parameter.
    :param header: the request's header of a name, or None (case-insensitive, as frameworks give them).
    :param body: the request's body, or None when it is longer than `MAX_UPLOAD_BODY`.
    :param is_origin_allowed: the entry's origin check, ``(origin, host) -> bool``.
    """
    # a browser sends Origin with every POST and every preflight: none, or a refused one, is not
    # a page of this app (a cross-origin page the deployment allows gets CORS headers back)
    if not origin or not is_origin_allowed(origin, host):
        logger.warning('refused an upload from origin %r for host %r', origin, host)
        return _json(403, {'error': 'origin not allowed'}, {})
    cors = {'Access-Control-Allow-Origin': origin, 'Vary': 'Origin'}
    method = method.upper()
    if method == 'OPTIONS':
        return 204, dict(cors, **{'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': _ALLOWED_HEADERS,
                                  'Access-Control-Max-Age': '600', 'Cache-Control': 'no-store'}), b''
    if method != 'POST':
        return _json(405, {'error': 'use POST'}, dict(cors, Allow='POST, OPTIONS'))
    task, refusal = find(key, header('X-PyWebIO-Secret'))
    if task is None:
        if refusal == 'secret':
            return _json(403, {'error': 'wrong secret'}, cors)
        return _json(404, {'error': 'no form takes uploads with this key'}, cors)
    try:
        chunk = _chunk_header(header('X-PyWebIO-Chunk'))
        if body is None:
            raise ProtocolError('an upload chunk over %d bytes' % MAX_UPLOAD_BODY)
        status, answer = task.receive(chunk, body)
    except ProtocolError as error:
        # the page holds the secret: a request it would never send is a forged or broken page
        task.abort(error)
        return _json(400, {'error': 'invalid message: %s' % error}, cors)
    return _json(status, answer, cors)


#: An upload socket that sends nothing for this long is closed (seconds): the page sends its next
#: request as soon as the last is answered, and a socket that holds no session must not be a
#: cheap way to hold a connection open.
UPLOAD_SOCKET_IDLE = 60.0

#: The largest message of an upload socket: a chunk, and its JSON description.
MAX_UPLOAD_MESSAGE = MAX_UPLOAD_BODY + _MAX_HEADER + 4


def answer_upload_message(message: Any, *, key: Any, origin: str, host: str,
                          is_origin_allowed: Callable[[str, str], bool]) -> str:
    """Answer one message of an *upload socket*: the page's fallback where POST does not reach the
    API's handler (an aiohttp app that routes only GET to it, as PyWebIO 1.x's documentation
    shows). A binary message is a 4-byte big-endian length ``n``, ``n`` bytes of JSON ``{"secret":
    S, "chunk": {...}}``, then the body; the answer, a text message, is the JSON answer of the
    same request over HTTP with its ``status`` added (docs/protocol.md, *Uploading files*)."""
    secret, chunk, body = None, None, None
    if isinstance(message, (bytes, bytearray)) and 4 <= len(message) <= MAX_UPLOAD_MESSAGE:
        length = int.from_bytes(message[:4], 'big')
        try:
            request = json.loads(bytes(message[4:4 + length]).decode('utf-8')) if length <= _MAX_HEADER else None
        except (ValueError, UnicodeDecodeError):
            request = None
        if isinstance(request, dict):
            secret, chunk = request.get('secret'), request.get('chunk')
            body = bytes(message[4 + length:])
    headers = {'x-pywebio-secret': secret if isinstance(secret, str) else None,
               'x-pywebio-chunk': quote(json.dumps(chunk)) if chunk is not None else None}
    status, _, answer = answer_upload(method='POST', key=key, origin=origin, host=host,
                                      header=lambda name: headers.get(name.lower()), body=body,
                                      is_origin_allowed=is_origin_allowed)
    return json.dumps(dict(json.loads(answer), status=status), ensure_ascii=False)


def _chunk_header(raw: Optional[str]) -> Any:
    if not raw or len(raw) > _MAX_HEADER:
        raise ProtocolError('an upload without a valid X-PyWebIO-Chunk header')
    try:
        return json.loads(unquote(raw, errors='strict'))
    except (ValueError, UnicodeDecodeError):
        raise ProtocolError('an upload whose X-PyWebIO-Chunk header is not JSON') from None

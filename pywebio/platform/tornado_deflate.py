"""permessage-deflate for Tornado WebSocket connections that keeps almost no state per session,
and the check that falls back to Tornado's own compression when it cannot work.

Tornado keeps a compressor (about 256 KiB) and a decompressor (about 40 KiB) per connection for
the connection's whole life. `LeanDeflateProtocol` compresses the messages of every connection a
thread serves with one `SharedDeflater`, sends small messages uncompressed, asks the browser to
compress with a 512-byte window, and inflates what the browser sends with a `WindowInflater`, so
an idle session holds no zlib state at all
(docs/performance.md). `pywebio.platform.tornado` makes one per connection with `lean_protocol`
and writes through `write_text`, which serve either kind of connection.

To do that it overrides private parts of Tornado's ``WebSocketProtocol13``:
``_parse_extensions_header``, ``_create_compressors``, ``_get_compressor_options``,
``_write_frame``, ``_message_bytes_out``, ``RSV1``, the ``_max_wbits``, ``_compression_level``
and ``_mem_level`` of Tornado's compressor, and ``tornado.websocket._WebSocketParams``; and,
through `ReadableCloseProtocol` (pywebio/platform/tornado_close.py, which makes the browser read
close codes 1007 and 1009), ``_handle_message``, ``_run_callback``, ``_abort`` and the
``server_terminated``/``client_terminated`` flags. They are
the same in every Tornado from 6.0 to 6.6 (setup.py allows ``>=6.1,<7``: docs/deploy.md); any
release may change them. So before the first connection uses them, `lean_deflate_works` runs the
protocol once against a stand-in stream (a browser's offer, a large and a small message, read
back and inflated). If anything is missing or behaves otherwise, it logs one warning and every
connection gets Tornado's own ``WebSocketProtocol13`` instead: the same protocol for the browser,
more memory per session, and an oversized or non-UTF-8 frame may reach the page as 1006.
"""
import logging
import struct
import threading
import zlib
from typing import Any, List, Optional, Tuple

import tornado
import tornado.httputil
import tornado.iostream
import tornado.websocket

from .tornado_close import ReadableCloseProtocol

logger = logging.getLogger(__name__)

#: The window the browser may use to compress what it sends (2**9 bytes): its messages are small.
CLIENT_WINDOW_BITS = 9

#: Messages shorter than this (in characters) are sent uncompressed.
COMPRESS_FROM_BYTES = 1024

#: What writing to a connection that is gone raises, or fails its future with, on either protocol.
CONNECTION_GONE = (tornado.iostream.StreamClosedError, tornado.websocket.WebSocketClosedError)

#: RFC 7692: the four bytes a deflate flush ends with, which a sender drops and a receiver adds.
DEFLATE_TAIL = b'\x00\x00\xff\xff'


class SharedDeflater:
    """Compress WebSocket messages of every connection a thread serves with one zlib compressor.

    Each message ends with a full flush, which resets the compressor's history, so a message never
    refers to an earlier one (of its own connection or another) and any browser can inflate it as
    RFC 7692 requires. Creating a compressor per message instead costs about 50 microseconds (it
    allocates some 256 KiB); keeping one per connection costs that memory for the session's life.
    Compressors are per thread, because zlib objects are not thread-safe, and per window size and
    level, because a browser may ask for a smaller window.
    """

    _local = threading.local()

    def __init__(self, window_bits: int, level: int, mem_level: int) -> None:
        self._key = (window_bits, level, mem_level)

    def compress(self, data: bytes) -> bytes:
        compressors = getattr(self._local, 'compressors', None)
        if compressors is None:
            compressors = self._local.compressors = {}
        compressor = compressors.get(self._key)
        if compressor is None:
            window_bits, level, mem_level = self._key
            compressor = compressors[self._key] = zlib.compressobj(level, zlib.DEFLATED, -window_bits,
                                                                   mem_level)
        data = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
        return data[:-4]  # the empty stored block every flush ends with; RFC 7692 drops it


class WindowInflater(tornado.websocket._PerMessageDeflateDecompressor):
    """Inflate a connection's messages, keeping between them only their last window of plain text.

    A browser compresses its messages as one stream (context takeover): a message may refer to
    the last ``2**max_wbits`` bytes of the ones before. A zlib decompressor kept for that costs
    about 7.5 KiB for the whole life of the connection, even with a 512-byte window. Here each
    message gets a decompressor of its own, given those last bytes as its preset dictionary
    (which is what the window of a continuing stream holds), and only the bytes stay. Asking the
    browser for ``client_no_context_takeover`` instead would save the bytes too, but Tornado's
    own client drops that parameter when it parses the answer and would break.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **dict(kwargs, persistent=False))  # checks the window size
        self._window = b''

    def decompress(self, data: bytes) -> bytes:
        if self._window:
            inflater = zlib.decompressobj(-self._max_wbits, zdict=self._window)
        else:
            inflater = zlib.decompressobj(-self._max_wbits)
        result = inflater.decompress(data + DEFLATE_TAIL, self._max_message_size)
        if inflater.unconsumed_tail:
            raise tornado.websocket._DecompressTooLargeError()
        size = 1 << self._max_wbits
        # the last bytes only: a long message alone fills the window, without copying it whole
        self._window = result[-size:] if len(result) >= size else (self._window + result)[-size:]
        return result


class LeanDeflateProtocol(ReadableCloseProtocol):
    """permessage-deflate that keeps almost no compression state per connection.

    Every connection a thread serves shares one `SharedDeflater`, so an idle session holds no
    compressor; a burst of outputs is one message and still compresses well. When the browser
    offers ``client_max_window_bits`` (all major browsers do), the server asks it to use a
    512-byte window, and a `WindowInflater` keeps that window as plain bytes, not as a zlib
    object.
    """

    def _parse_extensions_header(self, headers: Any) -> List[Any]:
        extensions = super()._parse_extensions_header(headers)
        offer = headers.get('Sec-WebSocket-Extensions', '')
        for name, params in extensions:
            if name == 'permessage-deflate' and 'client_max_window_bits' in offer:
                offered = params.get('client_max_window_bits')
                bits = min(int(offered), CLIENT_WINDOW_BITS) if offered else CLIENT_WINDOW_BITS
                params['client_max_window_bits'] = str(bits)
        return extensions

    def _create_compressors(self, side: str, agreed_parameters: Any,
                            compression_options: Any = None) -> None:
        super()._create_compressors(side, agreed_parameters, compression_options)
        tornado_compressor = self._compressor  # validated options, and no zlib object (not persistent)
        self._compressor = SharedDeflater(tornado_compressor._max_wbits,
                                          tornado_compressor._compression_level,
                                          tornado_compressor._mem_level)
        decompressor = self._decompressor  # validated options
        self._decompressor = WindowInflater(persistent=False, max_wbits=decompressor._max_wbits,
                                            max_message_size=decompressor._max_message_size)

    def send_text(self, text: str) -> 'Any':
        """Write one text message; return the stream's write future.

        Lighter than ``write_message``, which wraps every write in an asyncio task. Raises (or the
        future fails with) ``StreamClosedError`` when the connection is gone.
        """
        data = text.encode('utf-8')
        self._message_bytes_out += len(data)
        if self._compressor is not None and len(data) >= COMPRESS_FROM_BYTES:
            return self._write_frame(True, 0x1, self._compressor.compress(data), flags=self.RSV1)
        # RFC 7692 lets a sender leave any message uncompressed: a small one would gain a few
        # bytes of a packet that is sent anyway, and cost the round trip compression time
        return self._write_frame(True, 0x1, data)

    def _get_compressor_options(self, side: str, agreed_parameters: Any,
                                compression_options: Any = None) -> Any:
        options = super()._get_compressor_options(side, agreed_parameters, compression_options)
        # no zlib object per connection on either side, not even one made and replaced at once:
        # SharedDeflater compresses, WindowInflater inflates (`_create_compressors`)
        options['persistent'] = False
        return options


def lean_protocol(handler: tornado.websocket.WebSocketHandler) -> LeanDeflateProtocol:
    """A `LeanDeflateProtocol` for ``handler``'s connection, with the handler's settings (as
    ``WebSocketHandler.get_websocket_protocol`` makes Tornado's own). Only after
    `lean_deflate_works` said yes."""
    params = tornado.websocket._WebSocketParams(
        ping_interval=handler.ping_interval, ping_timeout=handler.ping_timeout,
        max_message_size=handler.max_message_size, compression_options=handler.get_compression_options())
    return LeanDeflateProtocol(handler, False, params)


def write_text(handler: tornado.websocket.WebSocketHandler, text: str) -> Any:
    """Write one text message to ``handler``'s connection; return a future of the write.

    Raises, or the future fails with, one of `CONNECTION_GONE` when the connection is gone.
    """
    protocol = handler.ws_connection
    if isinstance(protocol, LeanDeflateProtocol):
        return protocol.send_text(text)
    return handler.write_message(text)  # the fallback: Tornado's own protocol and compression


# -- the check -------------------------------------------------------------------------------------

_check_lock = threading.Lock()
_verdict: Optional[bool] = None


def lean_deflate_works() -> bool:
    """Whether `LeanDeflateProtocol` works with the installed Tornado; checked once per process.

    When it does not, one warning says why, and connections use Tornado's own protocol.
    """
    global _verdict
    with _check_lock:
        if _verdict is None:
            try:
                _rehearse()
                _verdict = True
            except Exception as error:  # anything at all: the private code is not what we know
                logger.warning('Tornado %s does not have the private WebSocket code that PyWebIO\'s lean '
                               'compression overrides (%s: %s): using Tornado\'s own compression, which keeps '
                               'a compressor per session. PyWebIO supports Tornado>=6.1,<7 (docs/deploy.md).',
                               tornado.version, type(error).__name__, error)
                _verdict = False
        return _verdict


class _RecordingStream:
    """Stands in for the connection's ``IOStream``: keeps what is written."""

    def __init__(self) -> None:
        self.written: List[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(bytes(data))


class _StandInHandler:
    """The settings `lean_protocol` reads from a handler, as a server's would be."""

    ping_interval = ping_timeout = None
    max_message_size = 1 << 20

    def get_compression_options(self) -> dict:
        return {}


def _rehearse() -> None:
    """Run `LeanDeflateProtocol` as a connection would, without a connection; raise if it fails.

    A browser's offer is negotiated, then a large and a small message are written to a stand-in
    stream and read back: the large one must inflate alone, the small one come uncompressed.
    """
    for hook in ('_handle_message', '_run_callback', '_abort'):  # what ReadableCloseProtocol extends
        if not callable(getattr(tornado.websocket.WebSocketProtocol13, hook, None)):
            raise AttributeError('WebSocketProtocol13 has no %s' % hook)
    protocol = lean_protocol(_StandInHandler())  # type: ignore[arg-type]
    for flag in ('server_terminated', 'client_terminated'):
        if not isinstance(getattr(protocol, flag, None), bool):
            raise AttributeError('WebSocketProtocol13 has no %s flag' % flag)
    offer = tornado.httputil.HTTPHeaders({'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits'})
    extensions = protocol._parse_extensions_header(offer)
    expected = [('permessage-deflate', {'client_max_window_bits': str(CLIENT_WINDOW_BITS)})]
    if extensions != expected:
        raise AssertionError('a browser\'s offer reads as %r, expected %r' % (extensions, expected))
    protocol._create_compressors('server', extensions[0][1], {})
    if not isinstance(protocol._compressor, SharedDeflater):
        raise AssertionError('the compressor is %r, expected a SharedDeflater' % (protocol._compressor,))
    if not isinstance(protocol._decompressor, WindowInflater) or protocol._decompressor._decompressor is not None:
        raise AssertionError('the decompressor is %r, expected a WindowInflater' % (protocol._decompressor,))
    browser = zlib.compressobj(6, zlib.DEFLATED, -CLIENT_WINDOW_BITS)  # one stream, as a browser's
    for event in (b'{"event":"form_submit","task_id":"1"}', b'{"event":"form_submit","task_id":"2"}'):
        message = (browser.compress(event) + browser.flush(zlib.Z_SYNC_FLUSH))[:-4]
        if protocol._decompressor.decompress(message) != event:
            raise AssertionError('a browser\'s compressed messages do not inflate')
    stream = _RecordingStream()
    protocol.stream = stream  # type: ignore[assignment]
    large, small = '["%s"]' % ('output ' * COMPRESS_FROM_BYTES), '[]'
    protocol.send_text(large)
    protocol.send_text(small)
    frames = [_read_frame(frame) for frame in stream.written]
    if frames != [(True, large), (False, small)]:
        raise AssertionError('the frames written read back as %r' % ([(c, t[:20]) for c, t in frames],))
    if protocol._message_bytes_out != len(large) + len(small):
        raise AssertionError('_message_bytes_out counts %r' % (protocol._message_bytes_out,))


def _read_frame(frame: bytes) -> Tuple[bool, str]:
    """(compressed, text) of an unmasked, final text frame, as a browser reads it."""
    first, second = frame[0], frame[1]
    if first & 0x8f != 0x81 or second & 0x80:
        raise AssertionError('not an unmasked final text frame: %r' % frame[:2])
    length, offset = second & 0x7f, 2
    if length == 126:
        length, offset = struct.unpack('!H', frame[2:4])[0], 4
    elif length == 127:
        length, offset = struct.unpack('!Q', frame[2:10])[0], 10
    payload = frame[offset:offset + length]
    compressed = bool(first & 0x40)  # RSV1
    if compressed:
        payload = zlib.decompressobj(-zlib.MAX_WBITS).decompress(payload + DEFLATE_TAIL)
    return compressed, payload.decode('utf-8')

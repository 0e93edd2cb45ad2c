"""What an idle connection keeps instead of Tornado's objects (issue 28, docs/performance.md *What
makes an idle session small*): the browser's compression window as bytes, the handshake's
headers as text, and queues that hold nothing while empty. Each must behave as what it replaces."""
import zlib

import pytest
import tornado.httputil
import tornado.websocket

from pywebio.platform.tornado_deflate import DEFLATE_TAIL, WindowInflater
from pywebio.platform.tornado_headers import FoldedHeaders, fold
from pywebio.platform.utils import Fifo


def browser_stream(window_bits=9):
    """Messages compressed as a browser does: one stream for the connection (context takeover)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -window_bits)

    def message(data):
        compressed = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
        assert compressed.endswith(DEFLATE_TAIL)
        return compressed[:-4]
    return message


def test_every_message_of_a_stream_inflates_though_later_ones_refer_to_earlier_ones():
    message = browser_stream()
    inflater = WindowInflater(persistent=False, max_wbits=9, max_message_size=1 << 20)
    event = b'{"event":"form_submit","task_id":"%d","data":{"data":"hello"}}'
    sent = [event % 1, event % 2, b'x' * 3000 + event % 3, event % 4, b'', event % 5]
    for data in sent:
        assert inflater.decompress(message(data)) == data
        assert len(inflater._window) <= 512
    assert len(message(event % 6)) < len(event % 6) // 2  # it did refer back: the test means something
    assert inflater._decompressor is None  # no zlib object between messages


def test_a_message_larger_than_the_limit_is_refused_as_tornado_refuses_it():
    message = browser_stream()
    inflater = WindowInflater(persistent=False, max_wbits=9, max_message_size=1000)
    with pytest.raises(tornado.websocket._DecompressTooLargeError):
        inflater.decompress(message(b'y' * 5000))


def request_headers():
    headers = tornado.httputil.HTTPHeaders()
    headers.add('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120')
    headers.add('Cookie', 'a=1')
    headers.add('Cookie', 'b=2')
    headers.add('Accept-Language', 'de-DE,de;q=0.9')
    return headers


def test_folded_headers_read_as_the_headers_they_replace():
    original = request_headers()
    folded = fold(original)
    assert set(vars(folded)) == {'_folded_text'}  # nothing parsed until a read
    assert folded['user-agent'] == original['User-Agent']
    assert folded.get_list('Cookie') == ['a=1', 'b=2']
    assert list(folded.get_all()) == list(original.get_all())
    assert 'Accept-Language' in folded and 'X-Missing' not in folded
    assert dict(folded.copy()) == dict(original)
    folded.add('X-Later', 'yes')  # still an ordinary, writable HTTPHeaders
    assert folded['X-Later'] == 'yes'
    assert fold(folded) is folded
    assert isinstance(folded, FoldedHeaders) and isinstance(folded, tornado.httputil.HTTPHeaders)


def test_a_missing_attribute_of_folded_headers_is_an_attribute_error():
    folded = fold(request_headers())
    with pytest.raises(AttributeError):
        folded.no_such_attribute


def test_fifo_takes_items_in_order_and_lets_go_of_its_room():
    fifo = Fifo()
    assert not fifo and len(fifo) == 0
    with pytest.raises(IndexError):
        fifo.popleft()
    for number in range(300):
        fifo.append(number)
    taken = [fifo.popleft() for _ in range(200)]  # past 64 taken, the list is compacted
    assert taken == list(range(200))
    assert len(fifo) == 100 and fifo.first() == 200 and fifo.last() == 299
    assert list(fifo) == list(range(200, 300))
    fifo.append(300)
    assert [fifo.popleft() for _ in range(101)] == list(range(200, 301))
    assert not fifo and fifo._items == []  # empty again: no room kept
    fifo.append('a')
    fifo.clear()
    assert len(fifo) == 0 and list(fifo) == []


def test_a_user_agent_is_parsed_once_per_string_and_a_long_one_is_not_kept():
    from pywebio.platform.utils import SHARED_USER_AGENT_CHARS, parse_user_agent
    chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'
    assert parse_user_agent(chrome) is parse_user_agent(chrome)
    assert parse_user_agent(chrome).browser.family == 'Chrome'
    long = chrome + ' x' * SHARED_USER_AGENT_CHARS
    assert parse_user_agent(long) is not parse_user_agent(long)


def test_fifo_is_indexed_from_either_end_as_a_deque():
    fifo = Fifo()
    with pytest.raises(IndexError):
        fifo[0]
    for number in range(100):
        fifo.append(number)
    for _ in range(70):  # past 64 taken: the list is compacted, the indices still count from the head
        fifo.popleft()
    assert (fifo[0], fifo[1], fifo[-1], fifo[-30]) == (70, 71, 99, 70)
    with pytest.raises(IndexError):
        fifo[30]
    with pytest.raises(IndexError):
        fifo[-31]


def test_a_lightened_tornado_stream_writes_every_byte_in_order_and_settles_each_write():
    """`lighten` swaps a real IOStream's write queues for Fifo: small writes (joined into one
    buffer), large ones (kept as views) and a burst the socket cannot take at once all arrive, in
    order, and each write's future is done once its bytes are out."""
    import asyncio
    import socket

    import tornado.iostream

    from pywebio.platform.tornado_stream import lighten

    async def run():
        ours, theirs = socket.socketpair()
        ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)  # so the burst has to wait
        theirs.setblocking(False)
        stream = tornado.iostream.IOStream(ours)
        lighten(stream)
        assert type(stream._write_buffer._buffers) is Fifo and type(stream._write_futures) is Fifo
        pieces = [b'small %d;' % i for i in range(50)] + [bytes([i % 251]) * 5000 for i in range(40)]
        futures = [stream.write(piece) for piece in pieces]
        received = bytearray()
        loop = asyncio.get_running_loop()
        while len(received) < sum(map(len, pieces)):
            received += await asyncio.wait_for(loop.sock_recv(theirs, 1 << 16), 5)
        await asyncio.wait_for(asyncio.gather(*futures), 5)
        assert bytes(received) == b''.join(pieces)
        assert not stream._write_buffer._buffers and not stream._write_futures
        stream.close()
        theirs.close()

    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # a loop of its own, whatever this thread has
        pool.submit(asyncio.run, run()).result(timeout=30)


def test_lighten_leaves_a_stream_with_something_queued_or_unknown_queues_alone():
    import collections
    import types

    from pywebio.platform.tornado_stream import lighten

    queued = collections.deque([(False, bytearray(b'x'))])
    stream = types.SimpleNamespace(_write_buffer=types.SimpleNamespace(_buffers=queued), _write_futures=[])
    lighten(stream)
    assert stream._write_buffer._buffers is queued and stream._write_futures == []
    lighten(None)  # no stream at all: nothing to do

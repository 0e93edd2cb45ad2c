"""The server's permessage-deflate compressor, shared by every connection of a thread."""
import threading
import zlib

from pywebio.platform.tornado_deflate import SharedDeflater

TAIL = b'\x00\x00\xff\xff'  # RFC 7692: the receiver appends it before inflating


def test_each_message_inflates_alone_although_connections_share_the_compressor():
    first, second = SharedDeflater(15, 6, 8), SharedDeflater(15, 6, 8)
    messages = [b'{"command":"output","spec":{"content":"line %d"}}' % i for i in range(50)]
    # a browser keeps its inflater across messages; a fresh one must do too (no history is used)
    kept = {first: zlib.decompressobj(-15), second: zlib.decompressobj(-15)}
    for number, message in enumerate(messages):
        deflater = first if number % 2 else second
        compressed = deflater.compress(message)
        assert zlib.decompressobj(-15).decompress(compressed + TAIL) == message
        assert kept[deflater].decompress(compressed + TAIL) == message


def test_a_burst_still_compresses_well():
    burst = b'[' + b','.join(b'{"command":"output","spec":{"type":"text","content":"line %d"}}' % i
                             for i in range(10000)) + b']'
    assert len(SharedDeflater(15, 6, 8).compress(burst)) < len(burst) / 10


def test_a_smaller_window_that_the_browser_asked_for_is_kept():
    message = b'abcdefgh' * 64 + b'0123456789' * 100 + b'abcdefgh' * 64
    compressed = SharedDeflater(9, 6, 8).compress(message)
    assert zlib.decompressobj(-9).decompress(compressed + TAIL) == message


def test_threads_do_not_share_a_zlib_object():
    deflater = SharedDeflater(15, 6, 8)
    message = b'x' * 100000 + b'y' * 100000
    failures = []

    def compress_many() -> None:
        for _ in range(50):
            if zlib.decompressobj(-15).decompress(deflater.compress(message) + TAIL) != message:
                failures.append('garbled')

    threads = [threading.Thread(target=compress_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []

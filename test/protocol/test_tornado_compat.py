"""PyWebIO's lean WebSocket compression overrides private Tornado code. With a Tornado whose
private code is not what it knows, every connection falls back to Tornado's own compression,
and one warning says so; the browser sees the same protocol."""
import asyncio
import concurrent.futures
import json
import zlib

import pytest
import tornado.websocket

from pywebio.input import input
from pywebio.output import put_text
from pywebio.platform import tornado_deflate

LONG = 'a line long enough to be compressed ' * 100  # over COMPRESS_FROM_BYTES


class RenamedCompressor(tornado.websocket._PerMessageDeflateCompressor):
    """Tornado's compressor as a later release might write it: its settings renamed, so the
    private attributes `LeanDeflateProtocol` reads are gone, while Tornado's own code works."""

    def __init__(self, persistent, max_wbits, compression_options=None):
        super().__init__(False, max_wbits, compression_options)
        self.settings = (self._compression_level, self._max_wbits, self._mem_level)
        del self._compression_level, self._max_wbits, self._mem_level
        self._compressor = self._create_compressor() if persistent else None

    def _create_compressor(self):
        level, window_bits, mem_level = self.settings
        return zlib.compressobj(level, zlib.DEFLATED, -window_bits, mem_level)


@pytest.fixture
def unchecked(monkeypatch):
    """The check runs again in this test (it runs once per process)."""
    monkeypatch.setattr(tornado_deflate, '_verdict', None)


def fallback_warnings(caplog):
    return [record for record in caplog.records if "using Tornado's own compression" in record.getMessage()]


def echo_task():
    put_text(LONG)
    put_text('you said ' + input('Say something'))


def converse(url, said):
    """Offer permessage-deflate as a browser does, answer the form; the extension the server
    accepted and the texts it showed."""
    async def run():
        connection = await tornado.websocket.websocket_connect(url, compression_options={})
        shown, form = [], None
        while form is None or not any(text.startswith('you said') for text in shown):
            frame = json.loads(await connection.read_message())
            for command in frame if isinstance(frame, list) else []:  # not the transport messages
                if command['command'] == 'output':
                    shown.append(command['spec']['content'])
                elif command['command'] == 'input_group':
                    form = command
                    connection.write_message(json.dumps({'event': 'form_submit', 'task_id': form['task_id'],
                                                         'data': {'data': said}}))
        connection.close()
        return connection.headers.get('Sec-WebSocket-Extensions'), shown

    # a thread of its own: Playwright's sync API keeps an event loop running in the main thread
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result(timeout=30)


def test_the_installed_tornado_runs_the_lean_compression(unchecked, caplog):
    assert tornado_deflate.lean_deflate_works()
    assert fallback_warnings(caplog) == []


def test_other_private_code_falls_back_to_tornados_compression_with_one_warning(serve_app, unchecked,
                                                                                  monkeypatch, caplog):
    monkeypatch.setattr(tornado.websocket, '_PerMessageDeflateCompressor', RenamedCompressor)
    server = serve_app(echo_task)
    for said in ('hello', 'again'):
        extensions, shown = converse(server.ws_url, said)
        assert extensions == 'permessage-deflate'  # Tornado's own answer: no small client window asked
        assert shown == [LONG, 'you said ' + said]
    [warning] = fallback_warnings(caplog)
    assert "AttributeError: 'RenamedCompressor' object has no attribute '_max_wbits'" in warning.getMessage()

"""The upload socket (docs/protocol.md, *Uploading files*): the page's way to upload where a POST
does not reach the API. On every WebSocket platform it answers the requests of the upload
endpoint, holds no session, and does not outlive `UPLOAD_SOCKET_IDLE` of silence."""
import asyncio
import concurrent.futures
import json
import time

import pytest
import tornado.httpclient
import tornado.websocket

from pywebio.input import file_upload
from pywebio.output import put_text
from test.ws_servers import SERVERS


def upload_task():
    put_text('got %r' % file_upload('Photo')['content'])


def message(secret, chunk, body=b''):
    described = json.dumps({'secret': secret, 'chunk': chunk}).encode()
    return len(described).to_bytes(4, 'big') + described + body


@pytest.mark.parametrize('platform', list(SERVERS))
def test_an_upload_socket_uploads_and_closes_when_idle(platform, monkeypatch):
    monkeypatch.setattr('pywebio.platform.%s.UPLOAD_SOCKET_IDLE' % platform, 0.5)
    chunk = {'field': 'data', 'file': 0, 'offset': 0, 'size': 3, 'filename': 'a.txt', 'mime_type': 'text/plain',
             'last_modified': None}
    with SERVERS[platform](upload_task) as server, server.connect() as client:
        form = client.expect('input_group')
        target = form['spec']['upload']
        origin = 'http://127.0.0.1:%d' % server.port

        async def talk():
            socket = await tornado.websocket.websocket_connect(tornado.httpclient.HTTPRequest(
                '%s?pywebio_upload=%s' % (server.ws_url, target['key']), headers={'Origin': origin}))
            answers = []
            for secret, body in (('x' * 43, b'abc'), (target['secret'], b'abc')):
                await socket.write_message(message(secret, chunk, body), binary=True)
                answers.append(json.loads(await socket.read_message()))
            began = time.monotonic()
            # None once the server closes the idle socket (a TimeoutError if it never does)
            closed = await asyncio.wait_for(socket.read_message(), 10)
            return answers, closed, time.monotonic() - began

        # a loop of its own, in a thread: the test process may run another loop in this thread
        with concurrent.futures.ThreadPoolExecutor(1) as thread:
            answers, closed, idle = thread.submit(asyncio.run, talk()).result(30)
        assert answers == [{'status': 403, 'error': 'wrong secret'}, {'status': 200, 'stored': 3}]
        assert closed is None and idle < 5
        client.submit(form, {'data': [{'filename': 'a.txt', 'mime_type': 'text/plain', 'size': 3,
                                       'last_modified': None}]})
        assert client.expect('output')['spec']['content'] == "got b'abc'"

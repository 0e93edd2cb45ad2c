"""A session's ``info.request.headers`` are the handshake's, whenever the task reads them: the
server keeps them folded as text while the session is idle (pywebio/platform/tornado_headers.py),
and keeps nothing of the handshake that is not read again."""
import asyncio
import concurrent.futures
import gc
import json

import tornado.httpclient
import tornado.websocket

from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import info as session_info


def headers_task():
    input('Ready?')  # the connection has been idle, its headers folded, by the time of this read
    headers = session_info.request.headers
    put_text('probe=%s cookies=%s' % (headers.get('X-Probe'), headers.get_list('Cookie')))


async def headers_coroutine_task():
    await input('Ready?')
    headers = session_info.request.headers
    put_text('probe=%s cookies=%s' % (headers.get('X-Probe'), headers.get_list('Cookie')))


def shown_after_submit(url):
    async def run():
        request = tornado.httpclient.HTTPRequest(url, headers={'X-Probe': 'seen', 'Cookie': 'a=1; b=2'})
        connection = await tornado.websocket.websocket_connect(request, compression_options={})
        try:
            while True:
                frame = json.loads(await connection.read_message())
                for command in frame if isinstance(frame, list) else []:
                    if command['command'] == 'input_group':
                        connection.write_message(json.dumps({'event': 'form_submit', 'task_id': command['task_id'],
                                                             'data': {'data': ''}}))
                    elif command['command'] == 'output':
                        return command['spec']['content']
        finally:
            connection.close()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result(timeout=30)


def test_a_thread_session_reads_the_handshake_headers_after_idling(serve_app):
    server = serve_app(headers_task)
    assert shown_after_submit(server.ws_url) == "probe=seen cookies=['a=1; b=2']"


def test_a_coroutine_session_reads_the_handshake_headers_after_idling(serve_app):
    server = serve_app(headers_coroutine_task)
    assert shown_after_submit(server.ws_url) == "probe=seen cookies=['a=1; b=2']"


def kept_request_readers_task():
    input('Ready?')
    gc.collect()
    # type(), not isinstance(): some objects (Django's lazy settings) raise when asked their class
    kept = [task for task in gc.get_objects() if type(task) is asyncio.Task and task.done()
            and getattr(task.get_coro(), '__qualname__', '') == 'HTTP1ServerConnection._server_request_loop']
    put_text('kept=%d' % len(kept))


def test_the_finished_task_that_read_the_handshake_is_not_kept_for_the_connections_life(serve_app):
    """Tornado's request keeps its server connection, which keeps the task that read the request
    (with its context) after the upgrade; the session's connection lets go of it."""
    server = serve_app(kept_request_readers_task)
    assert shown_after_submit(server.ws_url) == 'kept=0'

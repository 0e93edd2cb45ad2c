"""An app served over WebSocket by each platform, in this process, on a free port of 127.0.0.1.

``SERVERS[platform](task, **options)`` is a context manager giving an object with ``ws_url``,
``url`` and ``connect()`` (a `pywebio.testing.WebIOClient`), as `pywebio.testing.serve` does for
Tornado. aiohttp and uvicorn run on an event loop in a thread of their own.
"""
import asyncio
import contextlib
import socket
import threading

from pywebio.testing import WebIOClient, serve as serve_tornado


class RunningServer:
    def __init__(self, port):
        self.port = port
        self.url = 'http://127.0.0.1:%d/' % port
        self.ws_url = 'ws://127.0.0.1:%d/io' % port

    def connect(self, **kwargs):
        return WebIOClient(self.ws_url, **kwargs)


@contextlib.contextmanager
def _on_loop_thread(start):
    """Run ``await start()`` -> ``(port, stop)`` on a new loop in a thread; ``await stop()`` at the end."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True, name='test-server')
    thread.start()
    port, stop = asyncio.run_coroutine_threadsafe(start(), loop).result(30)
    try:
        yield RunningServer(port)
    finally:
        asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def serve_aiohttp(task, page=False, **options):
    """``task`` at /io of an aiohttp app; with ``page``, the app of `start_server` (`make_app`:
    the page at /, the frontend...)."""
    from aiohttp import web

    from pywebio.platform.aiohttp import make_app, webio_handler

    async def start():
        if page:
            app = make_app(task, **options)
        else:
            app = web.Application()
            app.add_routes([web.route('*', '/io', webio_handler(task, **options))])  # POST: uploads
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, '127.0.0.1', 0)
        await site.start()
        return runner.addresses[0][1], runner.cleanup

    return _on_loop_thread(start)


def serve_fastapi(task, **options):
    """The app of `asgi_app` under uvicorn with its default settings (as ``uvicorn module:app``)."""
    import uvicorn

    from pywebio.platform.fastapi import asgi_app

    async def start():
        sock = socket.socket()
        sock.bind(('127.0.0.1', 0))
        server = uvicorn.Server(uvicorn.Config(asgi_app(task, **options), log_level='warning'))
        serving = asyncio.ensure_future(server.serve(sockets=[sock]))
        while not server.started:  # uvicorn has no event for it
            if serving.done():
                serving.result()
            await asyncio.sleep(0.01)

        async def stop():
            server.should_exit = True
            await serving
        return sock.getsockname()[1], stop

    return _on_loop_thread(start)


SERVERS = {'tornado': serve_tornado, 'aiohttp': serve_aiohttp, 'fastapi': serve_fastapi}

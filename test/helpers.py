"""Small helpers for tests that run apps in their own processes (or in threads of this one)."""
import asyncio
import contextlib
import socket
import threading
import time


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout=20, what='condition'):
    """Poll ``condition`` until it returns something true; AssertionError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError('timed out waiting for ' + what)


def accepts(port: int) -> bool:
    try:
        socket.create_connection(('127.0.0.1', port), timeout=1).close()
        return True
    except OSError:
        return False


@contextlib.contextmanager
def serve_platform(platform: str, task, **options):
    """Serve ``task`` with ``platform`` ('tornado', 'aiohttp' or 'fastapi') in this process, on a
    free port of 127.0.0.1, for a ``with`` block; yields a `pywebio.testing.TestServer`."""
    from pywebio.testing import TestServer, serve
    if platform == 'tornado':
        with serve(task, **options) as server:
            yield server
        return
    port = free_port()
    started = threading.Event()
    stop: dict = {}

    def run_aiohttp():
        from aiohttp import web
        from pywebio.platform.aiohttp import make_app

        async def main():
            runner = web.AppRunner(make_app(task, **options))
            await runner.setup()
            await web.TCPSite(runner, '127.0.0.1', port).start()
            stop['event'] = asyncio.Event()
            stop['loop'] = asyncio.get_running_loop()
            started.set()
            await stop['event'].wait()
            await runner.cleanup()
        asyncio.run(main())

    def run_fastapi():
        import uvicorn
        from pywebio.platform.fastapi import asgi_app
        server = uvicorn.Server(uvicorn.Config(asgi_app(task, **options), host='127.0.0.1', port=port,
                                               log_level='warning'))
        stop['server'] = server
        server.run()

    thread = threading.Thread(target=run_aiohttp if platform == 'aiohttp' else run_fastapi, daemon=True)
    thread.start()
    wait_for(lambda: accepts(port), what='%s to listen' % platform)

    class Background:
        url = 'http://127.0.0.1:%d/' % port

        def stop(self):
            if 'server' in stop:
                stop['server'].should_exit = True
            else:
                stop['loop'].call_soon_threadsafe(stop['event'].set)
            thread.join(10)

    Background.port = port
    server = TestServer(Background())
    try:
        yield server
    finally:
        server.stop()

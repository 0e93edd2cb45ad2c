"""Small helpers for tests that run apps in their own processes (or in threads of this one)."""
import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
APPS = ROOT / 'test' / 'apps'


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

@contextlib.contextmanager
def platform_servers(wanted, log_path, options=None):
    """Serve test/apps/platform_app.py once per ``(key, platform, form, args)`` of ``wanted``, each
    on a free port of 127.0.0.1 and with more arguments ``options`` for its entry; yields
    ``{key: (port, url)}`` once all listen, and stops them after. All start at once: each takes a
    second or two to import."""
    started = {}
    log = open(log_path, 'w')  # a file, not a pipe nobody reads: servers must never block on output
    for key, platform, form, args in wanted:
        port = free_port()
        process = subprocess.Popen([sys.executable, str(APPS / 'platform_app.py'), platform, str(port), *map(str, args)],
                                   cwd=str(ROOT), stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, 'PYTHONPATH': str(ROOT), 'PYWEBIO_TEST_FORM': form,
                                        'PYWEBIO_TEST_OPTIONS': json.dumps(options or {})})
        started[key] = (port, process)
    try:
        for key, (port, process) in started.items():
            wait_for(lambda: accepts(port) or process.poll() is not None, what='%s to listen' % key)
            assert process.poll() is None, Path(log_path).read_text()
        yield {key: (port, 'http://127.0.0.1:%d/' % port) for key, (port, _) in started.items()}
    finally:
        for _, process in started.values():
            process.kill()
            process.wait(timeout=30)
        log.close()

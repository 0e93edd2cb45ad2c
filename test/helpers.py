"""Small helpers for tests that run apps in their own processes."""
import contextlib
import json
import os
import socket
import subprocess
import sys
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

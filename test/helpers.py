"""Small helpers for tests that run apps in their own processes (or in threads of this one)."""
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).parents[1]
APPS = ROOT / 'test' / 'apps'


def websocket_api(page_url: str) -> str:
    """The WebSocket API of a page (``io`` beside it), with the page's query: script mode's token."""
    parts = urllib.parse.urlsplit(page_url)
    return urllib.parse.urlunsplit(('ws', parts.netloc, parts.path.rsplit('/', 1)[0] + '/io', parts.query, ''))


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


def serve_platform(platform: str, task, **options):
    """Serve ``task`` with ``platform``'s app of `start_server` ('tornado', 'aiohttp' or 'fastapi') in
    this process, on a port of 127.0.0.1 its server binds itself, for a ``with`` block; yields an
    object with ``port``, ``url``, ``ws_url`` and ``connect()``, as `pywebio.testing.serve` does."""
    from test.ws_servers import SERVERS, serve_aiohttp
    if platform == 'aiohttp':
        return serve_aiohttp(task, page=True, **options)
    return SERVERS[platform](task, **options)


def start_program(path, args=(), env=None) -> subprocess.Popen:
    """Run the Python program ``path`` (or ``'-m'``, a module in ``args``) from the repository root, in
    a session of its own (`stop_program` ends its children too), its output on a pipe of text,
    unbuffered, stderr merged: read it with `listening_port` and `output_of`."""
    return subprocess.Popen([sys.executable, str(path), *map(str, args)], cwd=str(ROOT), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, 'PYTHONPATH': str(ROOT), 'PYTHONUNBUFFERED': '1', **(env or {})})


def stop_program(process: subprocess.Popen) -> str:
    """Kill a program of `start_program` and any children it forked; returns all it wrote."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return output_of(process)


#: The line a server under test prints once it listens, with the port it got (group 1): PyWebIO's
#: start-up line (`serving_line` in pywebio/platform/apps.py), Werkzeug's (Flask's ``app.run``) and
#: the one of the framework apps of test/apps (`test.apps.listening`).
LISTENING = re.compile(r'(?:PyWebIO serves| \* Running on|Listening on) http://(?:127\.0\.0\.1|localhost):(\d+)')


class _Output:
    """The lines of a process's output pipe, read to the end by a thread of its own: the program
    never blocks on a full pipe, and the test can still read everything it wrote."""

    def __init__(self, process: subprocess.Popen):
        self.lines: List[str] = []
        self.ended = False
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, args=(process.stdout,), daemon=True,
                                       name='output of %d' % process.pid)
        self.reader.start()

    def _read(self, pipe) -> None:
        try:
            for line in pipe:
                with self.changed:
                    self.lines.append(line.decode(errors='replace') if isinstance(line, bytes) else line)
                    self.changed.notify_all()
        finally:
            with self.changed:
                self.ended = True
                self.changed.notify_all()

    def text(self) -> str:
        with self.changed:
            return ''.join(self.lines)

    def first_line(self, matches, process: subprocess.Popen, deadline: float) -> Optional[str]:
        """The first line that ``matches``, waiting for more until ``deadline``; None if the output
        ends (or the process exits) without one."""
        read = 0
        with self.changed:
            while True:
                line = next((line for line in self.lines[read:] if matches(line)), None)
                remaining = deadline - time.monotonic()
                if line is not None or self.ended or remaining <= 0:
                    return line
                read = len(self.lines)
                if process.poll() is not None:  # its last lines may be on their way (or a child holds the pipe)
                    deadline = min(deadline, time.monotonic() + 2)
                self.changed.wait(min(0.5, remaining))


def listening_port(process: subprocess.Popen, pattern=LISTENING, timeout: float = 60) -> int:
    """The port ``process`` (a program with its output on a pipe, stderr merged) says it listens on:
    its output is read line by line until one matches ``pattern`` (group 1 is the port), for
    ``timeout`` seconds at most; AssertionError with the output if the program exits first or the
    time runs out. The line must come once the socket listens (a connection then waits in its
    backlog), as `start_server`'s does. The pipe keeps being drained after that; `output_of` gives
    all it wrote."""
    output = process.test_output = getattr(process, 'test_output', None) or _Output(process)
    deadline = time.monotonic() + timeout
    line = output.first_line(re.compile(pattern).search, process, deadline)
    if line is not None:
        port = int(re.search(pattern, line).group(1))
        assert port, 'the program says port 0, not the port it got: ' + line
        return port
    status = process.poll()
    raise AssertionError('%s before it said which port it listens on; its output:\n%s' % (
        'the program ended (status %s)' % status if status is not None else 'no line after %g s' % timeout,
        output.text()))


def output_of(process: subprocess.Popen, timeout: float = 30) -> str:
    """All that ``process`` wrote on its output pipe, once it has exited."""
    output = getattr(process, 'test_output', None)
    if output is None:
        return process.communicate(timeout=timeout)[0]
    process.wait(timeout)
    output.reader.join(timeout)
    return output.text()


@contextlib.contextmanager
def platform_servers(wanted, options=None):
    """Serve test/apps/platform_app.py once per ``(key, platform, form, args)`` of ``wanted``, each
    on a port of 127.0.0.1 it binds itself and with more arguments ``options`` for its entry; yields
    ``{key: (port, url)}`` once all listen, and stops them after. All start at once: each takes a
    second or two to import."""
    started = {key: start_program(APPS / 'platform_app.py', args=[platform, *args],
                                  env={'PYWEBIO_TEST_FORM': form, 'PYWEBIO_TEST_OPTIONS': json.dumps(options or {})})
               for key, platform, form, args in wanted}
    try:
        ports = {key: listening_port(process) for key, process in started.items()}
        yield {key: (port, 'http://127.0.0.1:%d/' % port) for key, port in ports.items()}
    finally:
        for process in started.values():
            stop_program(process)

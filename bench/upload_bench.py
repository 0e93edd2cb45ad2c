"""Uploads side by side: Chromium sends the same big file to this library's ``file_upload``, to a bare
Tornado server, and to PyWebIO 1.8.4, in the same run.

Run it from the repository root (it needs Playwright and Debian's Chromium, as the tests do)::

    python bench/upload_bench.py                    # 200 MiB and 2 GiB
    python bench/upload_bench.py --quick            # 50 MiB: a quick look
    python bench/upload_bench.py --sizes 200M --timeout 300

- **this library**: ``file_upload(..., as_file=True)`` in a ``start_server`` app; the page sends
  the file to the upload endpoint in chunks of 960 KiB over HTTP, five in flight, and the server spools them to
  disk (docs/protocol.md, *Uploading files*);
- **bare Tornado**: a ``@stream_request_body`` handler that writes each chunk to a file as it
  arrives, and a page that posts the file with a plain ``fetch(url, {method: 'POST', body: file})``.
  Nothing is buffered or encoded: this is about what the browser, loopback and Python can do, the
  physical limit on this machine;
- **PyWebIO 1.8.4** (the original library, from PyPI, in a venv of its own at
  /tmp/pywebio184-venv, made if missing): ``file_upload()``, where the browser sends the whole
  file in one WebSocket message and the server holds it in memory. Its payload limits
  (``max_size``, ``MAX_PAYLOAD_SIZE``, ``websocket_max_message_size``, the HTTP server's
  ``max_buffer_size``) are raised to the file's size plus 2 MiB, so that only the design limits it.

The targets (docs/performance.md): this library's throughput at least half the bare handler's,
its server's RSS growth under 64 MiB, and 2 GiB completing where 1.8.4 fails or takes several
times as long. The last lines print each figure beside its target.

Each server runs in a process of its own, so that its memory is its alone. For each it reports:

- **time**: bare Tornado, from the start of the ``fetch`` to its response, measured in the page
  (``performance.now()``); this library and PyWebIO 1.8.4, from just before the click on Submit
  to the moment ``file_upload()`` returns in the app (both wall clocks of this machine), hashing
  not included;
- **MiB/s**: the size over that time;
- **peak RSS** of the server process, sampled every 20 ms from /proc, and its **growth** over the
  RSS just before the upload (bytes the server holds because of the upload);
- **browser CPU**: user + system CPU seconds of every Chromium process this run started (the
  descendants of this process whose executable is chromium), from before the upload to its end.
  For 1.8.4 this includes the browser's permessage-deflate of the message, which 1.8.4 negotiates;
- **server CPU**: the same for the server process.

A failed upload shows its reason, and in the time column, in brackets, when it failed. 1.8.4
cannot send 2 GiB: Chromium's renderer crashes a fraction of a second after the click (seen with
Chromium 156: files up to 2045 MiB start sending, from 2046 MiB the renderer dies). The bound is
PartitionAlloc's largest single allocation (2 GiB - 2 MiB), so the likely cause, not checked in
Chromium's source, is that ``ws.send()`` of a Blob reads the whole message into one buffer, which
the renderer cannot allocate and treats as out of memory.

Smaller files fail too once the upload lasts more than 30 s (1 GiB: after 49 s): 1.8.4's server
pings every 30 s (``websocket_ping_interval``, set by its ``start_server`` and here), Chromium's
pong arrives between two fragments of the compressed message, and Tornado (6.6.1 here) takes the
pong's clear compression bit for the message's (tornadoweb/tornado pull request 3353, open): the
app gets the still-deflated bytes, 1.8.4 cannot parse them, and the session ends. The app says
what it got on its output ("a binary message of N bytes, starting with ..."); with the ping every
3 s, 200 MiB fails the same way.

The received bytes are checked: their count always, their SHA-256 for files up to 256 MiB
(bare Tornado hashes the stored file; 1.8.4's app hashes what ``file_upload`` returned).

The file is set on the ``<input type=file>`` with ``set_input_files(path)``: for a local browser,
Playwright hands Chromium the path (``localPaths``) and copies nothing, so a 2 GiB file takes
milliseconds; the time it took is reported as ``set_files_seconds``.

Files are written in a temporary directory (the system's, or ``--dir``), deleted at the end.
"""
import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from typing import Dict, Iterator, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from test.helpers import listening_port, output_of, start_program, stop_program  # noqa: E402

CHROMIUM = os.environ.get('PYWEBIO_TEST_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
PYWEBIO_184_VENV = '/tmp/pywebio184-venv'
PYWEBIO_184_PYTHON = os.path.join(PYWEBIO_184_VENV, 'bin', 'python')
MiB = 2 ** 20
BLOCK = 16 * MiB
HASH_UP_TO = 256 * MiB  # above this, only the byte count is checked (hashing 2 GiB twice is slow)
SAMPLE_SECONDS = 0.02
CLOCK_TICKS = os.sysconf('SC_CLK_TCK')

BARE_PAGE = b'''<!doctype html><html><head><meta charset="utf-8"><title>upload</title></head>
<body><input type="file" id="file"></body></html>'''

# The bare upload: the file of the input, posted as the body of one request, timed in the page.
POST_FILE = '''async () => {
    const file = document.getElementById('file').files[0];
    const start = performance.now();
    const response = await fetch('/upload', {method: 'POST', body: file});
    const body = await response.text();
    return {ms: performance.now() - start, status: response.status, body: body};
}'''


# -- the file ----------------------------------------------------------------------------------

def make_file(path: str, size: int) -> str:
    """Write ``size`` bytes of pseudo-random content to ``path``; return its SHA-256 (hex).

    One 16 MiB block of os.urandom is repeated, each copy starting with its own number, so that it
    is quick to write (no 2 GiB of urandom) and still incompressible for deflate (its 32 KiB window
    never sees a repeat), which matters to 1.8.4: its WebSocket is compressed."""
    block = bytearray(os.urandom(BLOCK))
    digest = hashlib.sha256()
    written = 0
    with open(path, 'wb') as file:
        while written < size:
            block[:8] = written.to_bytes(8, 'big')
            chunk = memoryview(block)[:min(BLOCK, size - written)]
            digest.update(chunk)
            file.write(chunk)
            written += len(chunk)
    return digest.hexdigest()


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, 'rb') as file:
        for chunk in iter(lambda: file.read(BLOCK), b''):
            digest.update(chunk)
    return digest.hexdigest()


# -- what the processes use --------------------------------------------------------------------

def rss_bytes(pid: int) -> int:
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) * 1024
    return 0


class PeakRss:
    """The peak RSS of a process while a ``with`` block runs, sampled every 20 ms by a thread of
    this process (not of the server: it must not add to what it measures). ``before`` is the RSS
    when the block starts, ``growth`` the peak over it."""

    def __init__(self, pid: int):
        self.pid = pid
        self.before = self.peak = rss_bytes(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True, name='rss of %d' % pid)

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            try:
                self.peak = max(self.peak, rss_bytes(self.pid))
            except (OSError, ValueError):  # the process ended: its peak is what was seen
                return

    @property
    def growth(self) -> int:
        return self.peak - self.before

    def __enter__(self) -> 'PeakRss':
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        with contextlib.suppress(OSError, ValueError):
            self.peak = max(self.peak, rss_bytes(self.pid))


def _descendants(pid: int) -> List[int]:
    children: Dict[int, List[int]] = defaultdict(list)
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as stat:
                    ppid = int(stat.read().rsplit(')', 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children[ppid].append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.append(child)
            todo.append(child)
    return found


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    with open('/proc/%d/stat' % pid) as stat:
        fields = stat.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def browser_cpu() -> Dict[int, float]:
    """CPU seconds (user + system) of each Chromium process this run started: the descendants of
    this process (through Playwright's driver) whose executable is chromium; the servers, Python
    programs, are left out."""
    seconds = {}
    for pid in _descendants(os.getpid()):
        try:
            if os.path.basename(os.readlink('/proc/%d/exe' % pid)) != 'chromium':
                continue
            seconds[pid] = process_cpu(pid)
        except OSError:
            continue
    return seconds


def cpu_used(before: Dict[int, float], after: Dict[int, float]) -> float:
    """CPU seconds the browser used between two `browser_cpu` readings; a process started in
    between counts from zero (one that ended in between is lost: none does during an upload)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


@contextlib.contextmanager
def chromium() -> Iterator:
    """A fresh Chromium for one measurement, so that its CPU and caches are that run's alone."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def set_file(page, selector: str, file_path: str, size: int) -> float:
    """Set the file on the input by its path; the seconds it took (a copy of 2 GiB would show)."""
    start = time.monotonic()
    page.set_input_files(selector, file_path)
    seconds = time.monotonic() - start
    seen = page.eval_on_selector(selector, 'input => input.files[0].size')
    assert seen == size, 'the page sees a file of %s bytes, not %d' % (seen, size)
    return seconds


# -- baseline 1: bare Tornado ------------------------------------------------------------------

def serve_bare(directory: str) -> None:
    """The bare server (run in its own process): GET / is a page with a file input; POST /upload
    streams the body into a new file of ``directory`` and answers ``{"bytes", "path"}``."""
    import asyncio

    import tornado.web

    from test.apps.listening import tornado_listen

    class Page(tornado.web.RequestHandler):
        def get(self):
            self.set_header('Content-Type', 'text/html; charset=utf-8')
            self.write(BARE_PAGE)

    @tornado.web.stream_request_body
    class Upload(tornado.web.RequestHandler):
        def prepare(self):
            self.request.connection.set_max_body_size(2 ** 40)  # the default is 100 MB
            self.fd, self.path = tempfile.mkstemp(dir=directory, prefix='bare-')
            self.received = 0

        def data_received(self, chunk):
            os.write(self.fd, chunk)
            self.received += len(chunk)

        def post(self):
            os.close(self.fd)
            self.write({'bytes': self.received, 'path': self.path})

    async def serve():
        tornado_listen(tornado.web.Application([(r'/', Page), (r'/upload', Upload)]))
        await asyncio.Event().wait()
    asyncio.run(serve())


def bare_tornado(file_path: str, size: int) -> Dict:
    """Post the file from Chromium to the bare Tornado server; its figures (see the module's doc)."""
    directory = tempfile.mkdtemp(prefix='bare-', dir=os.path.dirname(os.path.abspath(file_path)))
    server = start_program(os.path.abspath(__file__), ['serve-bare', directory])
    result: Dict = {'baseline': 'bare Tornado', 'size': size}
    started = time.monotonic()
    try:
        port = listening_port(server)
        with chromium() as browser:
            page = browser.new_page()
            page.goto('http://127.0.0.1:%d/' % port)
            result['set_files_seconds'] = set_file(page, '#file', file_path, size)
            cpu_before, server_before = browser_cpu(), process_cpu(server.pid)
            with PeakRss(server.pid) as rss:
                answer = page.evaluate(POST_FILE)
            result['browser_cpu'] = cpu_used(cpu_before, browser_cpu())
            result['server_cpu'] = process_cpu(server.pid) - server_before
        assert answer['status'] == 200, answer
        stored = json.loads(answer['body'])
        result.update(seconds=answer['ms'] / 1000, rss_before=rss.before, rss_peak=rss.peak,
                      rss_growth=rss.growth, received=stored['bytes'])
        on_disk = os.path.getsize(stored['path'])
        if stored['bytes'] != size or on_disk != size:
            result['status'] = 'failed: received %d bytes, stored %d, sent %d' % (stored['bytes'], on_disk, size)
        elif size <= HASH_UP_TO:
            result['sha256'] = sha256_of(stored['path'])
            result['status'] = 'ok'
        else:
            result['status'] = 'ok (size checked)'
    except Exception as error:  # noqa: BLE001 - a failed baseline is a figure too
        result['status'] = 'failed: %s: %s' % (type(error).__name__, str(error).splitlines()[0][:200])
    finally:
        result['server_output'] = stop_program(server)[-2000:]
        shutil.rmtree(directory, ignore_errors=True)
    result['run_seconds'] = time.monotonic() - started
    return result


# -- baseline 2: PyWebIO 1.8.4 -----------------------------------------------------------------

def ensure_pywebio_184() -> None:
    """Make the venv of PyWebIO 1.8.4 if it is missing (pip, from PyPI)."""
    if os.path.exists(PYWEBIO_184_PYTHON):
        return
    subprocess.run([sys.executable, '-m', 'venv', PYWEBIO_184_VENV], check=True)
    subprocess.run([PYWEBIO_184_PYTHON, '-m', 'pip', 'install', '-q', 'pywebio==1.8.4'], check=True)


def serve_184(marker: str, limit: int) -> None:
    """The 1.8.4 app (run by the venv's Python): what 1.8.4's ``start_server`` sets up, on a socket
    bound to port 0 (its own ``port=0`` picks a free port, closes it and binds it again later).

    Its task asks for one file with ``file_upload`` and writes to ``marker`` (through a rename,
    so that it appears whole) when it got it, its length and, up to 256 MiB, its SHA-256."""
    # This repository's pywebio must not shadow 1.8.4's.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') not in (ROOT, os.path.join(ROOT, 'bench'))]
    import asyncio

    import tornado.httpserver
    import tornado.ioloop
    import tornado.netutil
    import tornado.web

    import pywebio
    from pywebio.input import file_upload
    from pywebio.platform.adaptor import ws as ws_adaptor
    from pywebio.platform import page
    from pywebio.platform.tornado import set_ioloop, webio_handler
    from pywebio.utils import STATIC_PATH
    assert pywebio.__version__ == '1.8.4' and pywebio.__file__.startswith(PYWEBIO_184_VENV), pywebio.__file__

    deserialize = ws_adaptor.deserialize_binary_event

    def deserialize_or_say_why(data):
        """1.8.4's reading of a binary message, saying what it got when that fails."""
        try:
            return deserialize(data)
        except Exception:
            print('a binary message of %d bytes, starting with %s, is not what 1.8.4 expects'
                  % (len(data), bytes(data[:24]).hex()), flush=True)
            raise
    ws_adaptor.deserialize_binary_event = deserialize_or_say_why

    def task():
        upload = file_upload('File', max_size=limit - MiB)
        received = time.time()
        content = upload['content']
        report = {'received': received, 'bytes': len(content)}
        if len(content) <= HASH_UP_TO:
            report['sha256'] = hashlib.sha256(content).hexdigest()
        with open(marker + '.part', 'w') as file:
            json.dump(report, file)
        os.rename(marker + '.part', marker)

    async def serve():
        set_ioloop(tornado.ioloop.IOLoop.current())
        page.MAX_PAYLOAD_SIZE = limit
        handler = webio_handler(task, cdn=False)
        app = tornado.web.Application([
            (r'/', handler),
            (r'/(.*)', tornado.web.StaticFileHandler, {'path': STATIC_PATH, 'default_filename': 'index.html'}),
        ], websocket_ping_interval=30, websocket_max_message_size=limit)
        sockets = tornado.netutil.bind_sockets(0, '127.0.0.1')
        tornado.httpserver.HTTPServer(app, max_buffer_size=limit).add_sockets(sockets)
        print('Listening on http://127.0.0.1:%d/' % sockets[0].getsockname()[1], flush=True)
        await asyncio.Event().wait()
    asyncio.run(serve())


def last_error(server: subprocess.Popen) -> str:
    """The last line of a running server's output that says what went wrong, if any."""
    lines = [line for line in server.test_output.text().splitlines() if line.strip()]
    said = [line for line in lines if 'Error' in line or 'not what 1.8.4 expects' in line]
    return '; '.join(line.strip()[:300] for line in (said or lines or ['(nothing on its output)'])[-2:])


def start_184(marker: str, limit: int, directory: str) -> subprocess.Popen:
    """Start `serve_184` with the venv's Python, away from this repository (no PYTHONPATH, another
    working directory), as `start_program` starts a program: its own session, output on a pipe."""
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'VIRTUAL_ENV')}
    return subprocess.Popen([PYWEBIO_184_PYTHON, '-u', os.path.abspath(__file__), 'serve-184', marker, str(limit)],
                            cwd=directory, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)


def pywebio_184(file_path: str, size: int, timeout: float = 600) -> Dict:
    """Upload the file with 1.8.4's ``file_upload``; its figures (see the module's doc). Gives up
    after ``timeout`` seconds from the click, or when the server dies, with the reason."""
    ensure_pywebio_184()
    directory = tempfile.mkdtemp(prefix='pywebio184-', dir=os.path.dirname(os.path.abspath(file_path)))
    marker = os.path.join(directory, 'received.json')
    return upload_through_form('PyWebIO 1.8.4', start_184(marker, size + 2 * MiB, directory), marker, directory,
                               file_path, size, timeout)


def upload_through_form(name: str, server: subprocess.Popen, marker: str, directory: str, file_path: str,
                        size: int, timeout: float) -> Dict:
    """Chromium chooses the file in the form of ``server``'s app and submits it; the app writes
    what it got to ``marker``. The figures of ``name`` (see the module's doc); a failure is one
    too, with its reason. Stops the server and deletes ``directory`` at the end."""
    result: Dict = {'baseline': name, 'size': size}
    events: List[str] = []
    rss: Optional[PeakRss] = None
    clicked = 0.0
    started = time.monotonic()

    def since_click() -> str:
        return ' %.2f s after the click' % (time.time() - clicked) if clicked else ' before the click'
    try:
        port = listening_port(server)
        with chromium() as browser:
            page = browser.new_page()
            page.on('console', lambda message: events.append('console %s: %s' % (message.type, message.text[:200])))
            page.on('pageerror', lambda error: events.append('page error: %s' % str(error)[:200]))
            page.on('websocket', lambda ws: ws.on('close', lambda _: events.append('websocket closed' + since_click())))
            page.on('crash', lambda _: events.append('the renderer crashed' + since_click()))
            page.goto('http://127.0.0.1:%d/' % port)
            page.wait_for_selector('input[type=file]', state='attached')
            result['set_files_seconds'] = set_file(page, 'input[type=file]', file_path, size)
            cpu_before, server_before = browser_cpu(), process_cpu(server.pid)
            with PeakRss(server.pid) as rss:
                clicked = time.time()
                page.click('button[type=submit]')
                deadline = time.monotonic() + timeout
                while not os.path.exists(marker):
                    if server.poll() is not None:
                        raise RuntimeError('the server died (status %s): %s' % (
                            server.returncode, output_of(server)[-300:].strip()))
                    if time.monotonic() > deadline:
                        raise TimeoutError('no file after %g s' % timeout)
                    # The app writes the file before its session ends, so a closed WebSocket is a failure.
                    if any(event.startswith('websocket closed') for event in events):
                        page.wait_for_timeout(1000)
                        if not os.path.exists(marker):
                            raise RuntimeError('the WebSocket closed, no file: %s' % last_error(server))
                    page.wait_for_timeout(20)  # lets Playwright deliver the page's events
            result['browser_cpu'] = cpu_used(cpu_before, browser_cpu())
            result['server_cpu'] = process_cpu(server.pid) - server_before
        with open(marker) as file:
            report = json.load(file)
        result.update(seconds=report['received'] - clicked, rss_before=rss.before, rss_peak=rss.peak,
                      rss_growth=rss.growth, received=report['bytes'])
        if report['bytes'] != size:
            result['status'] = 'failed: received %d bytes, sent %d' % (report['bytes'], size)
        elif 'sha256' in report:
            result['sha256'] = report['sha256']
            result['status'] = 'ok'
        else:
            result['status'] = 'ok (size checked)'
    except Exception as error:  # noqa: BLE001 - a failed upload is a figure too
        result['status'] = 'failed: %s: %s' % (type(error).__name__, str(error).splitlines()[0][:300])
        if rss is not None:
            result.update(rss_before=rss.before, rss_peak=rss.peak, rss_growth=rss.growth,
                          failed_after=time.time() - clicked)
    finally:
        result['server_output'] = stop_program(server)[-2000:]
        result['page_events'] = events[-20:]
        shutil.rmtree(directory, ignore_errors=True)
    result['run_seconds'] = time.monotonic() - started
    return result


# -- the table ---------------------------------------------------------------------------------

# -- this library ----------------------------------------------------------------------------

def serve_this(marker: str, limit: int) -> None:
    """This library's app: one ``file_upload`` read as a file on disk; what it got goes to ``marker``."""
    from pywebio import start_server
    from pywebio.input import file_upload

    def task() -> None:
        value = file_upload('File', max_size=limit, as_file=True)
        received = time.time()
        report = {'received': received, 'bytes': value['size']}
        if value['size'] <= HASH_UP_TO:
            report['sha256'] = sha256_of(value['path'])
        with open(marker + '.tmp', 'w') as file:
            json.dump(report, file)
        os.replace(marker + '.tmp', marker)

    start_server(task, port=0, host='127.0.0.1')


def this_library(file_path: str, size: int, timeout: float = 600) -> Dict:
    """Upload the file with this library's ``file_upload``; its figures (see the module's doc)."""
    directory = tempfile.mkdtemp(prefix='upload-this-', dir=os.path.dirname(os.path.abspath(file_path)))
    marker = os.path.join(directory, 'received.json')
    server = start_program(os.path.abspath(__file__), args=['serve-this', marker, size + 2 * MiB],
                           env={'PYWEBIO_UPLOAD_DIR': os.path.join(directory, 'spool')})
    return upload_through_form('this library', server, marker, directory, file_path, size, timeout)


def print_targets(results: List[Dict]) -> None:
    """Each target of docs/performance.md beside the figure, per size."""
    by = {(r['baseline'], r['size']): r for r in results}
    for size in sorted({r['size'] for r in results}):
        ours, bare, old = (by.get((name, size), {}) for name in ('this library', 'bare Tornado', 'PyWebIO 1.8.4'))
        label = size_label(size)
        if 'seconds' in ours and 'seconds' in bare:
            ratio = bare['seconds'] / ours['seconds']
            print('%s: throughput %.2fx the bare handler (target >= 0.5x): %s' % (
                label, ratio, 'met' if ratio >= 0.5 else 'NOT met'))
        if 'rss_growth' in ours:
            print('%s: server RSS growth %.1f MiB (target < 64 MiB): %s' % (
                label, ours['rss_growth'] / MiB, 'met' if ours['rss_growth'] < 64 * MiB else 'NOT met'))
        if 'seconds' in ours:
            if 'seconds' in old:
                print('%s: 1.8.4 took %.1fx as long' % (label, old['seconds'] / ours['seconds']))
            elif old:
                print('%s: 1.8.4 %s' % (label, old.get('status', '')))


def parse_size(text: str) -> int:
    """'200M' -> 200 MiB, '2G' -> 2 GiB, '500K', or bytes (as PyWebIO's sizes: powers of 1024)."""
    text = text.strip().upper().rstrip('B')
    units = {'K': 2 ** 10, 'M': 2 ** 20, 'G': 2 ** 30}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def size_label(size: int) -> str:
    return '%g GiB' % (size / 2 ** 30) if size >= 2 ** 30 else '%g MiB' % (size / MiB)


def print_table(results: List[Dict]) -> None:
    header = ('baseline', 'size', 'time', 'MiB/s', 'RSS growth', 'RSS peak', 'browser CPU', 'server CPU',
              'set_input_files', 'run', 'status')
    rows = [header]
    for r in results:
        done = 'seconds' in r
        rows.append((
            r['baseline'], size_label(r['size']),
            '%.2f s' % r['seconds'] if done else
            '(%.2f s)' % r['failed_after'] if 'failed_after' in r else '-',
            '%.0f' % (r['size'] / MiB / r['seconds']) if done else '-',
            '%.0f MiB' % (r['rss_growth'] / MiB) if 'rss_growth' in r else '-',
            '%.0f MiB' % (r['rss_peak'] / MiB) if 'rss_peak' in r else '-',
            '%.2f s' % r['browser_cpu'] if 'browser_cpu' in r else '-',
            '%.2f s' % r['server_cpu'] if 'server_cpu' in r else '-',
            '%.3f s' % r['set_files_seconds'] if 'set_files_seconds' in r else '-',
            '%.0f s' % r['run_seconds'], r['status']))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        print('  '.join(cell.ljust(width) if i in (0, len(header) - 1) else cell.rjust(width)
                        for i, (cell, width) in enumerate(zip(row, widths))).rstrip())
        if index == 0:
            print('  '.join('-' * width for width in widths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--sizes', default='200M,2G', help='comma-separated sizes (K, M, G: powers of 1024)')
    parser.add_argument('--quick', action='store_true', help='50M only')
    parser.add_argument('--timeout', type=float, default=600, help='seconds an upload gets after the click')
    parser.add_argument('--dir', help='where the files go (a temporary directory is made in it)')
    parser.add_argument('--json', action='store_true', help='also print the results as JSON')
    args = parser.parse_args()
    sizes = [parse_size('50M')] if args.quick else [parse_size(s) for s in args.sizes.split(',')]

    directory = tempfile.mkdtemp(prefix='upload-bench-', dir=args.dir)
    results = []
    try:
        for size in sizes:
            path = os.path.join(directory, 'upload-%d.bin' % size)
            start = time.monotonic()
            digest = make_file(path, size)
            print('%s written in %.1f s' % (size_label(size), time.monotonic() - start), flush=True)
            for baseline in (lambda: this_library(path, size, args.timeout), lambda: bare_tornado(path, size),
                             lambda: pywebio_184(path, size, args.timeout)):
                result = baseline()
                if 'sha256' in result and result['sha256'] != digest:
                    result['status'] = 'failed: SHA-256 differs'
                print('  %s: %s in %.0f s' % (result['baseline'], result['status'], result['run_seconds']), flush=True)
                if not result['status'].startswith('ok'):
                    for line in result.get('page_events', []) + result.get('server_output', '').splitlines()[-10:]:
                        print('    ' + line)
                results.append(result)
            os.remove(path)
    finally:
        shutil.rmtree(directory, ignore_errors=True)

    print()
    print('Python %s, %d CPUs, Chromium %s; MiB = 2^20 bytes' % (
        sys.version.split()[0], os.cpu_count() or 0, CHROMIUM))
    print()
    print_table(results)
    print()
    print_targets(results)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == '__main__':
    if sys.argv[1:2] == ['serve-this']:
        serve_this(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ['serve-bare']:
        serve_bare(sys.argv[2])
    elif sys.argv[1:2] == ['serve-184']:
        serve_184(sys.argv[2], int(sys.argv[3]))
    else:
        main()

"""What a hostile or unlucky network does to a server, measured: one line per check.

Run from the repository root::

    python bench/reliability.py                 # every check, about 3 minutes on 2 cores
    python bench/reliability.py --soak 480      # the soak for 8 minutes instead of 30 seconds
    python bench/reliability.py soak --soak 3600 --soak-sessions 1000 --soak-pace 2   # the hour of issue 23
    python bench/reliability.py fuzz limits     # some checks only

Each check starts its own server process (``bench/servers.py forms``: every session loops on a
form with a select, checkboxes, a number and a file, and counts its ``defer_call``), talks to it
over real WebSockets, and reads the server's threads and resident memory from ``/proc``:

- **fuzz**: hostile frames (bytes that are not JSON, invalid UTF-8, deep nesting, wrong shapes,
  unknown events, events for forms that do not exist, forged binary frames), each session fed
  until the server closes it, then a new one. Figures: frames sent, sessions, close codes seen.
- **disconnects**: sessions that open, get their form, and vanish with a TCP reset (no close
  frame), the way a phone leaving Wi-Fi does.
- **closes**: sessions that open, get their form, and leave with a close frame that has no
  status code (RFC 6455's 1005), as Tornado's ``websocket_connect(...).close()`` does; at the
  default ``reconnect_timeout``, each must end at once like a page that left, not wait 60 s for a
  resume. Figure: the session threads left `CLOSE_DEADLINE` seconds after the last close.
- **forged**: one session per forged submission (an option never offered, data of the wrong
  shape, a forged file chunk, ...); each must close with code 1003.
- **uploads**: the server's CPU for ``--chunks`` requests of the upload endpoint, each an empty
  file of its own, against the same number of empty chunks at the end of one file, in the same
  run (the least of `UPLOAD_ROUNDS` alternated rounds each); the ratio must stay under
  `MAX_UPLOAD_SPREAD_RATIO` (what a chunk costs must not grow with the number of files before
  it). Each upload is sent one request at a time, as a page sends it.
- **limits**: a flood of new connections at a server started with ``max_sessions``; the refused
  ones must get close code 1013, and the sessions already open must keep answering.
- **floods**: the memory a session can pin (issue 23, hole 3), against test/apps/bounded_app.py
  (process budgets of 24 MiB for uploads and for waiting events): ``--flood-sessions`` sessions
  each park 8 MiB of uploads and never submit; then each sends 1,100 clicks of 9 KB behind a
  callback that does not return; then each sends 20 submissions of 1 MiB behind a ``valid_func``
  that does not return. Every session past a bound must close with 1008, the server's RSS must
  grow by less than 24 MiB + `FLOOD_RSS_PER_SESSION` a session + `FLOOD_RSS_SLACK` per flood,
  and a new session must be served after each.
  Figures: sessions kept and closed, RSS growth in all and per session, for each flood.
- **longpolls**: the HTTP long-polling transport of Tornado (``tornado_http``, serving
  test/apps/long_poll_app.py): a bystander opens a session and waits for its form on an idle
  server, then behind 520 polls held on one session id (``--polls``), then behind 1,600 polls
  over 16 sessions, as security issue #23 (hole 2) did; each wait must stay under
  `MAX_BYSTANDER_WAIT`, and a session must keep a single waiting poll (every older one answered
  at once). Figures: the three waits, the polls answered at once, the server's threads.
- **slowloris**: ``--slowloris`` connections (300) that each send half a request header and hold
  it, as security issue #23 (hole 5) did. A bystander loads the page, opens a session and
  submits its form, before and beside them; beside them it must take less than
  `MAX_SLOWLORIS_WAIT`, and the server must close every held connection within
  ``--header-timeout`` (default 10 s, the server's default) plus `SLOWLORIS_CLOSE_SLACK`.
  Figures: the bystander's two round trips, and when the last held connection was closed.
- **slowreaders**: ``--slowreaders`` sessions that never acknowledge (plain WebSocket clients
  submitting forms), then as many raw sockets that submit forms and never read a byte; figures:
  the server's memory per session under each flood, and the round trip of a bystander page
  meanwhile. Each must stay under what `pywebio.platform.unsent` and `pywebio.platform.resume`
  let one session hold (docs/protocol.md, "Bounds").
- **soak**: ``--soak-sessions`` sessions (opened 100 at a time) that all submit a form in each
  round, one leaving and a new one arriving after each round, for ``--soak`` seconds; with
  ``--soak-pace P`` a round takes at least P seconds, the submissions spread evenly over it (a
  steady load instead of back-to-back rounds that keep the CPU busy). Every
  ``--soak-every`` seconds (default: a tenth of the soak, at least 5) a sample is printed to
  stderr as it is taken: server RSS, server threads, sessions open, round trips in the interval
  and their p50/p99 latency. The summary adds RSS first/last/max sample, threads min..max and
  p99 first/last/max, and a verdict: leaving out the first sample (warm-up) and comparing the
  medians of the first and the last third of the rest, memory and latency must stay flat — RSS
  grows by less than `SOAK_RSS_GROWTH` (10%) or `SOAK_RSS_SLACK` (8 MiB), whichever is more, p99
  is less than `SOAK_P99_RATIO` (2) times the first third's plus `SOAK_P99_SLACK_MS` (20 ms) —
  and no sample has more threads than idle + one a session + `SOAK_THREAD_SLACK` (10). With
  fewer than `SOAK_MIN_SAMPLES` (3) samples after the first, flatness is not judged. A failed
  round trip or a verdict of not flat fails the check. The client raises its open-file limit to
  the hard limit first (the server inherits it); loopback clients are not limited per address.

After each check, the server must come back to where it started: every session's ``defer_call``
ran, and its thread count returns to the idle figure ("recovered in" is how long that took). A
last round trip on a fresh session proves it still serves. docs/reliability.md has the figures.
"""
import argparse
import asyncio
import collections
import urllib.parse
import json
import os
import random
import socket
import struct
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tornado.websocket  # noqa: E402

from page_acks import PageAcks  # noqa: E402
from sessions_bench import Server, listening_port  # noqa: E402

MIB = 2 ** 20

#: The fuzz fails if the server's memory grew by more than this per session it closed.
MAX_RSS_PER_FUZZED_SESSION = 8 * 1024
#: ... beyond what any first run of the code costs (modules, caches, the allocator's first arenas).
RSS_SLACK = 4 * MIB
#: The closes check fails if session threads are left this long after the last close (seconds).
CLOSE_DEADLINE = 5.0
#: The slowloris check fails if a bystander's page, session and round trip take longer (seconds)...
MAX_SLOWLORIS_WAIT = 2.0
#: ... or if a held connection outlives the header timeout by more than this (seconds).
SLOWLORIS_CLOSE_SLACK = 2.0
#: What each slowloris connection sends: a request head without its end.
HALF_HEADER = b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris\r\nX-Slow: '
#: The uploads check fails if chunks for many files cost this many times the CPU of one file's.
MAX_UPLOAD_SPREAD_RATIO = 1.5
#: ... each measured this many times, alternately.
UPLOAD_ROUNDS = 3
#: Forms each slow reader submits without reading the replies (about 1.5 KiB of output each).
SLOW_SUBMITS = 2000
#: The slowreaders check fails if the bystander's round trip takes longer (seconds).
BYSTANDER_WAIT = 1.0


class Session:
    """One WebSocket session of the ``forms`` app: its open form and how it ended."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.form: Optional[dict] = None
        self.outputs = 0
        self.closed = asyncio.Event()
        self.changed = asyncio.Event()
        self.socket: Any = None
        self.acks = PageAcks()  # acknowledges and answers pings, as a page does

    async def open(self) -> 'Session':
        self.socket = await tornado.websocket.websocket_connect(
            self.url, compression_options={}, on_message_callback=self._on_message)
        self.acks.socket = self.socket
        return self

    def _on_message(self, message: Any) -> None:
        if message is None:
            self.closed.set()
        elif not self.acks.handle(json.loads(message)):
            for command in json.loads(message):
                if command.get('command') == 'input_group':
                    self.form = command
                elif command.get('command') == 'output':
                    self.outputs += 1
        self.changed.set()

    @property
    def close_code(self) -> Optional[int]:
        return self.socket.close_code if self.socket is not None else None

    async def until(self, condition: Callable[[], bool], timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except asyncio.TimeoutError:
                return False
        return True

    async def ready(self) -> bool:
        return await self.until(lambda: self.form is not None or self.closed.is_set())

    def send(self, frame: Any) -> None:
        self.socket.write_message(frame, binary=isinstance(frame, bytes))

    def submit(self, data: Any) -> None:
        self.send(json.dumps({'event': 'form_submit', 'task_id': self.form['task_id'], 'data': data}))

    async def round_trip(self) -> bool:
        """Submit a valid form; True once its output and the next form have arrived (as a page,
        which submits only the form it shows: the output and the next form may come in two frames)."""
        before, submitted = self.outputs, self.form
        self.submit(VALID)
        return await self.until(lambda: (self.outputs > before and self.form is not submitted)
                                or self.closed.is_set()) and self.outputs > before

    def reset(self) -> None:
        """Vanish: a TCP reset, no close frame."""
        sock = self.socket.stream.socket
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        self.socket.stream.close()


VALID = {'size': [0], 'extras': [1], 'count': '3', 'file': []}


def chunk_frame(task_id: Any, name: Any = 'file', file: Any = 0, offset: Any = 0, content: bytes = b'',
                header: Optional[bytes] = None) -> bytes:
    """A binary frame as pages sent file chunks before uploads went over HTTP: any binary frame
    is now a protocol error (1003), which the forged and fuzz checks still throw at the server."""
    if header is None:
        header = json.dumps({'event': 'file_chunk', 'task_id': task_id, 'data': {
            'name': name, 'file': file, 'offset': offset, 'filename': 'f.bin'}}).encode()
    return len(header).to_bytes(4, 'big') + header + content


def forged_submissions(form: dict) -> Dict[str, Any]:
    """Each a frame (or frames) a page could never send for ``form``."""
    task = form['task_id']
    submit = lambda data: json.dumps({'event': 'form_submit', 'task_id': task, 'data': data})  # noqa: E731
    return {
        'option never offered': submit({**VALID, 'size': [7]}),
        'negative option': submit({**VALID, 'extras': [-1]}),
        'option twice': submit({**VALID, 'extras': [1, 1]}),
        'two options for a single select': submit({**VALID, 'size': [0, 1]}),
        'option as text': submit({**VALID, 'size': ['0']}),
        'number as a list': submit({**VALID, 'count': [3]}),
        'field missing': submit({'size': [0], 'extras': [], 'file': []}),
        'unknown field': submit({**VALID, 'admin': True}),
        'data not an object': submit([1, 2, 3]),
        'file never uploaded': submit({**VALID, 'file': [{'filename': 'x', 'mime_type': '', 'size': 3}]}),
        'chunk for another field': chunk_frame(task, name='size', content=b'abc'),
        'chunk at a negative offset': chunk_frame(task, offset=-5, content=b'abc'),
        'chunk beyond max_size': chunk_frame(task, offset=10 ** 9, content=b'abc'),
        'chunk header length wrong': (10 ** 6).to_bytes(4, 'big') + b'{}',
        'chunk header not JSON': chunk_frame(task, header=b'\xff\xfe not json'),
    }


def hostile_frames(rng: random.Random, form: Optional[dict]) -> Any:
    """One frame of the fuzz, chosen at random."""
    task = form['task_id'] if form else '1'
    choice = rng.randrange(10)
    if choice == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))  # random binary
    if choice == 1:
        return ''.join(chr(rng.randrange(32, 0x2FF)) for _ in range(rng.randrange(1, 64)))  # not JSON
    if choice == 2:
        return '[' * 5000 + ']' * 5000  # deep nesting
    if choice == 3:
        return json.dumps(rng.choice([None, 1, 'x', [], {'event': 5}, {'event': 'form_submit'}]))
    if choice == 4:
        return json.dumps({'event': 'no_such_event_%d' % rng.randrange(1000), 'task_id': task, 'data': {}})
    if choice == 5:
        return json.dumps({'event': 'form_submit', 'task_id': 'no-such-form', 'data': VALID})
    if choice == 6:
        return json.dumps({'event': 'callback', 'task_id': 'no-such-callback', 'data': 1})
    if choice == 7:
        return json.dumps({'event': 'form_submit', 'task_id': task,
                           'data': {**VALID, 'count': rng.choice(['1e999999', '9' * 5000, '١٢', None])}})
    if choice == 8:
        return chunk_frame(task, offset=rng.randrange(-10, 10 ** 6), content=os.urandom(rng.randrange(64)))
    return json.dumps({'event': 'form_change', 'task_id': task, 'data': {'name': 'x' * 10000, 'value': 1}})


class Bench:
    """One check's server: started fresh, read from /proc, checked at the end."""

    def __init__(self, **options: Any) -> None:
        self.deferred = tempfile.NamedTemporaryFile(prefix='pywebio-deferred-', delete=False)
        self.deferred.close()
        os.environ['PYWEBIO_BENCH_DEFERRED'] = self.deferred.name
        os.environ['PYWEBIO_BENCH_OPTIONS'] = json.dumps(options)
        self.server = Server('forms')
        self.sessions_opened = 0

    async def session(self) -> Session:
        self.sessions_opened += 1
        session = await Session(self.server.url).open()
        await session.ready()
        return session

    async def sessions_ended_by(self, count: int, end: Callable[[Session], Any]) -> int:
        """Open ``count`` sessions, 100 at a time, and ``end(session)`` each of a hundred once
        all have their form; returns the peak thread count."""
        peak = 0
        for batch in range(0, count, 100):
            sessions = await asyncio.gather(*(self.session() for _ in range(min(100, count - batch))))
            peak = max(peak, self.server.threads())
            for session in sessions:
                end(session)
        return peak

    def deferred_calls(self) -> int:
        with open(self.deferred.name) as deferred:
            return sum(1 for _ in deferred)

    async def settle(self, timeout: float = 60) -> Dict[str, float]:
        """Wait (up to ``timeout`` s) for every session's defer_call and for the idle thread count."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.deferred_calls() >= self.sessions_opened and self.server.threads() <= self.idle_threads:
                break
            await asyncio.sleep(0.05)
        return {'recovered_s': time.monotonic() - started}

    async def start(self) -> None:
        await asyncio.sleep(0.3)
        self.idle_threads = self.server.threads()
        self.idle_rss = self.server.rss()

    async def finish(self, started: float) -> str:
        settled = await self.settle()
        probe = await self.session()
        alive = probe.form is not None and await probe.round_trip()
        probe.socket.close(1000)
        await probe.closed.wait()
        await self.settle()
        deferred = self.deferred_calls()
        figures = ('threads %d -> %d, RSS %.1f -> %.1f MiB, recovered in %.2f s, defer_call %d/%d, '
                   'serves after: %s, %.1f s' % (
                       self.idle_threads, self.server.threads(), self.idle_rss / MIB, self.server.rss() / MIB,
                       settled['recovered_s'], deferred, self.sessions_opened, 'yes' if alive else 'NO',
                       time.monotonic() - started))
        self.ok = alive and deferred == self.sessions_opened and self.server.threads() <= self.idle_threads
        self.server.stop()
        os.unlink(self.deferred.name)
        return figures


async def fuzz(args: argparse.Namespace) -> str:
    bench = Bench()
    await bench.start()
    started = time.monotonic()
    rng = random.Random(args.seed)
    codes: Dict[Any, int] = collections.Counter()
    sent = 0

    async def worker(frames: int) -> None:
        nonlocal sent
        while frames > 0:
            session = await bench.session()
            while frames > 0 and not session.closed.is_set():
                try:
                    session.send(hostile_frames(rng, session.form))
                except tornado.websocket.WebSocketClosedError:
                    break  # closed by the server meanwhile: the next frame goes to a new session
                frames -= 1
                sent += 1
                await asyncio.sleep(0)  # let the server's answer or close in before the next frame
            if session.closed.is_set():
                codes[session.close_code] += 1
            else:
                session.socket.close(1000)
                await session.closed.wait()
                codes['open'] += 1  # the frames it got were dropped, as unknown events are

    workers = 20
    await asyncio.gather(*(worker(args.frames // workers) for _ in range(workers)))
    rss_growth = bench.server.rss() - bench.idle_rss
    figures = await bench.finish(started)
    bench.ok = bench.ok and set(codes) <= {1003, 1007, 1009, 'open'}  # every close says why
    # nothing of a session that broke the protocol stays behind (a few KiB each is allocator slack)
    bench.ok = bench.ok and rss_growth < RSS_SLACK + MAX_RSS_PER_FUZZED_SESSION * bench.sessions_opened
    shown = ', '.join('%s: %d' % (code, n) for code, n in sorted(codes.items(), key=lambda kv: -kv[1]))
    return report('fuzz', bench.ok, '%d frames in %d sessions (close codes %s); %s' % (
        sent, bench.sessions_opened - 1, shown, figures))


async def disconnects(args: argparse.Namespace) -> str:
    # a session whose connection drops is ended at once: this check is about cleaning up after it
    # (keeping a dropped session for a reconnect is measured in bench/reconnect_bench.py)
    bench = Bench(reconnect_timeout=0)
    await bench.start()
    started = time.monotonic()
    peak = await bench.sessions_ended_by(args.disconnects, Session.reset)
    figures = await bench.finish(started)
    return report('disconnects', bench.ok, '%d sessions reset without a close frame (peak %d threads); %s' % (
        args.disconnects, peak, figures))


async def closes(args: argparse.Namespace) -> str:
    bench = Bench()  # the default reconnect_timeout: a session taken for dropped would wait 60 s
    await bench.start()
    started = time.monotonic()
    # no code: a close frame without a status code
    peak = await bench.sessions_ended_by(args.closes, lambda session: session.socket.close())
    settled = await bench.settle(timeout=CLOSE_DEADLINE)
    left = max(bench.server.threads() - bench.idle_threads, 0)
    gone = 'all gone in %.2f s' % settled['recovered_s'] if not left else '%d left after %g s' % (left, CLOSE_DEADLINE)
    figures = await bench.finish(started)
    bench.ok = bench.ok and left == 0
    return report('closes', bench.ok, '%d sessions closed without a status code (peak %d threads), session '
                  'threads %s; %s' % (args.closes, peak, gone, figures))


async def forged(args: argparse.Namespace) -> str:
    bench = Bench()
    await bench.start()
    started = time.monotonic()
    probe = await bench.session()
    names = list(forged_submissions(probe.form))
    probe.socket.close(1000)
    await probe.closed.wait()
    wrong: List[str] = []
    for name in names:
        session = await bench.session()
        session.send(forged_submissions(session.form)[name])
        if not await session.until(session.closed.is_set) or session.close_code != 1003:
            wrong.append('%s: %s' % (name, 'still open' if not session.closed.is_set() else session.close_code))
            session.socket.close(1000)
            await session.closed.wait()
    figures = await bench.finish(started)
    bench.ok = bench.ok and not wrong
    detail = '%d/%d forged submissions closed with 1003' % (len(names) - len(wrong), len(names))
    if wrong:
        detail += ' (not: %s)' % '; '.join(wrong)
    return report('forged', bench.ok, '%s; %s' % (detail, figures))


async def upload_cpu(bench: Bench, chunks: int, many_files: bool) -> float:
    """Server CPU seconds for ``chunks`` requests of the upload endpoint, on one kept-alive
    connection as a browser sends them: an empty file each, or empty chunks at the end of one file."""
    session = await bench.session()
    target = session.form['spec']['upload']
    reader, writer = await asyncio.open_connection('127.0.0.1', bench.server.port)
    size = 0 if many_files else 1

    async def request(index: int, offset: int, body: bytes) -> int:
        chunk = {'field': 'file', 'file': index, 'offset': offset, 'size': size, 'filename': 'f.bin',
                 'mime_type': '', 'last_modified': None}
        writer.write(('POST /io?pywebio_upload=%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: http://127.0.0.1:%d\r\n'
                      'Content-Type: application/octet-stream\r\nX-PyWebIO-Secret: %s\r\nX-PyWebIO-Chunk: %s\r\n'
                      'Content-Length: %d\r\n\r\n' % (
                          urllib.parse.quote(target['key']), bench.server.port, bench.server.port, target['secret'],
                          urllib.parse.quote(json.dumps(chunk)), len(body))).encode() + body)
        head = await reader.readuntil(b'\r\n\r\n')
        length = int(next(line.split(b':')[1] for line in head.split(b'\r\n')
                          if line.lower().startswith(b'content-length:')))
        await reader.readexactly(length)
        return int(head.split()[1])
    if not many_files:
        await request(0, 0, b'x')  # one file of a byte: then every empty chunk at its end
    before = bench.server.cpu_seconds()
    for index in range(chunks):
        status = await (request(index, 0, b'') if many_files else request(0, 1, b''))
        if status != 200:
            raise RuntimeError('the upload endpoint answered %d' % status)
    spent = bench.server.cpu_seconds() - before
    writer.close()
    session.socket.close()
    return spent


async def uploads(args: argparse.Namespace) -> str:
    bench = Bench()
    await bench.start()
    started = time.monotonic()
    await upload_cpu(bench, min(args.chunks, 1000), many_files=True)  # warm up: first runs of the code
    many, one = [], []
    for _ in range(UPLOAD_ROUNDS):  # alternated, and the least of each: other work only adds CPU
        many.append(await upload_cpu(bench, args.chunks, many_files=True))
        one.append(await upload_cpu(bench, args.chunks, many_files=False))
    ratio = min(many) / max(min(one), 0.01)
    figures = await bench.finish(started)
    bench.ok = bench.ok and ratio < MAX_UPLOAD_SPREAD_RATIO
    return report('uploads', bench.ok, '%d empty chunks: server CPU %.2f s for %d files, %.2f s for one file '
                  '(least of %d rounds), ratio %.2f (%.0f us a chunk); %s' % (
                      args.chunks, min(many), args.chunks, min(one), UPLOAD_ROUNDS, ratio,
                      min(one) / args.chunks * 1e6, figures))


#: What a bystander of the long-poll attacks may wait for its form, in seconds (0.02 s idle; 19 s
#: and 56 s before security issue #23's hole 2 was closed).
MAX_BYSTANDER_WAIT = 3.0


async def longpolls(args: argparse.Namespace) -> str:
    from test.helpers import APPS, listening_port, start_program, stop_program
    from test.long_poll_client import answered_within, first_commands_wait, held_polls

    process = start_program(APPS / 'long_poll_app.py', args=['tornado_http', 'thread'])
    server = Server.__new__(Server)  # its /proc figures, for a process started here
    server.process = process
    try:
        port = listening_port(process)
        started = time.monotonic()
        idle_wait = await first_commands_wait(port)

        per_session = max(1, args.polls * 100 // 520)  # the review's 1,600 polls over 16 sessions at 520
        one = await held_polls(port, 1, args.polls)
        one_wait = await first_commands_wait(port)
        one_threads = server.threads()
        one_answered = await answered_within(one, 5)
        many = await held_polls(port, 16, per_session)
        many_wait = await first_commands_wait(port)
        many_threads = server.threads()
        many_answered = await answered_within(many, 5)
        ok = (max(one_wait, many_wait) < MAX_BYSTANDER_WAIT and one_answered == args.polls - 1
              and many_answered == 16 * (per_session - 1))
        return report('longpolls', ok, 'bystander waits %.2f s idle, %.2f s behind %d polls on one session '
                      '(%d answered at once, %d threads), %.2f s behind %d polls over 16 sessions (%d answered '
                      'at once, %d threads); %.1f s' % (
                          idle_wait, one_wait, args.polls, one_answered, one_threads, many_wait, 16 * per_session,
                          many_answered, many_threads, time.monotonic() - started))
    finally:
        stop_program(process)


async def limits(args: argparse.Namespace) -> str:
    limit = 50
    bench = Bench(max_sessions=limit)
    await bench.start()
    started = time.monotonic()
    held = [await bench.session() for _ in range(limit)]
    refused_codes: Dict[Any, int] = collections.Counter()
    peak = bench.server.threads()

    async def knock() -> None:
        session = Session(bench.server.url)
        try:
            await session.open()
        except Exception:  # refused before the upgrade
            refused_codes['HTTP error'] += 1
            return
        await session.until(lambda: session.closed.is_set() or session.form is not None)
        if session.form is not None:
            bench.sessions_opened += 1  # admitted over the limit: counted, and a failure
            session.socket.close(1000)
            await session.closed.wait()
        refused_codes[session.close_code] += 1

    flood_started = time.monotonic()
    for batch in range(0, args.flood, 100):
        await asyncio.gather(*(knock() for _ in range(min(100, args.flood - batch))))
        peak = max(peak, bench.server.threads())
    flood_s = time.monotonic() - flood_started
    answering = sum([await session.round_trip() for session in held])
    for session in held:
        session.socket.close(1000)
        await session.closed.wait()
    figures = await bench.finish(started)
    bench.ok = bench.ok and refused_codes.get(1013, 0) == args.flood and answering == limit
    shown = ', '.join('%s: %d' % kv for kv in sorted(refused_codes.items(), key=lambda kv: -kv[1]))
    return report('limits', bench.ok, '%d connections at a full server (max_sessions=%d) in %.1f s: %s; '
                  'peak %d threads; %d/%d open sessions still answer; %s' % (
                      args.flood, limit, flood_s, shown, peak, answering, limit, figures))


#: The soak's samples are judged flat when, leaving out the first one (warm-up) and comparing the
#: first third of the rest with the last third: the median RSS grew by less than this fraction ...
SOAK_RSS_GROWTH = 0.10
#: ... or these bytes, whichever is more;
SOAK_RSS_SLACK = 8 * MIB
#: every sample's threads are at most the idle threads, one a session, and this many more;
SOAK_THREAD_SLACK = 10
#: and the median of the intervals' p99 latencies is less than this many times as high ...
SOAK_P99_RATIO = 2.0
#: ... plus this many milliseconds (a busy 2-core machine jitters by about that much).
SOAK_P99_SLACK_MS = 20.0
#: Fewer samples than this (after the warm-up) are too few to judge.
SOAK_MIN_SAMPLES = 3


def percentile(ordered: List[float], fraction: float) -> float:
    """The value below which ``fraction`` of the sorted values lie (0 for none)."""
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


async def raw_slow_reader(url: str, submits: int) -> Any:
    """A socket that does the WebSocket handshake, reads until its form arrives, then submits
    ``submits`` forms and reads nothing more (a small receive buffer: the server's fill)."""
    host, port = url.split('//')[1].split('/')[0].split(':')
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    reader, writer = await asyncio.open_connection(sock=sock, limit=4096)
    writer.write(('GET /io HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
                  % (host, port)).encode())
    await reader.readuntil(b'\r\n\r\n')
    form = None
    while form is None:  # unmasked frames, uncompressed (no compression was offered)
        head = await reader.readexactly(2)
        length = head[1] & 0x7f
        if length >= 126:
            length = int.from_bytes(await reader.readexactly(2 if length == 126 else 8), 'big')
        data = json.loads(await reader.readexactly(length))
        if isinstance(data, list):
            form = next((c for c in data if c.get('command') == 'input_group'), None)
    frame = json.dumps({'event': 'form_submit', 'task_id': form['task_id'], 'data': VALID}).encode()
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(frame))
    header = (struct.pack('!BBH', 0x81, 0x80 | 126, len(frame)) if len(frame) >= 126
              else bytes([0x81, 0x80 | len(frame)]))
    for _ in range(submits):
        writer.write(header + mask + masked)
        await writer.drain()
    return writer


async def slowreaders(args: argparse.Namespace) -> str:
    bench = Bench()
    await bench.start()
    started = time.monotonic()
    bystander = await bench.session()
    # sessions that never acknowledge: what each keeps for a resume it cannot make
    rss_before = bench.server.rss()
    quiet = []
    for _ in range(args.slowreaders):
        session = await bench.session()
        session.acks.acknowledge = lambda: None  # a plain client: no acks, no answers to pings
        quiet.append(session)
    for _ in range(20):
        await asyncio.gather(*(session.round_trip() for session in quiet))
    await asyncio.sleep(6)  # past ACK_GRACE: a page that never acknowledged keeps 16 KiB
    noack_per_session = (bench.server.rss() - rss_before) / args.slowreaders
    # sockets that never read what the server writes
    rss_before = bench.server.rss()
    writers = await asyncio.gather(*(raw_slow_reader(bench.server.url, args.slow_submits)
                                     for _ in range(args.slowreaders)))
    bench.sessions_opened += len(writers)
    await asyncio.sleep(1)
    slow_per_session = (bench.server.rss() - rss_before) / args.slowreaders
    waited = time.monotonic()
    answered = await bystander.round_trip()
    waited = time.monotonic() - waited
    for writer in writers:  # leave with a masked close frame (1000): the sessions end at once
        writer.write(bytes([0x88, 0x82]) + b'\x00' * 4 + (1000).to_bytes(2, 'big'))
        writer.close()
    for session in quiet + [bystander]:
        session.socket.close(1000)
        await session.closed.wait()
    figures = await bench.finish(started)
    bound = (16 + 8 + 1) * MIB  # what one session may hold unsent, and keep for a resume
    bench.ok = (bench.ok and answered and waited < BYSTANDER_WAIT and noack_per_session < bound
                and slow_per_session < bound)
    return report('slowreaders', bench.ok, '%d sessions that never acknowledge (20 forms each): %.0f KiB each; '
                  '%d that never read (%d forms each): %.0f KiB each; bystander round trip %.0f ms; %s' % (
                      args.slowreaders, noack_per_session / 1024, args.slowreaders, args.slow_submits,
                      slow_per_session / 1024, waited * 1000, figures))


async def soak(args: argparse.Namespace) -> str:
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:  # a socket a session here and in the server, which inherits the limit
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass
    bench = Bench()  # max_sessions None; loopback is not limited per address
    await bench.start()
    started = time.monotonic()
    sessions: List[Session] = []
    while len(sessions) < args.soak_sessions:  # thread-based: open 100 at a time, not one by one
        sessions += await asyncio.gather(*(bench.session()
                                           for _ in range(min(100, args.soak_sessions - len(sessions)))))
    opened_s = time.monotonic() - started
    rss_loaded = bench.server.rss()
    every = args.soak_every or max(5.0, args.soak / 10)
    print('  soak: %d sessions open in %.1f s, RSS %.1f MiB; a sample every %.0f s:' % (
        len(sessions), opened_s, rss_loaded / MIB, every), file=sys.stderr, flush=True)
    round_trips = failures = churned = 0
    latencies: List[float] = []  # ms, of this interval's round trips
    samples: List[Dict[str, float]] = []
    rng = random.Random(args.seed)

    async def timed(session: Session, delay: float) -> bool:
        await asyncio.sleep(delay)
        before = time.monotonic()
        ok = session.form is not None and await session.round_trip()
        if ok:
            latencies.append((time.monotonic() - before) * 1000)
        return ok

    def sample(at: float) -> None:
        ordered = sorted(latencies)
        samples.append({'t': at, 'rss': bench.server.rss() / MIB, 'threads': bench.server.threads(),
                        'sessions': sum(not session.closed.is_set() for session in sessions),
                        'trips': len(ordered), 'p50': percentile(ordered, 0.5), 'p99': percentile(ordered, 0.99)})
        latencies.clear()
        print('    %5.0f s  RSS %6.1f MiB  threads %4d  sessions %4d  round trips %6d  p50 %6.1f ms  p99 %6.1f ms'
              % tuple(samples[-1][key] for key in ('t', 'rss', 'threads', 'sessions', 'trips', 'p50', 'p99')),
              file=sys.stderr, flush=True)

    soak_started = time.monotonic()
    next_sample = every
    while True:
        # with --soak-pace, the sessions' submissions are spread evenly over the round
        spread = args.soak_pace / len(sessions)
        round_started = time.monotonic()
        results = await asyncio.gather(*(timed(session, index * spread) for index, session in enumerate(sessions)))
        await asyncio.sleep(max(0.0, args.soak_pace - (time.monotonic() - round_started)))
        round_trips += sum(results)
        failures += len(results) - sum(results)
        leaving = rng.randrange(len(sessions))  # one leaves, one arrives: churn
        sessions[leaving].socket.close(1000)
        await sessions[leaving].closed.wait()
        sessions[leaving] = await bench.session()
        churned += 1
        elapsed = time.monotonic() - soak_started
        if elapsed >= next_sample or elapsed >= args.soak:
            sample(elapsed)
            next_sample += every
        if elapsed >= args.soak:
            break
    rss_end = bench.server.rss()
    for session in sessions:
        session.socket.close(1000)
        await session.closed.wait()
    figures = await bench.finish(started)

    def median(values: List[float]) -> float:
        ordered = sorted(values)
        return (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2

    judged = samples[1:]
    third = max(1, len(judged) // 3)
    first, last = judged[:third], judged[-third:]
    thread_bound = bench.idle_threads + args.soak_sessions + SOAK_THREAD_SLACK
    threads = [s['threads'] for s in samples]
    if len(judged) < SOAK_MIN_SAMPLES:
        flat, verdict = True, 'too few samples to judge (%d after the first)' % len(judged)
    else:
        rss_first, rss_last = median([s['rss'] for s in first]), median([s['rss'] for s in last])
        rss_bound = max(SOAK_RSS_SLACK / MIB, SOAK_RSS_GROWTH * rss_first)
        p99_first, p99_last = median([s['p99'] for s in first]), median([s['p99'] for s in last])
        p99_bound = SOAK_P99_RATIO * p99_first + SOAK_P99_SLACK_MS
        flat = rss_last - rss_first < rss_bound and max(threads) <= thread_bound and p99_last < p99_bound
        verdict = ('%s (last third against first: RSS %+.1f MiB, bound %.1f; threads up to %d, bound %d; '
                   'p99 %.0f ms, bound %.0f)' % (
            'yes' if flat else 'NO', rss_last - rss_first, rss_bound, max(threads), thread_bound, p99_last,
            p99_bound))
    bench.ok = bench.ok and failures == 0 and flat
    p99s = [s['p99'] for s in samples]
    return report('soak', bench.ok, '%d sessions for %d s: %d round trips, %d failed, %d sessions replaced; '
                  'RSS with all open %.1f MiB at the start, %.1f MiB at the end; %d samples every %.0f s: '
                  'RSS %.1f -> %.1f MiB (max %.1f), threads %d..%d, p99 %.0f -> %.0f ms (max %.0f); flat: %s; %s' % (
                      args.soak_sessions, args.soak, round_trips, failures, churned, rss_loaded / MIB,
                      rss_end / MIB, len(samples), every, samples[0]['rss'], samples[-1]['rss'],
                      max(s['rss'] for s in samples), min(threads), max(threads), p99s[0], p99s[-1], max(p99s),
                      verdict, figures))


#: The floods check fails if one flood grows the server's RSS by more than the 24 MiB budget of the
#: bounded app, this much a session (the one event it handles, which no bound takes back, and its
#: connection's buffers) ...
FLOOD_RSS_PER_SESSION = 3 * MIB
#: ... and this much slack (the interpreter's and the allocator's first arenas).
FLOOD_RSS_SLACK = 64 * MIB


class BoundedServer(Server):
    """test/apps/bounded_app.py under Tornado: slow callbacks and uploads, small process budgets."""

    def __init__(self) -> None:  # pylint: disable=super-init-not-called
        self.process = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(HERE), 'test', 'apps',
                                                                      'bounded_app.py'), 'tornado'],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env={**os.environ, 'PYTHONPATH': os.path.dirname(HERE)})
        self.port = listening_port(self.process)
        self.url = 'ws://127.0.0.1:%d/io' % self.port


def _floods(args: argparse.Namespace) -> str:
    import logging
    from pywebio.testing import WebIOClient
    # a flooder's frames still in flight when the server closes it fail on the client's side
    logging.getLogger('asyncio').setLevel(logging.CRITICAL)

    server = BoundedServer()
    connect = lambda app: WebIOClient('%s?app=%s' % (server.url, app))  # noqa: E731

    def served() -> bool:
        with connect('greet') as client:
            client.submit(client.expect('input_group'), {'data': 'Bo'})
            return client.expect('output')['spec']['content'] == 'Hello, Bo'

    def gate(name: str) -> None:
        with connect('open_gate') as client:
            client.submit(client.expect('input_group'), {'data': name})
            client.expect('output')

    def flood(app: str, attack: Callable[[Any, dict], None], what: str) -> str:
        nonlocal ok
        before = server.rss()
        clients = [connect(app) for _ in range(args.flood_sessions)]
        for client in clients:
            attack(client, client.expect('input_group' if app != 'clicks' else 'output'))
        codes = collections.Counter()
        for client in clients:
            try:
                codes[client.wait_closed(timeout=3 if app == 'upload' else 10)] += 1
            except AssertionError:
                codes['kept'] += 1  # still open: within the bounds
        grown = server.rss() - before
        bystander = served()
        bound = 24 * MIB + FLOOD_RSS_PER_SESSION * args.flood_sessions + FLOOD_RSS_SLACK
        if app == 'upload':  # uploads are refused (507), not their sessions ended
            ok = ok and bystander and grown < bound and set(codes) == {'kept'} and set(refused) == {507}
            codes.update({'refused 507': refused[507]})
        else:
            ok = ok and bystander and grown < bound and set(codes) <= {1008, 'kept'} and codes[1008] > 0
        for client in clients:
            client.close()
        return '%s: %s, RSS %+.1f MiB (%.2f MiB a session), bystander %s' % (
            what, ', '.join('%d %s' % (n, code if code in ('kept', 'refused 507') else 'closed %s' % code)
                            for code, n in sorted(codes.items(), key=str)),
            grown / MIB, grown / MIB / args.flood_sessions, 'served' if bystander else 'NOT served')

    refused = collections.Counter()

    def park(client: Any, form: dict) -> None:
        chunk = {'field': 'data', 'file': 0, 'size': 8 * MIB, 'filename': 'f', 'mime_type': '', 'last_modified': None}
        for offset in range(0, 8 * MIB, 768 * 1024):
            status, _ = client.upload(form, dict(chunk, offset=offset), b'u' * min(768 * 1024, 8 * MIB - offset))
            if status != 200:
                refused[status] += 1  # past the process's bound: the file is refused, the session goes on
                return

    def click(client: Any, buttons: dict) -> None:
        frame = json.dumps({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': 0})
        for _ in range(1100):
            client.send_raw(frame[:-1] + ' ' * 9000 + '}')

    def submit(client: Any, form: dict) -> None:
        for _ in range(20):
            client.submit(form, {'text': 'x' * MIB})

    ok = True
    try:
        figures = [flood('upload', park, 'parked uploads of 8 MiB'), flood('clicks', click, '10 MB of clicks'),
                   flood('submissions', submit, '20 MiB of submissions')]
        gate('clicks')
        gate('valid')
    finally:
        server.stop()
    return report('floods', ok, '%d sessions a flood; %s' % (args.flood_sessions, '; '.join(figures)))


async def floods(args: argparse.Namespace) -> str:
    return await asyncio.get_running_loop().run_in_executor(None, _floods, args)


async def bystander_round_trip(bench: 'Bench') -> float:
    """Seconds a visitor takes to load the page, open a session and submit its form."""
    started = time.monotonic()
    reader, writer = await asyncio.open_connection('127.0.0.1', bench.server.port)
    writer.write(b'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n')
    page = await reader.read()
    writer.close()
    session = await bench.session()
    answered = await session.round_trip()
    session.socket.close()
    if not page.startswith(b'HTTP/1.1 200') or not answered:
        return float('inf')
    return time.monotonic() - started


async def slowloris(args: argparse.Namespace) -> str:
    bench = Bench(connection_limits={'header_timeout': args.header_timeout})
    await bench.start()
    started = time.monotonic()
    idle_wait = await bystander_round_trip(bench)
    held = [await asyncio.open_connection('127.0.0.1', bench.server.port) for _ in range(args.slowloris)]
    for _, writer in held:
        writer.write(HALF_HEADER)
    sent = time.monotonic()
    held_wait = await bystander_round_trip(bench)
    deadline = args.header_timeout + SLOWLORIS_CLOSE_SLACK
    try:  # the server ends each connection: its reader gets to the end
        await asyncio.wait_for(asyncio.gather(*(reader.read() for reader, _ in held)), deadline)
        closed_after = time.monotonic() - sent
    except asyncio.TimeoutError:
        closed_after = float('inf')
    for _, writer in held:
        writer.close()
    last_wait = await bystander_round_trip(bench)
    ok = max(held_wait, last_wait) < MAX_SLOWLORIS_WAIT and closed_after <= deadline
    bench.server.stop()
    return report('slowloris', ok, 'bystander round trip %.3f s idle, %.3f s beside %d half-sent headers; the '
                  'server closed them all %.1f s after they were sent (header timeout %g s); %.1f s' % (
                      idle_wait, held_wait, args.slowloris, closed_after, args.header_timeout,
                      time.monotonic() - started))


def report(check: str, ok: bool, figures: str) -> str:
    line = '%-12s %-4s %s' % (check, 'ok' if ok else 'FAIL', figures)
    print(line, flush=True)
    return line


CHECKS = {'fuzz': fuzz, 'disconnects': disconnects, 'closes': closes, 'forged': forged, 'uploads': uploads,
          'limits': limits, 'floods': floods, 'longpolls': longpolls, 'slowloris': slowloris,
          'slowreaders': slowreaders, 'soak': soak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('checks', nargs='*', metavar='check',
                        help='the checks to run, of: %s (default: all)' % ', '.join(CHECKS))
    parser.add_argument('--frames', type=int, default=100_000, help='fuzz frames (default 100,000)')
    parser.add_argument('--disconnects', type=int, default=1000, help='reset sessions (default 1,000)')
    parser.add_argument('--closes', type=int, default=1000, help='sessions closed without a code (default 1,000)')
    parser.add_argument('--chunks', type=int, default=20_000, help='upload chunks (default 20,000)')
    parser.add_argument('--flood', type=int, default=1000, help='connections at a full server (default 1,000)')
    parser.add_argument('--flood-sessions', type=int, default=8, help='sessions in each memory flood (default 8)')
    parser.add_argument('--polls', type=int, default=520, help='long polls held on one session (default 520)')
    parser.add_argument('--slowloris', type=int, default=300, help='half-sent headers held (default 300)')
    parser.add_argument('--header-timeout', type=float, default=10,
                        help="the slowloris server's header timeout (default 10 s, its default)")
    parser.add_argument('--slowreaders', type=int, default=100,
                        help='sessions that never acknowledge, and sockets that never read (default 100 each)')
    parser.add_argument('--slow-submits', type=int, default=SLOW_SUBMITS,
                        help='forms each socket that never reads submits (default %d)' % SLOW_SUBMITS)
    parser.add_argument('--soak-pace', type=float, default=0.0,
                        help='soak: seconds a round takes at least, the submissions spread over it (default 0: '
                             'back to back, as fast as the server answers)')
    parser.add_argument('--soak', type=int, default=30, help='soak seconds (default 30)')
    parser.add_argument('--soak-sessions', type=int, default=300, help='soak sessions (default 300)')
    parser.add_argument('--soak-every', type=float, default=0,
                        help='seconds between soak samples (default: a tenth of the soak, at least 5)')
    parser.add_argument('--seed', type=int, default=1, help='random seed of the fuzz and the churn')
    args = parser.parse_args()
    unknown = set(args.checks) - set(CHECKS)
    if unknown:
        parser.error('no such check: %s' % ', '.join(sorted(unknown)))
    failed = 0
    for name in args.checks or list(CHECKS):
        line = asyncio.run(CHECKS[name](args))
        failed += 'FAIL' in line.split()[1]
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()

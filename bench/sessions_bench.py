"""Sessions, round trips and callbacks, against a bare Tornado WebSocket echo server as baseline.

Run from the repository root::

    python bench/sessions_bench.py                       # N = 100, 1,000 and 10,000
    python bench/sessions_bench.py --sessions 100 1000   # a quicker look

For each N it starts the server in its own process (bench/servers.py) and opens N sessions over
real WebSockets, negotiating permessage-deflate as browsers do; each session's task waits in
``input()``, in a thread (``pywebio``) or as a coroutine (``coro``, ``await input()``). It
reports:

- **open**: seconds to open all N sessions (until each has its form);
- **RSS/session**: the server's resident memory growth divided by N, with its threads and file
  descriptors;
- **serial round trip**: submit → the ``put_text`` it causes, one session at a time (median, p99);
- **burst round trip**: all N sessions submit at once (median, p99), and the server's CPU time
  per submit.

The baseline server echoes each message over the same kind of connection; latencies are also
printed as PyWebIO / echo. Serial round trips alternate between the servers (echo, PyWebIO,
PyWebIO with a coroutine task...), so that the machine's drift during the run weighs on both alike (each server's clients live in a process of their own). ``--clicks K`` adds K button clicks in one session: median round trip
and the server's RSS growth. ``--processes`` adds ``start_server(processes=2)``, with the plain
task and with a task that computes for 1 ms of CPU per submit ("busy"): the benchmark client
shares the two cores, so only a server with work to do can show what the second core brings.
"""
import argparse
import asyncio
import json
import inspect
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import tornado.websocket  # noqa: E402

from test.helpers import listening_port  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, 'bench'))
from page_acks import PageAcks  # noqa: E402
from targets import target  # noqa: E402

PAGE = os.sysconf('SC_PAGE_SIZE')
TICKS = os.sysconf('SC_CLK_TCK')


class Server:
    """A server process (and its children, with ``processes``); figures are summed over them."""

    def __init__(self, kind: str, processes: int = 1) -> None:
        self.process = subprocess.Popen([sys.executable, os.path.join(ROOT, 'bench', 'servers.py'), kind,
                                         str(processes)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.port = listening_port(self.process)
        self.url = 'ws://127.0.0.1:%d/io' % self.port
        deadline = time.monotonic() + 10
        while len(self.pids()) < (1 if processes == 1 else processes + 1) and time.monotonic() < deadline:
            time.sleep(0.05)

    def pids(self) -> List[int]:
        pids = [self.process.pid]
        for pid in pids:
            try:
                with open('/proc/%d/task/%d/children' % (pid, pid)) as children:
                    pids += [int(child) for child in children.read().split()]
            except OSError:
                pass
        return pids

    def _sum(self, read) -> float:
        total = 0.0
        for pid in self.pids():
            try:
                total += read(pid)
            except OSError:
                pass
        return total

    def rss(self) -> int:
        return int(self._sum(lambda pid: int(open('/proc/%d/statm' % pid).read().split()[1]) * PAGE))

    def threads(self) -> int:
        def count(pid: int) -> int:
            with open('/proc/%d/status' % pid) as status:
                return int(next(line for line in status if line.startswith('Threads:')).split()[1])
        return int(self._sum(count))

    def fds(self) -> int:
        return int(self._sum(lambda pid: len(os.listdir('/proc/%d/fd' % pid))))

    def cpu_seconds(self) -> float:
        def cpu(pid: int) -> float:
            with open('/proc/%d/stat' % pid) as stat:
                fields = stat.read().rsplit(')', 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / TICKS
        return self._sum(cpu)

    def stop(self) -> None:
        for pid in reversed(self.pids()):
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        self.process.wait()


class Client:
    """One session: counts the commands it receives, remembers the open form."""

    def __init__(self) -> None:
        self.task_id: Optional[str] = None
        self.callback_id: Optional[str] = None
        self.received = asyncio.Event()
        self.outputs = 0
        self.messages = 0
        self.acks = PageAcks()

    async def connect(self, url: str) -> None:
        self.socket = self.acks.socket = await tornado.websocket.websocket_connect(
            url, compression_options={}, on_message_callback=self.on_message, max_message_size=64 << 20)

    def on_message(self, message: Any) -> None:
        if message is None:
            return
        data = json.loads(message)
        if self.acks.handle(data):
            return
        self.messages += 1
        for command in data if isinstance(data, list) else [data]:
            if command.get('command') == 'input_group':
                self.task_id = command.get('task_id')
            elif command.get('command') == 'output':
                self.outputs += 1
                spec = command.get('spec', {})
                if spec.get('type') == 'buttons':
                    self.callback_id = spec['callback_id']
        self.received.set()

    async def wait(self, condition) -> None:
        while not condition():
            self.received.clear()
            await self.received.wait()

    async def round_trip(self, echo: bool) -> float:
        """Submit the open form (echo: send a message); seconds until the output (echo: the reply)."""
        if not echo:
            await self.wait(lambda: self.task_id is not None)  # the next form, before the clock runs
        event = {'event': 'form_submit', 'task_id': self.task_id, 'data': {'data': 'x'}}
        self.task_id = None
        start = time.perf_counter()
        before = (self.messages if echo else self.outputs)
        self.socket.write_message(json.dumps(event))
        await self.wait(lambda: (self.messages if echo else self.outputs) > before)
        return time.perf_counter() - start


def percentile(values: List[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Fleet:
    """One server process and N client sessions open on it."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.echo = kind == 'echo'
        name, _, copies = kind.partition(' x')
        self.server = Server(name, int(copies or 1))
        self.clients: List[Client] = []
        self.figures: Dict[str, float] = {}

    async def open(self, n: int) -> None:
        await asyncio.sleep(0.5)
        base_rss = self.server.rss()
        start = time.perf_counter()
        self.clients = [Client() for _ in range(n)]
        for batch in range(0, n, 200):
            group = self.clients[batch:batch + 200]
            await asyncio.gather(*(c.connect(self.server.url) for c in group))
            await asyncio.gather(*(c.wait(lambda c=c: c.messages > 0) for c in group))
        opened = time.perf_counter() - start
        await asyncio.sleep(1)  # let the server settle before reading its memory
        server = self.server
        self.figures.update(open_s=opened, rss_per_session=(server.rss() - base_rss) / n,
                            threads=server.threads(), fds=server.fds(), rss_mib=server.rss() / 2 ** 20)

    async def round_trip(self, i: int) -> float:
        return await self.clients[i % len(self.clients)].round_trip(self.echo)

    def record_serial(self, times: List[float]) -> None:
        self.figures['serial_median_ms'] = statistics.median(times) * 1000
        self.figures['serial_p99_ms'] = percentile(times, 0.99) * 1000

    async def burst(self) -> None:
        cpu_before = self.server.cpu_seconds()
        times = await asyncio.gather(*(c.round_trip(self.echo) for c in self.clients))
        self.figures['burst_median_ms'] = statistics.median(times) * 1000
        self.figures['burst_p99_ms'] = percentile(times, 0.99) * 1000
        self.figures['cpu_ms_per_submit'] = (self.server.cpu_seconds() - cpu_before) * 1000 / len(times)

    def report(self) -> Dict[str, float]:
        return self.figures

    def close(self) -> None:
        for client in self.clients:
            client.socket.close()
        self.server.stop()


def _fleet_process(conn: Any, kind: str) -> None:
    """Run one `Fleet` in a child process, doing what the parent asks over ``conn``.

    A process per fleet gives each its own limit of open files (10,000 sessions each for several
    servers would not fit in one) and its own event loop, so fleets never slow each other.
    """
    async def serve() -> None:
        fleet = Fleet(kind)
        loop = asyncio.get_running_loop()
        try:
            while True:
                # the loop runs while the parent thinks: the sessions answer the server's pings
                # (a page silent for 1.5 ping intervals is taken for dropped)
                name, *args = await loop.run_in_executor(None, conn.recv)
                if name == 'close':
                    break
                try:
                    result = getattr(fleet, name)(*args)
                    conn.send(await result if inspect.isawaitable(result) else result)
                except Exception as error:  # shown by the parent
                    conn.send(error)
        finally:
            fleet.close()
    asyncio.run(serve())


class FleetProcess:
    """The parent's handle on a `Fleet` running in its own process: ``fleet('open', n)``..."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        context = multiprocessing.get_context('fork')
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_fleet_process, args=(child, kind), daemon=True)
        self._process.start()

    def __call__(self, name: str, *args: Any) -> Any:
        self._conn.send((name, *args))
        result = self._conn.recv()
        if isinstance(result, Exception):
            raise RuntimeError('the %s fleet failed in %s()' % (self.kind, name)) from result
        return result

    def close(self) -> None:
        if self._process.is_alive():
            self._conn.send(('close',))
            self._process.join(30)


def measure(kinds: List[str], n: int, serial: int) -> Dict[str, Dict[str, float]]:
    """Open N sessions on each server, then measure them.

    The serial round trips alternate between the servers (echo, PyWebIO, echo...), so that a
    change in the machine's speed during the run weighs on all alike. Bursts run one server at a
    time.
    """
    fleets = [FleetProcess(kind) for kind in kinds]
    try:
        for fleet in fleets:
            fleet('open', n)
        times: Dict[str, List[float]] = {fleet.kind: [] for fleet in fleets}
        for i in range(serial):
            for fleet in (fleets if i % 2 else fleets[::-1]):
                times[fleet.kind].append(fleet('round_trip', i))
        for fleet in fleets:
            if serial:
                fleet('record_serial', times[fleet.kind])
            fleet('burst')
        return {fleet.kind: fleet('report') for fleet in fleets}
    finally:
        for fleet in fleets:
            fleet.close()


async def measure_clicks(clicks: int) -> Dict[str, float]:
    server = Server('clicks')
    try:
        client = Client()
        await client.connect(server.url)
        await client.wait(lambda: client.callback_id is not None)
        event = json.dumps({'event': 'callback', 'task_id': client.callback_id, 'data': 0})
        times = []
        warm_up = min(1000, clicks // 10)
        rss_start = server.rss()
        for i in range(clicks):
            if i == warm_up:
                rss_start = server.rss()  # after warm-up: the callback thread exists
            before, start = client.outputs, time.perf_counter()
            client.socket.write_message(event)
            await client.wait(lambda: client.outputs > before)
            times.append(time.perf_counter() - start)
        return {'click_median_ms': statistics.median(times) * 1000,
                'rss_growth_mib': (server.rss() - rss_start) / 2 ** 20}
    finally:
        server.stop()


def print_row(kind: str, n: int, r: Dict[str, float]) -> None:
    serial = ('%7.3fms %7.3fms' % (r['serial_median_ms'], r['serial_p99_ms'])
              if 'serial_median_ms' in r else '%9s %9s' % ('-', '-'))
    print('%-10s %5d %8.2f %8.1fKi %8.1f %6d %7d %s %7.2fms %7.2fms %7.3fms' % (
        kind, n, r['open_s'], r['rss_per_session'] / 1024, r['rss_mib'], r['threads'], r['fds'],
        serial, r['burst_median_ms'], r['burst_p99_ms'], r['cpu_ms_per_submit']))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--sessions', type=int, nargs='+', default=[100, 1000, 10000])
    parser.add_argument('--serial', type=int, default=2000, help='serial round trips per N')
    parser.add_argument('--clicks', type=int, default=100000)
    parser.add_argument('--processes', action='store_true',
                        help='also serve PyWebIO from 2 processes (start_server(processes=2)), with '
                             'the plain task and with a task that computes for 1 ms per submit')
    args = parser.parse_args()
    print('%-10s %5s %8s %10s %8s %6s %7s %9s %9s %9s %9s %9s' % (
        'server', 'N', 'open s', 'RSS/sess', 'RSS MiB', 'thr', 'fds', 'ser med', 'ser p99',
        'bst med', 'bst p99', 'cpu/sub'))
    targets = []
    for n in args.sessions:
        rows = measure(['echo', 'pywebio', 'coro'], n, args.serial)
        for kind, r in rows.items():
            print_row(kind, n, r)
        echo = rows['echo']
        for kind in ('pywebio', 'coro'):
            ours = rows[kind]
            print('%-10s %5d  %s: serial median %.2fx echo, burst median %.2fx echo, cpu/submit %.2fx echo' % (
                'ratio', n, kind, ours['serial_median_ms'] / echo['serial_median_ms'],
                ours['burst_median_ms'] / echo['burst_median_ms'],
                ours['cpu_ms_per_submit'] / max(echo['cpu_ms_per_submit'], 1e-9)))
        if n >= 1000:
            targets += [
                ('RSS per idle thread session, N=%d' % n, rows['pywebio']['rss_per_session'] / 1024, 32, 'KiB'),
                ('RSS per idle coroutine session, N=%d' % n, rows['coro']['rss_per_session'] / 1024, 24, 'KiB'),
                ('serial submit->output / echo, thread sessions, N=%d' % n,
                 rows['pywebio']['serial_median_ms'] / echo['serial_median_ms'], 1.15, 'x')]
        if args.processes:
            # apart from the serial comparison above, which more servers would only disturb; a
            # pair at a time, as 10,000 sessions are 10,000 threads (Linux allows 32,768 by default)
            for kind in ('pywebio', 'busy'):
                rows = measure([kind, kind + ' x2'], n, 0)
                for name, r in rows.items():
                    print_row(name, n, r)
                print('%-10s %5d  %s task, 2 processes: burst median %.2fx one process, CPU/submit %.3f ms, '
                      'RSS/session %.1f KiB' % (
                          'scale', n, kind, rows[kind + ' x2']['burst_median_ms'] / rows[kind]['burst_median_ms'],
                          rows[kind + ' x2']['cpu_ms_per_submit'], rows[kind + ' x2']['rss_per_session'] / 1024))
    if args.clicks:
        r = asyncio.run(measure_clicks(args.clicks))
        print('clicks   %d in one session: median round trip %.3f ms, server RSS growth %.2f MiB' % (
            args.clicks, r['click_median_ms'], r['rss_growth_mib']))
    print()
    for figure in targets:
        target(*figure)


if __name__ == '__main__':
    main()

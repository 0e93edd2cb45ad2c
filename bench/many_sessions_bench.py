"""100,000 concurrent coroutine sessions on one machine, opened in steps, against an echo server.

Run from the repository root::

    python bench/many_sessions_bench.py                          # steps of 10k, 50k and 100k
    python bench/many_sessions_bench.py --steps 2000 5000        # a quick look

The server is ``start_server(task, processes=P)``: P processes on one port (``SO_REUSEPORT``),
each session's coroutine task waiting in ``await input()``. Every session is opened by a real
WebSocket client (the ``websockets`` library, one connection each, without compression) that
waits for its form and answers the server's pings as a page does (docs/protocol.md). The clients
live in processes of their own, each connecting from an address of its own in 127.0.0.0/8, so
that no (address, port) pair runs out of ephemeral ports.

At each step it opens the sessions that bring the total to the step and reports:

- **open**: seconds to open them (from the first connect until every new session has its form);
- **server memory**: the sum of the server processes' PSS (each shared page counted once) and of
  their RSS, and the growth of the PSS since before the first session, per session;
- **round trip**: 200 serial submit → output round trips on sessions picked across all clients,
  alternating with as many on a bare Tornado WebSocket echo server (no compression) that runs on
  the same machine at the same time, each client process holding one connection to it beside its
  sessions: both kinds of round trip go from the same process and event loop, and bear the same
  load of N sessions answering their pings. The median of each and their ratio.

Then it closes every session and reports how long the server took to let them all go.

**Limits, by design.** Each process may hold at most ``ulimit -n`` file descriptors (20,000 on
the project's machine, soft and hard). The benchmark raises each process's soft limit to its hard
limit, and nothing more, and spreads the work so that no process needs more: P = 8 server
processes (a server process admits ``3/4 × limit`` connections: 15,000 each) and one client
process per 16,000 sessions. Coroutine sessions take no thread, so ``pid_max`` and
``threads-max`` are not approached.
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
from typing import Any, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, 'bench'))

from sessions_bench import Server  # noqa: E402
from targets import target  # noqa: E402

SESSIONS_PER_CLIENT_PROCESS = 16000
SERVER_PROCESSES = 8
OPEN_BATCH = 100  # handshakes in flight per client process


def raise_open_file_limit() -> int:
    """Raise this process's soft limit of open files to its hard limit; return it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def memory_kib(pids: List[int]) -> (int, int):
    """(PSS, RSS) of these processes, summed, in KiB."""
    pss = rss = 0
    for pid in pids:
        try:
            with open('/proc/%d/smaps_rollup' % pid) as rollup:
                for line in rollup:
                    if line.startswith('Pss:'):
                        pss += int(line.split()[1])
                    elif line.startswith('Rss:'):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return pss, rss


# -- the clients -------------------------------------------------------------------------------

class Page:
    """One session, as a page keeps it: reads every frame, acknowledges commands, answers pings."""

    __slots__ = ('socket', 'commands', 'task_id', 'outputs', 'changed', 'reader')

    def __init__(self) -> None:
        self.commands = 0
        self.task_id: Optional[str] = None
        self.outputs = 0
        self.changed: Optional[asyncio.Event] = None  # only while someone waits

    async def open(self, url: str, source: str) -> None:
        from websockets.asyncio.client import connect
        self.socket = await connect(url, compression=None, ping_interval=None, max_queue=4,
                                    open_timeout=120, local_addr=(source, 0), user_agent_header=None)
        self.reader = asyncio.ensure_future(self.read())
        while self.task_id is None:
            await self.wait()

    async def wait(self) -> None:
        self.changed = asyncio.Event()
        await self.changed.wait()

    async def read(self) -> None:
        try:
            async for text in self.socket:
                data = json.loads(text)
                if isinstance(data, dict):
                    if data.get('transport') == 'ping':
                        await self.socket.send('{"transport":"ack","commands":%d}' % self.commands)
                    continue
                self.commands += len(data)
                for command in data:
                    kind = command.get('command')
                    if kind == 'input_group':
                        self.task_id = command['task_id']
                    elif kind == 'output':
                        self.outputs += 1
                if self.changed is not None:
                    self.changed.set()
        except Exception:  # closed: the benchmark is ending
            pass

    async def round_trip(self) -> float:
        task_id, self.task_id = self.task_id, None
        outputs = self.outputs
        start = time.perf_counter()
        await self.socket.send(json.dumps({'event': 'form_submit', 'task_id': task_id, 'data': {'data': 'x'}}))
        while self.outputs == outputs:
            await self.wait()
        elapsed = time.perf_counter() - start
        while self.task_id is None:  # the next form, before the next round trip
            await self.wait()
        return elapsed


class EchoPage:
    __slots__ = ('socket',)

    async def open(self, url: str) -> None:
        from websockets.asyncio.client import connect
        self.socket = await connect(url, compression=None, ping_interval=None)
        await self.socket.recv()  # its greeting

    async def round_trip(self) -> float:
        start = time.perf_counter()
        await self.socket.send('{"event":"form_submit","task_id":"1","data":{"data":"x"}}')
        await self.socket.recv()
        return time.perf_counter() - start


def _client_process(conn: Any, url: str, echo_url: str, source: str) -> None:
    """Keep sessions open from ``source``, doing what the parent asks over ``conn``; round trips
    to the echo server go from the same process and loop, so that both bear the same load."""
    raise_open_file_limit()

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        pages: List[Page] = []
        echo_page = EchoPage()
        await echo_page.open(echo_url)
        while True:
            name, *args = await loop.run_in_executor(None, conn.recv)
            try:
                if name == 'open':
                    start = time.perf_counter()
                    for first in range(0, args[0], OPEN_BATCH):
                        batch = [Page() for _ in range(min(OPEN_BATCH, args[0] - first))]
                        await asyncio.gather(*(page.open(url, source) for page in batch))
                        pages.extend(batch)
                    conn.send(time.perf_counter() - start)
                elif name == 'round_trip':
                    conn.send(await pages[args[0] % len(pages)].round_trip())
                elif name == 'echo_round_trip':
                    conn.send(await echo_page.round_trip())
                elif name == 'close':
                    await asyncio.gather(*(page.socket.close() for page in pages), return_exceptions=True)
                    conn.send(len(pages))
                    return
            except Exception as error:  # shown by the parent
                conn.send(error)
    asyncio.run(serve())


class ClientProcess:
    def __init__(self, url: str, echo_url: str, source: str) -> None:
        context = multiprocessing.get_context('spawn')
        self._conn, child = context.Pipe()
        self.process = context.Process(target=_client_process, args=(child, url, echo_url, source), daemon=True)
        self.process.start()
        self.sessions = 0

    def send(self, *request: Any) -> None:
        self._conn.send(request)

    def result(self) -> Any:
        answer = self._conn.recv()
        if isinstance(answer, Exception):
            raise RuntimeError('a client process failed') from answer
        return answer

    def call(self, *request: Any) -> Any:
        self.send(*request)
        return self.result()


# -- the run -----------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--steps', type=int, nargs='+', default=[10000, 50000, 100000])
    parser.add_argument('--processes', type=int, default=SERVER_PROCESSES)
    parser.add_argument('--round-trips', type=int, default=200)
    args = parser.parse_args()
    limit = raise_open_file_limit()  # the servers and clients started from here inherit it
    print('open files: %d per process (ulimit -n, raised to the hard limit); %d server processes, '
          'up to %d sessions per client process' % (limit, args.processes, SESSIONS_PER_CLIENT_PROCESS), flush=True)

    server = Server('coro', args.processes)
    echo = Server('echo')
    clients: List[ClientProcess] = []
    try:
        time.sleep(1)
        base_pss, base_rss = memory_kib(server.pids())
        base_fds = server.fds()
        print('server before any session: PSS %.0f MiB, RSS %.0f MiB (%d processes)' % (
            base_pss / 1024, base_rss / 1024, len(server.pids())), flush=True)
        print('%8s %8s %10s %10s %12s %12s %12s %7s' % (
            'sessions', 'open s', 'PSS MiB', 'RSS MiB', 'PSS/session', 'round trip', 'echo', 'ratio'), flush=True)
        opened = 0
        figures = []
        for step in args.steps:
            wanted = step - opened
            # fill client processes in turn, each up to SESSIONS_PER_CLIENT_PROCESS
            plan = []
            while wanted > 0:
                client = next((c for c in clients if c.sessions < SESSIONS_PER_CLIENT_PROCESS), None)
                if client is None:
                    client = ClientProcess(server.url, echo.url, '127.0.0.%d' % (10 + len(clients)))
                    clients.append(client)
                count = min(wanted, SESSIONS_PER_CLIENT_PROCESS - client.sessions)
                client.sessions += count
                plan.append((client, count))
                wanted -= count
            start = time.perf_counter()
            for client, count in plan:  # one client process at a time: a machine busy with
                client.call('open', count)  # thousands of handshakes at once answers none in time
            open_seconds = time.perf_counter() - start
            opened = step
            time.sleep(2)  # let the server settle before reading its memory
            pss, rss = memory_kib(server.pids())
            ours: List[float] = []
            theirs: List[float] = []
            for i in range(args.round_trips):
                client = clients[i % len(clients)]
                if i % 2:
                    theirs.append(client.call('echo_round_trip'))
                    ours.append(client.call('round_trip', i * 7919))
                else:
                    ours.append(client.call('round_trip', i * 7919))
                    theirs.append(client.call('echo_round_trip'))
            ours_ms, theirs_ms = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
            print('%8d %8.1f %10.0f %10.0f %10.1f Ki %9.3f ms %9.3f ms %6.2fx' % (
                step, open_seconds, pss / 1024, rss / 1024, (pss - base_pss) / step, ours_ms, theirs_ms,
                ours_ms / theirs_ms), flush=True)
            figures.append((step, pss))
        start = time.perf_counter()
        for client in clients:
            client.send('close')
        for client in clients:
            client.result()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.fds() > base_fds:
            time.sleep(0.2)
        pss, rss = memory_kib(server.pids())
        print('closed %d sessions in %.1f s; server PSS %.0f MiB, RSS %.0f MiB afterwards' % (
            opened, time.perf_counter() - start, pss / 1024, rss / 1024), flush=True)
        print()
        for step, pss in figures:
            target('server memory (PSS) with %s coroutine sessions' % '{:,}'.format(step), pss / 2 ** 20, 3, 'GiB')
    finally:
        for client in clients:
            client.process.kill()
        server.stop()
        echo.stop()
        said = server.process.stdout.read()
        if said.strip():
            print('the server said:\n' + said[-3000:])


if __name__ == '__main__':
    main()

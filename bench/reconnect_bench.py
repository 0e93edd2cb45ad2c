"""Reconnecting: how long a dropped session takes to resume, and what detached sessions cost.

Run from the repository root::

    python bench/reconnect_bench.py                    # 200 resumes, 1,000 sessions
    python bench/reconnect_bench.py --resumes 50 --sessions 200

The server is bench/servers.py's PyWebIO app (every session waits in ``input()``), in a process
of its own, on loopback. It reports:

- **drop → resumed**: from the moment the client cuts its TCP connection (no close frame, as a
  lost network does) to the server's ``resumed`` answer on a new connection: connect, handshake,
  the ``resume`` frame, the answer (median, p99). The baseline, measured in the same run and
  alternating with it, is what a page did before: open a *new* session (connect, handshake, the
  first form).
- **RSS of N detached sessions**: the server's resident memory growth with N sessions whose
  connections were cut (their threads wait in ``input()``, their commands kept), against a second
  server process, started in the same run, holding N attached idle sessions.
"""
import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from typing import Any, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tornado.websocket  # noqa: E402

from page_acks import PageAcks  # noqa: E402
from sessions_bench import Server  # noqa: E402


class Page:
    """One session as a page holds it: the key and secret, and the commands received."""

    def __init__(self) -> None:
        self.key: Optional[str] = None
        self.secret = ''
        self.acks = PageAcks()  # it answers pings: an idle page is not a silent one
        self.form = asyncio.Event()
        self.resumed = asyncio.Event()
        self.socket: Any = None

    def on_message(self, message: Any) -> None:
        if message is None:
            return
        data = json.loads(message)
        if self.acks.handle(data):
            if data['transport'] == 'session':
                self.key, self.secret = data['key'], data['secret']
            elif data['transport'] == 'resumed':
                self.resumed.set()
        elif any(command.get('command') == 'input_group' for command in data):
            self.form.set()

    async def open(self, url: str) -> None:
        self.socket = self.acks.socket = await tornado.websocket.websocket_connect(
            url, compression_options={}, on_message_callback=self.on_message)
        await self.form.wait()

    def drop(self) -> None:
        self.socket.protocol.stream.close()  # no close frame: the server only detaches the session

    async def resume(self, url: str) -> None:
        self.resumed.clear()
        self.socket = self.acks.socket = await tornado.websocket.websocket_connect(
            '%s?resume=%s' % (url, self.key), compression_options={}, on_message_callback=self.on_message)
        self.socket.write_message(json.dumps({'transport': 'resume', 'key': self.key, 'secret': self.secret,
                                              'commands': self.acks.commands}))
        await self.resumed.wait()


def quantiles(samples: List[float]) -> Tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def resume_times(url: str, count: int) -> Tuple[List[float], List[float]]:
    page = Page()
    await page.open(url)
    resumes, opens = [], []
    for _ in range(count):
        started = time.perf_counter()
        page.drop()
        await page.resume(url)
        resumes.append(time.perf_counter() - started)
        started = time.perf_counter()
        fresh = Page()
        await fresh.open(url)
        opens.append(time.perf_counter() - started)
        fresh.socket.close(1000)  # the baseline session leaves: it ends at once
    page.socket.close(1000)
    return resumes, opens


async def open_sessions(url: str, count: int) -> List[Page]:
    pages = []
    for start in range(0, count, 100):  # a hundred at a time, as a busy server sees them
        batch = [Page() for _ in range(min(100, count - start))]
        await asyncio.gather(*(page.open(url) for page in batch))
        pages += batch
    return pages


def settle(server: Server, seconds: float = 1.0) -> int:
    time.sleep(seconds)
    return server.rss()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--resumes', type=int, default=200)
    parser.add_argument('--sessions', type=int, default=1000)
    args = parser.parse_args()

    server = Server('pywebio')
    try:
        resumes, opens = asyncio.run(resume_times(server.url, args.resumes))
    finally:
        server.stop()
    resume_median, resume_p99 = quantiles(resumes)
    open_median, open_p99 = quantiles(opens)
    print('drop -> resumed, %d times on loopback: median %.2f ms, p99 %.2f ms' %
          (args.resumes, resume_median * 1000, resume_p99 * 1000))
    print('baseline, a new session instead:      median %.2f ms, p99 %.2f ms' %
          (open_median * 1000, open_p99 * 1000))
    print('resume / new session: %.2f (median)' % (resume_median / open_median))

    attached, detached = Server('pywebio'), Server('pywebio')
    try:
        before = (settle(attached, 0.2), settle(detached, 0.2))

        async def load() -> Tuple[List[Page], List[Page]]:
            kept = await open_sessions(attached.url, args.sessions)
            dropped = await open_sessions(detached.url, args.sessions)
            for page in dropped:
                page.drop()
            return kept, dropped

        loop = asyncio.new_event_loop()
        kept, dropped = loop.run_until_complete(load())
        deadline = time.monotonic() + 30
        while detached.fds() > 50 and time.monotonic() < deadline:  # the server has seen every drop
            time.sleep(0.1)
        growth_attached = settle(attached) - before[0]
        growth_detached = settle(detached) - before[1]
        threads = detached.threads()
        # they are still there: every detached session resumes
        async def resume_some() -> None:
            await asyncio.wait_for(asyncio.gather(*(page.resume(detached.url) for page in dropped[:100])), 30)
        loop.run_until_complete(resume_some())
        loop.close()
    finally:
        attached.stop()
        detached.stop()
    print('%d attached idle sessions: RSS +%.1f MiB (%.1f KiB/session)' %
          (args.sessions, growth_attached / 2 ** 20, growth_attached / args.sessions / 1024))
    print('%d detached sessions:      RSS +%.1f MiB (%.1f KiB/session), %d threads' %
          (args.sessions, growth_detached / 2 ** 20, growth_detached / args.sessions / 1024, threads))
    print('detached / attached: %.2f' % (growth_detached / growth_attached))


if __name__ == '__main__':
    main()

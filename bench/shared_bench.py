"""`pywebio.shared` channels: publish-to-visible latency, throughput, memory, against baselines.

Run from the repository root::

    python bench/shared_bench.py                  # 1,000 sessions: a few minutes
    python bench/shared_bench.py --quick          # 100 sessions: well under a minute
    python bench/shared_bench.py --sessions 300   # another size

It starts a real Redis (`test.redis_server`, Debian's redis-server) and runs this script's own
apps (``--serve``) in a server process, as ``start_server(processes=2, redis_url=...)`` or, for
the in-process figures, ``processes=1`` without Redis. The sessions are real WebSocket clients
(`sessions_bench.Client`: permessage-deflate, acknowledgements and pings as a page answers them,
bench/page_acks.py), all on one event loop in this process. A separate *publisher* session is
told through its input form what to publish and paces the messages itself, in the server: each
message is the text ``pub:TAG:INDEX:TIME``, ``TIME`` being the wall clock just before
``Channel.publish`` (or the baseline's publish). Each subscribed session's callback shows it with
``put_text(message)``; a client takes the latency as its wall clock when the ``output`` frame
is read minus ``TIME`` (one machine, one clock). It reports:

1. **Publish-to-visible latency** with N subscribed sessions over the 2 processes: p50 and p99
   over every (client, message) of messages spaced out, so that each fan-out ends before the
   next; the latency to the *first* and to the *last* client of each message (medians over
   messages); the fan-out cost per client, with the server's and the clients' CPU time per
   delivery. **Baseline**: redis-py on the same Redis, ``PUBLISH`` from this process to a thread
   reading ``pubsub().listen()``, p50 and p99 of publish → receive; and ``XADD`` → a thread in a
   blocking ``XREAD``, the mechanism of `pywebio.shared.redis_store`. Target: p50 within 2x of the
   bare ``PUBLISH``. Only a *single* subscribed session is comparable with it (the publisher and
   one subscriber on a server of their own, at the baselines' spacing): N sessions' frames leave
   each process one after another, so their p50 is about half the fan-out, and the output says
   so when it dominates. To split the single session's latency into Redis and the rest, it is
   also measured with the memory store (``processes=1``), and so is a session showing the message
   without `pywebio.shared` (the Condition of 4.): its session → WebSocket → client path alone.
2. **Messages per second until latency doubles**: the publisher sends for ``--seconds`` at each
   rate of ``--rates`` to the N subscribed sessions; after each step the bench waits until every
   client has every message (or nothing arrived for 5 s: the rest count as lost). It reports the
   first rate whose p50 is more than twice the p50 at the lowest rate.
3. **RSS per subscribed session**: the server processes' RSS (summed over the parent and its
   workers, /proc) before and after opening the N sessions, divided by the sessions opened. The
   first sessions (the warm-up: the publisher and 10 sessions) are opened before the "before"
   reading, so that what every process pays once (the Redis store, its reader thread, imports)
   is left out. Subscribed: after subscribing, and again once a message was delivered, which
   starts each session's callback thread. **Baseline**: sessions that only ``hold()``, on a
   server of their own, read alike.
4. **In-process fan-out** (memory store, ``processes=1``): N subscribed sessions, and N sessions
   that show the message the way apps did before `pywebio.shared`: each one's task waits on a
   module-level ``threading.Condition`` over a module-level list of messages, and calls
   ``put_text`` for each new one (the publisher appends to the list and calls ``notify_all``).
   That is the most direct way of one process: no polling, no queue of our own, and every
   session's own thread writes, as a subscription's callback thread does. Both kinds live on the
   same server and the messages alternate between them (channel, direct, channel...), so that
   the machine's drift weighs on both alike. Figure: publish → the last client (median over
   messages), and p50 over clients. Target: within 1.5x of direct.

The clients share the machine's 2 cores with the server, so their own work (reading N frames on
one loop) is part of every fan-out figure; their CPU time is printed beside the server's. Nothing
is asserted: figures and ratios only. The soft limit of open files is raised to the hard limit when
the sessions need more (the output says so). The servers and Redis are stopped at the end, on
Ctrl-C and on errors too.
"""
import argparse
import asyncio
import json
import os
import re
import resource
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, 'bench'))

from sessions_bench import Client, Server, percentile  # noqa: E402
from test.helpers import listening_port, start_program, stop_program, wait_for  # noqa: E402
from test.redis_server import RedisServer  # noqa: E402

CHANNEL = 'bench'
WARM_UP = 10  # sessions opened before the "before" RSS reading (and the publisher)
QUIET_SECONDS = 5.0  # a fan-out that delivers nothing for this long has lost the rest
OPEN_TIMEOUT = 300.0


# -- the server side: python bench/shared_bench.py --serve PROCESSES REDIS_URL -----------------

_board: List[str] = []  # the direct baseline: messages, and a Condition to wake the sessions
_board_changed = threading.Condition()


def subscriber_task() -> None:
    from pywebio import shared
    from pywebio.output import put_text
    from pywebio.session import hold
    shared.Channel(CHANNEL).subscribe(lambda message: put_text(message))
    put_text('ready')  # the client starts counting once it is subscribed
    hold()


def holder_task() -> None:
    from pywebio.output import put_text
    from pywebio.session import hold
    put_text('ready')
    hold()


def direct_task() -> None:
    """What an app did before pywebio.shared: wait on a module-level Condition, show what is new."""
    from pywebio.output import put_text
    with _board_changed:
        seen = len(_board)
    put_text('ready')
    while True:
        with _board_changed:
            _board_changed.wait_for(lambda: len(_board) > seen)
            new, seen = _board[seen:], len(_board)
        for message in new:
            put_text(message)


def post_direct(message: str) -> None:
    with _board_changed:
        _board.append(message)
        _board_changed.notify_all()


def publisher_task() -> None:
    """Publishes what its form is told (JSON: tag, count, rate, direct), paced here, in the server,
    so that the rate does not depend on the bench's round trips; then says ``done:TAG:SECONDS``."""
    from pywebio import shared
    from pywebio.input import input
    from pywebio.output import put_text
    channel = shared.Channel(CHANNEL)
    while True:
        order = json.loads(input('order'))
        publish = post_direct if order['direct'] else channel.publish
        start = time.perf_counter()
        for index in range(order['count']):
            delay = start + index / order['rate'] - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            publish('pub:%s:%d:%.6f' % (order['tag'], index, time.time()))
        put_text('done:%s:%.6f' % (order['tag'], time.perf_counter() - start))


def serve(processes: int, redis_url: str) -> None:
    from pywebio.platform.tornado import start_server
    start_server({'sub': subscriber_task, 'hold': holder_task, 'direct': direct_task, 'pub': publisher_task},
                 port=0, host='127.0.0.1', processes=processes, redis_url=redis_url or None)


# -- the bench side ----------------------------------------------------------------------------

PUBLISHED = re.compile(r'pub:(\w+):(\d+):(\d+\.\d+)')
DONE = re.compile(r'done:(\w+):(\d+\.\d+)')
SESSION_KEY = re.compile(r'"transport"\s*:\s*"session".*?"key"\s*:\s*"([^".]*)\.')


class Arrivals:
    """Latencies of every published message at every client: ``(tag, index) -> [seconds...]``."""

    def __init__(self) -> None:
        self.by_message: Dict[Tuple[str, int], List[float]] = defaultdict(list)
        self.count: Counter = Counter()  # tag -> deliveries so far

    def add(self, tag: str, index: int, latency: float) -> None:
        self.by_message[(tag, index)].append(latency)
        self.count[tag] += 1

    def of(self, tag: str) -> List[List[float]]:
        return [latencies for (t, _), latencies in self.by_message.items() if t == tag]


class Viewer(Client):
    """A session's page (`sessions_bench.Client`) that also notes when each published message
    arrives, which process holds its session (the route of its session key), and the
    publisher's ``done`` lines. It reads the raw frame with regular expressions: the client's
    own CPU time is part of every fan-out figure, so it does no more than that."""

    def __init__(self, arrivals: Arrivals) -> None:
        super().__init__()
        self.arrivals = arrivals
        self.route: Optional[str] = None
        self.done: Dict[str, float] = {}

    def on_message(self, message: Any) -> None:
        now = time.time()
        if message is not None:
            for tag, index, sent in PUBLISHED.findall(message):
                self.arrivals.add(tag, int(index), now - float(sent))
            if self.route is None:
                key = SESSION_KEY.search(message)
                self.route = key.group(1) if key else None
            for tag, seconds in DONE.findall(message):
                self.done[tag] = float(seconds)
        super().on_message(message)


STOPPED_CPU: List[float] = []  # CPU seconds of each server and Redis, read just before it stopped


class Tracked(Server):
    """A process of ours and its children, with the /proc readings of `sessions_bench.Server`
    (whose own ``__init__`` starts bench/servers.py)."""

    def __init__(self, process: Any) -> None:  # pylint: disable=super-init-not-called
        self.process = process

    def record_cpu(self) -> None:
        """Before it stops: count its CPU time as the bench's own (`own_seconds`)."""
        STOPPED_CPU.append(self.cpu_seconds())


class BenchServer(Tracked):
    """This script's apps (``--serve``) served by a process group of their own."""

    def __init__(self, processes: int, redis_url: str) -> None:
        super().__init__(start_program(os.path.abspath(__file__), ['--serve', processes, redis_url],
                                       env={'PYWEBIO_REDIS_URL': ''}))  # the memory server must not inherit one
        try:
            self.port = listening_port(self.process)
            wait_for(lambda: len(self.pids()) >= (1 if processes == 1 else processes + 1), timeout=10,
                     what='%d worker processes' % processes)
        except BaseException:
            print(stop_program(self.process), file=sys.stderr)
            raise

    def ws_url(self, app: str) -> str:
        return 'ws://127.0.0.1:%d/io?app=%s' % (self.port, app)

    def stop(self) -> None:
        self.record_cpu()
        stop_program(self.process)


async def open_viewers(server: BenchServer, app: str, n: int, arrivals: Arrivals, batch: int = 200) -> List[Viewer]:
    """N sessions of ``app``, each ready: its first output shown (``sub``: once subscribed), or
    its form (``pub``)."""
    viewers: List[Viewer] = []
    for start in range(0, n, batch):
        group = [Viewer(arrivals) for _ in range(min(batch, n - start))]
        await asyncio.wait_for(asyncio.gather(*(v.connect(server.ws_url(app)) for v in group)), OPEN_TIMEOUT)
        ready = (v.wait(lambda v=v: v.outputs or v.task_id) for v in group)
        await asyncio.wait_for(asyncio.gather(*ready), OPEN_TIMEOUT)
        viewers += group
    return viewers


def close_viewers(viewers: List[Viewer]) -> None:
    for viewer in viewers:
        viewer.socket.close()


class Publisher:
    """The publisher session (app ``pub``): `publish` tells it what to send, and waits until it is sent."""

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer

    @classmethod
    async def open(cls, server: BenchServer, arrivals: Arrivals) -> 'Publisher':
        return cls((await open_viewers(server, 'pub', 1, arrivals))[0])

    async def publish(self, tag: str, count: int, rate: float, direct: bool = False) -> float:
        """Seconds the publisher took to send ``count`` messages at ``rate`` per second."""
        viewer = self.viewer
        await viewer.wait(lambda: viewer.task_id is not None)
        order = json.dumps({'tag': tag, 'count': count, 'rate': rate, 'direct': direct})
        viewer.socket.write_message(json.dumps({'event': 'form_submit', 'task_id': viewer.task_id,
                                                'data': {'data': order}}))
        viewer.task_id = None
        await asyncio.wait_for(viewer.wait(lambda: tag in viewer.done), count / rate + 60)
        return viewer.done[tag]


async def delivered(arrivals: Arrivals, tag: str, expected: int) -> int:
    """Wait until ``expected`` deliveries of ``tag`` arrived, or none for `QUIET_SECONDS`; how many did."""
    last, last_change = -1, time.monotonic()
    while arrivals.count[tag] < expected:
        if arrivals.count[tag] != last:
            last, last_change = arrivals.count[tag], time.monotonic()
        elif time.monotonic() - last_change > QUIET_SECONDS:
            break
        await asyncio.sleep(0.02)
    return arrivals.count[tag]


def summarize(per_message: List[List[float]]) -> Dict[str, float]:
    """Milliseconds: p50/p99 over every delivery; medians over messages of the first and last
    delivery, and of the spread between them per further client."""
    every = [latency for latencies in per_message for latency in latencies]
    if not every:
        raise RuntimeError('no client received these messages: see the server\'s output')
    return {'p50': statistics.median(every) * 1000, 'p99': percentile(every, 0.99) * 1000,
            'first': statistics.median(min(m) for m in per_message) * 1000,
            'last': statistics.median(max(m) for m in per_message) * 1000,
            'per_client': statistics.median((max(m) - min(m)) / max(len(m) - 1, 1) for m in per_message) * 1000}


# -- the baselines: bare redis-py on the same Redis ----------------------------------------------

def bare_pubsub(url: str, count: int, interval: float) -> List[float]:
    """Seconds from ``PUBLISH`` to a thread reading ``pubsub().listen()``, for ``count`` messages."""
    import redis
    client = redis.Redis.from_url(url)
    pubsub = client.pubsub()
    subscribed, latencies = threading.Event(), []

    def receive() -> None:
        for message in pubsub.listen():
            if message['type'] == 'subscribe':
                subscribed.set()
            elif message['type'] == 'message':
                latencies.append(time.time() - float(message['data']))
                if len(latencies) == count:
                    return

    pubsub.subscribe('bench-bare')
    reader = threading.Thread(target=receive, daemon=True)
    reader.start()
    subscribed.wait(10)
    for _ in range(count):
        time.sleep(interval)
        client.publish('bench-bare', '%.6f' % time.time())
    reader.join(10)
    pubsub.close()
    client.close()
    return latencies


def bare_streams(url: str, count: int, interval: float) -> List[float]:
    """Seconds from ``XADD`` to a thread in a blocking ``XREAD``: what the Redis store does."""
    import redis
    client = redis.Redis.from_url(url)
    key = 'bench-bare-stream'
    client.delete(key)
    latencies: List[float] = []

    def receive() -> None:
        reader = redis.Redis.from_url(url)
        last = '0-0'
        while len(latencies) < count:
            for _, entries in reader.xread({key: last}, block=10_000) or ():
                for entry_id, fields in entries:
                    latencies.append(time.time() - float(fields[b'm']))
                    last = entry_id
        reader.close()

    reader = threading.Thread(target=receive, daemon=True)
    reader.start()
    for _ in range(count):
        time.sleep(interval)
        client.xadd(key, {'m': '%.6f' % time.time()})
    reader.join(10)
    client.close()
    return latencies


def quantiles_ms(latencies: List[float]) -> Dict[str, float]:
    return {'p50': statistics.median(latencies) * 1000, 'p99': percentile(latencies, 0.99) * 1000}


# -- the measurements --------------------------------------------------------------------------

async def spaced(publisher: Publisher, arrivals: Arrivals, tag: str, count: int, interval: float, sessions: int,
                 direct: bool = False) -> Dict[str, float]:
    """``count`` messages ``interval`` seconds apart to ``sessions`` sessions: `summarize` figures."""
    await publisher.publish(tag, count, 1 / interval, direct)
    got = await delivered(arrivals, tag, count * sessions)
    return dict(summarize(arrivals.of(tag)), lost=count * sessions - got)


async def measure_single(redis_url: str, args: argparse.Namespace) -> Dict[str, Dict[str, float]]:
    """The bare redis-py round trips, and one subscribed session's, at the same spacing."""
    count, interval = args.single_messages, args.single_interval
    figures = {'pubsub': quantiles_ms(await asyncio.to_thread(bare_pubsub, redis_url, count, interval)),
               'streams': quantiles_ms(await asyncio.to_thread(bare_streams, redis_url, count, interval))}
    server = BenchServer(2, redis_url)
    viewers: List[Viewer] = []
    try:
        arrivals = Arrivals()
        publisher = await Publisher.open(server, arrivals)
        viewers = [publisher.viewer] + await open_viewers(server, 'sub', 1, arrivals)
        await spaced(publisher, arrivals, 'warm', 1, 0.1, 1)  # the session's callback thread starts
        figures['single'] = await spaced(publisher, arrivals, 'single', count, interval, 1)
        figures['single']['same_process'] = float(viewers[0].route == viewers[1].route)
    finally:
        close_viewers(viewers)
        server.stop()
    return figures


async def rss_per_session(server: BenchServer, app: str, n: int, arrivals: Arrivals,
                          warm: List[Viewer]) -> Tuple[List[Viewer], float]:
    """Open ``n`` sessions of ``app`` after the ``warm`` ones; bytes of RSS each."""
    await asyncio.sleep(1)  # let the warm-up settle before the first reading
    before = server.rss()
    viewers = await open_viewers(server, app, n, arrivals)
    await asyncio.sleep(1)
    return viewers, (server.rss() - before) / n


async def measure_holders(redis_url: str, n: int) -> Dict[str, float]:
    """The RSS baseline: sessions that only hold(), on a server of their own."""
    server = BenchServer(2, redis_url)
    viewers: List[Viewer] = []
    try:
        arrivals = Arrivals()
        viewers = [(await Publisher.open(server, arrivals)).viewer]
        viewers += await open_viewers(server, 'hold', WARM_UP, arrivals)
        opened, rss = await rss_per_session(server, 'hold', n - WARM_UP, arrivals, viewers)
        viewers += opened
        return {'rss': rss}
    finally:
        close_viewers(viewers)
        server.stop()


async def measure_subscribers(redis_url: str, args: argparse.Namespace) -> Dict[str, Any]:
    """N subscribed sessions over 2 processes: RSS, spaced latency, then the rate sweep."""
    n = args.sessions
    server = BenchServer(2, redis_url)
    viewers: List[Viewer] = []
    try:
        arrivals = Arrivals()
        publisher = await Publisher.open(server, arrivals)
        subscribers = await open_viewers(server, 'sub', WARM_UP, arrivals)
        viewers = [publisher.viewer] + subscribers
        opened, rss = await rss_per_session(server, 'sub', n - WARM_UP, arrivals, viewers)
        subscribers += opened
        viewers += opened
        figures: Dict[str, Any] = {'rss': rss, 'routes': Counter(v.route for v in subscribers)}

        # one message starts every session's callback thread: the memory of a session that has received
        before = server.rss()
        await spaced(publisher, arrivals, 'first', 1, 0.1, n)
        await asyncio.sleep(1)
        figures['rss_received'] = rss + (server.rss() - before) / (n - WARM_UP)

        cpu_server, cpu_client = server.cpu_seconds(), time.process_time()
        figures['fanout'] = await spaced(publisher, arrivals, 'spaced', args.messages, args.interval, n)
        deliveries = args.messages * n
        figures['server_us'] = (server.cpu_seconds() - cpu_server) * 1e6 / deliveries
        figures['client_us'] = (time.process_time() - cpu_client) * 1e6 / deliveries
        figures['sweep'] = await rate_sweep(publisher, arrivals, args.rates, args.seconds, n)
        return figures
    finally:
        close_viewers(viewers)
        server.stop()


async def rate_sweep(publisher: Publisher, arrivals: Arrivals, rates: List[float], seconds: float,
                     sessions: int) -> List[Dict[str, float]]:
    """Each rate for ``seconds``, lowest first, until p50 is more than twice the lowest rate's."""
    rows: List[Dict[str, float]] = []
    for rate in rates:
        tag = 'rate%s' % str(rate).replace('.', '_')
        count = max(int(rate * seconds), 5)
        took = await publisher.publish(tag, count, rate)
        got = await delivered(arrivals, tag, count * sessions)
        row = dict(summarize(arrivals.of(tag)), rate=rate, sent_rate=(count - 1) / took if took else rate,
                   lost=count * sessions - got)
        rows.append(row)
        if row['p50'] > 2 * rows[0]['p50']:
            break
    return rows


async def alternate(publisher: Publisher, arrivals: Arrivals, name: str, blocks: int, count: int,
                    interval: float, sessions: int) -> Dict[str, Dict[str, float]]:
    """``blocks`` blocks of ``count`` messages to the channel's and the direct sessions in turn
    (direct first every other block), so that the machine's drift weighs on both alike."""
    for block in range(blocks):
        for kind in ('channel', 'direct') if block % 2 else ('direct', 'channel'):
            await spaced(publisher, arrivals, '%s%s%d' % (name, kind, block), count, interval, sessions,
                         kind == 'direct')
    return {kind: summarize([m for block in range(blocks) for m in arrivals.of('%s%s%d' % (name, kind, block))])
            for kind in ('channel', 'direct')}


async def measure_in_process(args: argparse.Namespace) -> Dict[str, Dict[str, Dict[str, float]]]:
    """Memory store, processes=1: a channel against the module-level Condition, with one session
    of each kind (the session's own output path, without Redis), then with N of each."""
    n = args.sessions
    server = BenchServer(1, '')
    viewers: List[Viewer] = []
    try:
        arrivals = Arrivals()
        publisher = await Publisher.open(server, arrivals)
        viewers = [publisher.viewer] + await open_viewers(server, 'sub', 1, arrivals)
        viewers += await open_viewers(server, 'direct', 1, arrivals)
        await alternate(publisher, arrivals, 'warm1', 1, 1, 0.1, 1)  # the callback thread starts
        single = await alternate(publisher, arrivals, 'single', 4, args.single_messages // 4, args.single_interval, 1)
        viewers += await open_viewers(server, 'sub', n - 1, arrivals)
        viewers += await open_viewers(server, 'direct', n - 1, arrivals)
        await alternate(publisher, arrivals, 'warm', 1, 1, 0.1, n)
        return {'single': single, 'many': await alternate(publisher, arrivals, 'many', args.messages, 1,
                                                          args.interval, n)}
    finally:
        close_viewers(viewers)
        server.stop()


# -- the report --------------------------------------------------------------------------------

LABEL = 62  # the width of a row's label


def row(label: str, *cells: str, note: str = '') -> None:
    print('   %-*s%s%s' % (LABEL, label, ''.join('%10s' % cell for cell in cells), '  ' + note if note else ''))


def ms(value: float) -> str:
    return '%.3f' % value if value < 10 else '%.1f' % value


def ratio(value: float, baseline: float) -> str:
    return '%.2fx' % (value / baseline) if baseline else '-'


def verdict(value: float, baseline: float, factor: float) -> str:
    return 'met' if value <= factor * baseline else 'MISSED'


def report_latency(single: Dict[str, Dict[str, float]], many: Dict[str, Any], local: Dict[str, Dict[str, float]],
                   n: int) -> None:
    bare, streams, one, fan = single['pubsub'], single['streams'], single['single'], many['fanout']
    channel, direct = local['channel'], local['direct']
    print('\n1. Publish-to-visible latency')
    row('', 'p50 ms', 'p99 ms', 'p50 ratio')
    row('baseline: redis-py PUBLISH -> thread in pubsub().listen()', ms(bare['p50']), ms(bare['p99']), '1.00x')
    for label, figures in (('redis-py XADD -> thread in XREAD (the store\'s mechanism)', streams),
                           ('1 session, module-level Condition, no Redis (processes=1)', direct),
                           ('1 subscribed session, memory store (processes=1)', channel)):
        row(label, ms(figures['p50']), ms(figures['p99']), ratio(figures['p50'], bare['p50']))
    row('1 subscribed session, Redis (processes=2, %s process)' % ('same' if one['same_process'] else 'other'),
        ms(one['p50']), ms(one['p99']), ratio(one['p50'], bare['p50']),
        note='target 2x: %s' % verdict(one['p50'], bare['p50'], 2))
    row('%d sessions, every delivery' % n, ms(fan['p50']), ms(fan['p99']), ratio(fan['p50'], bare['p50']),
        note='target 2x: %s' % verdict(fan['p50'], bare['p50'], 2))
    row('%d sessions, first client of each message (median)' % n, ms(fan['first']), '',
        ratio(fan['first'], bare['p50']))
    row('%d sessions, last client of each message (median)' % n, ms(fan['last']), '', ratio(fan['last'], bare['p50']))
    print('   fan-out: %.1f us per further client; CPU per delivery: server %.1f us (2 processes), clients %.1f us '
          '(1 loop);\n   sessions per process: %s; lost deliveries: %d' % (
              fan['per_client'] * 1000, many['server_us'], many['client_us'],
              '/'.join('%d' % count for _, count in sorted(many['routes'].items(), key=str)), fan['lost']))
    redis_part = one['p50'] - channel['p50']
    print('   -> of the single session\'s %.3f ms, Redis adds %.3f ms to the memory store (%s the bare XADD -> XREAD); '
          'a session showing a message without pywebio.shared (Condition -> put_text -> WebSocket -> client) '
          'takes %.3f ms alone, %s the bare PUBLISH' % (one['p50'], redis_part, ratio(redis_part, streams['p50']),
                                                       direct['p50'], ratio(direct['p50'], bare['p50'])))
    if fan['first'] < fan['p50'] / 4:
        print('   -> the %d-session p50 is the fan-out, not Redis: the first client has the message after %s ms, '
              'then each process writes its sessions\' frames one after another (%.0f us of server and client '
              'CPU per delivery, on 2 cores), so the median client waits for about half of them'
              % (n, ms(fan['first']), many['server_us'] + many['client_us']))


def report_sweep(rows: List[Dict[str, float]], n: int) -> None:
    print('\n2. Messages per second to %d subscribed sessions, until p50 doubles' % n)
    print('   %8s %9s %9s %9s %9s %9s %8s' % ('msg/s', 'sent/s', 'p50 ms', 'p99 ms', 'first ms', 'last ms', 'lost'))
    for step in rows:
        print('   %8g %9.1f %9s %9s %9s %9s %8d' % (step['rate'], step['sent_rate'], ms(step['p50']), ms(step['p99']),
                                                 ms(step['first']), ms(step['last']), step['lost']))
    reference = rows[0]
    doubled = next((step for step in rows[1:] if step['p50'] > 2 * reference['p50']), None)
    if doubled:
        print('   -> p50 doubles at %g msg/s (%s ms > 2 x %s ms at %g msg/s); the last rate below: %g msg/s, '
              '%d deliveries/s' % (doubled['rate'], ms(doubled['p50']), ms(reference['p50']), reference['rate'],
                                   rows[-2]['rate'], rows[-2]['rate'] * n))
    else:
        print('   -> p50 did not double up to %g msg/s' % rows[-1]['rate'])


def report_memory(holders: Dict[str, float], many: Dict[str, Any]) -> None:
    hold, sub, received = holders['rss'], many['rss'], many['rss_received']
    print('\n3. RSS per session (processes=2, Redis; parent + workers)')
    row('', 'KiB', 'vs hold()', 'more KiB')
    row('baseline: sessions that only hold()', '%.1f' % (hold / 1024), '1.00x', '')
    row('subscribed sessions, after subscribing', '%.1f' % (sub / 1024), ratio(sub, hold),
        '%+.1f' % ((sub - hold) / 1024))
    row('subscribed, once a message was delivered (callback threads)', '%.1f' % (received / 1024),
        ratio(received, hold), '%+.1f' % ((received - hold) / 1024))


def report_in_process(figures: Dict[str, Dict[str, float]], n: int) -> None:
    channel, direct = figures['channel'], figures['direct']
    print('\n4. In-process fan-out to %d sessions (memory store, processes=1)' % n)
    row('', 'last ms', 'p50 ms', 'first ms')
    row('baseline: module-level Condition, each task calls put_text', ms(direct['last']), ms(direct['p50']),
        ms(direct['first']))
    row('Channel.subscribe(callback that calls put_text)', ms(channel['last']), ms(channel['p50']),
        ms(channel['first']))
    print('   -> to the last client: %s direct (target 1.5x: %s); p50 %s direct' % (
        ratio(channel['last'], direct['last']), verdict(channel['last'], direct['last'], 1.5),
        ratio(channel['p50'], direct['p50'])))


# -- running it --------------------------------------------------------------------------------

def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (not idle, not waiting for I/O) since boot."""
    with open('/proc/stat') as stat:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, stat.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf('SC_CLK_TCK')


def own_seconds() -> float:
    """CPU seconds of this process, and of the servers and Redis it has stopped."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime + sum(STOPPED_CPU)


def raise_file_limit(sessions: int) -> None:
    """Each session is a socket here and one in a server (which inherits the limit): raise the
    soft limit of open files to the hard one when the sessions need more, and say so."""
    needed = 2 * sessions + 500
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        print('raised the soft limit of open files from %d to %s (about %d needed)%s' % (
            soft, hard, needed, '' if hard == resource.RLIM_INFINITY or hard >= needed else ': NOT ENOUGH'))


async def run(args: argparse.Namespace, redis_url: str) -> None:
    n = args.sessions
    single = await measure_single(redis_url, args)
    holders = await measure_holders(redis_url, n)
    many = await measure_subscribers(redis_url, args)
    in_process = await measure_in_process(args)
    report_latency(single, many, in_process['single'], n)
    report_sweep(many['sweep'], n)
    report_memory(holders, many)
    report_in_process(in_process['many'], n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--sessions', type=int, default=1000)
    parser.add_argument('--messages', type=int, default=20, help='spaced messages to the N sessions')
    parser.add_argument('--interval', type=float, default=0.5, help='seconds between spaced messages')
    parser.add_argument('--single-messages', type=int, default=100,
                        help='messages to the single sessions and the bare baselines')
    parser.add_argument('--single-interval', type=float, default=0.02)
    parser.add_argument('--rates', type=float, nargs='+', default=[2, 5, 10, 20, 50, 100, 200, 500, 1000])
    parser.add_argument('--seconds', type=float, default=4.0, help='seconds of publishing at each rate')
    parser.add_argument('--quick', action='store_true', help='100 sessions, fewer messages: well under a minute')
    parser.add_argument('--serve', nargs=2, metavar=('PROCESSES', 'REDIS_URL'), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), args.serve[1])
        return
    if args.quick:
        args.sessions, args.messages, args.interval, args.single_messages = 100, 10, 0.2, 40
        args.rates, args.seconds = [5, 20, 100, 500], 1.5
    args.sessions = max(args.sessions, WARM_UP + 1)
    raise_file_limit(args.sessions)
    # SIGTERM unwinds like Ctrl-C, so that the servers and Redis are stopped either way
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print('pywebio.shared bench: %d sessions, Python %s, %d CPUs' % (
        args.sessions, sys.version.split()[0], os.cpu_count() or 0), flush=True)
    # the machine is shared: what other processes took of it during the run says how far to trust it
    started, busy, own = time.monotonic(), busy_seconds(), own_seconds()
    with tempfile.TemporaryDirectory(prefix='shared-bench-') as folder:
        redis_server = RedisServer(Path(folder)).start()
        try:
            asyncio.run(run(args, redis_server.url))
        finally:
            Tracked(redis_server.process).record_cpu()
            redis_server.stop()
    others = (busy_seconds() - busy) - (own_seconds() - own)
    print('\nother processes used %.1f CPU seconds during the %.0f s of the run (%.0f%% of the %d CPUs)' % (
        others, time.monotonic() - started, 100 * others / ((time.monotonic() - started) * (os.cpu_count() or 1)),
        os.cpu_count() or 0))


if __name__ == '__main__':
    main()

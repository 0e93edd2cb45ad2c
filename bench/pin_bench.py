"""pin_wait_change round trip against the form-submit round trip, in the same session and run.

Run it from the repository root::

    python bench/pin_bench.py               # 2,000 round trips of each kind
    python bench/pin_bench.py --trips 500

The server runs in a process of its own (``start_server`` on 127.0.0.1); the client speaks the
protocol over a real WebSocket, as a browser does (docs/protocol.md). One session alternates:

- **submit**: the task waits in ``input()``; the client submits the form and times until the
  ``put_text`` the task shows after it arrives;
- **pin**: the task waits in ``pin_wait_change('x')``; the client sends the ``pin_change`` event
  a person's edit causes and times until the ``put_text`` the task shows after it arrives.

Alternating the two puts the machine's drift on both alike. It prints the median and p99 of each
and the ratio pin / submit of the medians (target: 1.2x or less).
"""
import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any, Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def serve() -> None:
    from pywebio import start_server
    from pywebio.input import input
    from pywebio.output import put_text
    from pywebio.pin import pin_wait_change, put_input

    def task() -> None:
        put_input('x', label='x')
        while True:
            input('v')
            put_text('submitted')
            pin_wait_change('x')
            put_text('changed')

    start_server(task, port=0, host='127.0.0.1')  # its start-up line says which port it got


class Client:
    def __init__(self) -> None:
        from page_acks import PageAcks
        self.queue: 'asyncio.Queue[dict]' = asyncio.Queue()
        self.acks = PageAcks()

    async def connect(self, url: str) -> None:
        import tornado.websocket
        deadline = time.monotonic() + 20
        while True:
            try:
                self.socket = self.acks.socket = await tornado.websocket.websocket_connect(
                    url, on_message_callback=self.on_message)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)

    def on_message(self, message: Any) -> None:
        if message is None:
            return
        data = json.loads(message)
        if not self.acks.handle(data):
            for command in data:
                self.queue.put_nowait(command)

    async def expect(self, name: str, **spec: Any) -> dict:
        while True:
            command = await self.queue.get()
            if command['command'] == name and all(command['spec'].get(k) == v for k, v in spec.items()):
                return command


def percentile(values: List[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def measure(port: int, trips: int) -> Dict[str, List[float]]:
    client = Client()
    await client.connect('ws://127.0.0.1:%d/io' % port)
    widget = await client.expect('output', type='pin')
    rev = widget['spec']['rev']
    times: Dict[str, List[float]] = {'submit': [], 'pin': []}
    for trip in range(trips + trips // 10):  # the first tenth warms up
        form = await client.expect('input_group')
        start = time.perf_counter()
        client.socket.write_message(json.dumps({'event': 'form_submit', 'task_id': form['task_id'],
                                                'data': {'data': str(trip)}}))
        await client.expect('output', type='text', content='submitted')
        submit = time.perf_counter() - start
        wait = await client.expect('pin_wait')
        start = time.perf_counter()
        client.socket.write_message(json.dumps({'event': 'pin_change', 'task_id': wait['task_id'],
                                                'data': {'name': 'x', 'rev': rev, 'value': str(trip)}}))
        await client.expect('output', type='text', content='changed')
        changed = time.perf_counter() - start
        if trip >= trips // 10:
            times['submit'].append(submit)
            times['pin'].append(changed)
    client.socket.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--trips', type=int, default=2000)
    parser.add_argument('--serve', action='store_true', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    from test.helpers import listening_port
    server = subprocess.Popen([sys.executable, os.path.abspath(__file__), '--serve'], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        port = listening_port(server)
        times = asyncio.run(measure(port, args.trips))
    finally:
        server.kill()
        server.wait()
    print('Python %s, %d CPUs; %d round trips of each kind, alternating, in one session'
          % (sys.version.split()[0], os.cpu_count() or 0, args.trips))
    print()
    print('%-36s %10s %10s' % ('round trip', 'median', 'p99'))
    for name, label in (('submit', 'form submit -> put_text'), ('pin', 'pin_change -> pin_wait_change -> put_text')):
        print('%-36s %8.3fms %8.3fms' % (label[:36], statistics.median(times[name]) * 1000,
                                         percentile(times[name], 0.99) * 1000))
    print()
    print('ratio pin / submit (medians): %.2fx' % (statistics.median(times['pin']) / statistics.median(times['submit'])))


if __name__ == '__main__':
    main()

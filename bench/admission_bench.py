"""What a refused session costs the server, against an admitted one, measured in the same run.

A Tornado server with ``max_sessions=N`` (N admitted, then N refused with close code 1013): the
time from connecting to the server's answer (the first command, or the close frame), and the task
threads each kind leaves behind. ``python bench/admission_bench.py [--sessions 200]``.
"""
import argparse
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pywebio.input import input  # noqa: E402
from pywebio.platform.tornado import BackgroundServer, make_application, webio_handler  # noqa: E402
from pywebio.testing import WebIOClient  # noqa: E402


def task() -> None:
    input('Name')  # an abandoned tab: the thread waits for the browser


def task_threads() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name.startswith('pywebio-task'))


def connect_all(url: str, count: int) -> tuple:
    """Open ``count`` connections one after another; the answer times and the clients."""
    times, clients = [], []
    for _ in range(count):
        began = time.perf_counter()
        client = WebIOClient(url)
        client.next_command()  # the form, or None for a refused connection
        times.append(time.perf_counter() - began)
        clients.append(client)
    return times, clients


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sessions', type=int, default=200)
    count = parser.parse_args().sessions
    server = BackgroundServer(make_application(webio_handler(task, max_sessions=count))).start()
    url = 'ws://127.0.0.1:%d/io' % server.port
    try:
        before = task_threads()
        admitted, open_clients = connect_all(url, count)
        after_admitted = task_threads()
        refused, refused_clients = connect_all(url, count)
        after_refused = task_threads()
        codes = {client.close_code for client in refused_clients}
        print('%d admitted: median %.2f ms to the first command, %d task threads added'
              % (count, 1000 * statistics.median(admitted), after_admitted - before))
        print('%d refused:  median %.2f ms to the close frame (codes %s), %d task threads added'
              % (count, 1000 * statistics.median(refused), sorted(codes), after_refused - after_admitted))
        print('refused / admitted time: %.2f' % (statistics.median(refused) / statistics.median(admitted)))
        for client in open_clients + refused_clients:
            client.close()
    finally:
        server.stop()


if __name__ == '__main__':
    main()

"""A server of several processes (`start_server(processes=N)`) stops as a whole (docs/deploy.md,
"Several processes on one port"): a signal to the parent alone, as ``kill PID`` or supervisord
sends, stops every worker after it has ended its sessions; a worker whose parent is killed stops
too; a worker that dies while the server runs is replaced."""
import os
import signal
import time

import pytest

from pywebio.platform.workers import STOP_TIMEOUT
from pywebio.testing import WebIOClient
from test.helpers import APPS, accepts, listening_port, output_of, wait_for


def children(parent):
    """The pids of the processes whose parent is ``parent``, from /proc."""
    found = []
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                with open('/proc/%s/stat' % name) as stat:
                    fields = stat.read().rsplit(')', 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent and fields[0] != 'Z':
                found.append(int(name))
    return sorted(found)


def running(pid):
    """Whether ``pid`` is a process that has not ended (a zombie has)."""
    try:
        with open('/proc/%d/stat' % pid) as stat:
            return stat.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except OSError:
        return False


def workers_of(server, processes=2, but=()):
    """The pids of the ``processes`` workers of ``server`` once it has that many (none of ``but``)."""
    def found():
        pids = children(server.pid)
        return pids if len(pids) == processes and not set(pids) & set(but) else None
    return wait_for(found, what='%d worker processes' % processes)


def start(run_app, tmp_path):
    """The server, its port, its workers' pids and the file its sessions' defer_call writes."""
    deferred = tmp_path / 'deferred'
    deferred.touch()
    server = run_app(APPS / 'processes_app.py', args=[2], env={'PYWEBIO_TEST_DEFERRED': str(deferred)})
    port = listening_port(server)
    return server, port, workers_of(server), deferred


def open_sessions(port, workers, count):
    """``count`` sessions or more, open in their input, more until each worker serves one (up to
    40: the kernel hands a connection to a worker by a hash of its addresses); the clients, and the
    pid of the worker of each."""
    clients, served = [], []
    while len(clients) < count or (set(served) != set(workers) and len(clients) < 40):
        client = WebIOClient('ws://127.0.0.1:%d/io' % port)
        clients.append(client)
        served.append(int(client.expect('output')['spec']['content'].split()[1]))
        client.expect('input_group')
    assert set(served) <= set(workers)
    return clients, served


@pytest.mark.parametrize('signum, status', [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_a_signal_to_the_parent_alone_stops_every_worker_after_its_sessions(run_app, tmp_path, signum, status):
    server, port, workers, deferred = start(run_app, tmp_path)
    clients, served = open_sessions(port, workers, count=4)
    stopped = time.monotonic()
    os.kill(server.pid, signum)  # the parent only, not its process group
    output = output_of(server, timeout=STOP_TIMEOUT + 5)
    took = time.monotonic() - stopped
    assert server.returncode == status, output
    assert took < STOP_TIMEOUT, output
    assert not accepts(port)
    assert not [pid for pid in workers if running(pid)]
    assert sorted(map(int, deferred.read_text().split())) == sorted(served)  # every session's defer_call ran
    assert 'the worker processes ended' in output and 'killed' not in output
    for client in clients:
        client.wait_closed()  # AssertionError if the connection were still open
        client.close()


def test_workers_stop_when_their_parent_is_killed(run_app, tmp_path):
    server, port, workers, deferred = start(run_app, tmp_path)
    clients, served = open_sessions(port, workers, count=2)
    os.kill(server.pid, signal.SIGKILL)  # no chance to stop them: the kernel tells them
    wait_for(lambda: not [pid for pid in workers if running(pid)], timeout=STOP_TIMEOUT,
             what='the workers of a killed parent to stop')
    assert not accepts(port)
    assert sorted(map(int, deferred.read_text().split())) == sorted(served)
    for client in clients:
        client.close()


def test_a_worker_that_dies_is_replaced_and_the_port_keeps_serving(run_app, tmp_path):
    server, port, workers, deferred = start(run_app, tmp_path)
    os.kill(workers[0], signal.SIGKILL)
    clients, served = open_sessions(port, workers_of(server, but=workers[:1]), count=2)
    for client in clients:
        client.close()
    wait_for(lambda: 'ended (signal 9): starting it again' in server.test_output.text(),  # listening_port's reader
             what="the server's log of the restart")


def test_connections_are_spread_evenly_over_the_workers(run_app, tmp_path):
    # with one shared socket, one worker could take 80 connections in a row (a CI failure)
    server, port, workers, deferred = start(run_app, tmp_path)
    clients, served = open_sessions(port, workers, count=40)
    for client in clients:
        client.close()
    counts = sorted(served.count(pid) for pid in workers)
    assert counts[0] >= 8, counts  # a fair coin gives fewer than 8 of 40 once in 10,000 runs

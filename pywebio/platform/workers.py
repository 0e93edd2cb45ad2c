"""The processes of a ``start_server(processes=N)`` server: a parent that forks N workers sharing
the listening sockets, and that stops them when it is stopped. No worker outlives its parent.

- **Stopping the parent stops the server.** SIGTERM (``kill PID``, supervisord, systemd, Docker)
  or SIGINT (Ctrl-C) sent to the parent alone is forwarded to every worker as SIGTERM. The parent
  closes its copy of the listening sockets, waits for the workers, kills (SIGKILL) those still
  running after `STOP_TIMEOUT` seconds, and exits: status 0 after SIGTERM, 130 after SIGINT.
- **A worker stops on SIGTERM or SIGINT** (`stop_on_signals`): it closes its listening sockets,
  ends its sessions, whose `defer_call` functions run, and exits (`exit_worker`).
- **A worker whose parent dies** (SIGKILL, a crash) is sent SIGTERM by the kernel
  (``prctl(PR_SET_PDEATHSIG)`` on Linux; elsewhere a thread of the worker looks at
  ``os.getppid()`` every `PARENT_POLL` seconds), and stops the same way: none is left serving the
  port with parent 1.
- **A worker that ends while the server is not stopping** (it crashed, or was killed alone) is
  started again with the same number, up to `MAX_RESTARTS` times, as Tornado's
  ``fork_processes`` does; past that the server stops, with status 1.

The parent does nothing but this: it blocks the signals it waits for and takes them one by one
with ``sigwait`` (the stop signals, SIGCHLD for a worker that ended, SIGALRM for the deadline), so
no handler runs at an arbitrary point of it, and a worker starts with the signal mask the parent
had before.
"""
import asyncio
import ctypes
import logging
import os
import signal
import socket
import sys
import threading
import time
from typing import Dict, List, NoReturn, Optional

logger = logging.getLogger(__name__)

__all__ = ['fork_workers', 'stop_on_signals', 'exit_worker', 'STOP_TIMEOUT']

#: How long the parent waits for its workers to end their sessions and exit once it is stopped
#: (seconds); then it kills those still running. The port refuses new connections at once.
STOP_TIMEOUT = 5.0

#: How many times in all a worker that ended by itself is started again before the server stops.
MAX_RESTARTS = 100

#: How often a worker looks whether its parent is still there, where the kernel cannot tell it.
PARENT_POLL = 1.0

#: The signals that stop a server.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def fork_workers(count: int, sockets: List[socket.socket]) -> int:
    """Fork ``count`` workers; in each, return its number (0 to ``count - 1``). The parent never
    returns: it watches over the workers (see the module docstring) until it is stopped, and then
    exits (``KeyboardInterrupt`` after SIGINT, for `pywebio.platform.apps.stop_on_ctrl_c`).

    ``sockets`` are the parent's copies of the sockets the workers inherit: it closes them when it
    stops, so that the port refuses connections once the workers have closed theirs."""
    if not hasattr(os, 'fork'):
        raise RuntimeError('start_server(processes=N) forks, which this system (Windows) cannot: use processes=1')
    return _Supervisor(sockets).run(count)


def stop_on_signals(stop: asyncio.Event) -> None:
    """In a worker, on its event loop: SIGTERM or SIGINT sets ``stop``, which stops its server."""
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, stop.set)


def exit_worker() -> NoReturn:
    """In a worker whose server has stopped: end the sessions still open (their `defer_call`
    functions run), then exit with status 0 once the threads running `defer_call` functions of
    sessions that ended before have returned. Another stop signal changes nothing; the parent
    kills a worker that takes longer than `STOP_TIMEOUT`."""
    from ..session.base import close_all_sessions
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    close_all_sessions()
    raise SystemExit(0)


class _Supervisor:
    """The parent's side: its workers by pid, and how the server stops."""

    def __init__(self, sockets: List[socket.socket]) -> None:
        self.waited = {*STOP_SIGNALS, signal.SIGCHLD, signal.SIGALRM}  # not on Windows, which cannot fork
        self.sockets = sockets
        self.pid = os.getpid()
        self.workers: Dict[int, int] = {}  # pid -> number
        self.restarts = 0
        self.stopped_by: Optional[int] = None  # the signal that stopped the server
        self.stopping_since = 0.0
        self.status = 0
        self.mask = signal.pthread_sigmask(signal.SIG_BLOCK, self.waited)

    def run(self, count: int) -> int:
        for number in range(count):
            if self.fork(number):
                return number
        while self.workers:
            signum = signal.sigwait(self.waited)
            if signum in STOP_SIGNALS:
                self.stop(signum)
            elif signum == signal.SIGALRM:
                self.kill()
            for number in self.reap():
                if self.stopped_by is None and self.fork(number):
                    return number
        self.exit()

    def fork(self, number: int) -> bool:
        """Start worker ``number``; True in the worker."""
        pid = os.fork()
        if pid == 0:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.mask)
            _stop_with_parent(self.pid)
            return True
        self.workers[pid] = number
        return False

    def reap(self) -> List[int]:
        """Forget the workers that have ended; the numbers of those to start again."""
        again = []
        while self.workers:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            number = self.workers.pop(pid, None)
            if number is None or self.stopped_by is not None:
                continue
            self.restarts += 1
            if self.restarts > MAX_RESTARTS:
                logger.error('worker processes ended %d times: stopping the server', self.restarts)
                self.status = 1
                self.stop(signal.SIGTERM)
                break
            logger.warning('worker process %d (pid %d) ended (%s): starting it again', number, pid,
                           _describe(status))
            again.append(number)
        return again

    def stop(self, signum: int) -> None:
        if self.stopped_by is not None:
            return  # a second signal changes nothing: the deadline holds
        self.stopped_by = signum
        self.stopping_since = time.monotonic()
        for sock in self.sockets:
            sock.close()
        for pid in self.workers:
            _signal(pid, signal.SIGTERM)
        signal.setitimer(signal.ITIMER_REAL, STOP_TIMEOUT)

    def kill(self) -> None:
        if self.stopped_by is None or not self.workers:
            return
        logger.warning('%d worker process(es) still running %gs after the stop: killed', len(self.workers),
                       STOP_TIMEOUT)
        for pid in self.workers:
            _signal(pid, signal.SIGKILL)

    def exit(self) -> NoReturn:
        signal.setitimer(signal.ITIMER_REAL, 0)
        logger.info('the worker processes ended %.2fs after the stop', time.monotonic() - self.stopping_since)
        if self.stopped_by == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(self.status)


def _stop_with_parent(parent: int) -> None:
    """In a new worker: be sent SIGTERM when the parent dies."""
    if sys.platform.startswith('linux'):
        try:
            watched = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
        except (OSError, AttributeError):
            watched = False
        if watched:
            if os.getppid() != parent:  # it died before prctl
                os.kill(os.getpid(), signal.SIGTERM)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name='pywebio-parent-watch').start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os.kill(os.getpid(), signal.SIGTERM)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass  # it has just ended: reaped at the next SIGCHLD


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return 'signal %d' % os.WTERMSIG(status)
    return 'status %d' % os.WEXITSTATUS(status)

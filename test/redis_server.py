"""A real Redis for the tests: Debian's ``redis-server`` (test/run.sh installs it), started by a
test on 127.0.0.1 with nothing saved to disk, and stopped after it.

Redis binds its port itself, and cannot be handed a socket nor told to take any free port (its
``--port 0`` means no TCP at all). So the helper tries a random port of a high range and, when
Redis says the address is in use, another: it never picks a port that looked free and binds it
later.
"""
import random
import shutil
import subprocess
import time
from pathlib import Path

REDIS_SERVER = shutil.which('redis-server') or '/usr/bin/redis-server'


class RedisServer:
    """``redis-server`` on 127.0.0.1:`port`, with its files in ``folder``; `url` reaches it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = 0
        self.process = None
        self.starts = 0

    @property
    def url(self) -> str:
        return 'redis://127.0.0.1:%d/0' % self.port

    def start(self) -> 'RedisServer':
        """Start it (again on the same port, after `stop`); returns once it answers."""
        for _ in range(20):
            port = self.port or random.randrange(20000, 60000)
            self.starts += 1
            log = self.folder / ('redis-%d-%d.log' % (port, self.starts))
            self.process = subprocess.Popen(
                [REDIS_SERVER, '--bind', '127.0.0.1', '--port', str(port), '--save', '', '--appendonly', 'no',
                 '--dir', str(self.folder), '--logfile', str(log), '--daemonize', 'no'],
                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            if self._ready(port, log):
                self.port = port
                return self
            self.process.wait(5)
            if self.port:  # our own port was taken while Redis was stopped
                raise RuntimeError('redis-server could not bind port %d again: %s' % (port, log.read_text()))
        raise RuntimeError('redis-server found no free port in 20 tries')

    def _ready(self, port: int, log: Path) -> bool:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            text = log.read_text() if log.exists() else ''
            if 'Ready to accept connections' in text:
                return True
            time.sleep(0.02)
        raise RuntimeError('redis-server did not start in 10 s: %s' % (log.read_text() if log.exists() else ''))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

"""A TCP proxy on 127.0.0.1 that a test can break, to play a flaky network between a browser and a
server: cut every connection at once (RST or FIN, both directions), refuse new ones, or go silent
(a NAT that forgot the connection: nothing arrives, nothing closes)."""
import asyncio
import socket
import struct
import threading
from typing import Optional, Set

from test.helpers import accepts, wait_for


class FlakyProxy:
    """Forwards ``127.0.0.1:port`` to ``127.0.0.1:target_port`` until the test breaks it.

    `down` cuts every open connection and refuses new ones until `up`; `blackhole` makes every
    connection silent for good and holds new ones silent until `up`. Use it as a context manager.
    ``upload_rate`` (bytes per second) slows what the browser sends, as a phone's uplink does, so
    that a test can act in the middle of an upload; ``bytes_to_server`` counts what went through.
    """

    def __init__(self, target_port: int, upload_rate: Optional[float] = None) -> None:
        self.target_port = target_port
        self.upload_rate = upload_rate
        self.port = 0
        self.connections = 0  # accepted so far
        self.bytes_to_server = 0
        self._refusing = False
        self._silent = False
        self._open: Set[tuple] = set()  # (browser side, server side) transports
        self._dead: Set[asyncio.BaseTransport] = set()  # silenced: their bytes go nowhere
        self._loop = asyncio.new_event_loop()
        self._server: Optional[asyncio.AbstractServer] = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name='flaky-proxy')

    @property
    def url(self) -> str:
        return 'http://127.0.0.1:%d/' % self.port

    def __enter__(self) -> 'FlakyProxy':
        self._thread.start()
        self._server = self._run(asyncio.start_server(self._accept, '127.0.0.1', 0))
        self.port = self._server.sockets[0].getsockname()[1]
        wait_for(lambda: accepts(self.port), what='the proxy to listen')
        return self

    def __exit__(self, *exc_info) -> None:
        self._run(self._stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    # -- what a test does ------------------------------------------------------------------

    def down(self, how: str = 'rst') -> None:
        """Cut every connection now, both directions: ``'rst'`` resets them (SO_LINGER 0), ``'fin'``
        closes them cleanly at the TCP level (no WebSocket close frame either way). New
        connections are refused until `up`."""
        assert how in ('rst', 'fin')
        self._run(self._cut(how, refuse=True))

    def cut(self, how: str = 'rst') -> None:
        """Cut every connection now, as `down` does, but let new ones through at once."""
        assert how in ('rst', 'fin')
        self._run(self._cut(how, refuse=False))

    def blackhole(self) -> None:
        """Stop forwarding without closing anything: open connections are silent for good (no
        FIN, no RST), and new ones are accepted but carry nothing until `up`."""
        async def silence() -> None:
            self._silent = True
            for pair in self._open:
                self._dead.update(pair)
        self._run(silence())

    def up(self) -> None:
        """New connections go through again."""
        async def restore() -> None:
            self._refusing = self._silent = False
        self._run(restore())

    # -- the proxy -------------------------------------------------------------------------

    async def _stop(self) -> None:
        await self._cut('rst', refuse=True)
        if self._server is not None:
            self._server.close()
        for transport in self._dead:
            _close(transport, 'rst')
        pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _cut(self, how: str, refuse: bool) -> None:
        self._refusing = refuse
        for pair in list(self._open):
            for transport in pair:
                _close(transport, how)
        self._open.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        if self._refusing:
            _close(writer.transport, 'rst')
            return
        if self._silent:  # held: like a SYN the network lost, but without the kernel's retries
            self._dead.add(writer.transport)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection('127.0.0.1', self.target_port)
        except OSError:
            _close(writer.transport, 'rst')
            return
        pair = (writer.transport, up_writer.transport)
        self._open.add(pair)
        await asyncio.gather(self._pipe(reader, up_writer, pair, upload=True), self._pipe(up_reader, writer, pair))
        self._open.discard(pair)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, pair: tuple,
                    upload: bool = False) -> None:
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                if pair[0] in self._dead:
                    continue  # silenced: swallowed
                writer.write(data)
                await writer.drain()
                if upload:
                    self.bytes_to_server += len(data)
                    if self.upload_rate:
                        await asyncio.sleep(len(data) / self.upload_rate)
        except (ConnectionError, OSError):
            pass
        if pair[0] not in self._dead:
            for transport in pair:
                _close(transport, 'fin')


def _close(transport: asyncio.BaseTransport, how: str) -> None:
    if transport.is_closing():
        return
    sock: Optional[socket.socket] = transport.get_extra_info('socket')
    if how == 'rst' and sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        transport.abort()
    else:
        transport.close()

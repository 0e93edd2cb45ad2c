"""What a benchmark client must do that a page does (docs/protocol.md, "Reconnecting"): count the
commands it receives, acknowledge them at most once a second, and answer the server's pings,
so that the server neither keeps commands for it nor takes it for a dropped page."""
import asyncio
import json
from typing import Any, Optional

import tornado.websocket


class PageAcks:
    def __init__(self) -> None:
        self.commands = 0
        self.socket: Any = None  # the client's WebSocket, once connected
        self._timer: Optional[asyncio.TimerHandle] = None

    def handle(self, data: Any) -> bool:
        """Take a frame's JSON: True if it was a transport message (not commands)."""
        if isinstance(data, dict) and 'transport' in data:
            if data['transport'] == 'ping':
                self.acknowledge()
            return True
        self.commands += len(data) if isinstance(data, list) else 1
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(1.0, self.acknowledge)
        return False

    def acknowledge(self) -> None:
        self._timer = None
        if self.socket is not None:
            try:
                self.socket.write_message(json.dumps({'transport': 'ack', 'commands': self.commands}))
            except tornado.websocket.WebSocketClosedError:
                pass  # dropped: the next connection acknowledges

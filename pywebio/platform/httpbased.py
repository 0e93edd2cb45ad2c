"""The pieces of HTTP-based integrations (Flask, Django) that do not depend on the framework.

Coroutine-based sessions need an asyncio event loop, and a WSGI server such as Flask's has none:
its requests are handled in threads. `run_event_loop` runs that loop in a thread of your choice;
every coroutine-based session of an HTTP-based integration then lives on it::

    threading.Thread(target=run_event_loop, daemon=True).start()
    app.run(host='localhost', port=80)
"""
import asyncio
import threading
from typing import Optional

__all__ = ['run_event_loop', 'event_loop']

_loop: Optional[asyncio.AbstractEventLoop] = None
_loop_ready = threading.Event()


def run_event_loop(debug: bool = False) -> None:
    """Run the event loop of coroutine-based sessions in the calling thread, for ever.

    Start it in a daemon thread before the web server, as in the guide's Flask example.
    """
    global _loop
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.set_debug(debug)
    _loop = loop
    _loop_ready.set()
    loop.run_forever()


def event_loop(timeout: Optional[float] = 5) -> asyncio.AbstractEventLoop:
    """The loop `run_event_loop` runs; waits up to ``timeout`` seconds for it to start."""
    if not _loop_ready.wait(timeout) or _loop is None:
        raise RuntimeError('coroutine-based tasks in an HTTP-based integration need an event loop: '
                           'start threading.Thread(target=run_event_loop, daemon=True).start() '
                           'before the web server')
    return _loop

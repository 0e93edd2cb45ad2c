"""PyWebIO: write an ordinary Python script, get a web app.

``input()``-style functions (`pywebio.input`) block until the person in the browser submits a
form; ``put_*()`` functions (`pywebio.output`) show content at once. Run a task function for every
visitor with `start_server`, or just call the functions in a script (script mode).
"""
import os

# 1.x-compatible and newer than PyPI's last PyWebIO (1.8.4): docs/decisions.md, *Version number*
__version__ = '1.9.0'

#: The folder of the bundled frontend (``index.html`` and its assets), to serve as static files
#: when mounting PyWebIO in another web framework.
STATIC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'html')

import logging  # noqa: E402

from ._compat import get_api, set_api  # noqa: E402
from .platform.page import config  # noqa: E402  (needs STATIC_PATH)
from .platform.tornado import start_server  # noqa: E402  (needs STATIC_PATH)
from . import _bokeh  # noqa: E402

_bokeh.install()  # bokeh's output_notebook(notebook_type='pywebio'); imports nothing

# PyWebIO 0.x and 1.x: ``import pywebio`` gives ``pywebio.input``, ``pywebio.output``... and the
# names 0.x exported at its top level (``from pywebio import *`` in a 0.x program)
from . import exceptions, input, output, session, utils  # noqa: E402,F401
from .exceptions import SessionClosedException, SessionException, SessionNotFoundException  # noqa: E402
from .session import (CoroutineBasedSession, ThreadBasedSession, register_thread, run_async,  # noqa: E402
                      run_asyncio_coroutine)
from .platform import tornado as _tornado  # noqa: E402

# the session layer knows no transport: script mode serves its session with Tornado. Registered
# here because every ``import pywebio.input`` (or ``pywebio.output``...) runs this file first.
session.set_script_mode_starter(_tornado.start_script_mode)

version = __version__
version_info = tuple(int(part) for part in __version__.split('.')) + (0,)


def enable_debug(level: int = logging.DEBUG) -> None:
    """Print PyWebIO's log messages of ``level`` and above to ``sys.stderr`` (PyWebIO 0.x and 1.x).

    :param level: a `logging` level; ``None`` means ``logging.DEBUG``.

    It gives the ``pywebio`` logger a handler of its own (replacing any earlier one) and stops
    its messages from reaching the root logger, so they are printed once. Example::

        import pywebio
        pywebio.enable_debug()
    """
    level = logging.DEBUG if level is None else level
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter('[%(levelname)s %(asctime)s %(module)s:%(lineno)d %(funcName)s] '
                                           '%(message)s', datefmt='%y%m%d %H:%M:%S'))
    logger = logging.getLogger(__name__)
    logger.handlers = [handler]
    logger.setLevel(level)
    logger.propagate = False


def set_session_implement(session_type: type) -> None:
    """Accepted for PyWebIO 0.x programs; changes nothing.

    0.x asked a program to choose the session kind of its tasks. Here each task gets its kind from
    what it is: an ``async def`` task runs in a `CoroutineBasedSession`, a plain function in a
    `ThreadBasedSession`.

    :param session_type: `ThreadBasedSession` or `CoroutineBasedSession`; anything else raises
        ``ValueError``.
    """
    if session_type not in (ThreadBasedSession, CoroutineBasedSession):
        raise ValueError('set_session_implement() takes ThreadBasedSession or CoroutineBasedSession, got %r'
                         % (session_type,))


# The modules (input, output, session...) are attributes, not part of ``import *``: they would
# hide Python's ``input`` and pywebio.output.output() in the usual order of imports.
__all__ = ['STATIC_PATH', 'start_server', 'config', 'set_api', 'get_api', '__version__',
           # PyWebIO 0.x / 1.x
           'enable_debug', 'run_async', 'run_asyncio_coroutine', 'register_thread', 'ThreadBasedSession',
           'CoroutineBasedSession', 'SessionException', 'SessionClosedException', 'SessionNotFoundException',
           'set_session_implement', 'version', 'version_info']

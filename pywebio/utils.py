"""Helpers that PyWebIO 1.x programs import from ``pywebio.utils``.

- `pyinstaller_datas`: the data files to bundle when packaging an app with PyInstaller.
- `run_as_function`, `to_coroutine`: drive a generator-based coroutine synchronously, or turn it
  into an ``async`` coroutine.
- `wait_host_port`, `get_free_port`: wait for a TCP server to listen; find a port nobody uses.
- `random_str`, `iscoroutinefunction`, `isgeneratorfunction`, `get_function_name`.
"""
import asyncio
import functools
import inspect
import os
import queue
import random
import secrets
import socket
import string
import time
from collections import OrderedDict
from contextlib import closing
from os.path import abspath, dirname, join, normpath
from typing import Any, Callable, Generator, List, Optional, Tuple, Union

from . import STATIC_PATH

__all__ = ['STATIC_PATH', 'pyinstaller_datas', 'run_as_function', 'to_coroutine', 'wait_host_port',
           'get_free_port', 'random_str', 'iscoroutinefunction', 'isgeneratorfunction', 'get_function_name']

#: The standard modules and names that ``from pywebio.utils import *`` gave 1.x programs, whose
#: ``utils`` had no ``__all__``: upstream's own test programs use ``time`` and ``asyncio`` that way
#: without importing them. Handed out for those programs only; new code imports them itself.
_1X_STAR_NAMES = ['asyncio', 'functools', 'inspect', 'os', 'queue', 'random', 'socket', 'string', 'time',
                  'OrderedDict', 'closing', 'abspath', 'dirname', 'join', 'normpath']
__all__ += _1X_STAR_NAMES


def pyinstaller_datas(cli_args: bool = False) -> Union[List[Tuple[str, str]], str]:
    """The data files of PyWebIO that a PyInstaller bundle needs: the frontend in ``pywebio/html``.

    :param cli_args: return PyInstaller command-line options (``--add-data SRC<sep>DEST`` for each
        entry, ``<sep>`` being ``os.pathsep``) instead of a list.
    :return: ``[(source_folder, folder_in_bundle), ...]``, the form of ``Analysis(datas=...)``.

    Installing PyWebIO also installs a PyInstaller hook, so ``pyinstaller app.py`` finds these by
    itself; use this function in a ``.spec`` file of your own, or where hooks are disabled::

        # app.spec
        from pywebio.utils import pyinstaller_datas

        a = Analysis(['app.py'], datas=pyinstaller_datas(), ...)

    or on the command line: ``pyinstaller app.py $(python3 -c "from pywebio.utils import
    pyinstaller_datas; print(pyinstaller_datas(cli_args=True))")``.
    """
    datas = [(STATIC_PATH, os.path.join('pywebio', 'html'))]
    if cli_args:
        return ' '.join('--add-data %s%s%s' % (source, os.pathsep, dest) for source, dest in datas)
    return datas


def run_as_function(gen: Generator[Any, Any, Any]) -> Any:
    """Run a generator-based coroutine to its end, synchronously, and return its return value.

    :param gen: a generator object. Each value it yields is sent straight back into it (the
        result of the ``yield`` expression).

    Example::

        def steps():
            a = yield 1
            b = yield a + 1
            return b

        run_as_function(steps())   # 2
    """
    result = None
    while True:
        try:
            result = gen.send(result)
        except StopIteration as done:
            return done.value


async def to_coroutine(gen: Generator[Any, Any, Any]) -> Any:
    """Turn a generator-based coroutine into an ``async`` one: ``await to_coroutine(gen)``.

    :param gen: a generator object. Each value it yields is awaited when it is awaitable, and the
        result is sent back into the generator; other values are sent back unchanged.
    :return: (once awaited) the generator's return value.

    Example::

        def steps():
            yield asyncio.sleep(0.1)
            return 'done'

        await to_coroutine(steps())   # 'done'
    """
    result = None
    while True:
        try:
            step = gen.send(result)
        except StopIteration as done:
            return done.value
        result = (await step) if inspect.isawaitable(step) else step


async def wait_host_port(host: str, port: int, duration: float = 10, delay: float = 2) -> bool:
    """Wait until a TCP server listens on ``host``:``port``; an ``async`` function.

    :param host: the host name or address.
    :param port: the port.
    :param duration: give up after this many seconds.
    :param delay: seconds between tries.
    :return: (once awaited) True as soon as a connection succeeds, False after ``duration``.

    Example::

        if await wait_host_port('127.0.0.1', 8080, duration=5, delay=0.2):
            print('the server is up')
    """
    deadline = time.monotonic() + duration
    while True:
        try:
            remaining = max(deadline - time.monotonic(), 0.001)
            _reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port),
                                                     timeout=min(5, remaining))
        except (OSError, asyncio.TimeoutError):
            if time.monotonic() + delay >= deadline:
                return False
            await asyncio.sleep(delay)
            continue
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass
        return True


def get_free_port() -> int:
    """A TCP port that no program listens on now (the system picks it), e.g. for `start_server`.

    Another program may take it before you bind it; ``start_server(port=0)`` avoids that race.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('', 0))
        return sock.getsockname()[1]


_ALPHABET = string.ascii_letters + string.digits


def random_str(length: int = 16) -> str:
    """A random string of ``length`` ASCII letters and digits, from a cryptographic source.

    Example: ``random_str(8)`` → ``'q3ZbT0xa'``.
    """
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        raise ValueError('random_str(): length must be a non-negative int, got %r' % (length,))
    return ''.join(secrets.choice(_ALPHABET) for _ in range(length))


def _unwrap_partial(func: Any) -> Any:
    while isinstance(func, functools.partial):
        func = func.func
    return func


def iscoroutinefunction(func: Any) -> bool:
    """Whether ``func`` is an ``async def`` function, looking through ``functools.partial``."""
    return inspect.iscoroutinefunction(_unwrap_partial(func))


def isgeneratorfunction(func: Any) -> bool:
    """Whether ``func`` is a generator function, looking through ``functools.partial``."""
    return inspect.isgeneratorfunction(_unwrap_partial(func))


def get_function_doc(func: Callable[..., Any]) -> str:
    """The docstring of ``func``, cleaned (`inspect.cleandoc`), or ``''``; a ``functools.partial``
    without a docstring of its own gives its function's."""
    doc = getattr(func, '__doc__', None)
    if isinstance(func, functools.partial) and doc == functools.partial.__doc__:
        doc = getattr(_unwrap_partial(func), '__doc__', None)
    elif doc is not None and doc == getattr(type(func), '__doc__', None) and not inspect.isroutine(func):
        doc = None  # a callable object whose class has the docstring, not the task
    return inspect.cleandoc(doc) if isinstance(doc, str) else ''


def get_function_name(func: Callable[..., Any], default: Optional[str] = None) -> Optional[str]:
    """The ``__name__`` of ``func`` (looking through ``functools.partial``), else ``default``."""
    return getattr(_unwrap_partial(func), '__name__', default)

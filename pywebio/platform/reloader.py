"""Restart the server when the app's code changes: ``start_server(..., debug=True)``.

The program the person starts becomes a *supervisor*. It binds the listening socket once, then
runs the same program again (same interpreter, same arguments, ``-m`` kept) as a child process
that serves on that socket, inherited by file descriptor. The child watches the source file of
every module it has imported; when one changes, it exits with `RESTART_STATUS` and the supervisor
starts a new child at once. Because the supervisor holds the socket all along:

- the port never changes, ``port=0`` included;
- a browser that connects during the restart waits in the socket's backlog for the new child
  instead of being refused.

A child that stops otherwise, with an error in the new code for example, is started again when a
file changes once more: the person fixes the error and the server comes back by itself. Open
pages follow: their session is gone with the old child, and a page of a server in debug mode
reloads itself instead of saying so (docs/protocol.md, "A server that restarts with new code").

One mechanism serves every entry that takes ``debug`` (Tornado, aiohttp, FastAPI, Flask,
Django): the frameworks' own reloaders rebind the port in each child (Django), or need the app
as an import string (uvicorn); see docs/decisions.md. It needs ``pass_fds``: not on Windows, where debug mode serves without restarting (with a warning).
"""
import logging
import os
import socket
import subprocess
import sys
import sysconfig
import threading
import time
from typing import Callable, Dict, Iterable, List, Optional

logger = logging.getLogger(__name__)

__all__ = ['RESTART_STATUS', 'SUPPORTED', 'inherited_sockets', 'exit_on_change', 'supervise']

#: Whether this system can pass a socket to a child process (``pass_fds``): not Windows.
SUPPORTED = os.name == 'posix'
#: The exit status with which a child asks for a restart (the code changed).
RESTART_STATUS = 3
#: How often the files are looked at, in seconds.
POLL_SECONDS = 0.25

#: Set by the supervisor for its child: the inherited sockets' file descriptors, and when the
#: child was started (a file changed after that was not seen by the child's imports).
_FDS = 'PYWEBIO_RELOADER_FDS'
_STARTED = 'PYWEBIO_RELOADER_STARTED'

_inherited: Optional[List[socket.socket]] = None
_started_at = 0.0


def _take_environment() -> None:
    """Move the supervisor's variables out of ``os.environ``, once: a program the app runs
    (another PyWebIO server, say) must not take them for its own."""
    global _inherited, _started_at
    fds = os.environ.pop(_FDS, None)
    started = os.environ.pop(_STARTED, None)
    if fds:
        _inherited = [socket.socket(fileno=int(fd)) for fd in fds.split(',')]
        _started_at = float(started or 0)


_take_environment()


def inherited_sockets() -> Optional[List[socket.socket]]:
    """In a child of the supervisor, the listening sockets it inherited; ``None`` elsewhere."""
    return _inherited


#: Where the standard library and installed packages are: their files are not watched (editing
#: them is no change of the app's code, and there are hundreds).
_INSTALLED = tuple({os.path.realpath(path) + os.sep for path in
                    (sys.prefix, sys.base_prefix, sysconfig.get_paths()['purelib'], sysconfig.get_paths()['platlib'])})


#: A module's ``__file__`` -> the real path to watch, or None: decided once per file, since the
#: files are looked at four times a second and a process imports a thousand modules.
_decided: Dict[str, Optional[str]] = {}


def _watched_files() -> Iterable[str]:
    """The source files of the imported modules, but the standard library's and installed
    packages'; the program's own file always."""
    for module in list(sys.modules.values()):
        path = getattr(module, '__file__', None)
        if not isinstance(path, str) or not path.endswith('.py'):
            continue
        if path not in _decided:
            real = os.path.realpath(path)
            _decided[path] = real if not real.startswith(_INSTALLED) or _is_main(module) else None
        if _decided[path] is not None:
            yield _decided[path]  # type: ignore[misc]


def _is_main(module: object) -> bool:
    return getattr(module, '__name__', None) == '__main__'


class _Files:
    """The modification times of the watched files, as first seen. A file first seen with a time
    after ``changed_after`` (the child's start) changed while the child was importing it."""

    def __init__(self, changed_after: float = float('inf')) -> None:
        self.changed_after = changed_after
        self.times: Dict[str, float] = {}

    def changed(self) -> Optional[str]:
        """The first watched file that changed since it was first seen, or ``None``."""
        for path in _watched_files():
            try:
                mtime = os.stat(path).st_mtime
            except OSError:  # deleted, or being replaced by an editor
                continue
            first = self.times.setdefault(path, mtime)
            if mtime != first or self.changed_after < mtime <= time.time():
                return path
        return None


def exit_on_change() -> None:
    """In the child: a daemon thread that ends the process with `RESTART_STATUS` as soon as a
    source file changes, or when the supervisor is gone."""
    parent = os.getppid()
    files = _Files(changed_after=_started_at)

    def watch() -> None:
        while True:
            path = files.changed()
            if path is not None:
                shown = os.path.relpath(path) if path.startswith(os.getcwd() + os.sep) else path
                logger.info('%s changed: restarting the server', shown)
                _exit(RESTART_STATUS)
            if os.getppid() != parent:  # the supervisor was killed: nobody to serve for
                _exit(1)
            time.sleep(POLL_SECONDS)

    threading.Thread(target=watch, daemon=True, name='pywebio-reloader').start()


def _exit(status: int) -> None:
    # At once, as a crash would: ending the sessions cleanly would tell their pages that the
    # session is over (close_session), and they would not reload.
    for handler in logging.getLogger('pywebio').handlers:
        handler.flush()
    os._exit(status)


def _child_command() -> List[str]:
    """The command that runs this program again: the same interpreter, options and arguments,
    and ``-m package`` for a program started with ``python -m``."""
    main = sys.modules.get('__main__')
    spec = getattr(main, '__spec__', None)
    options = ['-W' + option for option in sys.warnoptions] + \
              ['-X%s' % name if value is True else '-X%s=%s' % (name, value) for name, value in sys._xoptions.items()]
    if spec is not None and spec.name:
        module = spec.name[:-len('.__main__')] if spec.name.endswith('.__main__') else spec.name
        return [sys.executable, *options, '-m', module, *sys.argv[1:]]
    return [sys.executable, *options, *sys.argv]


def supervise(sockets: List[socket.socket], start: Callable[..., 'subprocess.Popen[bytes]'] = subprocess.Popen) -> None:
    """Run this program again as a child serving on ``sockets``, and again each time it asks to
    be restarted; never returns (Ctrl-C raises ``KeyboardInterrupt`` here, after the child has
    ended)."""
    fds = [sock.fileno() for sock in sockets]
    for fd in fds:
        os.set_inheritable(fd, True)
    logger.info('debug mode: the server restarts when a source file of the app changes')
    while True:
        environment = {**os.environ, _FDS: ','.join(map(str, fds)), _STARTED: repr(time.time())}
        child = start(_child_command(), env=environment, pass_fds=fds)
        try:
            status = child.wait()
        except KeyboardInterrupt:  # Ctrl-C reached the child too: it ends its sessions and exits
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
            raise
        if status == RESTART_STATUS:
            continue
        logger.warning('the app exited with status %s: it starts again when a source file changes', status)
        files = _Files()
        files.changed()  # first sight of every file
        while files.changed() is None:
            time.sleep(POLL_SECONDS)

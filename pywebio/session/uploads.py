"""Uploaded files on the server: received in chunks over HTTP, kept in memory or spooled to disk.

docs/protocol.md, *Uploading files*, is the contract. A form (or a pin reading) that asks for
files opens a `TaskUploads`: a key and a secret the page sends its chunks with, and one *slot* per
file, which holds the bytes received so far. The platform's upload endpoint
(`pywebio.platform.uploads`) finds it with `find` and hands it each chunk; the form reads the
slots when the person submits. Nothing here knows of a transport: the chunks arrive on whatever
thread serves HTTP, so every slot is guarded by its task's lock.

Where the bytes go:

- A file of at most `SPOOL_THRESHOLD` bytes stays in memory, charged to the session's share of
  `bounds.UPLOAD_BYTES`.
- A larger one, and every file of a field read ``as_file``, is written to a *spool file* as it
  arrives, so a 2 GB upload costs the server a chunk of memory, not 2 GB. Its declared size is
  charged at its first chunk to `bounds.UPLOAD_DISK_BYTES` (per process) and to
  `bounds.SESSION_UPLOAD_DISK_BYTES` (per session), and a disk with less than `DISK_MARGIN` left
  after it refuses it.

Spool files live in one directory per process under `spool_root()`, locked with ``flock`` for the
life of the process. A process that dies (a crash, SIGKILL) loses its lock with it; the next
process to spool, or a server as it starts (`sweep_leftovers`), deletes every directory whose lock
it can take. A spool file is deleted when its slot is let go (the upload is cancelled or replaced,
the form closes), when the app closes the `UploadedFile` it was given (or drops its last
reference to it), and at the latest when its session ends.
"""
import hmac
import io
import logging
import math
import os
import secrets
import shutil
import tempfile
import threading
import time
import weakref
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Set, Tuple

from . import base, bounds
from .routes import current_route

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; leftovers of a crash stay until removed by hand
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

__all__ = ['SPOOL_THRESHOLD', 'MAX_CHUNK', 'DISK_MARGIN', 'WINDOW', 'SPOOL_DIR_VARIABLE', 'UploadedFile',
           'spool_root', 'sweep_leftovers']

#: Files up to this size are kept in memory; larger ones are spooled to disk as they arrive.
SPOOL_THRESHOLD = 1024 * 1024

#: The largest chunk the endpoint takes (bytes): under nginx's default ``client_max_body_size``.
MAX_CHUNK = 960 * 1024

#: A file is refused (507) if the disk would have less than this left once it is stored.
DISK_MARGIN = 256 * 1024 * 1024

#: The environment variable naming the directory for spool files (default: a directory of the
#: system's temporary directory, ``pywebio-uploads-<uid>``).
SPOOL_DIR_VARIABLE = 'PYWEBIO_UPLOAD_DIR'

_pwrite = getattr(os, 'pwrite', None)

#: How far past the end of what a file holds without a gap a chunk may start (bytes): the page
#: keeps a few chunks in flight, which may arrive in any order.
WINDOW = 8 * MAX_CHUNK

_LOCK_NAME = '.lock'
#: A process directory without a lock file is left alone this long (seconds): its process may be
#: between making it and locking it.
_UNLOCKED_GRACE = 60.0


# -- the spool directory --------------------------------------------------------------------

def spool_root() -> str:
    """The directory that holds the spool directories of every PyWebIO process of this user."""
    configured = os.environ.get(SPOOL_DIR_VARIABLE)
    if configured:
        return configured
    user = getattr(os, 'getuid', lambda: 'user')()
    return os.path.join(tempfile.gettempdir(), 'pywebio-uploads-%s' % user)


class _ProcessDirectory:
    """This process's spool directory, made at the first spool file and locked while it lives."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: Optional[int] = None
        self._path = ''
        self._lock_fd: Optional[int] = None

    def path(self) -> str:
        with self._lock:
            # first use, a child forked after its parent spooled, or another PYWEBIO_UPLOAD_DIR
            if self._pid != os.getpid() or os.path.dirname(self._path) != spool_root():
                self._make()
            return self._path

    def _make(self) -> None:
        root = spool_root()
        os.makedirs(root, mode=0o700, exist_ok=True)
        sweep_leftovers(root)
        path = os.path.join(root, '%d-%s' % (os.getpid(), secrets.token_hex(4)))
        os.mkdir(path, 0o700)
        if self._lock_fd is not None and self._pid == os.getpid():
            os.close(self._lock_fd)  # the directory of another root: its process is this one still
        lock_fd = os.open(os.path.join(path, _LOCK_NAME), os.O_RDWR | os.O_CREAT | getattr(os, 'O_CLOEXEC', 0), 0o600)
        if fcntl is not None:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._pid, self._path, self._lock_fd = os.getpid(), path, lock_fd


_directory = _ProcessDirectory()


def sweep_leftovers(root: Optional[str] = None) -> int:
    """Delete the spool directories of processes that have ended (crashed, killed); the number.

    A live process holds the lock of its directory; a directory whose lock can be taken is a dead
    one's. Safe to call from every process at any time."""
    if fcntl is None:
        return 0
    root = root or spool_root()
    try:
        entries = list(os.scandir(root))
    except FileNotFoundError:
        return 0
    removed = 0
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False) or entry.path == _directory._path:
            continue
        try:
            lock_fd = os.open(os.path.join(entry.path, _LOCK_NAME), os.O_RDWR | getattr(os, 'O_CLOEXEC', 0))
        except FileNotFoundError:
            try:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime < _UNLOCKED_GRACE:
                    continue
            except OSError:
                continue
            lock_fd = None
        except OSError:
            continue
        try:
            if lock_fd is not None:
                try:
                    fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a live process's
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += 1
        finally:
            if lock_fd is not None:
                os.close(lock_fd)
    if removed:
        logger.info('deleted the uploads %d ended PyWebIO process(es) left in %s', removed, root)
    return removed


_swept = False


def sweep_leftovers_once() -> None:
    """`sweep_leftovers`, the first time a process calls it (a server starting); errors are logged."""
    global _swept
    if _swept:
        return
    _swept = True
    try:
        sweep_leftovers()
    except OSError as error:
        logger.warning('could not delete the uploads that ended processes left: %s', error)


class SpoolFile:
    """A file being received, on disk: appended to under its task's lock, read at submission."""

    def __init__(self) -> None:
        self.path = os.path.join(_directory.path(), secrets.token_hex(12))
        self.fd: Optional[int] = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, 'O_CLOEXEC', 0), 0o600)

    def write(self, offset: int, data: bytes) -> None:
        """Write ``data`` at ``offset`` (chunks of a file may arrive out of order, within a window)."""
        view = memoryview(data)
        while view:
            if _pwrite is not None:
                written = _pwrite(self.fd, view, offset)
            else:  # no pwrite (Windows): the task's lock keeps the seek and the write together
                os.lseek(self.fd, offset, os.SEEK_SET)  # type: ignore[arg-type]
                written = os.write(self.fd, view)  # type: ignore[arg-type]
            view, offset = view[written:], offset + written

    def read_all(self) -> bytes:
        with open(self.path, 'rb') as file:
            return file.read()

    def close(self) -> None:
        """Stop writing (the file stays)."""
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def delete(self) -> None:
        self.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass  # the app moved it away: it is the app's now


class UploadedFile(io.BufferedReader):
    """An uploaded file on disk, open for reading: the ``file`` of a field read ``as_file``.

    Its ``path`` is the file's name on disk. Closing it deletes the file, and so does losing the
    last reference to it, or the end of the session; to keep the file, move or copy it before
    (``shutil.move(value['path'], destination)``: a file moved away is not deleted).
    """

    def __init__(self, path: str, on_close: Optional[Callable[[], None]] = None) -> None:
        super().__init__(io.FileIO(path, 'rb'))
        self.path = path
        #: None while the file is lent to a submission that may still be refused: closing it then
        #: deletes nothing (the slot keeps the file for the next submission)
        self._on_close = on_close

    def close(self) -> None:
        if self.closed:
            return
        super().close()
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close()


# -- what one session holds ---------------------------------------------------------------

class SessionUploads:
    """The uploads of one session: its accounts, its open tasks' files, the files it handed out."""

    def __init__(self) -> None:
        #: bytes of files held in memory (`bounds.UPLOAD_BYTES`)
        self.memory = bounds.Account(bounds.UPLOAD_BYTES, what='uploads held')
        #: bytes of spool files on disk, counted by declared size
        self.disk = bounds.Account(bounds.UPLOAD_DISK_BYTES, max_bytes=bounds.SESSION_UPLOAD_DISK_BYTES,
                                   what='uploads on disk')
        self._lock = threading.Lock()
        self._tasks: Set['TaskUploads'] = set()
        self._handed_out: 'weakref.WeakSet[UploadedFile]' = weakref.WeakSet()
        self._closed = False

    def open_task(self, fields: Dict[str, 'FieldLimits'], refusals: 'Refusals',
                  abort: Callable[[Any], Any]) -> 'TaskUploads':
        """Receive the files of ``fields`` for one task; close the result when the task ends.
        ``abort(error)`` ends the session for a request that breaks the protocol."""
        task = TaskUploads(self, fields, refusals, abort)
        with self._lock:
            if self._closed:
                task.close()
            else:
                self._tasks.add(task)
        return task

    def _task_closed(self, task: 'TaskUploads') -> None:
        with self._lock:
            self._tasks.discard(task)

    def _hand_out(self, file: UploadedFile) -> bool:
        with self._lock:
            if not self._closed:
                self._handed_out.add(file)
            return not self._closed

    def close(self) -> None:
        """The session ended: delete every file it holds, handed out or not."""
        with self._lock:
            self._closed = True
            tasks, self._tasks = list(self._tasks), set()
            handed_out = list(self._handed_out)
        for task in tasks:
            task.close()
        for file in handed_out:
            try:
                file.close()
            except Exception:  # another thread of the app is reading it: delete it anyway
                logger.debug('closing an uploaded file at the end of its session', exc_info=True)
                try:
                    os.unlink(file.path)
                except FileNotFoundError:
                    pass
        self.memory.close()
        self.disk.close()


class FieldLimits(NamedTuple):
    """What a file field takes: bytes per file (0: any), bytes in all, several files, as files."""
    max_size: int
    max_total: int
    multiple: bool
    as_file: bool


class Refusals(NamedTuple):
    """The messages of refusals, in the page's language (`pywebio._form` makes them)."""
    file_too_large: Callable[[str, int], str]  # (filename, limit)
    files_too_large: Callable[[int], str]  # (limit)
    no_room: Callable[[], str]


#: A file's description, as the page gives it: (filename, mime_type, size, last_modified).
Meta = Tuple[str, str, int, Optional[float]]


class Slot:
    """One file of one field of a task: its description and the bytes received so far.

    ``stored`` is where the bytes received without a gap end; chunks past it (up to `WINDOW`)
    are written where they go, and their ranges kept in ``ahead`` until the gap before them fills.
    """

    def __init__(self, task: 'TaskUploads', meta: Meta, spooled: bool) -> None:
        self.task = task
        self.meta = meta
        self.stored = 0
        self.ahead: List[Tuple[int, int]] = []  # [start, end) ranges past `stored`, sorted, apart
        self.spool: Optional[SpoolFile] = SpoolFile() if spooled else None
        self.memory: Optional[bytearray] = None if spooled else bytearray(meta[2])
        self.charged = meta[2]  # reserved in the session's account at the start

    @property
    def size(self) -> int:
        return self.meta[2]

    @property
    def complete(self) -> bool:
        return self.stored == self.size

    def write(self, offset: int, data: bytes) -> None:
        """Keep ``data`` at ``offset`` (within the file and the window: `TaskUploads.receive` checks)."""
        if self.spool is not None:
            self.spool.write(offset, data)
        else:
            self.memory[offset:offset + len(data)] = data  # type: ignore[index]
        end = offset + len(data)
        if end <= self.stored:
            return  # sent again: nothing new
        ranges = sorted(self.ahead + [(max(offset, self.stored), end)])
        merged: List[Tuple[int, int]] = []
        for start, stop in ranges:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
            else:
                merged.append((start, stop))
        if merged and merged[0][0] <= self.stored:
            self.stored = merged.pop(0)[1]
        self.ahead = merged

    def content(self) -> bytes:
        """The whole file, as bytes (read from disk for a spooled one)."""
        if self.spool is not None:
            return self.spool.read_all()
        return bytes(self.memory)  # type: ignore[arg-type]

    def file(self) -> UploadedFile:
        """The file on disk, open for reading, lent to a submission (`TaskUploads.hand_over`)."""
        assert self.spool is not None, 'a field read as files spools every file'
        file = UploadedFile(self.spool.path)
        self.task.lent.append((self, file))
        return file

    def release(self) -> None:
        """Let go of the bytes: delete the spool file, give the charge back."""
        spool, self.spool, self.memory = self.spool, None, None
        if spool is not None:
            spool.delete()
            self.task.session.disk.give_back(self.charged, items=0)
        elif self.charged:
            self.task.session.memory.give_back(self.charged, items=0)
        self.charged = 0


#: The tasks that take uploads now, in every session of the process, by key.
_open: Dict[str, 'TaskUploads'] = {}
_open_lock = threading.Lock()


def find(key: Any, secret: Any) -> Tuple[Optional['TaskUploads'], str]:
    """The open task of upload key ``key`` and, if found, whether ``secret`` is its secret:
    ``(task, '')``, ``(None, 'unknown')`` or ``(None, 'secret')``."""
    with _open_lock:
        task = _open.get(key) if isinstance(key, str) else None
    if task is None:
        return None, 'unknown'
    if not isinstance(secret, str) or not hmac.compare_digest(task.secret.encode(), secret.encode('utf-8', 'replace')):
        logger.warning('refused an upload: wrong secret')
        return None, 'secret'
    return task, ''


class TaskUploads:
    """The files of one task (a form, a pin reading): chunks in, slots out. See the module docstring."""

    def __init__(self, session: SessionUploads, fields: Dict[str, FieldLimits], refusals: Refusals,
                 abort: Callable[[Any], Any]) -> None:
        self.session = session
        #: ends the session, for a request its page would never send (`Session.abort`)
        self.abort = abort
        self.fields = fields
        self.refusals = refusals
        #: the most this task may hold: what its fields' limits add up to (lifts the default bounds)
        self.bound = sum(limits.max_total for limits in fields.values())
        # named by the process as a resume key is, so that a front routes uploads as it routes resumes
        self.key = '%s.%s' % (current_route(), secrets.token_urlsafe(12))
        self.secret = secrets.token_urlsafe(32)
        self.lock = threading.RLock()
        self.slots: Dict[str, List[Slot]] = {name: [] for name in fields}
        #: the declared sizes of each field's slots, added up as they come: summing every file at
        #: every new file made many small files cost time quadratic in their number
        self.declared: Dict[str, int] = {name: 0 for name in fields}
        #: the refusal shown at a field, until a new file starts there
        self.errors: Dict[str, str] = {}
        #: files lent to the submission being checked: (slot, file)
        self.lent: List[Tuple[Slot, UploadedFile]] = []
        self.open = True
        with _open_lock:
            _open[self.key] = self

    def command_spec(self) -> Dict[str, str]:
        """What the command that asks for the files carries: ``"upload": {...}``."""
        return {'key': self.key, 'secret': self.secret}

    # -- chunks (the endpoint's thread) ----------------------------------------------------

    def receive(self, chunk: Any, body: bytes) -> Tuple[int, Dict[str, Any]]:
        """One request of the page: ``chunk`` is its decoded ``X-PyWebIO-Chunk``. Returns the
        status and JSON answer; raises `pywebio.session.base.ProtocolError` for a request the page would not send."""
        with self.lock:
            if not self.open:
                return 404, {'error': 'the form is closed'}
            if chunk == {'cancel': True} and not body:
                self._release_all()
                return 200, {'stored': 0}
            name, index, offset, meta = _parse_chunk(chunk, self.fields)
            limits = self.fields[name]
            slots = self.slots[name]
            if index > len(slots) or (index and not limits.multiple):
                raise base.ProtocolError('an upload of file %d of field %r, which has %d' % (index, name, len(slots)))
            slot = slots[index] if index < len(slots) else None
            held = slot.stored if slot is not None and slot.meta == meta else 0
            if offset is None:
                if body:
                    raise base.ProtocolError('an upload status request with a body')
                return 200, {'stored': held}
            if len(body) > MAX_CHUNK:
                raise base.ProtocolError('an upload chunk of %d bytes (at most %d)' % (len(body), MAX_CHUNK))
            if offset == 0 and (slot is None or slot.meta != meta):
                refusal = self._start(name, index, meta)
                if refusal is not None:
                    return refusal
                slot = slots[index]
            elif slot is None or slot.meta != meta or offset > held + WINDOW:
                return 409, {'stored': held}
            if offset + len(body) > slot.size:
                raise base.ProtocolError('an upload of field %r passes its declared size' % name)
            slot.write(offset, body)
            return 200, {'stored': slot.stored}

    def _start(self, name: str, index: int, meta: Meta) -> Optional[Tuple[int, Dict[str, Any]]]:
        """Start file ``index`` of ``name`` afresh; an answer if it is refused."""
        limits = self.fields[name]
        slots = self.slots[name]
        for old in slots[index:]:
            old.release()
            self.declared[name] -= old.size
        del slots[index:]
        size = meta[2]
        if limits.max_size and size > limits.max_size:
            return self._refuse(name, self.refusals.file_too_large(meta[0], limits.max_size))
        if self.declared[name] + size > limits.max_total:
            return self._refuse(name, self.refusals.files_too_large(limits.max_total))
        spooled = limits.as_file or size > SPOOL_THRESHOLD
        account = self.session.disk if spooled else self.session.memory
        refusal = account.take(size, items=0, allowance=self.bound)
        if refusal is None and spooled:
            try:
                free = shutil.disk_usage(_directory.path()).free
            except OSError:
                free = 0
            if free < size + DISK_MARGIN:
                account.give_back(size, items=0)
                refusal = 'a disk with %s free' % bounds.human(free)
        if refusal is not None:
            logger.warning('refused an upload of %s: %s', bounds.human(size), refusal)
            return 507, {'error': self.refusals.no_room()}
        try:
            slot = Slot(self, meta, spooled)
        except OSError as error:
            account.give_back(size, items=0)
            logger.error('could not spool an upload: %s', error)
            return 507, {'error': self.refusals.no_room()}
        slots.append(slot)
        self.declared[name] += size
        self.errors.pop(name, None)
        return None

    def _refuse(self, name: str, message: str) -> Tuple[int, Dict[str, Any]]:
        for slot in self.slots[name]:
            slot.release()
        self.slots[name] = []
        self.declared[name] = 0
        self.errors[name] = message
        return 413, {'error': message}

    # -- the submission (the task's thread) -------------------------------------------------

    def received(self, name: str, metas: List[Meta]) -> Optional[List[Slot]]:
        """The slots of the files ``metas`` of field ``name``, if each is complete; else None."""
        with self.lock:
            slots = self.slots.get(name, [])
            if len(metas) > len(slots) or any(slot.meta != meta or not slot.complete
                                              for slot, meta in zip(slots, metas)):
                return None
            return slots[:len(metas)]

    def hand_over(self) -> None:
        """The submission was accepted: the files lent to it are the app's now (deleted when it
        closes them, or with the session)."""
        with self.lock:
            lent, self.lent = self.lent, []
            for slot, file in lent:
                spool, charged = slot.spool, slot.charged
                slot.spool, slot.charged = None, 0  # the file outlives its slot
                for name, slots in self.slots.items():
                    if slot in slots:
                        slots.remove(slot)
                        self.declared[name] -= slot.size
                if spool is None:
                    continue
                spool.close()
                disk = self.session.disk
                file._on_close = _deleter(spool, lambda charged=charged: disk.give_back(charged, items=0))
                if not self.session._hand_out(file):
                    file.close()

    def take_back(self) -> None:
        """The submission was refused: close the files lent to it (the slots keep them)."""
        with self.lock:
            lent, self.lent = self.lent, []
        for _, file in lent:
            file.close()

    def _release_all(self) -> None:
        for name, slots in self.slots.items():
            for slot in slots:
                slot.release()
            self.slots[name] = []
            self.declared[name] = 0

    def close(self) -> None:
        """The task ended: no more chunks; every file not handed over is deleted."""
        with _open_lock:
            _open.pop(self.key, None)
        self.take_back()
        with self.lock:
            self.open = False
            self._release_all()
        self.session._task_closed(self)


def _deleter(spool: SpoolFile, give_back: Callable[[], None]) -> Callable[[], None]:
    def delete() -> None:
        spool.delete()
        give_back()
    return delete


_CHUNK_KEYS = frozenset({'field', 'file', 'offset', 'size', 'filename', 'mime_type', 'last_modified'})


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _parse_chunk(chunk: Any, fields: Dict[str, FieldLimits]) -> Tuple[str, int, Optional[int], Meta]:
    """(field, file, offset, description) of a chunk header; `ProtocolError` if malformed."""
    if not isinstance(chunk, dict) or set(chunk) != _CHUNK_KEYS:
        raise base.ProtocolError('an upload chunk header must have the keys %s' % ', '.join(sorted(_CHUNK_KEYS)))
    name, index, offset, size = chunk['field'], chunk['file'], chunk['offset'], chunk['size']
    filename, mime_type, modified = chunk['filename'], chunk['mime_type'], chunk['last_modified']
    if name not in fields:
        raise base.ProtocolError('an upload for a field that takes no files: %r' % (name,))
    if not (_count(index) and (offset is None or _count(offset)) and _count(size)):
        raise base.ProtocolError('an upload chunk header with a wrong file, offset or size')
    if not (isinstance(filename, str) and isinstance(mime_type, str) and len(filename) <= 4096
            and len(mime_type) <= 256):
        raise base.ProtocolError('an upload chunk header with a wrong filename or mime_type')
    if modified is not None and not (isinstance(modified, (int, float)) and not isinstance(modified, bool)
                                     and math.isfinite(modified)):
        raise base.ProtocolError('an upload chunk header with a wrong last_modified')
    return name, index, offset, (filename, mime_type, size, modified)

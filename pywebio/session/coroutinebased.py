"""Coroutine-based sessions: the task is an ``async def`` function; all sessions share one event loop.

The model, in the order things happen:

1. A transport creates a `CoroutineBasedSession` with the coroutine function and the asyncio
   loop the sessions live on (the server's loop for Tornado). The session starts the task as an
   asyncio task, in a context where the session is *current* (a `contextvars.ContextVar`), so
   every coroutine and task it starts finds the session too.
2. Output functions queue commands and return at once, exactly as in thread-based sessions.
   Input functions, `hold` and `eval_js` return a `Pending`: awaiting it shows the form (or runs
   the script) and suspends the coroutine until the browser answers. The loop meanwhile serves
   every other session; there is no thread per session.
3. Browser events reach the session on the loop (from another thread they are handed over with
   ``call_soon_threadsafe``): a form event wakes the coroutine waiting for it; a button click
   runs its callback as a new task in the session (plain functions and coroutine functions both
   work).
4. `run_async` starts another coroutine in the session and returns a `TaskHandle`. The session
   ends when the task and every `run_async` coroutine have finished, or when the browser closes;
   then awaiting inputs raise `SessionClosedException` and `defer_call` functions run once each,
   in order, on the loop.

Forgetting ``await`` is the classic mistake here. A `Pending` that is never awaited logs an
error when it is dropped, and the next interaction call of the session raises a `RuntimeError`
that names the function, so the mistake never turns into a silent hang.
"""
import asyncio
import contextvars
import inspect
import logging
import weakref
from typing import Any, Awaitable, Callable, Coroutine, Dict, List, Optional, Set, Sequence

from ..exceptions import SessionClosedException
from .base import Interaction, ProtocolError, Session

logger = logging.getLogger(__name__)

_current_session: 'contextvars.ContextVar[Optional[CoroutineBasedSession]]' = contextvars.ContextVar(
    'pywebio_coroutine_session', default=None)

_CLOSED = object()


class _Inbox:
    """The events of one waiting task, taken in order on the session's loop.

    An ``asyncio.Queue`` costs some 2.4 KiB (three deques and an Event), which every idle
    session's open form would keep; this holds a list and the futures of its readers, made only
    when needed.
    """

    __slots__ = ('_items', '_readers')

    def __init__(self) -> None:
        self._items: Optional[List[Any]] = None
        self._readers: Optional[List['asyncio.Future[None]']] = None

    def put_nowait(self, item: Any) -> None:
        if self._items is None:
            self._items = []
        self._items.append(item)
        readers, self._readers = self._readers, None
        for reader in readers or ():
            if not reader.done():
                reader.set_result(None)

    def empty(self) -> bool:
        return not self._items

    def get_nowait(self) -> Any:
        return self._items.pop(0)  # type: ignore[union-attr]  # a few items at most: a list will do

    async def get(self) -> Any:
        while not self._items:
            reader = asyncio.get_running_loop().create_future()
            if self._readers is None:
                self._readers = []
            self._readers.append(reader)
            await reader
        return self.get_nowait()


def current_coroutine_session() -> Optional['CoroutineBasedSession']:
    """The coroutine-based session of the running coroutine, or None."""
    return _current_session.get()


class Pending:
    """What an input function (or `hold`, `eval_js`) returns in a coroutine-based session.

    ``await`` it to get the value. Nothing is sent to the browser until it is awaited.
    """

    def __init__(self, session: 'CoroutineBasedSession', coroutine: Coroutine[Any, Any, Any],
                 what: str) -> None:
        self._session = session
        self._coroutine = coroutine
        self._what = what
        self._then: List[Callable[[Any], Any]] = []
        self._awaited = False
        session._unawaited = weakref.ref(self)

    def then(self, func: Callable[[Any], Any]) -> 'Pending':
        """Apply ``func`` to the result when it comes."""
        self._then.append(func)
        return self

    def __await__(self) -> Any:
        self._awaited = True
        if self._session._unawaited is not None and self._session._unawaited() is self:
            self._session._unawaited = None
        result = yield from self._coroutine.__await__()
        for func in self._then:
            result = func(result)
        return result

    def __repr__(self) -> str:
        return '<%s() that was not awaited: write `await %s(...)` in a coroutine-based session>' % (
            self._what, self._what)

    def __del__(self) -> None:
        if not self._awaited:
            self._coroutine.close()  # silence Python's own, less helpful, warning
            logger.error('%s() was called without `await` in a coroutine-based session, so it '
                         'did nothing: write `await %s(...)`', self._what, self._what)


class TaskHandle:
    """A coroutine started with `pywebio.session.run_async`."""

    def __init__(self, task: 'asyncio.Task[Any]') -> None:
        self._task = task

    def closed(self) -> bool:
        """Whether the coroutine has finished (returned, raised, or was closed)."""
        return self._task.done()

    def close(self) -> None:
        """Stop the coroutine (it gets ``asyncio.CancelledError`` where it waits)."""
        self._task.cancel()

    def __repr__(self) -> str:
        return '<TaskHandle %s>' % ('closed' if self.closed() else 'running')


class CoroutineBasedSession(Session):
    """A session whose task is a coroutine function, run on ``loop``. See the module docstring.

    :param target: the ``async def`` task function, called with no arguments.
    :param session_info: the object `pywebio.session.info` returns in this session.
    :param on_task_command: called with the session when commands are queued.
    :param on_session_close: called once with the session when it has ended.
    :param loop: the asyncio loop all of this session's coroutines run on.
    :param debug: if the task raises, the page shows the traceback, and if a callback raises,
        the exception's type and message (the server's ``debug``). Without it, the page only
        says that the app stopped, or that the action failed: no exception text reaches it.
    """

    def __init__(self, target: Callable[[], Awaitable[Any]], session_info: Any = None,
                 on_task_command: Optional[Callable[[Session], None]] = None,
                 on_session_close: Optional[Callable[[Session], None]] = None,
                 loop: Optional[asyncio.AbstractEventLoop] = None, *, debug: bool = False,
                 first_commands: Sequence[dict] = (), api: Optional[str] = None) -> None:
        super().__init__(session_info, debug=debug, api=api)
        self.on_task_command = on_task_command
        self.on_session_close = on_session_close
        self.loop = loop or asyncio.get_event_loop()
        self._task_queues: Dict[str, _Inbox] = {}
        self._tasks: Set['asyncio.Task[Any]'] = set()  # the task and run_async coroutines
        self._callback_tasks: Optional[Set['asyncio.Task[Any]']] = None  # made at the first click
        self._closed_future: Optional['asyncio.Future[None]'] = None
        self._unawaited: Optional['weakref.ReferenceType[Pending]'] = None
        self._send_first(first_commands)
        self._on_loop(self._start, target)

    # -- running coroutines in the session ----------------------------------------------------

    def _on_loop(self, func: Callable[..., Any], *args: Any) -> None:
        """Run ``func(*args)`` on the session's loop: now if we are on it, else soon."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            func(*args)
        else:
            self.loop.call_soon_threadsafe(func, *args)

    def _start(self, target: Callable[[], Awaitable[Any]]) -> None:
        self._closed_future = self.loop.create_future()
        self.spawn(target(), counts=True)

    async def _in_session(self, awaitable: Awaitable[Any]) -> Any:
        _current_session.set(self)  # this task's own copy of the context
        return await awaitable

    def spawn(self, coroutine: Awaitable[Any], counts: bool = True) -> 'asyncio.Task[Any]':
        """Run ``coroutine`` as a task of this session; if ``counts``, the session waits for it."""
        if not inspect.isawaitable(coroutine):
            raise TypeError('expected a coroutine, got %r: call the async function, e.g. '
                            'run_async(counter(10))' % (coroutine,))
        if asyncio.iscoroutine(coroutine):
            # a task takes a copy of the context it is made in: made in one where this session
            # is current, it needs no wrapping coroutine (a frame less for the session's life)
            context = contextvars.copy_context()
            context.run(_current_session.set, self)
            task = context.run(self.loop.create_task, coroutine)
        else:
            task = self.loop.create_task(self._in_session(coroutine))
        if counts:
            self._tasks.add(task)
        else:  # held only so that the loop does not lose it
            if self._callback_tasks is None:
                self._callback_tasks = set()
            self._callback_tasks.add(task)
        task.add_done_callback(self._task_done if counts else self._callback_done)
        return task

    def _task_done(self, task: 'asyncio.Task[Any]') -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            error = task.exception()
            if isinstance(error, SessionClosedException):
                logger.debug('a task of a coroutine-based session ended with the session')
            elif error is not None:
                self._task_failed(error, 'a task of a coroutine-based session')
        if not self._tasks and not self.outlives_task():
            self._end()  # with callbacks registered, the session lives on until the browser goes

    def _callback_done(self, task: 'asyncio.Task[Any]') -> None:
        self._callback_tasks.discard(task)  # type: ignore[union-attr]  # added at spawn
        if task.cancelled():
            return
        error = task.exception()
        if isinstance(error, ProtocolError):
            self.abort(error)
        elif error is not None and not isinstance(error, SessionClosedException):
            self._callback_failed(error)

    # -- task face --------------------------------------------------------------------------

    def send_task_command(self, command: dict) -> None:
        self._check_awaited()
        super().send_task_command(command)

    def _check_awaited(self) -> None:
        pending = self._unawaited() if self._unawaited is not None else None
        if pending is not None:
            self._unawaited = None
            raise RuntimeError('%s() was called without `await` before this call: in a '
                               'coroutine-based session write `await %s(...)`'
                               % (pending._what, pending._what))

    def _open_task_queue(self, task_id: str) -> None:
        self._task_queues[task_id] = _Inbox()

    async def next_client_event(self, task_id: str) -> dict:
        task_queue = self._task_queues.get(task_id)
        if task_queue is None:
            raise SessionClosedException('the session has ended; the browser can no longer be reached')
        item = await task_queue.get()
        if item is _CLOSED:
            task_queue.put_nowait(_CLOSED)
            raise SessionClosedException('the browser closed the session while an input was waiting')
        event, size = item
        self.queued_events.give_back(size)
        return event

    def close_task(self, task_id: str) -> None:
        task_queue = self._task_queues.pop(task_id, None)
        while task_queue is not None and not task_queue.empty():
            item = task_queue.get_nowait()
            if item is not _CLOSED:  # an event nobody will take (a second click of submit)
                self.queued_events.give_back(item[1])

    def run_interaction(self, steps: Interaction, what: str = 'input') -> Pending:
        self._check_awaited()
        return Pending(self, self._drive(steps), what)

    async def _drive(self, steps: Interaction) -> Any:
        try:
            task_id = next(steps)
            while True:
                task_id = steps.send(await self.next_client_event(task_id))
        except StopIteration as done:
            return done.value

    def hold(self) -> Pending:
        """An awaitable that completes when the session ends."""
        self._check_awaited()
        return Pending(self, self._wait_closed(), 'hold')

    async def _wait_closed(self) -> None:
        if self._closed_future is not None and not self._closed:
            await asyncio.shield(self._closed_future)

    def run_async(self, coroutine: Awaitable[Any]) -> TaskHandle:
        if self._closed:
            raise SessionClosedException('the session has ended; run_async() came too late')
        return TaskHandle(self.spawn(coroutine, counts=True))

    # -- transport face ---------------------------------------------------------------------

    def _deliver_to_task(self, task_id: str, event: dict, size: int) -> bool:
        if task_id not in self._task_queues:
            return False
        self._hold_event(size, event)
        self._on_loop(self._put_event, task_id, event, size)
        return True

    def _put_event(self, task_id: str, event: dict, size: int) -> None:
        task_queue = self._task_queues.get(task_id)
        if task_queue is not None:
            task_queue.put_nowait((event, size))
        else:  # the task closed while the event crossed threads
            self.queued_events.give_back(size)

    def _run_callback(self, callback: Callable[[Any], Any], data: Any, size: int) -> None:
        self._hold_event(size)
        self._on_loop(self._start_callback, callback, data, size)

    def _start_callback(self, callback: Callable[[Any], Any], data: Any, size: int) -> None:
        if self._closed:
            return

        async def run() -> None:
            # held until the callback returns, not when it starts: callbacks run side by side
            # here, so a click flood behind a slow coroutine callback would otherwise start
            # tasks without end
            try:
                result = callback(data)
                if inspect.isawaitable(result):
                    await result
            finally:
                self.queued_events.give_back(size)

        self.spawn(run(), counts=False)

    def close(self) -> None:
        """End the session because the browser or the server went away."""
        try:
            self._on_loop(self._end)
        except RuntimeError:  # the loop is closed: nothing of the session can run any more
            logger.debug('closed a session whose event loop has stopped')

    def _end(self) -> None:
        if not self._mark_closed():
            return
        self._wake_waiters()
        self._notify_closed()
        self._run_deferred()

    def _wake_waiters(self) -> None:
        for task_queue in self._task_queues.values():
            while not task_queue.empty():  # events nobody will take now: let them go
                task_queue.get_nowait()
            task_queue.put_nowait(_CLOSED)
        if self._closed_future is not None and not self._closed_future.done():
            self._closed_future.set_result(None)

    def shutdown(self) -> None:
        """End the session because the server stops; its loop has stopped (or is about to), so the
        `defer_call` functions run here, in the calling thread."""
        self.on_task_command = None
        self.on_session_close = None
        if not self._mark_closed():
            return
        try:
            self._wake_waiters()
        except RuntimeError:  # the loop is closed: no coroutine of the session will run again
            pass
        self._run_deferred()


def in_event_loop_thread() -> bool:
    """Whether the calling thread is running an asyncio event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


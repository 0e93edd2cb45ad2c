"""Thread-based sessions: one OS thread runs the task function of each browser session.

The threading model, in the order things happen:

1. A transport accepts a browser connection and creates a `ThreadBasedSession` with the task
   function. The session starts a daemon *task thread* that calls the function.
2. The task calls the public API. Output functions queue commands with `send_task_command` and
   return at once; the transport is told (``on_task_command``) and flushes the queue on its own
   loop, so a burst of outputs leaves as one frame.
3. An input function opens a *task* (`open_task`): a queue that receives the browser's events
   for that one form. It sends the form and blocks in `next_client_event` on that queue.
4. The transport hands each browser event to `send_client_event`, on the transport's thread. The
   session routes it: a form event to the queue of the task it names, a button click to the
   session's *callback thread* (started on first use), which runs callbacks one at a time so the
   task and the transport never wait for them. Events for unknown tasks are logged and dropped.
   For a routed event the transport gets an `Answer`, done when the receiving thread next waits
   for the browser (or ends): a transport may wait on it briefly and send the reply at once.
5. The session ends when the task function and every thread registered with `register_thread`
   have returned (the last one queues ``close_session`` and runs the `defer_call` functions), or
   when the transport calls `close` because the browser went away. With the 1.x semantics
   (`pywebio.set_api`), while callbacks are registered (buttons, clickable outputs, pin
   callbacks), a returned task does not end the session: the callbacks keep working until the
   browser goes. Then every blocked input raises
   `SessionClosedException`, so the task thread unwinds and ends; no thread is left waiting.

Which session a thread belongs to is stored on the `threading.Thread` object itself, so the
record disappears with the thread.

`ScriptModeSession` is the variant for script mode: there is no task function; the script's own
threads use the session, and it ends when the interpreter exits or the browser closes.
"""
import logging
import queue
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from ..exceptions import SessionClosedException
from . import futex_hash
from .base import Answer, Interaction, ProtocolError, Session

logger = logging.getLogger(__name__)

_SESSION_ATTR = '_pywebio_session'
_CLOSED = object()  # put in a queue to wake its reader when the session ends

TransportHook = Callable[[Session], None]

_handling = threading.local()  # .answer: the Answer of the event this thread is handling


def _take(answer: Answer) -> None:
    _handling.answer = answer


def _answered() -> None:
    """This thread has done with its event: it waits for the browser again, or ends."""
    answer = getattr(_handling, 'answer', None)
    if answer is not None:
        _handling.answer = None
        answer.done()


def _drain(reader_queue: 'queue.SimpleQueue[Any]') -> List[Tuple[Any, int]]:
    """Empty a task's or the callbacks' queue; ``(event or callback, bytes)`` of each item it held."""
    held = []
    while True:
        try:
            item = reader_queue.get_nowait()
        except queue.Empty:
            return held
        if item is not _CLOSED:
            held.append((item[0], item[-2]))  # (event, size, answer) or (callback, data, size, answer)


class _Latch:
    """Opened once, waited for by any number of threads.

    A ``threading.Event`` costs 1 KiB (a Condition, its lock and a deque) that every idle session
    would keep; this is one lock, held from the start until `open`. `open` is called once, by the
    one thread that ends the session.
    """

    __slots__ = ('_lock', '_open')

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lock.acquire()
        self._open = False

    def open(self) -> None:
        if not self._open:
            self._open = True
            self._lock.release()

    def wait(self) -> None:
        """Block until `open` has been called."""
        if not self._open:
            self._lock.acquire()  # each waiter takes the lock in turn and hands it on
            self._lock.release()


def session_of_thread(thread: threading.Thread) -> Optional['ThreadBasedSession']:
    """The session ``thread`` belongs to, or None."""
    return getattr(thread, _SESSION_ATTR, None)


class ThreadBasedSession(Session):
    """A session whose task function runs in its own OS thread. See the module docstring.

    :param target: the task function, called with no arguments in a new thread. ``None``
        starts no thread (used by `ScriptModeSession`).
    :param session_info: the object `pywebio.session.info` returns in this session.
    :param on_task_command: called with the session, from any thread, when commands are queued.
    :param on_session_close: called once with the session, from any thread, when it has ended.
    :param debug: if the task raises, the page shows the traceback, and if a callback raises,
        the exception's type and message (the server's ``debug``). Without it, the page only
        says that the app stopped, or that the action failed: no exception text reaches it.
    """

    def __init__(self, target: Optional[Callable[[], Any]], session_info: Any = None,
                 on_task_command: Optional[TransportHook] = None,
                 on_session_close: Optional[TransportHook] = None, *, debug: bool = False,
                 first_commands: Sequence[dict] = (), api: Optional[str] = None) -> None:
        super().__init__(session_info, debug=debug, api=api)
        self.on_task_command = on_task_command
        self.on_session_close = on_session_close
        self._task_queues: Dict[str, 'queue.SimpleQueue[Any]'] = {}
        self._callback_queue: Optional['queue.SimpleQueue[Any]'] = None
        self._threads: List[threading.Thread] = []
        self._ended = _Latch()
        self._send_first(first_commands)
        if target is not None:
            task_thread = threading.Thread(target=self._run_task, args=(target,), daemon=True,
                                           name='pywebio-task-%s' % getattr(target, '__name__', 'task'))
            self.register_thread(task_thread)
            task_thread.start()
            futex_hash.widen_for_threads(threading.active_count())

    # -- threads ----------------------------------------------------------------------------

    def register_thread(self, thread: threading.Thread) -> None:
        """Let ``thread`` use the API in this session; the session waits for it to end."""
        setattr(thread, _SESSION_ATTR, self)
        with self._lock:
            self._threads.append(thread)

    def _run_task(self, target: Callable[[], Any]) -> None:
        try:
            target()
        except SessionClosedException:
            logger.debug('task of a closed session ended')
        except Exception as error:
            self._task_failed(error, 'the task function of a session')
        finally:
            _answered()
            self._wait_registered_threads()
            if self.outlives_task():
                # 1.x semantics: callbacks keep working after the task returns, until the browser goes
                self._ended.wait()
            self._end(run_deferred_here=True)

    def _wait_registered_threads(self) -> None:
        me = threading.current_thread()
        while True:
            with self._lock:
                alive = [t for t in self._threads if t is not me and t.is_alive()]
                # forget the threads that ended, so a long session does not collect them
                self._threads = [t for t in self._threads if t.is_alive()]
            if not alive:
                return
            for thread in alive:
                thread.join()

    # -- task face --------------------------------------------------------------------------

    def _open_task_queue(self, task_id: str) -> None:
        self._task_queues[task_id] = queue.SimpleQueue()

    def next_client_event(self, task_id: str) -> dict:
        task_queue = self._task_queues.get(task_id)
        if task_queue is None:
            raise SessionClosedException('the session has ended; the browser can no longer be reached')
        _answered()
        item = task_queue.get()
        if item is _CLOSED:
            task_queue.put(_CLOSED)  # keep waking later readers of the same task
            raise SessionClosedException('the browser closed the session while an input was waiting')
        event, size, answer = item
        self.queued_events.give_back(size)
        _take(answer)
        return event

    def close_task(self, task_id: str) -> None:
        with self._lock:  # the lock _deliver_to_task holds: no event is queued here after the drain
            task_queue = self._task_queues.pop(task_id, None)
            if task_queue is not None:  # events nobody will take (a second click of submit)
                for event, size in _drain(task_queue):
                    self.queued_events.give_back(size)

    def run_interaction(self, steps: Interaction, what: str = '') -> Any:
        try:
            task_id = next(steps)
            while True:
                task_id = steps.send(self.next_client_event(task_id))
        except StopIteration as done:
            return done.value

    def hold(self) -> None:
        """Block until the session ends (the browser closed it)."""
        _answered()
        self._ended.wait()

    # -- callbacks: one thread per session, started on the first click ----------------------

    def _run_callback(self, callback: Callable[[Any], Any], data: Any, size: int) -> Answer:
        answer = Answer()
        self._hold_event(size)
        with self._lock:
            if self._callback_queue is None:
                self._callback_queue = queue.SimpleQueue()
                worker = threading.Thread(target=self._callback_worker, args=(self._callback_queue,),
                                          daemon=True, name='pywebio-callbacks')
                setattr(worker, _SESSION_ATTR, self)
                worker.start()
            self._callback_queue.put((callback, data, size, answer))
        return answer

    def _callback_worker(self, callback_queue: 'queue.SimpleQueue[Any]') -> None:
        while True:
            item = callback_queue.get()
            if item is _CLOSED:
                return
            callback, data, size, answer = item
            self.queued_events.give_back(size)  # callbacks run one at a time: this one is taken
            _take(answer)
            try:
                callback(data)
            except SessionClosedException:
                return
            except ProtocolError as error:  # the click itself was forged or garbled
                self.abort(error)
                return
            except Exception as error:
                self._callback_failed(error)
            finally:
                _answered()

    # -- the end ----------------------------------------------------------------------------

    def close(self) -> None:
        """End the session because the browser or the server went away."""
        self._end(run_deferred_here=False)

    def shutdown(self) -> None:
        self.on_task_command = None
        self.on_session_close = None
        self._end(run_deferred_here=True)

    def _end(self, run_deferred_here: bool) -> None:
        if not self._mark_closed():
            return
        with self._lock:
            waiting = list(self._task_queues.values())
            if self._callback_queue is not None:
                waiting.append(self._callback_queue)
        for reader_queue in waiting:
            # let go of the events nobody will take now (their thread may be stuck in a slow
            # callback for minutes, holding the queue), then wake the reader
            _drain(reader_queue)
            reader_queue.put(_CLOSED)
        self._ended.open()
        self._notify_closed()
        if run_deferred_here:
            self._run_deferred()
        elif self._deferred:
            # called from the transport's loop: deferred functions may block, so not here; not a
            # daemon thread, so that a program that is stopping still runs them
            threading.Thread(target=self._run_deferred, name='pywebio-defer').start()

    def _deliver_to_task(self, task_id: str, event: dict, size: int) -> Union[bool, Answer]:
        with self._lock:
            task_queue = self._task_queues.get(task_id)
            if task_queue is None:
                return False
            self._hold_event(size, event)
            answer = Answer()
            task_queue.put((event, size, answer))
        return answer


class ScriptModeSession(ThreadBasedSession):
    """The one session of a script run in script mode.

    Any thread of the script may use it. Commands queue up until the browser connects; the
    transport attaches itself by setting ``on_task_command`` and ``on_session_close``.
    """

    #: How long reading `pywebio.session.info` waits for the tab to connect, in seconds.
    INFO_TIMEOUT = 60.0

    def __init__(self, session_info: Any = None, first_commands: Sequence[dict] = ()) -> None:
        self._info_ready = threading.Event()
        super().__init__(target=None, session_info=session_info, first_commands=first_commands)
        self.transport_attached = False

    @property  # type: ignore[override]
    def info(self) -> Any:
        """The `SessionInfo` of the tab, set by the transport when the tab connects; None before."""
        return self._info

    @info.setter
    def info(self, value: Any) -> None:
        self._info = value
        if value is not None:
            self._info_ready.set()

    def ready_info(self) -> Any:
        """Wait until the tab has connected and return its `SessionInfo`.

        Script mode opens the tab with the first interaction call, so a script may read
        `pywebio.session.info` before the browser is there: the read waits up to `INFO_TIMEOUT`
        seconds for the tab to connect. Raises `TimeoutError` if it has not by then, and
        `SessionClosedException` if the session ends first.
        """
        if not self._info_ready.wait(self.INFO_TIMEOUT):
            raise TimeoutError('pywebio.session.info: no browser tab connected to the script within %g '
                               'seconds; open the address PyWebIO logged at start' % self.INFO_TIMEOUT)
        if self._info is None:
            raise SessionClosedException('the session ended before a browser tab connected')
        return self._info

    def _end(self, run_deferred_here: bool) -> None:
        self._info_ready.set()  # wake readers of info (deferred functions too): no tab will come now
        super()._end(run_deferred_here)

    def end_of_script(self) -> None:
        """The script has finished: tell the browser, run the deferred functions.

        With the 1.x semantics and callbacks registered, first wait until the browser has come and
        gone, so the page's buttons keep working after the script's last line.
        """
        if self.outlives_task():
            self._ended.wait()
        self._end(run_deferred_here=True)

    def interrupted(self) -> None:
        """The script was stopped (Ctrl-C): end now, tell the browser, run the deferred functions."""
        self._end(run_deferred_here=True)

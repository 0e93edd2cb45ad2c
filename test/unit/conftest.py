"""Fixtures of the unit tests: output code run inside a real ThreadBasedSession, without a server."""
import threading

import pytest

from pywebio.session import get_current_session
from pywebio.session.threadbased import ThreadBasedSession


@pytest.fixture
def run_in_session():
    """``run_in_session(func)``: call ``func()`` as the task of a session and return its commands."""
    return _run_in_session


def _run_in_session(func, timeout=5):
    """Call ``func()`` as the task of a session; return the commands it sent (close_session
    excluded). An exception raised by ``func`` is raised here."""
    commands, errors, lock, done = [], [], threading.Lock(), threading.Event()

    def collect(session):
        with lock:
            commands.extend(session.get_task_commands())

    def closed(session):
        collect(session)
        done.set()

    def task():
        try:
            func()
        except BaseException as error:  # noqa: B902 - re-raised in the test thread
            errors.append(error)
        finally:
            get_current_session().close()  # as the browser going away: callbacks would keep it open

    ThreadBasedSession(task, on_task_command=collect, on_session_close=closed)
    assert done.wait(timeout), 'the session did not end'
    if errors:
        raise errors[0]
    return [c for c in commands if c['command'] != 'close_session']

"""close_session says when the task raised (docs/protocol.md), with the traceback only in debug."""
import pytest

from pywebio.output import put_text
from pywebio.session import defer_call
from pywebio.session.base import close_all_sessions


def raises():
    put_text('before')
    raise KeyError('hunter2')


async def raises_async():
    put_text('before')
    raise KeyError('hunter2')


def returns():
    put_text('done')


@pytest.mark.parametrize('task', [raises, raises_async])
def test_a_task_that_raises_ends_with_reason_error_and_no_text(serve_app, task):
    with serve_app(task).connect() as client:
        assert client.expect('close_session')['spec'] == {'reason': 'error', 'traceback': None}


@pytest.mark.parametrize('task', [raises, raises_async])
def test_with_debug_close_session_carries_the_traceback(serve_app, task):
    with serve_app(task, debug=True).connect() as client:
        spec = client.expect('close_session')['spec']
    assert spec['reason'] == 'error'
    assert spec['traceback'].startswith('Traceback (most recent call last)')
    assert "KeyError: 'hunter2'" in spec['traceback'] and task.__name__ in spec['traceback']


def test_a_task_that_returns_ends_with_a_null_spec(serve_app):
    with serve_app(returns, debug=True).connect() as client:
        assert client.expect('close_session')['spec'] is None


def test_close_all_sessions_runs_the_deferred_functions_here(serve_app):
    import threading
    ran = []

    def task():
        defer_call(lambda: ran.append(threading.current_thread()))
        from pywebio.input import input
        input('Name')

    with serve_app(task).connect() as client:
        client.expect('input_group')
        assert close_all_sessions() >= 1
        assert ran == [threading.current_thread()]

"""ThreadBasedSession driven directly, with a fake transport: routing, closing, deferred calls."""
import threading

import pytest

from pywebio.exceptions import SessionClosedException, SessionNotFoundException
from pywebio.input import input
from pywebio.output import put_buttons, put_text
from pywebio.session import defer_call, get_current_session, register_thread
from pywebio.session.base import ProtocolError
from pywebio.session.threadbased import ThreadBasedSession

WAIT = 5


class FakeTransport:
    """Collects what a session hands its transport."""

    def __init__(self):
        self.commands = []
        self.closed = threading.Event()
        self.changed = threading.Condition()

    def on_task_command(self, session):
        with self.changed:
            self.commands.extend(session.get_task_commands())
            self.changed.notify_all()

    def on_session_close(self, session):
        self.on_task_command(session)
        self.closed.set()

    def wait_for(self, predicate):
        with self.changed:
            assert self.changed.wait_for(lambda: any(predicate(c) for c in self.commands), WAIT)
            return next(c for c in self.commands if predicate(c))


def start(task):
    transport = FakeTransport()
    session = ThreadBasedSession(task, on_task_command=transport.on_task_command,
                                 on_session_close=transport.on_session_close)
    return session, transport


def test_submitted_value_reaches_the_blocked_input():
    results = []
    session, transport = start(lambda: results.append(input('Name')))
    form = transport.wait_for(lambda c: c['command'] == 'input_group')
    session.send_client_event({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'data': 'Ann'}})
    assert transport.closed.wait(WAIT)
    assert results == ['Ann']
    assert transport.commands[-1]['command'] == 'close_session'


def test_closing_during_input_raises_session_closed_and_ends_the_thread():
    caught, threads = [], []

    def task():
        threads.append(threading.current_thread())
        try:
            input('Name')
        except SessionClosedException as error:
            caught.append(error)
            raise

    session, transport = start(task)
    transport.wait_for(lambda c: c['command'] == 'input_group')
    session.close()
    threads[0].join(WAIT)
    assert not threads[0].is_alive()
    assert len(caught) == 1


def test_calls_after_close_raise_session_closed():
    release, answered, errors = threading.Event(), threading.Event(), []

    def task():
        release.wait(WAIT)
        try:
            put_text('late')
        except SessionClosedException as error:
            errors.append(error)
        answered.set()

    session, transport = start(task)
    session.close()
    release.set()
    assert answered.wait(WAIT)
    assert len(errors) == 1


def test_deferred_functions_run_once_in_order_even_if_one_raises():
    ran, done = [], threading.Event()

    def task():
        defer_call(lambda: ran.append(1))
        defer_call(lambda: 1 / 0)
        defer_call(lambda: (ran.append(3), done.set()))
        input('wait')

    session, transport = start(task)
    transport.wait_for(lambda c: c['command'] == 'input_group')
    session.close()
    session.close()
    assert done.wait(WAIT)
    assert ran == [1, 3]


def test_events_for_unknown_tasks_and_unknown_kinds_are_dropped():
    session, transport = start(lambda: input('x'))
    form = transport.wait_for(lambda c: c['command'] == 'input_group')
    session.send_client_event({'event': 'form_submit', 'task_id': 'nope', 'data': {'data': '1'}})
    session.send_client_event({'event': 'telepathy', 'task_id': form['task_id'], 'data': None})
    session.send_client_event({'event': 'callback', 'task_id': 'cb-99', 'data': 0})
    assert not session.closed()
    session.send_client_event({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'data': '1'}})
    assert transport.closed.wait(WAIT)


@pytest.mark.parametrize('event', [[], 'x', {'task_id': '1'}, {'event': 'form_submit', 'task_id': 1}])
def test_malformed_event_envelopes_are_protocol_errors(event):
    session, _ = start(lambda: input('x'))
    with pytest.raises(ProtocolError):
        session.send_client_event(event)
    session.close()


def test_session_waits_for_registered_threads():
    finish, returned = threading.Event(), threading.Event()
    task_threads = []

    def worker():
        finish.wait(WAIT)
        put_text('from worker')

    def task():
        task_threads.append(threading.current_thread())
        thread = threading.Thread(target=worker)
        register_thread(thread)
        thread.start()
        returned.set()

    session, transport = start(task)
    assert returned.wait(WAIT)
    task_threads[0].join(0.3)  # a session that did not wait would close and end its thread here
    assert task_threads[0].is_alive() and not session.closed()
    finish.set()
    assert transport.closed.wait(WAIT)
    assert [c['command'] for c in transport.commands] == ['output', 'close_session']


def test_unregistered_thread_gets_session_not_found(monkeypatch):
    monkeypatch.setattr('pywebio.session._server_mode', True)
    errors = []

    def worker():
        try:
            get_current_session()
        except SessionNotFoundException as error:
            errors.append(str(error))

    def task():
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()

    session, transport = start(task)
    assert transport.closed.wait(WAIT)
    assert errors and 'register_thread' in errors[0]


def test_callbacks_run_in_their_own_thread_with_the_clicked_value():
    clicked = []
    done = threading.Event()

    def on_click(value):
        clicked.append((value, threading.current_thread().name))
        done.set()

    def task():
        put_buttons([('Yes', {'answer': True}), 'No'], onclick=on_click)
        input('keep the session open')

    session, transport = start(task)
    buttons = transport.wait_for(lambda c: c['command'] == 'output' and c['spec']['type'] == 'buttons')
    session.send_client_event({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': 0})
    assert done.wait(WAIT)
    assert clicked == [({'answer': True}, 'pywebio-callbacks')]
    session.close()


@pytest.mark.parametrize('index', [5, -1, '0', True, None])
def test_a_forged_click_closes_the_session(index):
    def task():
        put_buttons(['A', 'B'], onclick=lambda v: None)
        input('keep the session open')

    session, transport = start(task)
    buttons = transport.wait_for(lambda c: c['command'] == 'output' and c['spec']['type'] == 'buttons')
    session.send_client_event({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': index})
    assert transport.closed.wait(WAIT)


def test_the_answer_to_an_event_comes_once_the_task_waits_again():
    """What lets a transport send the reply at once: the Answer is done when the task asks again."""
    gate = threading.Event()

    def task():
        first = input('First')
        gate.wait(WAIT)  # the task is still busy with the first value
        put_text(first)
        input('Second')

    session, transport = start(task)
    form = transport.wait_for(lambda c: c['command'] == 'input_group')
    answer = session.send_client_event({'event': 'form_submit', 'task_id': form['task_id'],
                                        'data': {'data': 'one'}})
    assert answer is not None
    assert not answer.wait(0.05)  # busy: the transport stops waiting and moves on
    gate.set()
    transport.wait_for(lambda c: c['command'] == 'input_group' and c['task_id'] != form['task_id'])
    assert answer.was_quick(60) and not answer.was_quick(0.01)
    session.close()


def test_a_task_that_ends_answers_its_last_event():
    session, transport = start(lambda: put_text(input('Only')))
    form = transport.wait_for(lambda c: c['command'] == 'input_group')
    answer = session.send_client_event({'event': 'form_submit', 'task_id': form['task_id'],
                                        'data': {'data': 'x'}})
    assert answer.wait(WAIT)
    assert transport.closed.wait(WAIT)


def test_a_click_is_answered_when_its_callback_returns():
    clicked = []
    session, transport = start(lambda: (put_buttons(['Go'], onclick=clicked.append), get_current_session().hold()))
    buttons = transport.wait_for(lambda c: c['command'] == 'output' and c['spec']['type'] == 'buttons')
    answer = session.send_client_event({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': 0})
    assert answer.wait(WAIT)
    assert clicked == ['Go']
    session.close()

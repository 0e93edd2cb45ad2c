"""Coroutine-based sessions over a real WebSocket: the guide's examples and the session rules."""
import asyncio
import threading

import pytest

from pywebio.exceptions import SessionClosedException
from pywebio.input import NUMBER, input
from pywebio.output import put_buttons, put_text
from pywebio.session import defer_call, eval_js, hold, register_thread, run_async

from test.apps import guide_coroutines


def texts_until_closed(client):
    texts = []
    while True:
        command = client.next_command()
        if command is None or command['command'] == 'close_session':
            return texts
        if command['command'] == 'output' and command['spec']['type'] == 'text':
            texts.append(command['spec']['content'])


def test_guide_say_hello(serve_app):
    with serve_app(guide_coroutines.say_hello).connect() as client:
        client.submit(client.expect('input_group'), {'data': 'Ann'})
        assert texts_until_closed(client) == ['Hello, Ann']


def test_guide_hello_word_awaits_asyncio_sleep(serve_app):
    with serve_app(guide_coroutines.main).connect() as client:
        assert texts_until_closed(client) == ['Hello ...', '... World!', 'Bye, bye']


def test_all_sessions_share_one_loop_and_do_not_block_each_other(serve_app):
    threads = set()

    async def task():
        threads.add(threading.current_thread())
        age = await input('Age', type=NUMBER)
        put_text('age', age)

    server = serve_app(task)
    with server.connect() as first, server.connect() as second:
        first_form, second_form = first.expect('input_group'), second.expect('input_group')
        second.submit(second_form, {'data': '2'})
        assert texts_until_closed(second) == ['age 2']
        first.submit(first_form, {'data': '1'})
        assert texts_until_closed(first) == ['age 1']
    assert len(threads) == 1


def test_run_async_handle_and_session_waits_for_run_async_coroutines(serve_app):
    handles, release = [], None

    async def forever():
        while True:
            await asyncio.sleep(0.01)

    async def short():
        await asyncio.sleep(0.05)
        put_text('short done')

    async def task():
        nonlocal release
        release = asyncio.Event()
        looping = run_async(forever())
        finishing = run_async(short())
        handles.extend([looping, finishing])
        put_text('looping closed: %s' % looping.closed())
        await asyncio.sleep(0.2)
        put_text('short closed: %s' % finishing.closed())
        looping.close()

    with serve_app(task).connect() as client:
        assert texts_until_closed(client) == ['looping closed: False', 'short done', 'short closed: True']
    assert all(handle.closed() for handle in handles)


def test_closing_the_connection_raises_in_the_awaiting_input_and_runs_deferred_in_order(serve_app):
    deferred, raised = [], threading.Event()
    done = threading.Event()

    async def task():
        defer_call(lambda: deferred.append('first'))
        defer_call(lambda: 1 / 0)
        defer_call(lambda: (deferred.append('third'), done.set()))
        try:
            await input('waiting')
        except SessionClosedException:
            raised.set()
            raise

    client = serve_app(task).connect()
    client.expect('input_group')
    client.close()
    assert done.wait(5) and raised.wait(5)
    assert deferred == ['first', 'third']


def test_callbacks_may_be_plain_or_coroutine_functions_and_hold_keeps_them_alive(serve_app):
    async def async_click(value):
        await asyncio.sleep(0.01)
        put_text('async', value)

    async def task():
        put_buttons(['sync'], onclick=lambda value: put_text('plain', value))
        put_buttons([('async', 7)], onclick=async_click)
        await hold()

    with serve_app(task).connect() as client:
        plain, coroutine = client.expect('output'), client.expect('output')
        client.click(plain, 0)
        assert client.expect('output')['spec']['content'] == 'plain sync'
        client.click(coroutine, 0)
        assert client.expect('output')['spec']['content'] == 'async 7'


def test_a_failing_callback_shows_an_error_toast_and_the_session_lives_on(serve_app):
    def broken(value):
        raise KeyError('no such row')

    def task():
        put_buttons(['Break'], onclick=broken)
        put_buttons(['Fine'], onclick=lambda v: put_text('still alive'))
        hold()

    with serve_app(task).connect() as client:
        broken_buttons, fine_buttons = client.expect('output'), client.expect('output')
        client.click(broken_buttons, 0)
        toast = client.expect('toast')
        assert (toast['spec']['color'], toast['spec']['content']) == ('error', 'The action failed because of an error.')
        client.click(fine_buttons, 0)
        assert client.expect('output')['spec']['content'] == 'still alive'


def test_forgetting_await_is_a_clear_error_not_a_hang(serve_app, caplog):
    errors = []

    async def task():
        name = input("what's your name?")  # the classic mistake
        try:
            put_text('Hello, %s' % name)
        except RuntimeError as error:
            errors.append(str(error))

    with serve_app(task).connect() as client:
        assert texts_until_closed(client) == []
    assert errors and 'await input(...)' in errors[0]


def test_register_thread_in_a_coroutine_session_says_what_to_use(serve_app):
    errors = []

    async def task():
        try:
            register_thread(threading.Thread(target=print))
        except RuntimeError as error:
            errors.append(str(error))

    with serve_app(task).connect() as client:
        client.wait_closed()
    assert 'run_async' in errors[0]


def test_eval_js_result_and_browser_errors_in_both_session_kinds(serve_app):
    def thread_task():
        put_text('sum', eval_js('a + b', a=1, b=2))

    async def coroutine_task():
        put_text('sum', await eval_js('a + b', a=40, b=2))

    for task, expected in ((thread_task, 'sum 3'), (coroutine_task, 'sum 42')):
        with serve_app(task).connect() as client:
            script = client.expect('run_script')
            assert script['spec']['eval'] is True and script['spec']['args']['b'] in (2, 2)
            values = script['spec']['args']
            client.send({'event': 'js_result', 'task_id': script['task_id'], 'data': {'value': values['a'] + values['b']}})
            assert texts_until_closed(client) == [expected]


def test_thread_count_returns_to_baseline_after_100_sessions_close(serve_app):
    def task():
        input('waiting')

    server = serve_app(task)
    probe = server.connect()  # warm up the server's own threads
    probe.expect('input_group')
    probe.close()
    baseline = threading.active_count()
    clients = [server.connect() for _ in range(100)]
    for client in clients:
        client.expect('input_group')
    assert threading.active_count() >= baseline + 100
    for client in clients:
        client.close()
    deadline = threading.Event()
    for _ in range(200):
        if threading.active_count() <= baseline:
            break
        deadline.wait(0.05)
    assert threading.active_count() <= baseline

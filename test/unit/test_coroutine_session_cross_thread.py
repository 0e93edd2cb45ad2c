"""A coroutine-based session on the loop of run_event_loop, driven from other threads (as Flask does)."""
import threading

from pywebio.input import input
from pywebio.output import put_text
from pywebio.platform.httpbased import event_loop, run_event_loop
from pywebio.session import run_asyncio_coroutine
from pywebio.session.coroutinebased import CoroutineBasedSession

WAIT = 5


def test_session_on_run_event_loop_receives_events_from_another_thread():
    import asyncio

    threading.Thread(target=run_event_loop, daemon=True).start()
    loop = event_loop()
    commands, closed = [], threading.Event()
    form_shown = threading.Event()

    def on_task_command(session):
        for command in session.get_task_commands():
            commands.append(command)
            if command['command'] == 'input_group':
                form_shown.set()

    async def hello_word():
        put_text('Hello ...')
        await run_asyncio_coroutine(asyncio.sleep(0.01))
        put_text('... %s!' % await input('Who?'))

    session = CoroutineBasedSession(hello_word, on_task_command=on_task_command,
                                    on_session_close=lambda s: closed.set(), loop=loop)
    assert form_shown.wait(WAIT)
    form = next(c for c in commands if c['command'] == 'input_group')
    session.send_client_event({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'data': 'World'}})
    assert closed.wait(WAIT)
    texts = [c['spec']['content'] for c in commands if c['command'] == 'output']
    assert texts == ['Hello ...', '... World!']
    loop.call_soon_threadsafe(loop.stop)

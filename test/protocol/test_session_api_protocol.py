"""The 1.x session API over a real WebSocket: local, data(), get_info(), download(), run_js/eval_js names."""
import base64
import subprocess
import sys
import textwrap
import threading
import warnings
from pathlib import Path

import pytest

from pywebio.input import input
from pywebio.output import put_buttons, put_table, put_text, table_cell_buttons
from pywebio.session import data, download, eval_js, get_info, hold, local, register_thread, run_async, run_js

ROOT = Path(__file__).parents[2]


def texts_until(client, last):
    texts = []
    while True:
        command = client.expect('output', where=lambda c: c['spec']['type'] == 'text')
        texts.append(command['spec']['content'])
        if command['spec']['content'] == last:
            return texts


def test_local_is_one_namespace_per_session_shared_by_its_task_threads_and_callbacks(serve_app):
    def task():
        local.name = input('name')
        seen = []
        worker = threading.Thread(target=lambda: seen.append(local.name))
        register_thread(worker)
        worker.start()
        worker.join()
        put_text('thread saw %s' % seen[0])
        put_buttons(['show'], onclick=lambda _: put_text('callback saw %s' % local.name))
        hold()

    server = serve_app(task)
    with server.connect() as ann, server.connect() as bob:
        ann.submit(ann.expect('input_group'), {'data': 'Ann'})
        bob.submit(bob.expect('input_group'), {'data': 'Bob'})
        assert texts_until(ann, 'thread saw Ann')
        assert texts_until(bob, 'thread saw Bob')
        bob_buttons = bob.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        ann_buttons = ann.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        bob.click(bob_buttons, 0)
        ann.click(ann_buttons, 0)
        assert texts_until(ann, 'callback saw Ann')
        assert texts_until(bob, 'callback saw Bob')


def test_local_behaves_as_1x_documents_and_data_is_the_same_namespace(serve_app):
    results = {}

    def task():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            g = data()
        results['warned'] = any(issubclass(w.category, DeprecationWarning) for w in caught)
        results['unset'] = (g.none, local.never, local['never'])
        g.one = 1
        g.one += 1
        local.name = 'Wang'
        local.age = 22
        results['len'] = len(local)
        results['same'] = local['age'] is local.age and local.one == 2
        local[10] = '10'
        del local['name']
        del local.one
        results['keys'] = list(local)
        results['in'] = ('age' in local, 'bar' in local)
        results['dict'] = dict(local._dict)
        try:
            del local.missing
        except AttributeError:
            results['del_missing'] = 'AttributeError'
        put_text('done')

    with serve_app(task).connect() as client:
        texts_until(client, 'done')
    assert results == {'warned': True, 'unset': (None, None, None), 'len': 3, 'same': True,
                       'keys': ['age', 10], 'in': (True, False), 'dict': {'age': 22, 10: '10'},
                       'del_missing': 'AttributeError'}


def test_inside_a_session_probes_see_what_was_set_and_private_names_stay_private(serve_app):
    from pywebio.pin import pin
    from pywebio.session import info
    results = {}

    def task():
        local.name, local._token = 'Ann', 'kept'
        results['private'] = (hasattr(local, '_mock_name'), local._token, getattr(local, '_other', 'unset'))
        results['dir'] = ('name' in dir(local), '_token' in dir(local), 'user_agent' in dir(info))
        results['pin'] = hasattr(pin, '_mock_name')
        put_text('done')

    with serve_app(task).connect() as client:
        texts_until(client, 'done')
    assert results == {'private': (False, 'kept', 'unset'), 'dir': (True, True, True), 'pin': False}


def test_local_in_coroutine_sessions_is_per_session_and_shared_with_run_async(serve_app):
    async def task():
        local.name = await input('name')

        async def child():
            put_text('child saw %s' % local.name)
        run_async(child())

    server = serve_app(task)
    with server.connect() as ann, server.connect() as bob:
        ann.submit(ann.expect('input_group'), {'data': 'Ann'})
        bob.submit(bob.expect('input_group'), {'data': 'Bob'})
        assert texts_until(ann, 'child saw Ann')
        assert texts_until(bob, 'child saw Bob')


def test_get_info_returns_the_session_info(serve_app):
    def task():
        info = get_info()
        put_text('%s %s %s' % (info.backend, info.protocol, type(info.user_agent).__name__))

    with serve_app(task).connect(headers={'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0'}) as client:
        assert texts_until(client, 'tornado websocket UserAgent')


@pytest.mark.parametrize('kind', ['thread', 'coroutine'])
def test_download_sends_the_exact_bytes_and_name(serve_app, kind):
    content = bytes(range(256)) * 3

    def sync_task():
        download('data.bin', content)

    async def async_task():
        download('data.bin', bytearray(content))

    with serve_app(sync_task if kind == 'thread' else async_task).connect() as client:
        command = client.expect('download')
    assert command['task_id'] is None
    assert command['spec']['name'] == 'data.bin'
    assert base64.b64decode(command['spec']['content']) == content


def test_download_checks_its_arguments(serve_app):
    errors = []

    def task():
        for name, content in (('', b'x'), (None, b'x'), ('a.txt', 'text, not bytes')):
            try:
                download(name, content)
            except TypeError as error:
                errors.append(str(error))
        put_text('done')

    with serve_app(task).connect() as client:
        texts_until(client, 'done')
    assert len(errors) == 3 and 'encode' in errors[2]


def test_run_js_and_eval_js_take_the_1x_and_the_guide_argument_names(serve_app):
    def task():
        run_js('console.log(code)', code=1)          # first argument: the code; code= a variable
        run_js(code='console.log(2)')                 # the guide-era keyword
        run_js(code_='console.log(3)')                # 1.x's keyword
        put_text('sum %s' % eval_js(expression='a + b', a=1, b=2))
        put_text('expr %s' % eval_js('expression', expression=5))

    with serve_app(task).connect() as client:
        scripts = [client.expect('run_script')['spec'] for _ in range(3)]
        assert scripts[0] == {'code': 'console.log(code)', 'args': {'code': 1}, 'eval': False}
        assert scripts[1]['code'] == 'console.log(2)' and scripts[1]['args'] == {}
        assert scripts[2]['code'] == 'console.log(3)' and scripts[2]['args'] == {}
        first = client.expect('run_script')
        assert first['spec']['code'] == 'a + b' and first['spec']['args'] == {'a': 1, 'b': 2}
        client.send({'event': 'js_result', 'task_id': first['task_id'], 'data': {'value': 3}})
        assert texts_until(client, 'sum 3')
        second = client.expect('run_script')
        assert second['spec']['code'] == 'expression' and second['spec']['args'] == {'expression': 5}
        client.send({'event': 'js_result', 'task_id': second['task_id'], 'data': {'value': 5}})
        assert texts_until(client, 'expr 5')


def test_run_js_without_code_is_a_type_error(serve_app):
    errors = []

    def task():
        for call in (lambda: run_js(), lambda: run_js(a=1), lambda: eval_js(), lambda: run_js(5)):
            try:
                call()
            except TypeError as error:
                errors.append(str(error))
        put_text('done')

    with serve_app(task).connect() as client:
        texts_until(client, 'done')
    assert len(errors) == 4


def test_table_cell_buttons_of_0x_work_in_a_table(serve_app):
    clicked = []

    def task():
        put_table([
            ['Idx', 'Actions'],
            ['1', table_cell_buttons(['edit', 'delete'], onclick=lambda value: clicked.append(value))],
            ['2', table_cell_buttons([('Edit', 'e')], onclick_callback=lambda value: put_text('row 2 %s' % value))],
            ['3', table_cell_buttons(['x'], lambda value, save: put_text('row 3 %s %s' % (value, save)), save=3)],
            ['4', table_cell_buttons(['y'], lambda value, row: put_text('row 4 %s %s' % (value, row)), cbs_args=4)],
        ])
        hold()

    with serve_app(task).connect() as client:
        first = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        second = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        third = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        fourth = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        table = client.expect('output', where=lambda c: c['spec']['type'] == 'table')
        assert table['spec']['rows'][0][1] == {'output': first['spec']['id']}
        assert first['spec']['small'] is True
        client.click(second, 0)
        assert texts_until(client, 'row 2 e')
        client.click(third, 0)
        assert texts_until(client, 'row 3 x 3')
        client.click(fourth, 0)
        assert texts_until(client, 'row 4 y 4')
        client.click(first, 1)
        client.click(second, 0)
        texts_until(client, 'row 2 e')
    assert clicked == ['delete']


def run_script(source, timeout=30):
    return subprocess.run([sys.executable, '-c', textwrap.dedent(source)], cwd=str(ROOT), text=True,
                          capture_output=True, timeout=timeout,
                          env={'PYTHONPATH': str(ROOT), 'BROWSER': 'true', 'PATH': '/usr/bin:/bin'})


def test_script_mode_info_times_out_when_no_tab_connects():
    result = run_script('''
        from pywebio.session import info
        from pywebio.session.threadbased import ScriptModeSession
        ScriptModeSession.INFO_TIMEOUT = 0.5
        import pywebio.platform.tornado
        pywebio.platform.tornado.SCRIPT_EXIT_WAIT = 0.5  # no tab connects: don't wait the default 10 s
        try:
            info.user_agent
        except TimeoutError as error:
            print('TimeoutError', error)
    ''')
    assert result.returncode == 0, result.stderr
    assert 'TimeoutError pywebio.session.info: no browser tab connected' in result.stdout

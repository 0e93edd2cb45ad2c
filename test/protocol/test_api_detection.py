"""Which meaning a program gets, guide or 1.x, chosen from its source with no switch
(pywebio/_compat.py), per session over a real WebSocket, and the override."""
import importlib.util
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import pywebio
from pywebio import _compat
from pywebio.testing import WebIOClient

APPS = Path(__file__).parents[1] / 'apps'


@pytest.fixture(autouse=True)
def choose_per_program():
    """No explicit choice during the test (whatever PYWEBIO_API says); the one before, after it."""
    saved = _compat._override, _compat._override_by
    _compat.set_api(None)
    yield
    _compat._override, _compat._override_by = saved


def load(name):
    spec = importlib.util.spec_from_file_location('api_detection_' + name, APPS / (name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def names(source):
    return _compat.names_in_source(textwrap.dedent(source))


# -- the names a source uses ----------------------------------------------------------------

def test_names_imported_from_pywebio_count_in_the_order_they_appear():
    assert names('''
        from pywebio.output import put_text, use_scope, put_row
        from pywebio.session import info as session_info
    ''') == ('use_scope', 'put_row', 'info')


def test_a_star_import_counts_the_names_read_but_not_those_the_source_binds():
    assert names('''
        from pywebio.output import *
        from pywebio.session import *
        def main(style='x'):
            clear = 1
            put_text(style, clear)
            put_row([])
    ''') == ('put_row',)


def test_attributes_of_pywebio_modules_count():
    assert names('''
        import pywebio
        import pywebio.output as out
        from pywebio import session
        pywebio.config(title='x')
        out.toast('hi')
        session.local.x = 1
        pywebio.output.put_text('shared by both APIs')
    ''') == ('config', 'toast', 'local')


def test_1x_only_modules_count_however_imported():
    assert names('import pywebio.pin') == ('pywebio.pin',)
    assert names('from pywebio import pin\npin.pin.name') == ('pywebio.pin', 'pin')
    assert names('from pywebio.platform import path_deploy') == ('pywebio.platform.path_deploy',)
    assert names('from pywebio.platform.fastapi import start_server') == ('pywebio.platform.fastapi',)


def test_names_of_1x_add_ons_count_as_the_add_on_however_imported():
    # pywebio_battery is written for 1.x: its confirm() shows a plain string as text, as 1.x's popup does
    assert names('from pywebio_battery import confirm\nconfirm("x")') == ('pywebio_battery',)
    assert names('import pywebio_battery as battery\nbattery.confirm("x")') == ('pywebio_battery',)
    assert names('from pywebio_battery import *') == ('pywebio_battery',)
    assert names('from pywebio_battery_clone import confirm') == ()


def test_a_task_that_calls_an_add_on_function_is_1x(tmp_path, started_script):
    program = write(tmp_path, 'asks.py', """\
        from pywebio.output import put_text
        from pywebio_battery import *

        def guide_task():
            put_text('x')

        def battery_task():
            put_text(confirm('Sure?'))
    """)
    started_script(tmp_path / 'elsewhere.py')
    assert _compat.verdict_for(task_in(program, 'guide_task', 4)).api == 'guide'
    verdict = _compat.verdict_for(task_in(program, 'battery_task', 7))
    assert (verdict.api, verdict.names) == ('1.x', ('pywebio_battery',))


def test_the_guide_and_0x_names_and_other_libraries_names_do_not_count():
    assert names('''
        from pywebio.input import *
        from pywebio.output import *
        from pywebio.session import *
        from pywebio import start_server
        from mylib import put_row, use_scope
        set_anchor('top')
        put_text('A', anchor='a', before='top')
        put_table([['html', 'X<sup>2</sup>']])
        put_code('x'); put_image(b''); put_html('<b>'); remove('a'); scroll_to('top')
        popup('t', 'c'); close_popup(); radio('r', ['a']); actions('x', ['a']); get_info(); hold()
        put_row(); use_scope('x'); toast = 1; toast
        start_server(main)
    ''') == ()


def test_the_frozen_names_are_1x_names_and_none_of_the_guide():
    spec = (Path(__file__).parents[3] / 'shared' / 'spec')
    if not spec.is_dir():
        pytest.skip('the specification is not beside the repository')
    api = (spec / 'pywebio-1.x-api.md').read_text()
    guide = (spec / 'guide.rst').read_text()
    for module, only in _compat.ONLY_1X_NAMES.items():
        if module in _compat.ONLY_1X_MODULES:  # all of a 1.x-only module, for its star import
            continue
        for name in only:
            assert '`%s' % name in api or '`class %s' % name in api or name.startswith('path_deploy'), name
            assert '%s(' % name not in guide and '.%s`' % name not in guide, name
    for module in _compat.ONLY_1X_MODULES:
        assert '## `%s`' % module in api and module not in guide


# -- the program a task belongs to ----------------------------------------------------------

def task_in(path, name='main', line=1):
    """A function whose code object says it is ``name`` of the file ``path``, from ``line`` on:
    what a program's task looks like to PyWebIO, without running the program."""
    namespace = {}
    exec(compile('\n' * (line - 1) + 'def %s(): pass' % name, str(path), 'exec'), namespace)
    return namespace[name]


@pytest.fixture
def started_script(monkeypatch):
    """``started_script(path)``: make ``path`` the script that was started (``__main__``)."""
    main = sys.modules['__main__']

    def start(path):
        monkeypatch.setattr(main, '__file__', str(path), raising=False)
    return start


def write(folder, name, source):
    path = folder / name
    path.write_text(textwrap.dedent(source))
    return path


def test_a_program_whose_own_module_uses_1x_names_is_1x(tmp_path, started_script):
    # as upstream 1.8's numbered tests: the program calls functions of its own template module
    write(tmp_path, 'template_1x.py', '''
        from pywebio.output import *
        def basic_output():
            put_row([put_text('a'), put_text('b')])
    ''')
    program = write(tmp_path, 'basic.py', '''
        import template_1x
        def target():
            template_1x.basic_output()
    ''')
    started_script(program)
    verdict = _compat.verdict_for(task_in(program, 'target'))
    assert (verdict.api, verdict.names) == ('1.x', ('put_row',))


def test_each_task_of_a_file_is_judged_by_what_it_calls(tmp_path, started_script):
    # a file with a task of each API (as this repository's tests are): each gets its own meaning
    program = write(tmp_path, 'both.py', """\
        from pywebio.output import put_table, put_row, put_text
        from pywebio import config

        def helper():
            put_row([put_text('a'), put_text('b')])

        def guide_task():
            put_table([['html', 'X<sup>2</sup>']])

        @config(title='new')
        def one_x_task():
            helper()

        if __name__ == '__main__':
            print(put_row)
    """)
    started_script(tmp_path / 'elsewhere.py')
    verdict = _compat.verdict_for(task_in(program, 'guide_task', 7))
    assert (verdict.api, verdict.names) == ('guide', ())
    verdict = _compat.verdict_for(task_in(program, 'one_x_task', 10))  # the decorator's line
    assert (verdict.api, verdict.names) == ('1.x', ('put_row', 'config'))  # in the order of the file
    verdict = _compat.verdict_for(task_in(program, 'one_x_task', 11))  # the def's line
    assert verdict.api == '1.x'


def test_libraries_a_program_imports_do_not_count(tmp_path, started_script):
    program = write(tmp_path, 'uses_libraries.py', '''
        import json, logging, tornado.web
        from pywebio.output import put_text
    ''')
    started_script(program)
    assert _compat.verdict_for(task_in(program)).api == 'guide'


def test_a_folder_of_apps_mixes_guide_and_1x_programs(tmp_path, started_script):
    # path_deploy of a folder: the script that serves it says nothing of each app
    write(tmp_path, 'old.py', 'from pywebio.output import put_text\ndef main(): put_text("x")\n')
    write(tmp_path, 'new.py', 'from pywebio.output import put_scope\ndef main(): put_scope("x")\n')
    server = write(tmp_path, 'serve.py', 'from pywebio.platform.path_deploy import path_deploy\npath_deploy(".")\n')
    started_script(server)
    assert _compat.verdict_for(task_in(tmp_path / 'old.py')).api == 'guide'
    assert _compat.verdict_for(task_in(tmp_path / 'new.py')).api == '1.x'


def test_a_dict_of_apps_mixes_them_but_a_1x_script_makes_all_1x(tmp_path, started_script):
    write(tmp_path, 'old.py', 'from pywebio.output import put_text\ndef main(): put_text("x")\n')
    write(tmp_path, 'new.py', 'from pywebio.output import put_scope\ndef main(): put_scope("x")\n')
    server = write(tmp_path, 'serve.py', 'import old, new\nfrom pywebio import start_server\n'
                                         'start_server({"old": old.main, "new": new.main})\n')
    started_script(server)
    assert _compat.verdict_for(task_in(tmp_path / 'old.py')).api == 'guide'  # the script's imports do not count
    assert _compat.verdict_for(task_in(tmp_path / 'new.py')).api == '1.x'
    server.write_text(server.read_text() + 'from pywebio import config\nconfig(title="shop")\n')
    verdict = _compat.verdict_for(task_in(tmp_path / 'old.py'))
    assert (verdict.api, verdict.names) == ('1.x', ('config',))


def test_script_mode_decides_from_the_script_and_its_modules(tmp_path, started_script):
    write(tmp_path, 'helper_1x.py', 'from pywebio.session import set_env\n')
    started_script(write(tmp_path, 'script.py', 'import helper_1x\nfrom pywebio.output import put_text\n'))
    assert _compat.verdict_for(None).api == '1.x'
    assert _compat.process_api() == '1.x'  # outside any session


def test_the_override_wins_and_says_so(tmp_path, started_script):
    program = write(tmp_path, 'scopes.py', 'from pywebio.output import use_scope\n')
    started_script(program)
    pywebio.set_api('guide')
    verdict = _compat.verdict_for(task_in(program))
    assert (verdict.api, verdict.override) == ('guide', "pywebio.set_api('guide')")
    assert _compat.describe(verdict, 'main() of scopes.py') == (
        "PyWebIO runs main() of scopes.py with the guide's meaning (as pywebio.set_api('guide') says); "
        "unset it to choose per program.")
    pywebio.set_api(None)
    assert _compat.verdict_for(task_in(program)).api == '1.x'
    with pytest.raises(ValueError):
        pywebio.set_api('2.x')


def test_the_log_line_quotes_three_names_at_most():
    line = _compat.describe(_compat.Verdict('1.x', ('put_row', 'use_scope', 'toast', 'pywebio.pin')), 'main() of a.py')
    assert line == ("PyWebIO runs main() of a.py with PyWebIO 1.x's meaning (it uses put_row, use_scope, toast "
                    "and more, only in PyWebIO 1.x); PYWEBIO_API=guide overrides.")


# -- per session, over a real WebSocket -----------------------------------------------------

def test_each_session_gets_its_own_programs_meaning(serve_app):
    one_x, guide = load('api_1x_program'), load('api_guide_program')
    server = serve_app({'index': guide.main, 'new': one_x.main})
    with WebIOClient(server.ws_url + '?app=new') as client:
        table = client.expect('output', where=lambda c: c['spec']['type'] == 'table'
                              and 'raw' in str(c['spec']))
        assert table['spec']['rows'] == [[{'text': 'raw'}, {'text': '<b>bold?</b>'}]]  # text, not HTML
        buttons = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
        for clicks in (1, 2):  # main() has returned: the session waits for the button
            client.click(buttons, 0)
            client.expect('output', where=lambda c: c['spec'].get('content') == 'clicks: %d' % clicks)
    with server.connect() as client:
        table = client.expect('output', where=lambda c: c['spec']['type'] == 'table')
        assert table['spec']['rows'][0] == ['html', 'X<sup>2</sup>']  # HTML, as the guide says
        client.expect('close_session')  # ended with main(), as the guide says


def test_set_api_overrides_for_the_sessions_that_start_after_it(serve_app):
    one_x = load('api_1x_program')
    pywebio.set_api('guide')
    with serve_app(one_x.main).connect() as client:
        client.expect('close_session')

"""The examples of the English guide (docs/guide.md), run for real.

The guide shows docs/examples/*.py with ``literalinclude``, so what the page shows is what runs
here: each example's task is served with `pywebio.testing.serve` and driven with `WebIOClient`,
or run as its own program (script mode, mounting) and driven with Chromium where a page matters.
"""
import importlib.util
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pywebio.testing import serve
from test.helpers import listening_port, wait_for

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / 'docs' / 'examples'
GUIDE = ROOT / 'docs' / 'guide.md'


def load(name):
    """Import docs/examples/<name>.py as a module of its own (its ``__main__`` part does not run)."""
    spec = importlib.util.spec_from_file_location('docs_example_' + name, EXAMPLES / (name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_output(kind, content=None):
    return lambda command: (command['spec'].get('type') == kind
                            and (content is None or command['spec'].get('content') == content))


def test_every_example_is_shown_in_the_guide_and_tested_here():
    guide = GUIDE.read_text()
    this_test = Path(__file__).read_text()
    for example in sorted(EXAMPLES.glob('*.py')):
        assert '{literalinclude} examples/%s\n' % example.name in guide, example.name
        assert repr(example.stem) in this_test or example.name in this_test, example.name


# -- a first form ---------------------------------------------------------------------------

def test_first_form_greets_and_validates():
    first_form = load('first_form')
    with serve(first_form.main) as server, server.connect() as client:
        name_form = client.expect('input_group')
        assert name_form['spec']['inputs'][0]['label'] == "What's your name?"
        client.submit(name_form, {'data': 'Ann'})
        age_form = client.expect('input_group')
        client.submit(age_form, {'data': '0'})
        assert client.expect('update_input')['spec']['invalid_feedback'] == 'Enter an age of at least 1.'
        client.submit(age_form, {'data': '41'})
        client.expect('output', where=is_output('text', 'Hello, Ann! Next year you will be 42.'))


def test_first_form_in_a_browser(serve_app, page):
    server = serve_app(load('first_form').main)
    page.goto(server.url)
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    page.get_by_label('How old are you?').fill('200')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Nobody is that old.')).to_be_visible()
    page.get_by_label('How old are you?').fill('41')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann! Next year you will be 42.')).to_be_visible()


# -- outputs --------------------------------------------------------------------------------

def test_outputs_show_markdown_a_table_buttons_and_a_popup():
    outputs = load('outputs')
    with serve(outputs.main) as server, server.connect() as client:
        markdown = client.expect('output', where=is_output('markdown'))
        assert markdown['spec']['content'].startswith('# Fruit stand')
        table = client.expect('output', where=is_output('table'))
        assert table['spec']['header'] == ['Fruit', 'Stock', 'Price']
        assert table['spec']['rows'][1] == ['Banana', '12', '$0.25']
        buttons = client.expect('output', where=is_output('buttons'))
        assert [button['label'] for button in buttons['spec']['buttons']] == ['Apple', 'Banana', 'Cherry']
        client.click(buttons, 1)
        client.expect('output', where=is_output('text', 'We have 12 of them in stock.'))
        assert client.expect('popup')['spec']['title'] == 'About the Banana'


def test_outputs_in_a_browser(serve_app, page):
    server = serve_app(load('outputs').main)
    page.goto(server.url)
    expect(page.get_by_role('heading', name='Fruit stand')).to_be_visible()
    expect(page.get_by_role('cell', name='Cherry')).to_be_visible()
    page.get_by_role('button', name='Cherry').click()
    expect(page.get_by_role('dialog')).to_contain_text('We have 40 of them in stock.')


# -- layout ---------------------------------------------------------------------------------

def test_layout_replaces_the_scope_content_on_every_click():
    layout = load('layout')
    with serve(layout.main) as server, server.connect() as client:
        row = client.expect('output', where=is_output('row'))
        assert len(row['spec']['items']) == 2
        client.expect('output', where=is_output('text', 'Not clicked yet'))
        buttons = client.expect('output', where=is_output('buttons'))
        for clicks in (1, 2):
            client.click(buttons, 0)
            assert client.expect('clear')['spec']['scope'] == 'counter'
            shown = client.expect('output', where=is_output('text'))
            assert shown['spec'] == {**shown['spec'], 'content': 'Clicked %d times' % clicks, 'scope': 'counter'}


def test_layout_in_a_browser_puts_the_row_side_by_side(serve_app, page):
    server = serve_app(load('layout').main)
    page.goto(server.url)
    left = page.get_by_role('heading', name='Left')
    right = page.get_by_role('heading', name='Right')
    expect(right).to_be_visible()
    left_box, right_box = left.bounding_box(), right.bounding_box()
    assert abs(left_box['y'] - right_box['y']) < 1 and left_box['x'] < right_box['x']
    page.get_by_role('button', name='Add one').click()
    page.get_by_role('button', name='Add one').click()
    expect(page.get_by_text('Clicked 2 times')).to_be_visible()
    expect(page.get_by_text('Not clicked yet')).to_have_count(0)
    expect(page.get_by_text('Clicked 1 times')).to_have_count(0)


# -- sessions -------------------------------------------------------------------------------

def test_sessions_share_globals_run_threads_and_defer_calls():
    sessions = load('sessions')
    with serve(sessions.main) as server:
        with server.connect() as ann:
            ann.submit(ann.expect('input_group'), {'data': 'Ann'})
            ann.expect('output', where=is_output('text', 'Welcome, Ann. Online now: Ann'))
            with server.connect() as bo:
                bo.submit(bo.expect('input_group'), {'data': 'Bo'})
                bo.expect('output', where=is_output('text', 'Welcome, Bo. Online now: Ann, Bo'))
                for text in ('3...', '2...', '1...', 'Lift off!'):  # from the registered thread
                    bo.expect('output', where=is_output('text', text))
        # both tabs closed: each session's defer_call took its visitor off the list
        wait_for(lambda: not sessions.online, what='defer_call to run')


def test_script_mode_example_opens_a_tab_and_ends_with_the_script(run_app, page, tmp_path):
    url_file = tmp_path / 'url.txt'
    browser = '%s %s %s %%s' % (sys.executable, ROOT / 'test' / 'apps' / 'record_url.py', url_file)
    process = run_app(EXAMPLES / 'script_mode.py', env={'BROWSER': browser})
    url = wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open')
    page.goto(url)
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    page.get_by_label('How old are you?').fill('41')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann! Next year you will be 42.')).to_be_visible()
    assert process.wait(timeout=30) == 0



# -- sharing between sessions ------------------------------------------------------------------

def test_shared_wall_counts_visitors_and_shows_every_note_to_everyone():
    shared_wall = load('shared_wall')
    with serve(shared_wall.main) as server, server.connect() as ann, server.connect() as bo:
        texts = {ann: ann.expect('output')['spec']['content'], bo: bo.expect('output')['spec']['content']}
        assert sorted(texts.values()) == ['You are visitor number 1.', 'You are visitor number 2.']
        ann.submit(ann.expect('input_group'), {'data': 'Lunch at noon'})
        for client in (ann, bo):
            client.expect('output', where=is_output('text', '📌 Lunch at noon'))
        with server.connect() as cid:  # a newcomer: its number, then the notes so far
            cid.expect('output', where=is_output('text', 'You are visitor number 3.'))
            cid.expect('output', where=is_output('text', '📌 Lunch at noon'))

# -- large files -----------------------------------------------------------------------------

def test_large_files_moves_the_video_it_was_sent(page, tmp_path, monkeypatch):
    large_files = load('large_files')
    monkeypatch.setattr(large_files, 'LIBRARY', tmp_path / 'videos')
    video = tmp_path / 'holiday.mp4'
    video.write_bytes(os.urandom(3 * 1024 * 1024))  # over 1 MiB: on disk from its first chunk
    with serve(large_files.main) as server:
        page.goto(server.url)
        page.get_by_label('Your video').set_input_files(str(video))
        page.get_by_role('button', name='Submit').click()
        expect(page.get_by_text('Kept holiday.mp4 (3145728 bytes).')).to_be_visible()
    assert (tmp_path / 'videos' / 'holiday.mp4').read_bytes() == video.read_bytes()


# -- deployment -----------------------------------------------------------------------------

def _greet_through(page, url):
    page.goto(url)
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann!')).to_be_visible()


def test_tornado_mount_example(page):
    # its make_app() on a port the server binds itself: ``--port 0`` would not say which it got
    from pywebio.platform.tornado import BackgroundServer
    server = BackgroundServer(load('tornado_mount').make_app(), port=0, host='127.0.0.1').start()
    try:
        with urllib.request.urlopen('http://127.0.0.1:%d/' % server.port, timeout=10) as response:
            assert b'/tool/' in response.read()
        _greet_through(page, 'http://127.0.0.1:%d/tool/' % server.port)
    finally:
        server.stop()


def test_flask_mount_example(run_app, page):
    pytest.importorskip('flask')
    process = run_app(EXAMPLES / 'flask_mount.py', args=['--port', 0])
    port = listening_port(process)  # from Werkzeug's " * Running on http://127.0.0.1:PORT"
    _greet_through(page, 'http://127.0.0.1:%d/tool/' % port)
    assert process.poll() is None


# -- testing your app -----------------------------------------------------------------------

def test_the_guides_example_test_passes_under_pytest():
    # run as a reader would: pytest in the examples folder, this worktree's pywebio first
    result = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test_first_form.py'],
                            cwd=str(EXAMPLES), capture_output=True, text=True, timeout=120,
                            env={**os.environ, 'PYTHONPATH': str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert '2 passed' in result.stdout


def test_the_first_page_links_the_guide_and_lists_every_demo():
    index = (ROOT / 'docs' / 'index.rst').read_text()
    assert ':doc:`guide`' in index and 'python -m demos' in index
    demos = sorted(path.stem for path in (ROOT / 'demos').glob('*.py') if not path.stem.startswith('_'))
    for demo in demos:
        assert '- ``%s``:' % demo in index, demo


def test_the_english_pages_and_examples_use_english_labels():
    cjk = re.compile('[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]')
    pages = [*(ROOT / 'docs').glob('*.md'), *(ROOT / 'docs').glob('*.rst'), *(ROOT / 'docs').glob('*/*.md'),
             *EXAMPLES.glob('*.py')]
    assert [page.name for page in pages if cjk.search(page.read_text())] == []
    # the API reference is built from the docstrings: their examples too
    import pywebio.input
    import pywebio.output
    import pywebio.pin
    import pywebio.session
    for module in (pywebio.input, pywebio.output, pywebio.pin, pywebio.session):
        for name in module.__all__:
            doc = getattr(getattr(module, name), '__doc__', None) or ''
            assert not cjk.search(doc), '%s.%s has a Chinese label in its docstring' % (module.__name__, name)

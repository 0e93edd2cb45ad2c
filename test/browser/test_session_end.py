"""What the page keeps when its session ends: the widgets that work in the page alone (a collapse,
tabs, a message's Close button) go on working, as in PyWebIO 1.x; what talks to the server (buttons
with callbacks, pin inputs) is disabled, in both meanings of the API. And script mode: a script that only outputs, then ends
before its tab has connected, still shows its output."""
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

import pywebio
from pywebio.output import put_buttons, put_collapse, put_tabs, put_text, put_warning
from pywebio.pin import put_input, put_select
from test.helpers import output_of, wait_for

APPS = Path(__file__).parents[1] / 'apps'
SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


@pytest.fixture(params=['guide', '1.x'])
def api(request):
    """Each meaning, chosen explicitly (the program's names would choose it otherwise)."""
    pywebio.set_api(request.param)
    yield request.param
    pywebio.set_api(None)


def test_after_main_returns_collapse_tabs_and_close_still_work(serve_app, page, api):
    clicks = []

    def main():
        put_collapse('Details', [put_text('Hidden details')])
        put_tabs([{'title': 'First', 'content': 'First panel'},
                  {'title': 'Second', 'content': 'Second panel'}])
        put_warning('Dismiss me', closable=True)
        put_input('name', label='Your name')
        put_select('size', options=['S', 'M'], label='Size')
        if api == 'guide':  # 1.x keeps a session with callbacks open until the tab goes away
            put_buttons(['Callback'], onclick=clicks.append)

    page.goto(serve_app(main).url)
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)

    # what talks to the server is off
    if api == 'guide':
        expect(page.get_by_role('button', name='Callback')).to_be_disabled()
    expect(page.get_by_label('Your name')).to_be_disabled()
    expect(page.get_by_label('Size')).to_be_disabled()

    # what needs no server still works
    toggle = page.get_by_role('button', name='Details')
    expect(toggle).to_be_enabled()
    expect(page.get_by_text('Hidden details')).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute('aria-expanded', 'true')
    expect(page.get_by_text('Hidden details')).to_be_visible()

    expect(page.get_by_role('tabpanel')).to_have_text('First panel')
    page.get_by_role('tab', name='Second').click()
    expect(page.get_by_role('tab', name='Second')).to_have_attribute('aria-selected', 'true')
    expect(page.get_by_role('tabpanel')).to_have_text('Second panel')

    page.get_by_role('button', name='Close').click()
    expect(page.get_by_text('Dismiss me')).to_have_count(0)
    assert clicks == []


def test_script_mode_output_only_script_waits_for_its_tab(run_app, page, tmp_path):
    url_file, done = tmp_path / 'url.txt', tmp_path / 'done'
    process = run_app(APPS / 'script_mode_output_only.py', env={
        'BROWSER': '%s %s %s %%s' % (sys.executable, APPS / 'record_url.py', url_file),
        'PYWEBIO_TEST_DONE': str(done)})
    url = wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open')
    wait_for(done.exists, what='the end of the script')  # the tab connects only after the script ended
    assert process.poll() is None  # the script waits for its tab instead of stopping its server
    page.goto(url)
    expect(page.get_by_text('Only output, then the script ends')).to_be_visible()
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    output = output_of(process, timeout=20)
    assert process.returncode == 0, output

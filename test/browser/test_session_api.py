"""The 1.x session API in Chromium: download() saves a file, info in script mode waits for the tab."""
import sys
from pathlib import Path

import user_agents
from playwright.sync_api import expect

from pywebio.output import put_buttons, put_text
from pywebio.session import download, get_info, hold, info

from test.helpers import wait_for

APPS = Path(__file__).parents[1] / 'apps'
CONTENT = bytes(range(256)) + 'héllo, 世界\n'.encode('utf-8')


def test_download_saves_the_file_at_once(serve_app, page, tmp_path):
    def task():
        put_text('ready')
        download('report.bin', CONTENT)
        hold()

    url = serve_app(task).url
    with page.expect_download() as saving:
        page.goto(url)
    saved = saving.value
    assert saved.suggested_filename == 'report.bin'
    saved.save_as(tmp_path / 'report.bin')
    assert (tmp_path / 'report.bin').read_bytes() == CONTENT
    expect(page.get_by_text('ready')).to_be_visible()
    assert page.locator('#output-container a').count() == 0  # nothing is left on the page


def test_download_from_a_button_callback(serve_app, page, tmp_path):
    def task():
        put_buttons(['Click to download'], [lambda: download('hello-world.txt', b'hello world!')])
        hold()

    page.goto(serve_app(task).url)
    with page.expect_download() as saving:
        page.get_by_role('button', name='Click to download').click()
    saving.value.save_as(tmp_path / 'hello.txt')
    assert saving.value.suggested_filename == 'hello-world.txt'
    assert (tmp_path / 'hello.txt').read_bytes() == b'hello world!'


def test_get_info_fields_from_chromium(serve_app, new_page):
    page = new_page(locale='de-DE')

    def task():
        got = get_info()
        put_text('same=%s ua=%s lang=%s' % (got.user_agent is info.user_agent,
                                            type(got.user_agent).__name__, got.user_language))

    page.goto(serve_app(task).url)
    expect(page.get_by_text('same=')).to_have_text('same=True ua=UserAgent lang=de-DE')


def _browser_env(tmp_path):
    url_file = tmp_path / 'url.txt'
    return {'BROWSER': '%s %s %s %%s' % (sys.executable, APPS / 'record_url.py', url_file)}, url_file


def test_script_mode_info_read_before_the_tab_connects_waits_for_it(run_app, new_page, tmp_path):
    page = new_page(locale='zh-CN')
    env, url_file = _browser_env(tmp_path)
    process = run_app(APPS / 'script_mode_info.py', env=env)
    url = wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open')
    assert process.poll() is None  # blocked reading info: the tab has not connected
    page.goto(url)
    family = user_agents.parse(page.evaluate('navigator.userAgent')).browser.family
    expect(page.get_by_text('browser=')).to_have_text(
        'browser=%s language=zh-CN backend=tornado protocol=websocket local=hi' % family)
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    # the user agent read before the tab connected is the tab's: the read waited for it
    assert 'waited ' in output, output

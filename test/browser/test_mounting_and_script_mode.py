"""The guide's Tornado mounting example, and script mode driven through the BROWSER variable."""
import hashlib
import os
import re
import sys
from pathlib import Path

from playwright.sync_api import expect

from test.helpers import listening_port, output_of, wait_for

APPS = Path(__file__).parents[1] / 'apps'
ROOT = Path(__file__).parents[2]
SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


def test_guide_tornado_mounting_example(run_app, page):
    process = run_app(APPS / 'tornado_mount.py')
    port = listening_port(process)
    page.goto('http://127.0.0.1:%d/' % port)
    expect(page.get_by_text('Hello, world')).to_be_visible()
    page.goto('http://127.0.0.1:%d/tool/' % port)
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann')).to_be_visible()
    assert process.poll() is None


def test_start_server_on_port_zero_logs_the_address_it_serves(run_app, page):
    process = run_app(APPS / 'server_mode.py')
    port = listening_port(process, re.compile(r'PyWebIO serves http://localhost:(\d+)/ on all interfaces'))
    page.goto('http://127.0.0.1:%d/' % port)
    page.get_by_label("What's your name?").fill('Bo')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Bo')).to_be_visible()


def _browser_env(tmp_path):
    """A BROWSER command that records the URL webbrowser.open() is given, as a real browser would open it."""
    url_file = tmp_path / 'url.txt'
    command = '%s %s %s %%s' % (sys.executable, APPS / 'record_url.py', url_file)
    return {'BROWSER': command}, url_file


def test_script_mode_opens_the_browser_and_ends_with_the_script(run_app, page, tmp_path):
    env, url_file = _browser_env(tmp_path)
    process = run_app(APPS / 'script_mode.py', env=env)
    url = wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open')
    assert url.startswith('http://127.0.0.1:')
    page.goto(url)
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann')).to_be_visible()
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output


def test_script_mode_takes_a_file_upload(run_app, page, tmp_path):
    env, url_file = _browser_env(tmp_path)
    content = os.urandom(2 * 1024 * 1024)
    (tmp_path / 'file.bin').write_bytes(content)
    process = run_app(APPS / 'script_mode_upload.py', env=env)
    page.goto(wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open'))
    page.get_by_label('A file').set_input_files(str(tmp_path / 'file.bin'))
    page.get_by_role('button', name='Submit').click()
    digest = hashlib.sha256(content).hexdigest()
    expect(page.get_by_text('Got ' + digest)).to_be_visible()
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0 and 'received ' + digest in output, output


def test_script_mode_closing_the_tab_raises_session_exception_in_the_script(run_app, page, tmp_path):
    env, url_file = _browser_env(tmp_path)
    process = run_app(APPS / 'script_mode.py', env=env)
    page.goto(wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open'))
    expect(page.get_by_label("What's your name?")).to_be_visible()
    page.close()
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 3, output
    assert 'caught SessionClosedException' in output


def test_script_mode_with_1x_semantics_keeps_callbacks_until_the_tab_closes(run_app, page, tmp_path):
    env, url_file = _browser_env(tmp_path)
    process = run_app(APPS / 'script_mode_1x.py', env={**env, 'PYWEBIO_API': '1.x'})
    page.goto(wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open'))
    expect(page.get_by_text('last line of the script')).to_be_visible()
    page.get_by_role('button', name='Again').click()
    expect(page.get_by_text('clicked after the script ended')).to_be_visible()
    assert process.poll() is None
    page.close()
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output


def test_a_local_process_cannot_take_over_a_script_mode_session(run_app, page, tmp_path):
    """The review's attack: another local program connects to the script's port before the tab
    does, to read its output and answer its prompt. Without the page's token it gets nothing."""
    from urllib.parse import urlsplit

    from pywebio.testing import WebIOClient
    env, url_file = _browser_env(tmp_path)
    process = run_app(APPS / 'script_mode_password.py', env=env)
    url = wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open')
    port = urlsplit(url).port
    for attacker_url in ('ws://127.0.0.1:%d/io' % port, 'ws://127.0.0.1:%d/io?pywebio_token=guess' % port):
        with WebIOClient(attacker_url) as attacker:
            assert attacker.next_command(timeout=10) is None  # closed before any command
            assert (attacker.close_code, attacker.close_reason) == (1008, 'not the page this script opened')

    page.goto(url)  # the real tab, with the token: it gets the session
    expect(page.get_by_text('The secret plan')).to_be_visible()
    page.get_by_label('Password').fill('hunter2')
    page.get_by_role('button', name='Submit').click()
    assert 'password: hunter2' in output_of(process)


def test_1x_script_mode_port_variable_serves_the_bare_address_and_opens_no_browser(run_app, page, tmp_path):
    """PyWebIO 1.x's test switch, as its script-mode test program sets it: a known port (0: a free
    one), no browser opened, and the bare address (no token) gets the session."""
    env, url_file = _browser_env(tmp_path)
    process = run_app(APPS / 'script_mode.py', env={**env, 'PYWEBIO_SCRIPT_MODE_PORT': '0'})
    port = listening_port(process, r'serves on port (\d+) without a token')
    page.goto('http://127.0.0.1:%d/' % port)
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann')).to_be_visible()
    output = output_of(process)
    assert process.returncode == 0, output
    assert not url_file.exists()
    assert 'PYWEBIO_SCRIPT_MODE_PORT is set' in output


def test_1x_script_mode_port_variable_must_be_a_port(run_app):
    process = run_app(APPS / 'script_mode.py', env={'PYWEBIO_SCRIPT_MODE_PORT': 'eighty'})
    output = output_of(process)
    assert process.returncode == 1
    assert "PYWEBIO_SCRIPT_MODE_PORT must be a TCP port number (0 for a free one), got 'eighty'" in output

"""The guide's Tornado mounting example, and script mode driven through the BROWSER variable."""
import os
import queue
import re
import threading
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

APPS = Path(__file__).parents[1] / 'apps'
ROOT = Path(__file__).parents[2]
SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout=20, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError('timed out waiting for ' + what)


@pytest.fixture
def run_app():
    """``run_app(path, env=...)`` runs a Python program; killed after the test if still running."""
    processes = []

    def start(path, env=None, args=()):
        process = subprocess.Popen([sys.executable, str(path), *args], cwd=str(ROOT), text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   env={**os.environ, 'PYTHONPATH': str(ROOT), **(env or {})})
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_guide_tornado_mounting_example(run_app, page):
    port = free_port()
    process = run_app(APPS / 'tornado_mount.py', args=[str(port)])
    wait_for(lambda: _accepts(port), what='the Tornado app to listen')
    page.goto('http://localhost:%d/' % port)
    expect(page.get_by_text('Hello, world')).to_be_visible()
    page.goto('http://localhost:%d/tool/' % port)
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann')).to_be_visible()
    assert process.poll() is None


def test_start_server_on_port_zero_logs_the_address_it_serves(run_app, page):
    process = run_app(APPS / 'server_mode.py')
    lines = _lines_of(process)
    logged = wait_for(lambda: next((l for l in _drain(lines) if 'PyWebIO serves' in l), None),
                      what='the logged address')
    match = re.search(r'http://localhost:(\d+)/ on all interfaces', logged)
    assert match, logged
    page.goto('http://127.0.0.1:%s/' % match.group(1))
    page.get_by_label("What's your name?").fill('Bo')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Bo')).to_be_visible()


def _lines_of(process):
    lines = queue.SimpleQueue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    return lines


def _drain(lines):
    seen = []
    while not lines.empty():
        seen.append(lines.get())
    return seen


def _accepts(port):
    import socket
    try:
        socket.create_connection(('127.0.0.1', port), timeout=1).close()
        return True
    except OSError:
        return False


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


def test_script_mode_closing_the_tab_raises_session_exception_in_the_script(run_app, page, tmp_path):
    env, url_file = _browser_env(tmp_path)
    process = run_app(APPS / 'script_mode.py', env=env)
    page.goto(wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open'))
    expect(page.get_by_label("What's your name?")).to_be_visible()
    page.close()
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 3, output
    assert 'caught SessionClosedException' in output

"""Exits and errors: Ctrl-C on a server or a script, a port in use, the start-up line, and what
the page says when the task, a callback or a valid_func raises (with and without debug)."""
import os
import signal
import socket
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pywebio.input import input
from pywebio.output import put_buttons, put_table, put_text
from pywebio.pin import pin_on_change, put_select
from pywebio.session import hold
from test.helpers import listening_port, output_of, wait_for
from test.protocol.test_task_errors import ACTION_FAILED, SECRET_PATH, leak, leak_async

APPS = Path(__file__).parents[1] / 'apps'

PLATFORMS = ['tornado', 'tornado_http', 'aiohttp', 'fastapi', 'flask', 'django']
APP_ERROR = 'The app stopped because of an error.'


def _browser_env(tmp_path):
    """A BROWSER command that records the URL webbrowser.open() is given."""
    url_file = tmp_path / 'url.txt'
    return {'BROWSER': '%s %s %s %%s' % (sys.executable, APPS / 'record_url.py', url_file)}, url_file


def _ctrl_c(process):
    os.killpg(process.pid, signal.SIGINT)
    return output_of(process)


@pytest.mark.parametrize('platform, kind', [(p, 'thread') for p in PLATFORMS] + [('tornado', 'coroutine')])
def test_ctrl_c_stops_the_server_with_one_line_and_status_130_after_defer_call(
        run_app, page, tmp_path, platform, kind):
    marker = tmp_path / 'deferred.txt'
    process = run_app(APPS / 'exits.py', args=[platform, 0, marker, kind])
    port = listening_port(process)
    page.goto('http://127.0.0.1:%d/' % port)
    expect(page.get_by_label("What's your name?")).to_be_visible()  # the session is open
    output = _ctrl_c(process)
    assert process.returncode == 130, output
    assert 'Stopped (Ctrl-C).' in output
    assert 'Traceback' not in output, output
    assert marker.read_text() == 'deferred', output


@pytest.mark.parametrize('platform', PLATFORMS)
def test_a_port_in_use_is_one_sentence_and_status_1(run_app, platform, tmp_path):
    with socket.socket() as taken:
        taken.bind(('127.0.0.1', 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        process = run_app(APPS / 'exits.py', args=[platform, port, tmp_path / 'unused.txt'])
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 1, output
    assert ('Port %d is already in use: stop the other program or choose another port with '
            'start_server(..., port=...).' % port) in output
    assert 'Traceback' not in output, output


def test_the_start_up_line_says_how_to_stop(run_app, tmp_path):
    process = run_app(APPS / 'exits.py', args=['tornado', 0, tmp_path / 'unused.txt'])
    port = listening_port(process)
    output = _ctrl_c(process)
    assert ('PyWebIO serves http://127.0.0.1:%d/ on 127.0.0.1. Press Ctrl-C to stop.' % port) in output


def test_ctrl_c_in_script_mode_ends_the_session_with_status_130(run_app, page, tmp_path):
    env, url_file = _browser_env(tmp_path)
    marker = tmp_path / 'deferred.txt'
    process = run_app(APPS / 'script_mode_ctrl_c.py', env=env, args=[marker])
    page.goto(wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open'))
    expect(page.get_by_label("What's your name?")).to_be_visible()
    output = _ctrl_c(process)
    assert process.returncode == 130, output
    assert 'Stopped (Ctrl-C).' in output
    assert 'Traceback' not in output and 'not reached' not in output, output
    assert marker.read_text() == 'deferred'
    expect(page.get_by_role('status')).to_contain_text('The session has ended')


class Secret(Exception):
    pass


def failing_task():
    put_text('before the error')
    input('Name')  # the person answers, then the task fails
    raise Secret('the database password is hunter2')


async def failing_coroutine_task():
    put_text('before the error')
    await input('Name')
    raise Secret('the database password is hunter2')


def _answer_and_see_the_failure(page, url):
    page.goto(url)
    page.get_by_label('Name').fill('Ann')
    page.get_by_role('button', name='Submit').click()
    alert = page.get_by_role('alert')
    expect(alert).to_contain_text(APP_ERROR)
    expect(page.get_by_text('before the error')).to_be_visible()
    return alert


@pytest.mark.parametrize('task', [failing_task, failing_coroutine_task])
def test_a_task_that_raises_says_so_without_its_text(serve_app, page, caplog, task):
    server = serve_app(task)
    _answer_and_see_the_failure(page, server.url)
    content = page.content()
    assert 'hunter2' not in content and 'Traceback' not in content and 'Secret' not in content
    expect(page.locator('pre')).to_have_count(0)
    # the server logs the traceback
    wait_for(lambda: any(r.exc_info and 'hunter2' in str(r.exc_info[1]) for r in caplog.records),
             what='the logged traceback')


@pytest.mark.parametrize('task', [failing_task, failing_coroutine_task])
def test_with_debug_the_page_shows_the_traceback_as_text(serve_app, page, task):
    server = serve_app(task, debug=True)
    alert = _answer_and_see_the_failure(page, server.url)
    trace = alert.locator('pre')
    expect(trace).to_contain_text('Traceback (most recent call last)')
    expect(trace).to_contain_text('Secret: the database password is hunter2')
    expect(trace).to_contain_text(task.__name__)


def test_the_error_notice_is_in_chinese_for_a_chinese_browser(serve_app, new_page):
    server = serve_app(failing_task)
    page = new_page(locale='zh-CN')
    page.goto(server.url)
    page.get_by_label('Name').fill('Ann')
    page.get_by_role('button', name='提交').click()
    expect(page.get_by_role('alert')).to_contain_text('应用因出错而停止')


def test_a_task_that_returns_still_says_the_session_has_ended(serve_app, page):
    server = serve_app(lambda: put_text('done'))
    page.goto(server.url)
    expect(page.get_by_role('status')).to_contain_text('The session has ended')
    expect(page.get_by_role('alert')).to_have_count(0)


# -- a callback that raises: the session lives on, and the page learns only that the action failed
# (leak and leak_async raise FileNotFoundError(SECRET_PATH))

def failing_callbacks_task():
    put_table([['Report', put_buttons(['Save'], onclick=leak)]])
    put_select('size', ['Small', 'Large'], label='Size')
    pin_on_change('size', leak)
    put_buttons(['Fine'], onclick=lambda _: put_text('still alive'))
    hold()


async def failing_callbacks_coroutine_task():
    put_table([['Report', put_buttons(['Save'], onclick=leak_async)]])
    put_select('size', ['Small', 'Large'], label='Size')
    pin_on_change('size', leak_async)
    put_buttons(['Fine'], onclick=lambda _: put_text('still alive'))
    await hold()


def _page_text(page):
    return page.content() + page.evaluate('document.body.innerText')


def _fail_both_callbacks(page, url, says):
    """Click the button that raises, close its toast, change the pin that raises; the toasts say ``says``."""
    page.goto(url)
    alert = page.get_by_role('alert')
    page.get_by_role('button', name='Save').click()
    expect(alert).to_contain_text(says)
    texts = [_page_text(page)]
    alert.get_by_role('button').click()
    expect(alert).to_have_count(0)
    page.get_by_label('Size').select_option('Large')
    expect(alert).to_contain_text(says)
    texts.append(_page_text(page))
    page.get_by_role('button', name='Fine').click()  # the session lives on
    expect(page.get_by_text('still alive')).to_be_visible()
    return texts


@pytest.mark.parametrize('task', [failing_callbacks_task, failing_callbacks_coroutine_task])
def test_a_callback_that_raises_says_only_that_the_action_failed(serve_app, page, caplog, task):
    for text in _fail_both_callbacks(page, serve_app(task).url, ACTION_FAILED):
        assert 'db_password' not in text and 'FileNotFoundError' not in text and 'app-secrets' not in text
    wait_for(lambda: sum(bool(r.exc_info) and SECRET_PATH in str(r.exc_info[1]) for r in caplog.records) == 2,
             what='the two logged tracebacks')


@pytest.mark.parametrize('task', [failing_callbacks_task, failing_callbacks_coroutine_task])
def test_with_debug_a_callback_that_raises_shows_its_exception(serve_app, page, task):
    for text in _fail_both_callbacks(page, serve_app(task, debug=True).url, 'FileNotFoundError: ' + SECRET_PATH):
        assert 'db_password' in text


def test_the_failed_action_is_told_in_chinese_for_a_chinese_browser(serve_app, new_page):
    page = new_page(locale='zh-CN')
    page.goto(serve_app(failing_callbacks_task).url)
    page.get_by_role('button', name='Save').click()
    expect(page.get_by_role('alert')).to_contain_text('操作因出错而失败。')


def failing_validation_task():
    put_text('before the error')
    input('Name', validate=leak)


async def failing_validation_coroutine_task():
    put_text('before the error')
    await input('Name', validate=leak)


@pytest.mark.parametrize('task', [failing_validation_task, failing_validation_coroutine_task])
def test_a_valid_func_that_raises_stops_the_app_without_its_text(serve_app, page, task):
    _answer_and_see_the_failure(page, serve_app(task).url)
    text = _page_text(page)
    assert 'db_password' not in text and 'FileNotFoundError' not in text and 'Traceback' not in text

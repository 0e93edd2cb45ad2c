"""Server mode versus script mode: calls outside a session fail fast with a clear message."""
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pywebio.exceptions import SessionNotFoundException
from pywebio.output import put_text
from pywebio.testing import WebIOClient
from test.helpers import websocket_api

ROOT = Path(__file__).parents[2]


def test_in_server_mode_a_call_outside_any_session_raises_session_not_found(serve_app):
    serve_app(lambda: None)
    with pytest.raises(SessionNotFoundException, match='register_thread'):
        put_text('from the main thread of a server')


def run_script(source):
    return subprocess.run([sys.executable, '-c', textwrap.dedent(source)], cwd=str(ROOT), text=True,
                          capture_output=True, timeout=30, env={'PYTHONPATH': str(ROOT), 'BROWSER': 'true',
                                                                 'PATH': '/usr/bin:/bin'})


def test_the_guides_forbidden_pattern_fails_fast():
    # an interaction call before start_server(): script mode starts, then start_server refuses
    result = run_script('''
        import pywebio
        import pywebio.platform.tornado
        pywebio.platform.tornado.SCRIPT_EXIT_WAIT = 0.5  # no tab connects: don't wait the default 10 s
        from pywebio.output import put_text
        put_text('Input port number:')
        pywebio.start_server(lambda: None, port=0)
    ''')
    assert result.returncode == 1
    assert 'RuntimeError' in result.stderr and 'script mode' in result.stderr


def test_script_mode_logs_the_address_when_no_browser_can_be_opened():
    result = run_script('''
        import webbrowser
        webbrowser.open = lambda url: False
        import pywebio.platform.tornado
        pywebio.platform.tornado.SCRIPT_EXIT_WAIT = 0.5  # no tab connects: don't wait the default 10 s
        from pywebio.output import put_text
        put_text('hello')
    ''')
    assert result.returncode == 0
    assert 'open http://127.0.0.1:' in result.stderr


def test_a_coroutine_task_in_script_mode_is_a_clear_error():
    result = run_script('''
        import asyncio
        from pywebio.input import input

        async def main():
            name = await input("what's your name?")

        asyncio.run(main())
    ''')
    assert result.returncode == 1
    assert 'SessionNotFoundException' in result.stderr
    assert 'Coroutine-based tasks do not support script mode' in result.stderr


def test_in_script_mode_any_thread_may_call_the_api(tmp_path):
    url_file = tmp_path / 'url.txt'
    script = subprocess.Popen(
        [sys.executable, '-c', textwrap.dedent('''
            import threading
            from pywebio.input import input
            from pywebio.output import put_text

            def worker():
                put_text('from a thread')

            put_text('from main')
            thread = threading.Thread(target=worker)
            thread.start()
            thread.join()
            put_text('you said', input('Say something'))
        ''')], cwd=str(ROOT), text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={'PYTHONPATH': str(ROOT), 'PATH': '/usr/bin:/bin',
             'BROWSER': '%s %s %s %%s' % (sys.executable, ROOT / 'test/apps/record_url.py', url_file)})
    try:
        deadline = time.monotonic() + 20
        while not (url_file.exists() and url_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        ws_url = websocket_api(url_file.read_text())
        with WebIOClient(ws_url) as client:
            texts = [client.expect('output')['spec']['content'] for _ in range(2)]
            assert texts == ['from main', 'from a thread']
            client.submit(client.expect('input_group'), {'data': 'hi'})
            assert client.expect('output')['spec']['content'] == 'you said hi'
            client.expect('close_session')
        assert script.wait(20) == 0
    finally:
        script.kill()
        script.communicate()

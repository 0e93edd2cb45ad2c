"""Server mode versus script mode: calls outside a session fail fast with a clear message."""
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pywebio.exceptions import SessionNotFoundException
from pywebio.output import put_text

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
        from pywebio.output import put_text
        put_text('hello')
    ''')
    assert result.returncode == 0
    assert 'open http://127.0.0.1:' in result.stderr

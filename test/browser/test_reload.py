"""debug=True: edit the app's file, and the open page shows the new code by itself.

The app runs as a program of its own, as a person runs it (``python app.py``); the server binds
port 0 and the test reads the port from its start-up line. The page is never reloaded by the
test: it follows the restart itself (docs/protocol.md, "A server that restarts with new code").
"""
import os
import textwrap
import time

import pytest
from playwright.sync_api import expect

from pywebio.input import input
from pywebio.output import put_text
from test.flaky_network import FlakyProxy
from test.helpers import listening_port, output_of

APP = textwrap.dedent('''
    import os, sys
    from pywebio.output import put_text
    from pywebio.session import hold

    def main():
        put_text('%s, process ' + str(os.getpid()))
        hold()

    platform = sys.argv[1]
    if platform == 'tornado':
        from pywebio.platform.tornado import start_server
    elif platform == 'aiohttp':
        from pywebio.platform.aiohttp import start_server
    elif platform == 'fastapi':
        from pywebio.platform.fastapi import start_server
    elif platform == 'flask':
        from pywebio.platform.flask import start_server
    else:
        from pywebio.platform.django import start_server
    start_server(main, port=0, host='127.0.0.1', debug=True)
''')


def write_app(path, text, version):
    """Write the app, with a modification time of its own for each version, even on a file
    system that counts whole seconds (and in the past: a file the server saw change while it
    started would make it start again, which is right, but not what this test looks at)."""
    path.write_text(text)
    when = time.time() - 100 + 10 * version
    os.utime(path, (when, when))


@pytest.mark.parametrize('platform', ['tornado', 'aiohttp', 'fastapi', 'flask', 'django'])
def test_an_edit_of_the_app_file_shows_on_the_open_page_by_itself(platform, run_app, page, tmp_path):
    app = tmp_path / 'app.py'
    write_app(app, APP % 'Hello from version 1', 1)
    process = run_app(app, args=[platform])
    page.goto('http://127.0.0.1:%d/' % listening_port(process))
    expect(page.get_by_text('Hello from version 1')).to_be_visible()
    first = page.get_by_text('Hello from version 1').text_content()

    write_app(app, APP % 'Hello from version 2', 2)
    expect(page.get_by_text('Hello from version 2')).to_be_visible(timeout=20_000)
    assert page.get_by_text('Hello from version 2').text_content().split()[-1] != first.split()[-1]  # a new process
    expect(page.get_by_text('Hello from version 1')).to_have_count(0)

    write_app(app, 'this is not Python (\n', 3)  # a mistake: the server waits for the next edit
    expect(page.get_by_text('Hello from version 2')).to_be_visible()  # the old page stays
    write_app(app, APP % 'Hello from version 3', 4)
    expect(page.get_by_text('Hello from version 3')).to_be_visible(timeout=20_000)
    assert process.poll() is None, output_of(process)


def test_a_page_of_a_debug_server_that_only_dropped_resumes_its_session(serve_app, page):
    sessions = []

    def task():
        sessions.append(1)
        name = input('Your name')
        put_text('Hello, %s' % name)

    server = serve_app(task, debug=True)
    with FlakyProxy(server.port) as proxy:
        page.goto(proxy.url)
        page.get_by_label('Your name').fill('Ann')
        proxy.cut('rst')
        expect(page.get_by_role('status')).to_have_text('Reconnecting…')
        expect(page.get_by_text('Reconnecting…')).to_have_count(0)
        page.get_by_role('button', name='Submit').click()
        expect(page.get_by_text('Hello, Ann')).to_be_visible()  # what was typed before the drop
    assert sessions == [1]  # the same session, not a reload

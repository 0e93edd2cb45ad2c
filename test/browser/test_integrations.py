"""The guide's integration examples for Tornado, Flask, Django and aiohttp, with thread-based and
coroutine-based tasks, driven by Chromium: input, output, a callback, and closing the tab."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test.helpers import listening_port, wait_for

APPS = Path(__file__).parents[1] / 'apps'

FRAMEWORKS = {  # app, page path, what session.info says
    'tornado': ('tornado_app.py', '/tool/', 'tornado over websocket'),
    'flask': ('flask_app.py', '/', 'flask over http'),
    'django': ('django_app.py', '/', 'django over http'),
    'aiohttp': ('aiohttp_app.py', '/', 'aiohttp over websocket'),
}


@pytest.mark.parametrize('kind', ['thread', 'coroutine'])
@pytest.mark.parametrize('framework', FRAMEWORKS)
def test_guide_integration_example(framework, kind, run_app, page, tmp_path):
    app, path, transport = FRAMEWORKS[framework]
    log = tmp_path / 'session.log'
    port = listening_port(run_app(APPS / app, env={'PYWEBIO_TEST_LOG': str(log), 'PYWEBIO_TEST_TASK': kind}))

    page.goto('http://127.0.0.1:%d%s' % (port, path))
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann (%s)' % transport)).to_be_visible()
    page.get_by_role('button', name='Wave').click()
    expect(page.get_by_text('You waved')).to_be_visible()
    assert not log.exists()
    page.close(run_before_unload=True)
    wait_for(lambda: log.exists() and log.read_text() == 'deferred\n', what='defer_call after the tab closed')


def test_guide_flask_coroutine_example(run_app, page):
    port = listening_port(run_app(APPS / 'flask_coroutine_app.py'))
    page.goto('http://127.0.0.1:%d/' % port)
    expect(page.get_by_text('... World!')).to_be_visible()
    assert [line for line in page.locator('#output-container').inner_text().splitlines() if line] == ['Hello ...', '... World!']
    expect(page.get_by_role('status')).to_have_text('The session has ended. Reload the page to start a new one.')

"""The pywebio_api parameter in all its forms, and pages served from another origin."""
import re
from urllib.parse import quote

import pytest
import tornado.web
from playwright.sync_api import expect

from pywebio import STATIC_PATH
from pywebio.input import input
from pywebio.output import put_text
from pywebio.platform.tornado import BackgroundServer, webio_handler
from test.helpers import listening_port

SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


def greet():
    put_text('Hello, %s' % input("What's your name?"))


def answer(page):
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann')).to_be_visible()


@pytest.fixture(scope='module')
def split_app():
    """The page under /app/, the API under /tool/io: they meet only through pywebio_api."""
    app = tornado.web.Application([
        (r'/tool/io', webio_handler(greet)),
        (r'/app/(.*)', tornado.web.StaticFileHandler, {'path': STATIC_PATH, 'default_filename': 'index.html'}),
    ])
    server = BackgroundServer(app).start()
    yield server.port
    server.stop()


@pytest.mark.parametrize('api', ['/tool/io', '../tool/io', '//127.0.0.1:{port}/tool/io',
                                 'http://127.0.0.1:{port}/tool/io', 'ws://127.0.0.1:{port}/tool/io'])
def test_pywebio_api_forms(split_app, page, api):
    api = api.format(port=split_app)
    page.goto('http://127.0.0.1:%d/app/?pywebio_api=%s' % (split_app, quote(api, safe='')))
    answer(page)


@pytest.fixture
def static_copy(run_app):
    """STATIC_PATH served by `python -m http.server` on another port: another origin."""
    process = run_app('-m', args=['http.server', 0, '--bind', '127.0.0.1', '--directory', STATIC_PATH])
    port = listening_port(process, re.compile(r'Serving HTTP on 127\.0\.0\.1 port (\d+)'))
    return 'http://127.0.0.1:%d' % port


def test_websocket_api_on_another_origin_admits_only_allowed_pages(static_copy, serve_app, new_page):
    allowed = serve_app(greet, allowed_origins=[static_copy])
    page = new_page()
    page.goto('%s/?pywebio_api=%s' % (static_copy, quote(allowed.ws_url.replace('ws://', 'http://'), safe='')))
    answer(page)

    strict = serve_app(greet)
    page = new_page()
    page.goto('%s/?pywebio_api=%s' % (static_copy, quote(strict.ws_url.replace('ws://', 'http://'), safe='')))
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    expect(page.get_by_label("What's your name?")).to_have_count(0)


def test_http_api_on_another_origin_admits_only_allowed_pages(static_copy, flask_server, new_page):
    allowed_url, _ = flask_server(greet, allowed_origins=[static_copy])
    page = new_page()
    page.goto('%s/?pywebio_api=%s' % (static_copy, quote(allowed_url, safe='')))
    answer(page)

    strict_url, transport = flask_server(greet)
    page = new_page()
    page.goto('%s/?pywebio_api=%s' % (static_copy, quote(strict_url, safe='')))
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    assert transport.session_count() == 0

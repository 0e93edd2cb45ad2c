"""Shared fixtures: apps served on 127.0.0.1, and headless Chromium driven by Playwright."""
import os
import sys
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pywebio.testing import serve  # noqa: E402
from test.helpers import start_program, stop_program  # noqa: E402

CHROMIUM = os.environ.get('PYWEBIO_TEST_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']


@pytest.fixture
def serve_app():
    """``serve_app(task, **options)`` starts the app and returns its `TestServer`; stopped after the test."""
    running = []

    def start(task, **options):
        context = serve(task, **options)
        running.append(context)
        return context.__enter__()

    yield start
    for context in reversed(running):
        context.__exit__(None, None, None)


@pytest.fixture(scope='session')
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """``new_page(locale='en-US')``: a page in a fresh browser context; closed after the test."""
    contexts = []

    def make(locale='en-US'):
        context = browser.new_context(locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def run_app():
    """``run_app(path, env=..., args=...)`` runs a Python program from the repository root (see
    `test.helpers.start_program`); killed after the test if it is still running."""
    processes = []

    def start(path, env=None, args=()):
        process = start_program(path, args, env)
        processes.append(process)
        return process

    yield start
    for process in processes:
        stop_program(process)


@pytest.fixture
def flask_server():
    """``flask_server(task, **webio_view_options)`` serves ``task`` with Flask at ``/io`` on
    127.0.0.1 (the page too, at ``/``); returns ``(api_url, transport)``."""
    import threading

    from flask import Flask, send_from_directory
    from werkzeug.serving import make_server

    from pywebio import STATIC_PATH
    from pywebio.platform.flask import webio_view

    servers = []

    def start(task, **options):
        app = Flask(__name__)
        view = webio_view(task, **options)
        app.add_url_rule('/io', 'webio_view', view, methods=['GET', 'POST', 'OPTIONS'])
        app.add_url_rule('/', 'index', lambda: send_from_directory(STATIC_PATH, 'index.html'))
        app.add_url_rule('/<path:name>', 'static_file', lambda name: send_from_directory(STATIC_PATH, name))
        server = make_server('127.0.0.1', 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return 'http://127.0.0.1:%d/io' % server.server_port, view.transport

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def offline(page):
    """Abort and record every request to a host other than 127.0.0.1: the page must need none."""
    outside = []

    def handle(route):
        if urlsplit(route.request.url).hostname == '127.0.0.1':
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route('**/*', handle)
    yield page
    assert outside == [], 'requests left 127.0.0.1: %s' % outside[:5]


@pytest.fixture
def redis_server(tmp_path):
    """A real Redis on 127.0.0.1 (`test.redis_server.RedisServer`), empty; stopped after the test."""
    from test.redis_server import RedisServer
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()

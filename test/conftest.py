"""Shared fixtures: apps served on 127.0.0.1, and headless Chromium driven by Playwright."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pywebio.testing import serve  # noqa: E402

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

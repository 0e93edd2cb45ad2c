"""PyWebIO 1.x's way of mounting an app at one URL: a plain GET of `webio_handler`'s (Tornado,
aiohttp) or `webio_view`'s (Flask) URL gives the app's page, rendered by PyWebIO, which connects
back to that same URL. Its title is the first line of the task's docstring."""
import json
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import expect

from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import info
from test.helpers import listening_port

APPS = Path(__file__).parents[1] / 'apps'


def greet_and_continue(page, name, where):
    expect(page.get_by_text('A %s-based task' % where)).to_be_visible()
    page.get_by_label("What's your name?").fill(name)
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, %s, from a %s' % (name, where))).to_be_visible()
    page.get_by_role('button', name='Continue').click()
    expect(page.get_by_text('Continued in the %s' % where)).to_be_visible()


def test_tornado_webio_handler_serves_its_page_beside_other_routes(run_app, page):
    process = run_app(APPS / 'handler_pages_tornado.py')
    base = 'http://127.0.0.1:%d' % listening_port(process)

    response = page.goto(base + '/')  # the handler mounted at /, as 1.x's test 7 does
    assert response.headers['content-type'].startswith('text/html')
    expect(page.locator('html')).to_have_attribute('data-pywebio-page', 'rendered')
    expect(page).to_have_title('Coroutine greeter')
    greet_and_continue(page, 'Ann', 'coroutine')

    page.goto(base + '/io2?_pywebio_debug=1')
    expect(page).to_have_title('Threaded greeter')
    greet_and_continue(page, 'Bo', 'thread')

    page.goto(base + '/hello')  # the application's own route is untouched
    expect(page.get_by_text('Hello from Tornado')).to_be_visible()
    assert process.poll() is None


def test_aiohttp_webio_handler_serves_its_page_beside_the_static_routes(run_app, page):
    process = run_app(APPS / 'handler_pages_aiohttp.py')
    base = 'http://127.0.0.1:%d' % listening_port(process)

    page.goto(base + '/')  # the static index.html, whose API is ./io: the thread-based task
    greet_and_continue(page, 'Ann', 'thread')

    page.goto(base + '/io2')  # the handler's own page, connecting to /io2: the coroutine task
    expect(page.locator('html')).to_have_attribute('data-pywebio-page', 'rendered')
    expect(page).to_have_title('Coroutine greeter')
    greet_and_continue(page, 'Bo', 'coroutine')

    manifest = page.request.get(base + '/io2?pywebio_manifest')
    assert manifest.ok and json.loads(manifest.text())['name'] == 'Coroutine greeter'
    page.goto(base + '/hello')
    expect(page.get_by_text('Hello from aiohttp')).to_be_visible()


def test_the_handlers_page_keeps_refusing_a_foreign_pywebio_api(run_app, page):
    process = run_app(APPS / 'handler_pages_tornado.py')
    base = 'http://127.0.0.1:%d' % listening_port(process)
    page.goto(base + '/io2?pywebio_api=' + quote('http://example.invalid:9/io', safe=''))
    expect(page.get_by_role('alert')).to_contain_text('This page does not connect to http://example.invalid:9')
    expect(page.get_by_label("What's your name?")).to_have_count(0)


def test_a_websocket_handler_still_answers_the_transport_probe_with_400(run_app, page):
    process = run_app(APPS / 'handler_pages_tornado.py')
    base = 'http://127.0.0.1:%d' % listening_port(process)
    assert page.request.get(base + '/io2?test=1').status == 400  # the page picks WebSocket


def test_flask_webio_view_serves_its_page_over_http(flask_server, page):
    def greet():
        """Flask greeter"""
        name = input("What's your name?")
        put_text('Hello, %s, over %s' % (name, info.protocol))

    api, _ = flask_server(greet)
    page.goto(api)  # /io itself, as 1.x's webio_view served it
    expect(page).to_have_title('Flask greeter')
    page.get_by_label("What's your name?").fill('Cy')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Cy, over http')).to_be_visible()  # long-polling /io itself

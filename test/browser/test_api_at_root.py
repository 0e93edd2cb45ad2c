"""A page whose ``pywebio_api`` is another server's root URL, as upstream's CORS test opens it
(``http://localhost:5000/?pywebio_api=http://localhost:8080/``): 1.x served its API at ``/`` as
well as the page, so the page connects there, over WebSocket (Tornado, aiohttp) or HTTP
long-polling (Flask)."""
import pytest
from playwright.sync_api import expect

from test.helpers import APPS, listening_port, start_program, stop_program


@pytest.fixture(scope='module')
def page_server():
    """A server of the page only (its own app ends at once): ``http://127.0.0.1:port``."""
    process = start_program(APPS / 'root_api_app.py', args=['tornado', 'http://127.0.0.1'])
    try:
        yield 'http://127.0.0.1:%d' % listening_port(process)
    finally:
        stop_program(process)


@pytest.mark.parametrize('platform', ['tornado', 'aiohttp', 'flask'])
def test_a_page_connects_to_an_api_at_another_servers_root(platform, page_server, page):
    api = start_program(APPS / 'root_api_app.py', args=[platform, page_server])
    try:
        page.goto('%s/?pywebio_api=http://127.0.0.1:%d/' % (page_server, listening_port(api)))
        page.get_by_label("What's your name?").fill('Ada')
        page.get_by_role('button', name='Submit').click()
        expect(page.get_by_text('Hello, Ada')).to_be_visible()
    finally:
        stop_program(api)

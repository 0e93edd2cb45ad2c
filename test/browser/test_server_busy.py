"""A server at its session limit: the page says that the server is busy, in the browser's
language, over WebSocket (close code 1013) and over HTTP (503)."""
import pytest
from playwright.sync_api import expect

from test.helpers import platform_servers


@pytest.fixture(scope='module')
def full_servers():
    """Tornado (WebSocket) and Flask (HTTP) serving one session at most."""
    wanted = [(name, name, 'list', ()) for name in ('tornado', 'flask')]
    with platform_servers(wanted, {'max_sessions': 1}) as started:
        yield {key: url for key, (_, url) in started.items()}


@pytest.mark.parametrize('platform', ['tornado', 'flask'])
def test_a_page_over_the_limit_says_the_server_is_busy(platform, full_servers, new_page):
    url = full_servers[platform] + '?app=greet'
    first = new_page()
    first.goto(url)
    expect(first.get_by_label("What's your name?")).to_be_visible()

    second = new_page()
    second.goto(url)
    expect(second.get_by_role('alert')).to_have_text(
        'The server is busy: too many people are using it right now. Please try again in a little while.')
    chinese = new_page(locale='zh-CN')
    chinese.goto(url)
    expect(chinese.get_by_role('alert')).to_have_text('服务器繁忙：当前使用的人太多，请稍后再试。')

    first.get_by_label("What's your name?").fill('Ann')  # the open session is unaffected
    first.get_by_role('button', name='Submit').click()
    expect(first.get_by_text('Hello, Ann')).to_be_visible()
    expect(first.get_by_text('The session has ended')).to_be_visible()
    second.reload()  # the slot is free again
    expect(second.get_by_label("What's your name?")).to_be_visible()

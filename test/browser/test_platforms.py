"""Every platform's start_server (and path_deploy) in Chromium: the page of an app, an input
submitted, the output shown; the generated index of apps, unknown apps and go_app."""
import pytest
from playwright.sync_api import expect

from test.helpers import platform_servers

PLATFORMS = {  # what session.info says
    'tornado': 'tornado over websocket',
    'tornado_http': 'tornado over http',
    'flask': 'flask over http',
    'django': 'django over http',
    'aiohttp': 'aiohttp over websocket',
    'fastapi': 'starlette over websocket',
}


APP_FILE = '''
from pywebio.input import input
from pywebio.output import put_text

def main():
    put_text('%s: ' + input('Your name'))
'''


@pytest.fixture(scope='module')
def servers(tmp_path_factory):
    """Every server of this module, started at once (each takes a second or two to import)."""
    folder = tmp_path_factory.mktemp('deploy')
    (folder / 'tools').mkdir()
    (folder / 'hello.py').write_text(APP_FILE % 'hello')
    (folder / 'tools' / 'convert.py').write_text(APP_FILE % 'convert')
    (folder / '_private.py').write_text(APP_FILE % 'private')
    wanted = [(name, name, 'list', ()) for name in PLATFORMS]
    wanted += [('fastapi-dict', 'fastapi', 'dict', ()), ('path_deploy', 'path_deploy', 'list', (folder,)),
               ('path_deploy_http', 'path_deploy_http', 'list', (folder,))]
    with platform_servers(wanted) as started:
        yield {key: url for key, (_, url) in started.items()}


@pytest.mark.parametrize('platform', PLATFORMS)
def test_platform_serves_an_app(platform, servers, page):
    url = servers[platform]
    page.goto(url + '?app=greet')
    page.get_by_label("What's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann (%s)' % PLATFORMS[platform])).to_be_visible()


@pytest.mark.parametrize('platform', ['tornado', 'flask'])
def test_generated_index_unknown_app_and_go_app(platform, servers, page):
    url = servers[platform]
    page.goto(url)
    # the list form has no index app: the apps are listed, with their docstring's first line
    expect(page.get_by_text('Say hello to you')).to_be_visible()
    expect(page.get_by_text('More lines')).to_have_count(0)
    page.get_by_role('link', name='other').click()
    expect(page.get_by_text('The other app')).to_be_visible()
    assert page.url.endswith('?app=other')
    page.get_by_role('button', name='Back to greet').click()  # go_app(new_window=False)
    expect(page.get_by_label("What's your name?")).to_be_visible()
    assert page.url.endswith('?app=greet')

    response = page.goto(url + '?app=nope')
    assert response.status == 404
    expect(page.get_by_text('There is no app named "nope" here.')).to_be_visible()
    page.get_by_role('link', name='greet').click()
    expect(page.get_by_label("What's your name?")).to_be_visible()


def test_dict_form_names_are_escaped(servers, page):
    url = servers['fastapi-dict']
    page.goto(url)
    link = page.get_by_role('link', name='<b>bold</b> & co')
    expect(link).to_be_visible()
    expect(page.locator('#output-container b')).to_have_count(0)
    link.click()
    expect(page.get_by_text('The other app')).to_be_visible()


def test_api_address_carries_the_app(servers, page):
    """?pywebio_api= and ?app= together: the app goes to the API given."""
    url = servers['aiohttp']
    page.goto(url + 'index.html?pywebio_api=./io&app=other')
    expect(page.get_by_text('The other app')).to_be_visible()


@pytest.mark.parametrize('deploy', ['path_deploy', 'path_deploy_http'])
def test_path_deploy(deploy, servers, page):
    """A temporary folder of two apps (and a private file), over WebSocket and HTTP."""
    url = servers[deploy]
    page.goto(url)
    expect(page.get_by_role('link', name='hello')).to_be_visible()
    expect(page.get_by_role('link', name='_private')).to_have_count(0)
    page.get_by_role('link', name='tools/').click()
    page.get_by_role('link', name='convert').click()
    assert page.url == url + 'tools/convert/'
    page.get_by_label('Your name').fill('Bo')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('convert: Bo')).to_be_visible()
    page.goto(url + 'hello')  # redirected to hello/
    page.get_by_label('Your name').fill('Cy')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('hello: Cy')).to_be_visible()
    assert page.goto(url + '_private/').status == 404

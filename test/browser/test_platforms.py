"""Every platform's start_server (and path_deploy) in Chromium: the page of an app, an input
submitted, a file uploaded, the output shown; the generated index of apps, unknown apps and go_app."""
import hashlib
import os
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from pywebio import config
from pywebio.output import put_text
from pywebio.session import hold, run_js

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
    (folder / 'upload.py').write_text(UPLOAD_FILE)
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


UPLOAD_FILE = '''
import hashlib
from pywebio.input import file_upload
from pywebio.output import put_text

def main():
    value = file_upload('A file', as_file=True)
    put_text('Got ' + hashlib.sha256(value['file'].read()).hexdigest())
'''


@pytest.mark.parametrize('platform', [*PLATFORMS, 'path_deploy', 'path_deploy_http'])
def test_a_file_upload_reaches_the_app_on_every_platform(platform, servers, page, tmp_path):
    """3 MiB: spooled to disk on the server, sent in four chunks over HTTP beside the session's
    WebSocket or long poll, and read by the app as a file."""
    content = os.urandom(3 * 1024 * 1024 + 5)
    path = tmp_path / 'file.bin'
    path.write_bytes(content)
    if platform.startswith('path_deploy'):
        page.goto(servers[platform] + 'upload/')
        expected = 'Got %s' % hashlib.sha256(content).hexdigest()
    else:
        page.goto(servers[platform] + '?app=upload')
        expected = 'Got %s (%s)' % (hashlib.sha256(content).hexdigest(), PLATFORMS[platform])
    page.get_by_label('A file').set_input_files(str(path))
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text(expected, exact=True)).to_be_visible()


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


# -- pywebio_api: a link cannot point an app's own page at someone else's server ------------------

def take_over(connections):
    """What an attacker's server does to a page that connects to it: runs its JavaScript there."""
    def task():
        connections.append(1)
        run_js('window.pwned = "yes"')
        put_text('You have been taken over')
        hold()
    return task


@pytest.fixture
def attacker(serve_app):
    """An attacker's PyWebIO server on 127.0.0.1 that admits pages of every origin."""
    connections = []
    server = serve_app(take_over(connections), check_origin=lambda origin: True)
    return server, connections


@pytest.mark.parametrize('platform', [*PLATFORMS, 'path_deploy', 'path_deploy_http'])
@pytest.mark.parametrize('page_path', ['', 'index.html'])
def test_an_apps_page_refuses_a_pywebio_api_of_another_host(platform, page_path, servers, attacker, page):
    server, connections = attacker
    app_page = servers[platform].replace('127.0.0.1', 'localhost')  # another host than the attacker's
    if platform.startswith('path_deploy'):
        app_page, page_path = app_page + 'hello', ''  # an app of the folder; no index.html there
    page.goto('%s%s?app=greet&pywebio_api=%s' % (app_page, page_path, quote(server.ws_url, safe='')))
    expect(page.get_by_role('alert')).to_have_text(
        'This page does not connect to http://127.0.0.1:%d: the pywebio_api address of its link is not a '
        'server this app allows.' % server.port)
    assert connections == []  # the page decided before connecting: no socket, no command
    assert page.evaluate('window.pwned') is None
    expect(page.get_by_label("What's your name?")).to_have_count(0)


def test_an_apps_page_connects_to_another_port_of_its_host_and_to_listed_origins(servers, attacker, serve_app,
                                                                                  new_page):
    server, connections = attacker
    page = new_page()  # its own host, another port: allowed (cookies do not tell ports apart)
    page.goto('%s?pywebio_api=%s' % (servers['tornado'], quote(server.ws_url, safe='')))
    expect(page.get_by_text('You have been taken over')).to_be_visible()
    assert connections == [1]

    listed = serve_app(config(api_origins=['ws://127.0.0.1:%d' % server.port])(lambda: put_text('mine')))
    page = new_page()  # another host, listed by the app's config: allowed
    page.goto('http://localhost:%d/?pywebio_api=%s' % (listed.port, quote(server.ws_url, safe='')))
    expect(page.get_by_text('You have been taken over')).to_be_visible()
    assert connections == [1, 1]


def test_the_refusal_is_in_chinese_in_a_chinese_browser(servers, attacker, new_page):
    server, _ = attacker
    page = new_page(locale='zh-CN')
    page.goto('%s?pywebio_api=%s' % (servers['flask'].replace('127.0.0.1', 'localhost'), quote(server.ws_url, safe='')))
    expect(page.get_by_role('alert')).to_have_text(
        '此页面不会连接到 http://127.0.0.1:%d：链接中的 pywebio_api 地址不是本应用允许的服务器。' % server.port)


def test_no_page_takes_a_pywebio_api_that_is_not_http_or_websocket(servers, page):
    page.goto('%s?pywebio_api=%s' % (servers['tornado'], quote('javascript:window.pwned=1', safe='')))
    expect(page.get_by_role('alert')).to_contain_text('This page does not connect to javascript:')
    assert page.evaluate('window.pwned') is None

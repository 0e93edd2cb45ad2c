"""path_deploy and path_deploy_http run only apps of their folder (security issue #23, hole 8).

Attacks as the review made them, against real servers of a folder: a helper module without
``main`` and a file whose ``main`` the parser cannot see must never run (their top-level code
would leave a marker file), nor a symlink (a file or a folder) that leads out of the folder;
symlinks inside the folder keep working. Plain HTTP and WebSocket clients, and Chromium once."""
import json
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from pywebio.testing import WebIOClient
from test.helpers import platform_servers
from test.protocol.test_http_transport import HttpClient

DEPLOYS = ['path_deploy', 'path_deploy_http']

#: Top-level code that leaves the marker file %(marker)r: the sign that the file was executed.
MARKS = '''
from pathlib import Path
Path(%(marker)r).write_text('ran')
'''

APP = MARKS + '''
from pywebio.input import input
from pywebio.output import put_text

def main():
    put_text('%(name)s: ' + input('Your name'))
'''

FILES = {  # path below the test's folder (the base is apps/): what it holds
    'apps/hello.py': APP,  # an app, and the control: its marker shows that markers work
    'apps/helper.py': MARKS + '\ndef helper():\n    return 1\n',  # no main
    'apps/hidden_main.py': MARKS + "\nglobals()['main'] = lambda: None\n",  # a main the parser cannot see
    'apps/tools/convert.py': APP,
    'outside/evil.py': APP,  # outside the base; it defines main
}
LINKS = {  # symlink in the folder: its target
    'alias.py': 'hello.py',  # inside: served
    'toolbox': 'tools',  # inside: served
    'evil.py': '../outside/evil.py',  # outside: never executed
    'outdir': '../outside',  # outside: never served
}
NEVER_RUN = ['helper', 'hidden_main', 'evil']  # the markers that must never appear


@pytest.fixture(scope='module')
def deployed(tmp_path_factory):
    """``(urls, markers)``: both deploys serving ``root/apps``; ``markers / name`` is the marker
    of the file ``name.py`` once it ran."""
    root = tmp_path_factory.mktemp('security')
    markers = root / 'markers'
    markers.mkdir()
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text % {'marker': str(markers / path.stem), 'name': path.stem})
    for name, target in LINKS.items():
        (root / 'apps' / name).symlink_to(target)
    wanted = [(deploy, deploy, 'list', (root / 'apps',)) for deploy in DEPLOYS]
    with platform_servers(wanted) as started:
        yield {key: url for key, (_, url) in started.items()}, markers


def get(url):
    """``(status, URL)`` of a plain GET, redirects followed: the URL is the last one requested."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.geturl()


def session_commands(deploy, url, path):
    """The commands of a session of the app at URL path ``path`` (``''``: the folder's index), over
    the deploy's own transport, up to the end of its task."""
    if deploy == 'path_deploy':
        with WebIOClient(url.replace('http://', 'ws://') + path + 'io') as client:
            commands = []
            while not commands or commands[-1]['command'] != 'close_session':
                command = client.next_command()
                assert command is not None, 'the connection closed before the task ended: %s' % commands
                commands.append(command)
            return commands
    client, commands = HttpClient(url + path + 'io'), []
    client.open()
    deadline = time.monotonic() + 20
    while not commands or commands[-1]['command'] != 'close_session':
        assert time.monotonic() < deadline, 'the task did not end within 20 s: %s' % commands
        client.ack, more = client.poll()
        commands += more
    return commands


def link_urls(commands):
    """The URLs of the links that ``commands`` show."""
    return [command['spec']['url'] for command in commands
            if command['command'] == 'output' and command['spec'].get('type') == 'link']


def assert_never_ran(markers):
    assert sorted(marker.name for marker in markers.iterdir() if marker.name in NEVER_RUN) == []


@pytest.mark.parametrize('deploy', DEPLOYS)
def test_a_module_without_main_is_never_executed(deploy, deployed):
    urls, markers = deployed
    url = urls[deploy]
    statuses = {path: get(url + path) for path in ['helper/', 'helper', 'hidden_main/']}
    assert_never_ran(markers)
    # the API of the page: a session says there is no such app
    sessions = {path: json.dumps(session_commands(deploy, url, path)) for path in ['helper/', 'hidden_main/']}
    assert_never_ran(markers)
    assert statuses == {path: (404, url + path) for path in statuses}  # 404 at once, no redirect
    assert all('There is no app named' in commands for commands in sessions.values()), sessions
    # the control: an app's page runs its file, which leaves its marker
    assert get(url + 'hello/')[0] == 200
    assert (markers / 'hello').read_text() == 'ran'
    assert_never_ran(markers)


@pytest.mark.parametrize('deploy', DEPLOYS)
def test_symlinks_out_of_the_folder_are_refused(deploy, deployed):
    urls, markers = deployed
    url = urls[deploy]
    statuses = {path: get(url + path) for path in ['evil/', 'evil', 'outdir/', 'outdir/evil/']}
    assert_never_ran(markers)
    sessions = {path: json.dumps(session_commands(deploy, url, path)) for path in ['evil/', 'outdir/evil/', 'outdir/']}
    assert_never_ran(markers)
    assert statuses == {path: (404, url + path) for path in statuses}  # 404 at once, no redirect
    assert all('There is no app named' in commands for commands in sessions.values()), sessions


@pytest.mark.parametrize('deploy', DEPLOYS)
def test_symlinks_inside_the_folder_work(deploy, deployed):
    urls, markers = deployed
    url = urls[deploy]
    for path in ['alias/', 'toolbox/', 'toolbox/convert/', 'tools/convert/']:
        assert get(url + path)[0] == 200, path
    assert (markers / 'convert').read_text() == 'ran'
    assert link_urls(session_commands(deploy, url, 'toolbox/')) == ['../', 'convert/']


@pytest.mark.parametrize('deploy', DEPLOYS)
def test_the_index_lists_only_apps_inside_the_folder(deploy, deployed):
    urls, markers = deployed
    assert link_urls(session_commands(deploy, urls[deploy], '')) == ['toolbox/', 'tools/', 'alias/', 'hello/']
    assert_never_ran(markers)


def test_a_symlinked_app_in_chromium(deployed, page):
    """The index in a browser lists the apps and none of the rest; a symlink inside the folder is an
    app like the others."""
    url = deployed[0]['path_deploy']
    page.goto(url)
    expect(page.get_by_role('link', name='hello')).to_be_visible()
    expect(page.get_by_role('link', name='toolbox/')).to_be_visible()
    for name in ['helper', 'hidden_main', 'evil', 'outdir/']:
        expect(page.get_by_role('link', name=name, exact=True)).to_have_count(0)
    page.get_by_role('link', name='alias').click()
    assert page.url == url + 'alias/'
    page.get_by_label('Your name').fill('Di')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('hello: Di')).to_be_visible()
    assert_never_ran(deployed[1])

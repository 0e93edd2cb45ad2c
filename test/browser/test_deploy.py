"""docs/deploy.md's nginx configuration, run for real: nginx from Debian's packages on 127.0.0.1
in front of two server processes, and sessions completed through it in Chromium, with a dropped
connection in the middle; and one server of two processes, whose resumes reach their process."""
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pywebio import STATIC_PATH
from pywebio.testing import WebIOClient
from test.flaky_network import FlakyProxy
from test.helpers import listening_port, output_of

ROOT = Path(__file__).parents[2]
NGINX = shutil.which('nginx') or '/usr/sbin/nginx'


def documented_config() -> str:
    text = (ROOT / 'docs' / 'deploy.md').read_text()
    return re.search(r'```nginx\n(.*?)```', text, re.S).group(1)


@pytest.fixture
def nginx(tmp_path):
    """``nginx(backend_ports)`` starts nginx with the documented configuration; returns its port.

    nginx is handed a socket this test has bound to a free port and made listen, as it hands its
    own to a new binary on an upgrade (the NGINX variable): it never picks a port that another
    program may take first."""
    processes = []

    def start(backends):
        listening = socket.socket()
        listening.bind(('127.0.0.1', 0))
        listening.listen(128)
        port = listening.getsockname()[1]
        site = documented_config()
        site = site.replace('listen 80;', 'listen 127.0.0.1:%d;' % port)
        site = site.replace('/path/to/pywebio/html', STATIC_PATH)
        site = site.replace('127.0.0.1:8081', '127.0.0.1:%d' % backends[0])
        site = site.replace('127.0.0.1:8082', '127.0.0.1:%d' % backends[1])
        config = tmp_path / 'nginx.conf'
        config.write_text('''
            daemon off;
            pid %(dir)s/nginx.pid;
            error_log %(dir)s/error.log;
            events { worker_connections 256; }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path %(dir)s/body;
                proxy_temp_path %(dir)s/proxy;
                fastcgi_temp_path %(dir)s/fastcgi;
                uwsgi_temp_path %(dir)s/uwsgi;
                scgi_temp_path %(dir)s/scgi;
                %(site)s
            }
        ''' % {'dir': tmp_path, 'site': site})
        with listening:  # nginx has its own copy: if it fails to start, nothing listens
            process = subprocess.Popen([NGINX, '-c', str(config), '-p', str(tmp_path)], text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       pass_fds=[listening.fileno()],
                                       env={**os.environ, 'NGINX': '%d;' % listening.fileno()})
        try:  # the page, from nginx itself (connections wait in the socket's queue till it accepts)
            urllib.request.urlopen('http://127.0.0.1:%d/' % port, timeout=30).close()
        except OSError as error:
            process.kill()
            log = tmp_path / 'error.log'
            raise AssertionError('nginx does not serve (%s): %s%s' % (
                error, process.communicate(timeout=10)[0], log.read_text() if log.exists() else '')) from None
        processes.append(process)
        return port

    yield start
    for process in processes:
        process.terminate()
        process.communicate(timeout=10)


def start_backend(run_app, processes=1, route=None, backends=None):
    process = run_app(ROOT / 'test' / 'apps' / 'deploy_app.py', args=[processes],
                      env={'PYWEBIO_ROUTE': route} if route else None)
    port = listening_port(process)
    if backends is not None:
        backends.append(process)
    return port


def serve_session(page, url, name, proxy=None):
    page.goto(url)
    page.get_by_label("What's your name?").fill(name)
    if proxy is not None:  # the connection drops before the person submits
        proxy.down('rst')
        expect(page.get_by_role('status')).to_have_text('Reconnecting…')
        proxy.up()
        expect(page.get_by_text('Reconnecting…')).to_have_count(0)
    page.get_by_role('button', name='Submit').click()
    greeting = page.get_by_text(re.compile('Hello, %s, from process' % name))
    expect(greeting).to_be_visible()
    return int(greeting.inner_text().rsplit(' ', 1)[1])


def test_sessions_through_nginx_reach_both_backends(run_app, nginx, new_page):
    port = nginx([start_backend(run_app), start_backend(run_app)])
    pids = {serve_session(new_page(), 'http://127.0.0.1:%d/' % port, name) for name in 'ABCD'}
    assert len(pids) == 2  # round robin over the two backend processes


def test_a_dropped_session_resumes_on_its_own_backend_through_nginx(run_app, nginx, new_page):
    port = nginx([start_backend(run_app, route='b1'), start_backend(run_app, route='b2')])
    with FlakyProxy(port) as proxy:
        # round robin alone would send every resume to the other backend, which would refuse it
        pids = {serve_session(new_page(), proxy.url, name, proxy) for name in 'AB'}
    assert len(pids) == 2


def test_a_resume_that_reaches_another_process_is_relayed_to_its_session(run_app):
    backends = []
    port = start_backend(run_app, processes=2, backends=backends)
    routes = set()
    for attempt in range(20):
        with WebIOClient('ws://127.0.0.1:%d/io' % port) as client:
            form = client.expect('input_group')
            routes.add(client.session_key.split('.')[0])
            for _ in range(3):  # each new connection goes to either process
                client.drop()
                client.resume()
            client.submit(form, {'data': 'R%d' % attempt})
            assert client.expect('output')['spec']['content'].startswith('Hello, R%d, from process' % attempt)
        if len(routes) == 2 and attempt >= 4:
            break
    assert routes == {'0-0', '0-1'}
    os.killpg(backends[0].pid, signal.SIGTERM)
    assert 'relaying a resumed session' in output_of(backends[0])


def test_one_port_served_by_two_processes(run_app, new_page):
    port = start_backend(run_app, processes=2)
    pids = set()
    for attempt in range(20):
        pids.add(serve_session(new_page(), 'http://127.0.0.1:%d/' % port, 'P%d' % attempt))
        if len(pids) == 2:
            break
    assert len(pids) == 2


def test_uploads_through_nginx_reach_their_session_on_any_backend_and_process(run_app, nginx, new_page, tmp_path):
    """docs/deploy.md's configuration, unchanged: nginx's default client_max_body_size (1 MiB)
    passes every chunk, and each chunk reaches the backend, then the process, that holds the form
    (routed by nginx on the key's route, then relayed between the processes of a backend)."""
    port = nginx([start_backend(run_app, processes=2, route='b1'), start_backend(run_app, processes=2, route='b2')])
    content = os.urandom(24 * 1024 * 1024)
    path = tmp_path / 'upload.bin'
    path.write_bytes(content)
    expected = hashlib.sha256(content).hexdigest()
    pids = set()
    for attempt in range(8):
        page = new_page()
        page.goto('http://127.0.0.1:%d/?app=upload' % port)
        page.get_by_label('A file').set_input_files(str(path))
        page.get_by_role('button', name='Submit').click()
        got = page.get_by_text(re.compile('^Got %s, from process \\d+$' % expected))
        expect(got).to_be_visible(timeout=30_000)
        pids.add(int(got.inner_text().rsplit(' ', 1)[1]))
        if len(pids) >= 3:
            break
    assert len(pids) >= 3  # both backends, and both processes of one at least

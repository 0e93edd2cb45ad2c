"""docs/deploy.md's nginx configuration, run for real: nginx from Debian's packages on 127.0.0.1
in front of two server processes, and sessions completed through it in Chromium."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pywebio import STATIC_PATH
from test.helpers import accepts, free_port, wait_for

ROOT = Path(__file__).parents[2]
NGINX = shutil.which('nginx') or '/usr/sbin/nginx'


def documented_config() -> str:
    text = (ROOT / 'docs' / 'deploy.md').read_text()
    return re.search(r'```nginx\n(.*?)```', text, re.S).group(1)


@pytest.fixture
def nginx(tmp_path):
    """``nginx(backend_ports)`` starts nginx with the documented configuration; returns its port."""
    processes = []

    def start(backends):
        port = free_port()
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
        process = subprocess.Popen([NGINX, '-c', str(config), '-p', str(tmp_path)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        processes.append(process)
        wait_for(lambda: accepts(port) or process.poll() is not None, what='nginx to listen')
        assert process.poll() is None, process.communicate()[0]
        return port

    yield start
    for process in processes:
        process.terminate()
        process.communicate(timeout=10)


def start_backend(run_app, processes=1):
    port = free_port()
    process = run_app(ROOT / 'test' / 'apps' / 'deploy_app.py', args=[port, processes])
    wait_for(lambda: accepts(port) or process.poll() is not None, what='a backend to listen')
    assert process.poll() is None
    return port


def serve_session(page, url, name):
    page.goto(url)
    page.get_by_label("What's your name?").fill(name)
    page.get_by_role('button', name='Submit').click()
    greeting = page.get_by_text(re.compile('Hello, %s, from process' % name))
    expect(greeting).to_be_visible()
    return int(greeting.inner_text().rsplit(' ', 1)[1])


def test_sessions_through_nginx_reach_both_backends(run_app, nginx, new_page):
    port = nginx([start_backend(run_app), start_backend(run_app)])
    pids = {serve_session(new_page(), 'http://127.0.0.1:%d/' % port, name) for name in 'ABCD'}
    assert len(pids) == 2  # round robin over the two backend processes


def test_one_port_served_by_two_processes(run_app, new_page):
    port = start_backend(run_app, processes=2)
    pids = set()
    for attempt in range(20):
        pids.add(serve_session(new_page(), 'http://127.0.0.1:%d/' % port, 'P%d' % attempt))
        if len(pids) == 2:
            break
    assert len(pids) == 2

"""A session survives a dropped connection in Chromium: the page reaches the server through a proxy
that the test breaks (RST or FIN both ways, or silence), resumes, and nothing is lost or done twice."""
import hashlib
import os
import threading
import time

import pytest
from playwright.sync_api import expect

from pywebio.input import file_upload, input
from pywebio.output import put_buttons, put_text
from pywebio.platform import resume
from pywebio.session import hold
from test.apps.recorded import greet
from test.flaky_network import FlakyProxy
from test.helpers import serve_platform, wait_for

SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


@pytest.mark.parametrize('platform, how', [('tornado', 'rst'), ('tornado', 'fin'), ('aiohttp', 'rst'),
                                           ('fastapi', 'fin')])
def test_a_drop_in_the_middle_of_input_loses_nothing(platform, how, page):
    seen = []
    with serve_platform(platform, greet(seen)) as server, FlakyProxy(server.port) as proxy:
        page.goto(proxy.url)
        field = page.get_by_label('Your name')
        field.fill('Ann')
        proxy.down(how)
        # offline: the page says so, keeps what was typed, and will not submit
        expect(page.get_by_role('status')).to_have_text('Reconnecting…')
        submit = page.get_by_role('button', name='Submit')
        expect(submit).to_be_disabled()
        field.press('Enter')
        expect(field).to_have_value('Ann')
        proxy.up()
        expect(page.get_by_text('Reconnecting…')).to_have_count(0)
        expect(submit).to_be_enabled()
        submit.click()
        expect(page.get_by_text('Hello, Ann')).to_be_visible()
        expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
        wait_for(lambda: 'deferred' in seen)
    assert seen == ['Ann', 'deferred']  # the script never saw the drop


def test_the_reconnecting_notice_is_in_chinese_in_a_chinese_browser(serve_app, new_page):
    page = new_page(locale='zh-CN')
    server = serve_app(greet([]))
    with FlakyProxy(server.port) as proxy:
        page.goto(proxy.url)
        expect(page.get_by_label('Your name')).to_be_visible()
        proxy.down()
        expect(page.get_by_role('status')).to_have_text('正在重新连接…')
        proxy.up()
        expect(page.get_by_text('正在重新连接…')).to_have_count(0)


@pytest.mark.parametrize('platform, how', [('tornado', 'rst'), ('aiohttp', 'fin')])
def test_a_drop_during_a_burst_of_10000_outputs_loses_and_repeats_nothing(platform, how, page):
    def task():
        input('Go')
        for i in range(10_000):
            put_text(i)
            if i % 250 == 0:
                time.sleep(0.02)  # a burst that lasts long enough to be cut in the middle
        put_text('done')

    with serve_platform(platform, task) as server, FlakyProxy(server.port) as proxy:
        page.goto(proxy.url)
        page.get_by_label('Go').press('Enter')
        expect(page.get_by_text('2000', exact=True)).to_be_attached()
        proxy.cut(how)
        expect(page.get_by_text('done', exact=True)).to_be_attached(timeout=20_000)
        assert proxy.connections >= 4  # the page, its assets, the first socket and the resumed one
        texts = page.locator('#output-container').evaluate(
            'box => Array.from(box.querySelectorAll("p, span, div.pywebio-text, pre"), e => e.textContent)')
        numbers = [text for text in texts if text.isdigit() or text == 'done']
        assert numbers == [str(i) for i in range(10_000)] + ['done']


@pytest.mark.parametrize('platform', ['tornado', 'aiohttp', 'fastapi'])
def test_a_drop_during_a_file_upload_delivers_the_file_once(platform, page, tmp_path):
    received = []

    def task():
        upload = file_upload('A file')
        received.append(upload['content'])
        put_text('got %d bytes' % len(upload['content']))

    content = os.urandom(24 * 1024 * 1024)
    path = tmp_path / 'big.bin'
    path.write_bytes(content)
    with serve_platform(platform, task, max_payload_size='32M') as server, \
            FlakyProxy(server.port, upload_rate=16 << 20) as proxy:  # an upload of about 1.5 s
        page.goto(proxy.url)
        page.get_by_label('A file').set_input_files(str(path))
        sent = proxy.bytes_to_server
        page.get_by_role('button', name='Submit').click()
        wait_for(lambda: proxy.bytes_to_server > sent + 6_000_000, what='a quarter of the upload')
        connections = proxy.connections
        proxy.cut('rst')
        expect(page.get_by_text('got %d bytes' % len(content))).to_be_visible(timeout=30_000)
        assert proxy.connections > connections  # the rest went on the resumed connection
    assert len(received) == 1 and hashlib.sha256(received[0]).digest() == hashlib.sha256(content).digest()


@pytest.mark.parametrize('platform', ['tornado', 'aiohttp', 'fastapi'])
def test_a_callback_in_flight_at_the_drop_runs_once_and_its_output_arrives(platform, page):
    clicks = []
    running = threading.Event()
    proceed = threading.Event()

    def on_click(_):
        clicks.append(1)
        running.set()
        proceed.wait(10)
        put_text('callback %d done' % len(clicks))

    def task():
        put_buttons(['Run'], onclick=on_click)
        hold()

    with serve_platform(platform, task) as server, FlakyProxy(server.port) as proxy:
        page.goto(proxy.url)
        page.get_by_role('button', name='Run').click()
        assert running.wait(10)
        proxy.down('rst')
        expect(page.get_by_role('status')).to_have_text('Reconnecting…')
        proceed.set()  # the callback ends and outputs while the session is detached
        page.get_by_role('button', name='Run').click()  # a click while offline: sent once, on resume
        proxy.up()
        expect(page.get_by_text('callback 2 done')).to_be_visible()
        expect(page.get_by_text('callback 1 done')).to_have_count(1)
    assert len(clicks) == 2


def test_closing_the_tab_ends_the_session_at_once(serve_app, page):
    seen = []
    server = serve_app(greet(seen))  # the default reconnect_timeout: 60 s
    page.goto(server.url)
    expect(page.get_by_label('Your name')).to_be_visible()
    started = time.monotonic()
    page.close()
    wait_for(lambda: len(seen) == 2, timeout=10)
    assert sorted(seen) == ['closed', 'deferred']
    assert time.monotonic() - started < 10


def test_after_the_reconnect_timeout_the_page_says_the_session_is_over(serve_app, page):
    seen = []
    server = serve_app(greet(seen), reconnect_timeout=1)
    with FlakyProxy(server.port) as proxy:
        page.goto(proxy.url)
        expect(page.get_by_label('Your name')).to_be_visible()
        proxy.down('fin')
        expect(page.get_by_role('status')).to_have_text('Reconnecting…')
        wait_for(lambda: len(seen) == 2, timeout=10)  # the server ended the session
        proxy.up()  # the page's next try is refused, or it gave up already
        expect(page.get_by_role('status')).to_have_text(SESSION_OVER, timeout=15_000)
        expect(page.get_by_role('button', name='Submit')).to_be_disabled()
    assert sorted(seen) == ['closed', 'deferred']


def test_a_silent_network_is_found_by_the_ping_on_both_sides(serve_app, page, monkeypatch):
    monkeypatch.setattr(resume, 'PING_INTERVAL', 0.5)
    seen = []
    server = serve_app(greet(seen))
    with FlakyProxy(server.port) as proxy:
        page.goto(proxy.url)
        page.get_by_label('Your name').fill('Eve')
        proxy.blackhole()  # no FIN, no RST: a NAT that forgot the connection
        expect(page.get_by_role('status')).to_have_text('Reconnecting…', timeout=5_000)
        proxy.up()
        expect(page.get_by_text('Reconnecting…')).to_have_count(0, timeout=15_000)
        page.get_by_role('button', name='Submit').click()
        expect(page.get_by_text('Hello, Eve')).to_be_visible()
    assert seen[0] == 'Eve'

"""pywebio.auth in Chromium: the login form, the HttpOnly cookie that remembers the person, its
expiry, the bound on failed attempts, logout, forged cookies, a dropped connection, two processes,
two backends behind nginx sharing the secret, and every other platform."""
import json
import re
import time

import pytest
from playwright.sync_api import expect
from tornado.web import create_signed_value

from pywebio.platform.auth import COOKIE_NAME, FAILED_LOGINS
from test.apps.login_app import main
from test.browser.test_deploy import ROOT, nginx  # noqa: F401  (the fixture)
from test.flaky_network import FlakyProxy
from test.helpers import listening_port, stop_program

SECRET = 'test-secret-of-forty-characters-or-more-0123'
OTHER_SECRET = 'another-secret-of-forty-characters-or-more-9'
HELLO = re.compile(r'Hello, ann, from process (\d+)')


@pytest.fixture(autouse=True)
def no_failures_yet():
    FAILED_LOGINS.clear()  # the servers in this process count the failures of 127.0.0.1 here
    yield
    FAILED_LOGINS.clear()


def submit(page, password, username='ann'):
    page.get_by_label('Username').fill(username)
    page.get_by_label('Password').fill(password)
    page.get_by_role('button', name='Submit').click()


def log_in(page, url):
    page.goto(url)
    submit(page, 'right horse')
    expect(page.get_by_text(HELLO)).to_be_visible()


def greeted_without_form(page, url):
    """Open ``url``: the page greets ann at once (no form); returns the process that served it."""
    page.goto(url)
    greeting = page.get_by_text(HELLO)
    expect(greeting.or_(page.get_by_label('Username'))).to_be_visible()
    expect(page.get_by_label('Username')).to_have_count(0)
    return int(HELLO.search(greeting.inner_text()).group(1))


def processes_greeting(page, url, tries):
    """Open new pages of ``page``'s browser until two processes have served one (at most ``tries``):
    each must greet ann at once. Returns the processes seen."""
    pids = set()
    for _ in range(tries):
        fresh = page.context.new_page()
        pids.add(greeted_without_form(fresh, url))
        fresh.close()
        if len(pids) == 2:
            break
    return pids


def login_cookie(context):
    return [cookie for cookie in context.cookies() if cookie['name'] == COOKIE_NAME]


def start_login_app(run_app, platform='tornado', secret=SECRET, env=None, **options):
    env = {'PYWEBIO_TEST_OPTIONS': json.dumps(options), **(env or {})}
    if secret is not None:
        env['PYWEBIO_LOGIN_SECRET'] = secret
    process = run_app(ROOT / 'test' / 'apps' / 'login_app.py', args=[platform], env=env)
    return process, listening_port(process)


def test_a_wrong_password_is_refused_with_a_message_at_the_form(serve_app, page):
    server = serve_app(main, login_secret=SECRET)
    page.goto(server.url)
    submit(page, 'wrong horse')
    expect(page.get_by_text('Wrong username or password.')).to_be_visible()
    expect(page.get_by_text(HELLO)).to_have_count(0)
    assert login_cookie(page.context) == []


def test_the_right_password_logs_in_and_a_new_page_knows_the_user(serve_app, page):
    server = serve_app(main, login_secret=SECRET)
    log_in(page, server.url)
    [cookie] = login_cookie(page.context)
    assert cookie['httpOnly'] and cookie['sameSite'] == 'Strict' and cookie['path'] == '/io'
    assert not cookie['secure']  # plain http here
    assert COOKIE_NAME not in page.evaluate('document.cookie')  # no script of the page reads it
    page.get_by_role('button', name='Who am I').click()
    expect(page.get_by_text('You are ann')).to_be_visible()  # session.info.user
    greeted_without_form(page.context.new_page(), server.url)


def test_after_five_failures_the_form_says_to_wait_and_checks_nothing(serve_app, page):
    server = serve_app(main, login_secret=SECRET)
    page.goto(server.url)
    for attempt in range(FAILED_LOGINS.limit):
        submit(page, 'wrong %d' % attempt)
        expect(page.get_by_text('Wrong username or password.')).to_be_visible()
    submit(page, 'right horse')  # the right one too: verify is not even called
    expect(page.get_by_text(re.compile(r'Too many failed attempts\. Please wait \d+ seconds'))).to_be_visible()
    expect(page.get_by_text(HELLO)).to_have_count(0)


def test_a_login_expires_after_login_expire_seconds(serve_app, page):
    # the signature's timestamp is in whole seconds: a login of 3 s lasts between 2 and 3
    server = serve_app(main, login_secret=SECRET, login_expire_seconds=3)
    log_in(page, server.url)
    logged_in_at = time.monotonic()
    greeted_without_form(page.context.new_page(), server.url)
    while True:  # each new page greets ann until the login has expired, then asks again
        fresh = page.context.new_page()
        fresh.goto(server.url)
        expect(fresh.get_by_text(HELLO).or_(fresh.get_by_label('Username'))).to_be_visible()
        if fresh.get_by_label('Username').count():
            break
        fresh.close()
        assert time.monotonic() - logged_in_at < 15, 'the login did not expire'
    assert time.monotonic() - logged_in_at >= 1.5


def test_logout_makes_the_next_page_ask_again(serve_app, page):
    server = serve_app(main, login_secret=SECRET)
    log_in(page, server.url)
    page.get_by_role('button', name='Log out').click()
    expect(page.get_by_text('Logged out: None')).to_be_visible()
    assert login_cookie(page.context) == []
    fresh = page.context.new_page()
    fresh.goto(server.url)
    expect(fresh.get_by_label('Username')).to_be_visible()


def test_a_forged_tampered_or_stale_cookie_is_refused(serve_app, page):
    server = serve_app(main, login_secret=SECRET, login_expire_seconds=3600)
    genuine = create_signed_value(SECRET, COOKIE_NAME, json.dumps('ann')).decode()
    version, key, stamp, name, value, signature = genuine.split('|')
    bob = create_signed_value(SECRET, COOKIE_NAME, json.dumps('bob')).decode().split('|')[4]
    forged = {
        'a bare name': 'ann',
        'another user with the signature of ann': '|'.join([version, key, stamp, name, bob, signature]),
        'another secret': create_signed_value(OTHER_SECRET, COOKIE_NAME, json.dumps('ann')).decode(),
        'a ticket': create_signed_value(SECRET, 'pywebio_login_ticket', json.dumps({'user': 'ann', 'id': 'x'})).decode(),
        'older than the expiry': create_signed_value(SECRET, COOKIE_NAME, json.dumps('ann'),
                                                     clock=lambda: time.time() - 7200).decode(),
    }
    for what, value in forged.items():
        page.context.clear_cookies()
        page.context.add_cookies([{'name': COOKIE_NAME, 'value': value, 'domain': '127.0.0.1', 'path': '/io'}])
        page.goto(server.url)
        expect(page.get_by_label('Username'), what).to_be_visible()
    page.context.add_cookies([{'name': COOKIE_NAME, 'value': genuine, 'domain': '127.0.0.1', 'path': '/io'}])
    greeted_without_form(page, server.url)  # and the genuine one passes


def test_a_session_keeps_its_user_through_a_dropped_connection(serve_app, page):
    server = serve_app(main, login_secret=SECRET)
    with FlakyProxy(server.port) as proxy:
        log_in(page, proxy.url)
        proxy.down('rst')
        expect(page.get_by_role('status')).to_have_text('Reconnecting…')
        proxy.up()
        expect(page.get_by_text('Reconnecting…')).to_have_count(0)
        page.get_by_role('button', name='Who am I').click()
        expect(page.get_by_text('You are ann')).to_be_visible()


def test_two_processes_share_the_login_and_its_random_secret(run_app, page):
    process, port = start_login_app(run_app, secret=None, processes=2)
    url = 'http://127.0.0.1:%d/' % port
    log_in(page, url)
    assert len(processes_greeting(page, url, tries=20)) == 2  # each new session goes to either process
    assert 'no login secret was given' in stop_program(process)  # said when ann logged in


def test_two_backends_behind_nginx_share_the_login(run_app, nginx, page):  # noqa: F811
    ports = [start_login_app(run_app, env={'PYWEBIO_ROUTE': route})[1] for route in ('b1', 'b2')]
    url = 'http://127.0.0.1:%d/' % nginx(ports)
    log_in(page, url)
    assert len(processes_greeting(page, url, tries=8)) == 2  # round robin: sessions alternate


@pytest.mark.parametrize('platform', ['aiohttp', 'fastapi', 'flask', 'django', 'tornado_http'])
def test_every_platform_logs_in_and_out(platform, run_app, page):
    url = 'http://127.0.0.1:%d/' % start_login_app(run_app, platform)[1]
    page.goto(url)
    submit(page, 'wrong horse')
    expect(page.get_by_text('Wrong username or password.')).to_be_visible()
    submit(page, 'right horse')
    expect(page.get_by_text(HELLO)).to_be_visible()
    [cookie] = login_cookie(page.context)
    assert cookie['httpOnly'] and cookie['sameSite'] == 'Strict' and cookie['path'] == '/io'
    fresh = page.context.new_page()
    greeted_without_form(fresh, url)
    fresh.get_by_role('button', name='Log out').click()
    expect(fresh.get_by_text('Logged out: None')).to_be_visible()
    page.goto(url)
    expect(page.get_by_label('Username')).to_be_visible()


def test_the_form_speaks_the_visitors_language(serve_app, new_page):
    page = new_page(locale='de-DE')
    page.goto(serve_app(main, login_secret=SECRET).url)
    expect(page.get_by_role('group', name='Anmelden')).to_be_visible()
    page.get_by_label('Benutzername').fill('ann')
    page.get_by_label('Passwort').fill('wrong horse')
    page.get_by_role('button', name='Absenden').click()
    expect(page.get_by_text('Benutzername oder Passwort ist falsch.')).to_be_visible()

"""pywebio.platform.auth without a server: tickets are used once, the endpoint refuses what a
forged request sends, the cookie says HttpOnly/SameSite/Secure/Path, failures are bounded."""
import json

import pytest
from tornado.web import create_signed_value

from pywebio.platform import auth
from pywebio.platform.auth import COOKIE_NAME, FailedAttempts, LoginService

SECRET = 'a-login-secret-of-at-least-thirty-two-chars'


def same_host(origin, host):
    return origin == 'http://%s' % host


def hand_in(service, ticket, **overrides):
    request = dict(method='POST', origin='http://app.example', host='app.example', content_type='application/json',
                   body=json.dumps({'ticket': ticket}).encode(), path='/tool/io', secure=False,
                   is_origin_allowed=same_host)
    request.update(overrides)
    return service.answer(**request)


def test_a_ticket_sets_the_cookie_once_and_the_cookie_names_the_user():
    service = LoginService(SECRET)
    ticket = service.ticket('ann')
    status, headers, _ = hand_in(service, ticket)
    assert status == 204 and headers['Cache-Control'] == 'no-store'
    cookie = headers['Set-Cookie']
    attributes = cookie.split('; ')
    assert {'HttpOnly', 'SameSite=Strict', 'Path=/tool/io', 'Max-Age=604800'} <= set(attributes)
    assert 'Secure' not in attributes
    assert service.user_of('other=1; ' + attributes[0]) == 'ann'
    assert hand_in(service, ticket).status == 403  # used already


def test_over_https_the_cookie_is_secure_and_a_logout_ticket_clears_it():
    service = LoginService(SECRET, expire_seconds=60)
    cookie = hand_in(service, service.ticket(None), secure=True).headers['Set-Cookie']
    assert cookie.startswith(COOKIE_NAME + '=; Max-Age=0;') and cookie.endswith('; Secure')


@pytest.mark.parametrize('change, status', [
    ({'method': 'GET'}, 405),
    ({'origin': ''}, 403),                        # a browser's POST always says where it comes from
    ({'origin': 'http://evil.example'}, 403),
    ({'content_type': 'text/plain'}, 415),        # a cross-site form cannot send JSON without a preflight
    ({'body': b'not json'}, 400),
    ({'body': None}, 400),                        # longer than MAX_TICKET_BODY
])
def test_the_endpoint_refuses_what_a_page_of_the_app_would_not_send(change, status):
    service = LoginService(SECRET)
    assert hand_in(service, service.ticket('ann'), **change).status == status


def test_forged_tickets_and_cookies_are_refused():
    service = LoginService(SECRET)
    other = LoginService('another-secret-of-at-least-thirty-two-chars')
    assert hand_in(service, other.ticket('ann')).status == 403
    cookie = create_signed_value(SECRET, COOKIE_NAME, json.dumps('ann')).decode()
    assert hand_in(service, cookie).status == 403  # a cookie is no ticket
    ticket = service.ticket('ann')
    assert service.user_of('%s=%s' % (COOKIE_NAME, ticket)) is None  # nor a ticket a cookie
    assert service.user_of('%s=ann' % COOKIE_NAME) is None
    assert service.user_of('') is None


def test_an_old_ticket_is_refused(monkeypatch):
    service = LoginService(SECRET)
    ticket = service.ticket('ann')
    real = auth.decode_signed_value
    monkeypatch.setattr(auth, 'decode_signed_value', lambda *args, **kwargs: real(
        *args, clock=lambda: __import__('time').time() + auth.TICKET_SECONDS + 2, **kwargs))
    assert hand_in(service, ticket).status == 403


def test_secrets_and_expiry_are_checked_at_start(monkeypatch):
    with pytest.raises(ValueError, match='at least 32 characters'):
        LoginService('short')
    with pytest.raises(ValueError, match='login_expire_seconds'):
        LoginService(SECRET, expire_seconds=0)
    monkeypatch.setenv(auth.LOGIN_SECRET_VARIABLE, SECRET)
    from_environment = LoginService()
    assert not from_environment.random_secret
    assert LoginService(SECRET).user_of(
        hand_in(from_environment, from_environment.ticket('ann')).headers['Set-Cookie'].split(';')[0]) == 'ann'
    monkeypatch.delenv(auth.LOGIN_SECRET_VARIABLE)
    assert LoginService().random_secret


def test_failed_attempts_are_bounded_per_address_for_a_window(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(auth.time, 'monotonic', lambda: now[0])
    failures = FailedAttempts(limit=3, window=60)
    for _ in range(3):
        assert failures.wait_seconds('192.0.2.1') == 0
        failures.failed('192.0.2.1')
    assert failures.wait_seconds('192.0.2.1') == 60
    assert failures.wait_seconds('192.0.2.2') == 0  # another address
    assert failures.wait_seconds('2001:db8::1') == 0
    now[0] += 45
    assert failures.wait_seconds('192.0.2.1') == 15
    now[0] += 15
    assert failures.wait_seconds('192.0.2.1') == 0
    failures.failed('127.0.0.1')  # loopback clients share one budget
    failures.failed('::1')
    failures.failed('127.0.0.2')
    assert failures.wait_seconds('127.0.0.1') > 0

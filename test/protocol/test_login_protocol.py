"""pywebio.auth over a WebSocket client: an async def task logs in and out, the endpoint of a real
server refuses a request without the page's Origin, and a cookie sent with the handshake logs the
session in from its start."""
import json
import urllib.error
import urllib.request

import pytest

from pywebio.auth import login, logout
from pywebio.output import put_text
from pywebio.platform.auth import FAILED_LOGINS, LoginService
from pywebio.session import info
from pywebio.testing import serve

SECRET = 'a-login-secret-of-at-least-thirty-two-chars'


@pytest.fixture(autouse=True)
def no_failures_left_behind():
    yield
    FAILED_LOGINS.clear()  # the wrong password below counts for 127.0.0.1 in this process


def verify(username, password):
    return (username, password) == ('ann', 'right horse')


async def coroutine_task():
    user = await login(verify)
    put_text('in: %s %s' % (user, info.user))
    await logout()
    put_text('out: %s' % info.user)


def hand_in(url, ticket, origin):
    request = urllib.request.Request(url + 'io?pywebio_login', data=json.dumps({'ticket': ticket}).encode(),
                                     headers={'Content-Type': 'application/json', **({'Origin': origin} if origin else {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers.get('Set-Cookie')
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get('Set-Cookie')


def test_a_coroutine_task_logs_in_and_out_through_login_cookie_commands():
    with serve(coroutine_task, login_secret=SECRET) as server, server.connect() as client:
        form = client.expect('input_group')
        client.submit(form, {'username': 'ann', 'password': 'wrong'})
        assert client.expect('update_input')['spec']['invalid_feedback'] == 'Wrong username or password.'
        client.submit(form, {'username': 'ann', 'password': 'right horse'})
        command = client.expect('login_cookie')
        host = server.url.split('/')[2]
        status, cookie = hand_in(server.url, command['spec']['ticket'], origin=None)
        assert status == 403 and cookie is None  # no Origin: not a page of the app
        status, cookie = hand_in(server.url, command['spec']['ticket'], origin='http://' + host)
        assert status == 204 and 'HttpOnly' in cookie
        client.send({'event': 'login_cookie', 'task_id': command['task_id'], 'data': {'ok': True, 'status': 204}})
        assert client.expect('output')['spec']['content'] == 'in: ann ann'
        logout_command = client.expect('login_cookie')
        client.send({'event': 'login_cookie', 'task_id': logout_command['task_id'], 'data': {'ok': True, 'status': 204}})
        assert client.expect('output')['spec']['content'] == 'out: None'

        cookie_value = cookie.split(';')[0]
        assert LoginService(SECRET).user_of(cookie_value) == 'ann'
        with server.connect(headers={'Cookie': cookie_value}) as known:  # the handshake carries it
            assert known.expect('output')['spec']['content'] == 'in: ann ann'



def test_start_server_refuses_a_large_body_before_reading_it(run_app):
    # a body announced larger than MAX_REQUEST_BODY is refused at its head: the server answers
    # without waiting for (or keeping) a byte of it. Unbounded, Tornado would wait for the body.
    import socket
    from pywebio.platform.tornado import MAX_REQUEST_BODY
    from test.helpers import ROOT, listening_port
    process = run_app(ROOT / 'test' / 'apps' / 'login_app.py', env={'PYWEBIO_LOGIN_SECRET': SECRET})
    port = listening_port(process)
    for size in (MAX_REQUEST_BODY + 1, 50 * 1024 * 1024):
        with socket.create_connection(('127.0.0.1', port), timeout=5) as connection:
            connection.sendall(b'POST /?pywebio_login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n'
                               b'Content-Type: application/json\r\nContent-Length: %d\r\n\r\n{' % (port, size))
            assert connection.recv(64).startswith(b'HTTP/1.1 400'), size  # a timeout here: it waited
    with urllib.request.urlopen('http://127.0.0.1:%d/' % port, timeout=10) as page:  # still serving
        assert page.status == 200

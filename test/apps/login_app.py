"""An app behind pywebio.auth.login, served by the start_server of a platform: argv[1] the platform
(default tornado); PYWEBIO_TEST_OPTIONS, a JSON object, holds more arguments of start_server
(processes, login_expire_seconds...); the secret comes from PYWEBIO_LOGIN_SECRET. It listens on a
port of 127.0.0.1 the system picks, which the start-up line says. The person is ``ann``, the
password ``right horse``; the page says who is logged in and which process serves it."""
import hmac
import json
import os
import sys

from pywebio.auth import login, logout
from pywebio.output import put_button, put_text
from pywebio.session import hold, info


def verify(username, password):
    return username == 'ann' and hmac.compare_digest(password.encode(), b'right horse')


def main():
    user = login(verify)
    put_text('Hello, %s, from process %d (%s)' % (user, os.getpid(), info.backend))

    def log_out():
        logout()
        put_text('Logged out: %s' % info.user)

    put_button('Log out', onclick=log_out)
    put_button('Who am I', onclick=lambda: put_text('You are %s' % info.user))
    hold()


if __name__ == '__main__':
    platform = sys.argv[1] if len(sys.argv) > 1 else 'tornado'
    options = dict(port=0, host='127.0.0.1', **json.loads(os.environ.get('PYWEBIO_TEST_OPTIONS', '{}')))
    if platform == 'tornado':
        from pywebio.platform.tornado import start_server
    else:
        start_server = __import__('pywebio.platform.' + platform, fromlist=['start_server']).start_server
    start_server(main, **options)

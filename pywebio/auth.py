"""Log people in: a login form checked by your function, remembered by a cookie no script can read.

::

    import hmac
    from pywebio import start_server
    from pywebio.auth import login, logout
    from pywebio.output import put_button, put_text
    from pywebio.session import info

    PASSWORDS = {'ann': 's3cret'}   # in a real app: hashes, from a database

    def verify(username, password):
        expected = PASSWORDS.get(username, '')
        return hmac.compare_digest(password.encode(), expected.encode()) and bool(expected)

    def main():
        user = login(verify)                  # at once when the cookie says who it is
        put_text('Hello, %s' % user)          # info.user is the same name
        put_button('Log out', onclick=logout)

    start_server(main, port=8080, login_secret='...')   # or PYWEBIO_LOGIN_SECRET

- `login` returns the name of the person logged in. A session opened by a browser that logged in
  before (within ``login_expire_seconds``, 7 days by default) knows it from its start, in
  `pywebio.session.info` ``.user``, and `login` returns it at once; otherwise `login` shows a form
  (name, password, Submit), calls ``verify(username, password)``, and repeats with a message
  until it returns true. Failed attempts are limited per client address: after 5 in a minute
  the form says how long to wait, without calling ``verify``.
- The browser is then given a cookie that keeps the login: ``HttpOnly`` (scripts of the page
  cannot read it), ``SameSite=Strict``, ``Secure`` over HTTPS, signed with the server's
  ``login_secret``. The page never holds it: the server hands the page a one-use ticket valid
  for a minute, which the page exchanges for the cookie at once (docs/protocol.md, *Logging in*;
  docs/deploy.md for the secret and what an attacker can and cannot do).
- `logout` forgets the login, in this session and in the browser: the next page asks again.

In a coroutine-based session (an ``async def`` task), write ``await login(verify)`` and
``await logout()``. Script mode has no login (it serves one local person): `login` raises
``RuntimeError`` there.
"""
import logging
import math
from typing import Any, Callable, Dict, Optional

from . import input as _inputs
from ._form import form_steps
from ._languages import language_of, messages_for, say
from .platform.auth import LoginService, login_service_of
from .session import get_current_session
from .session.base import Interaction, ProtocolError, Session

logger = logging.getLogger(__name__)

__all__ = ['login', 'logout']


def _service(session: Session, function: str) -> LoginService:
    service = login_service_of(session.info)
    if service is None:
        raise RuntimeError('%s() needs a server: script mode has no login. Serve the app with '
                           'start_server(main, login_secret=...)' % function)
    return service


def login(verify: Callable[[str, str], Any], *, title: Optional[str] = None) -> Any:
    """Return the name of the person logged in; ask for it first if nobody is.

    :param verify: ``verify(username, password) -> bool``: whether the password is right. Compare
        secrets in constant time (``hmac.compare_digest``, or your password hasher's own check).
        It runs in the session (a coroutine-based session: on the event loop, so keep it quick).
    :param title: the form's title (default *Log in*, in the page's language).
    :return: the user name (a ``str``), also in ``pywebio.session.info.user`` from now on. In a
        coroutine-based session, an awaitable of it.
    :raises RuntimeError: in script mode, which has no login.

    The form has a *Username* and a *Password* field and a *Submit* button; a wrong password is
    answered with *Wrong username or password.* at the password field. After
    ``pywebio.platform.auth.FAILED_LOGINS.limit`` (5) failures from one client address within
    its ``window`` (60 s), further attempts are refused with a message saying how long to wait,
    without calling ``verify``. Once ``verify`` returns true, the browser stores the login cookie
    before `login` returns, so that every page opened later knows the user.

    Example::

        user = login(lambda name, password: name == 'admin' and hmac.compare_digest(password, SECRET))
    """
    if not callable(verify):
        raise TypeError('login(): verify must be a function verify(username, password) -> bool, got %r'
                        % (verify,))
    if title is not None and not isinstance(title, str):
        raise TypeError('login(): title must be a string, got %r' % (title,))
    session = get_current_session()
    service = _service(session, 'login')
    return session.run_interaction(_login_steps(session, service, verify, title), 'login')


def logout() -> Any:
    """Forget the login: ``pywebio.session.info.user`` becomes ``None`` and the browser's login
    cookie is cleared, so the next page asks again (sessions already open in other tabs keep
    their user until they end).

    Returns once the browser has cleared the cookie (in a coroutine-based session, an awaitable).
    It may be a button's callback: ``put_button('Log out', onclick=logout)``.
    """
    session = get_current_session()
    service = _service(session, 'logout')

    def steps() -> Interaction:
        yield from _cookie_steps(session, service.ticket(None))
        session.info.user = None

    return session.run_interaction(steps(), 'logout')


def _login_steps(session: Session, service: LoginService, verify: Callable[[str, str], Any],
                 title: Optional[str]) -> Interaction:
    if session.info.user is not None:
        return session.info.user
    words = messages_for(language_of(session))
    address = session.info.user_ip or ''

    def check(values: Dict[str, Any]) -> Optional[tuple]:
        wait = service.failures.wait_seconds(address)
        if wait > 0:
            return 'password', say(words, 'login_wait', n=max(1, math.ceil(wait)))
        if verify(values['username'], values['password']):
            return None
        service.failures.failed(address)
        return 'password', words['wrong_login']

    items = [_inputs.input(words['username'], name='username', required=True, maxlength=256,
                           autocomplete='username'),
             _inputs.input(words['password'], name='password', type=_inputs.PASSWORD, required=True,
                           autocomplete='current-password')]
    for item in items:
        item.placed = True  # in the login form below, not forgotten items of an input_group
    values = yield from form_steps(session, words['log_in'] if title is None else title, items, check,
                                   cancelable=False)
    user = values['username']
    yield from _cookie_steps(session, service.ticket(user))
    session.info.user = user
    return user


def _cookie_steps(session: Session, ticket: str) -> Interaction:
    """Hand the page a ticket (docs/protocol.md, ``login_cookie``) and wait until it has been
    exchanged for the cookie (or the exchange failed: logged; the session goes on)."""
    task_id = session.open_task()
    try:
        session.send_task_command({'command': 'login_cookie', 'task_id': task_id, 'spec': {'ticket': ticket}})
        event = yield task_id
        data = event.get('data')
        if event.get('event') != 'login_cookie' or not isinstance(data, dict) or not isinstance(data.get('ok'), bool):
            raise session.abort(ProtocolError('expected a login_cookie event, got %r' % (event,)))
        if not data['ok']:
            logger.warning('the page could not exchange its login ticket for the cookie (%s): the login '
                           'holds for this session only', data.get('status'))
    finally:
        session.close_task(task_id)

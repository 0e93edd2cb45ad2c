"""Where the guide's API and PyWebIO 1.x's disagree, which meaning a program gets.

A few calls mean different things in the two APIs (docs/compat.md lists them all): a plain string
in a `put_table` cell or a popup is HTML in the guide and text in 1.x. The guide's meaning is the
default. A 1.x program gets 1.x's meaning by one call at its top, or by an environment variable
set before it starts::

    import pywebio
    pywebio.set_api('1.x')

    PYWEBIO_API=1.x python3 my_app.py

The setting is for the whole process: every session of the server follows it.
"""
import os

_APIS = ('guide', '1.x')
_api = os.environ.get('PYWEBIO_API', 'guide').strip() or 'guide'
if _api not in _APIS:
    raise ValueError('the environment variable PYWEBIO_API must be %s, got %r' % (' or '.join(map(repr, _APIS)), _api))


def set_api(api: str) -> None:
    """Choose the meaning of the calls where the guide and PyWebIO 1.x disagree.

    :param api: ``'guide'`` (the default) or ``'1.x'``. With ``'1.x'``, plain strings in
        `put_table` cells, `popup` content and the content of containers are shown as text, not
        HTML; `put_markdown` removes the common indentation of its text by default; and a session
        whose task function has returned stays open while callbacks (buttons, clickable outputs,
        pin callbacks) can still fire, until the browser goes away (the guide ends it, and asks
        for `pywebio.session.hold`). The environment variable ``PYWEBIO_API`` sets the same
        before the program starts.
    """
    global _api
    if api not in _APIS:
        raise ValueError('set_api(): api must be %s, got %r' % (' or '.join(map(repr, _APIS)), api))
    _api = api


def get_api() -> str:
    """``'guide'`` or ``'1.x'``: see `set_api`."""
    return _api


def is_1x() -> bool:
    """Whether the 1.x semantics are on."""
    return _api == '1.x'


def strings_are_text() -> bool:
    """1.x: plain strings in table cells, popups and containers are text, not HTML."""
    return _api == '1.x'


def sessions_wait_for_callbacks() -> bool:
    """1.x: a session whose task returned stays open while callbacks are registered."""
    return _api == '1.x'

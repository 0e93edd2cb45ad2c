"""Exceptions that a PyWebIO script may see.

The hierarchy is small on purpose::

    SessionException                 anything about a session's life
    ├── SessionNotFoundException     the calling code is not inside a session
    └── SessionClosedException       the session has ended (the browser closed, or the task did)

`JavaScriptError` is apart: `pywebio.session.eval_js` raises it when the browser's code throws.

A script can catch :class:`SessionException` to stop cleanly when the person closes the tab.
"""


class SessionException(Exception):
    """Base class of the exceptions about a session's life."""


class SessionNotFoundException(SessionException):
    """The calling code is not running inside a PyWebIO session.

    Raised in server mode when an interaction function is called outside a task function, for
    example in a thread that was not registered with :func:`pywebio.session.register_thread`.
    """


class SessionClosedException(SessionException):
    """The session has ended, so the browser can no longer be reached.

    Raised in a blocked input function when the person closes the page, and by later interaction
    calls in that session.
    """


class JavaScriptError(RuntimeError):
    """The JavaScript given to `pywebio.session.eval_js` threw an error in the browser."""

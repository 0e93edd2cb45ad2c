"""Apps that record what their session went through, for tests of a session's life."""
from pywebio.exceptions import SessionClosedException
from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import defer_call


def greet(seen):
    """A task that asks a name and greets; ``seen`` gets the name, or 'closed' if the input
    raised `SessionClosedException`, and 'deferred' when its `defer_call` runs."""
    def task():
        defer_call(lambda: seen.append('deferred'))
        try:
            name = input('Your name')
        except SessionClosedException:
            seen.append('closed')
            raise
        put_text('Hello, %s' % name)
        seen.append(name)
    return task

"""The tasks of the apps that mount `webio_handler` as PyWebIO 1.x's own tests 7 and 10 do
(test/apps/handler_pages_tornado.py, test/apps/handler_pages_aiohttp.py): each has a docstring,
whose first line is its page's title, outputs, asks a name, then waits for a button."""
from pywebio.input import actions, input
from pywebio.output import put_text


def target():
    """Threaded greeter

    Says hello from a thread of its own."""
    put_text('A thread-based task')
    name = input("What's your name?")
    put_text('Hello, %s, from a thread' % name)
    actions(buttons=['Continue'])
    put_text('Continued in the thread')


async def async_target():
    """Coroutine greeter

    Says hello from a coroutine."""
    put_text('A coroutine-based task')
    name = await input("What's your name?")
    put_text('Hello, %s, from a coroutine' % name)
    await actions(buttons=['Continue'])
    put_text('Continued in the coroutine')

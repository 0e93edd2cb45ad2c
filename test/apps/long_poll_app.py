"""An app served over HTTP long-polling: argv[1] the platform (tornado_http, flask or django),
argv[2] ``thread`` or ``async`` (a coroutine-based task: its sessions hold no thread, so the
server's thread count shows what the polls themselves hold). The port is one of 127.0.0.1 the
system picks, which the start-up line says."""
import sys

from pywebio.input import input
from pywebio.output import put_text


def greet():
    put_text('Hello, %s' % input('Name'))


async def greet_async():
    put_text('Hello, %s' % await input('Name'))


if __name__ == '__main__':
    platform, kind = sys.argv[1], sys.argv[2]
    if platform == 'tornado_http':
        from pywebio.platform.tornado_http import start_server
    elif platform == 'flask':
        from pywebio.platform.flask import start_server
    else:
        from pywebio.platform.django import start_server
    start_server(greet_async if kind == 'async' else greet, port=0, host='127.0.0.1')

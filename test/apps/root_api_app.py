"""A server whose API is used at its root (``pywebio_api=http://host:port/``), as PyWebIO 1.x
served it and upstream's CORS test uses it: argv[1] the platform (tornado, aiohttp or flask),
argv[2] the origin of the page that connects to it; port 0 (the start-up line says which)."""
import sys

from pywebio.input import input
from pywebio.output import put_text


def greet():
    put_text('Hello, %s' % input("What's your name?"))


if __name__ == '__main__':
    platform, origin = sys.argv[1], sys.argv[2]
    if platform == 'tornado':
        from pywebio.platform.tornado import start_server
    elif platform == 'aiohttp':
        from pywebio.platform.aiohttp import start_server
    else:
        from pywebio.platform.flask import start_server
    start_server(greet, port=0, host='127.0.0.1', allowed_origins=[origin], cdn=False)

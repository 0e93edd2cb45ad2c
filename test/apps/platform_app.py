"""Two apps served by the start_server of a platform: argv[1] the platform; the port is
one of 127.0.0.1 the system picks, which the start-up line says.

PYWEBIO_TEST_FORM picks how the apps are given: ``list`` (the default: no index app, so the index
is generated), or ``dict`` (names that need escaping). For path_deploy/path_deploy_http, argv[2]
is the folder. PYWEBIO_TEST_OPTIONS, a JSON object, holds more arguments of the entry.
"""
import hashlib
import json
import os
import sys

from pywebio.input import file_upload, input
from pywebio.output import put_button, put_text
from pywebio.session import go_app, hold, info


def greet():
    """Say hello to you

    More lines of the docstring are not shown in the index.
    """
    name = input("What's your name?")
    put_text('Hello, %s (%s over %s)' % (name, info.backend, info.protocol))


def other():
    put_text('The other app')
    put_button('Back to greet', onclick=lambda: go_app('greet', new_window=False))
    hold()


def upload():
    """Take a file and say its SHA-256"""
    value = file_upload('A file', as_file=True)
    digest = hashlib.sha256(value['file'].read()).hexdigest()
    put_text('Got %s (%s over %s)' % (digest, info.backend, info.protocol))


def apps():
    if os.environ.get('PYWEBIO_TEST_FORM') == 'dict':
        return {'greet': greet, '<b>bold</b> & co': other, 'upload': upload}
    return [greet, other, upload]


if __name__ == '__main__':
    platform = sys.argv[1]
    options = dict(port=0, host='127.0.0.1', cdn=False, **json.loads(os.environ.get('PYWEBIO_TEST_OPTIONS', '{}')))
    if platform == 'tornado':
        from pywebio.platform.tornado import start_server
    elif platform == 'tornado_http':
        from pywebio.platform.tornado_http import start_server
    elif platform == 'flask':
        from pywebio.platform.flask import start_server
    elif platform == 'django':
        from pywebio.platform.django import start_server
    elif platform == 'aiohttp':
        from pywebio.platform.aiohttp import start_server
    elif platform == 'fastapi':
        from pywebio.platform.fastapi import start_server
    else:
        from pywebio.platform import path_deploy, path_deploy_http  # the functions, as in 1.x
        deploy = {'path_deploy': path_deploy, 'path_deploy_http': path_deploy_http}[platform]
        deploy(sys.argv[2], **options)
        sys.exit()
    start_server(apps(), **options)

"""Upstream's 8.flask_multiple_session_impliment.py: a Flask app of the program's own with
`webio_view` of a thread task at ``/io`` and of a coroutine task at ``/io2``, the static files at
``/``, and `run_event_loop` in a thread for the coroutine sessions; ``app.run`` on port 0 (Werkzeug
says which port). The pages opened are the views' own, with
``?_pywebio_debug=1&_pywebio_http_pull_interval=400``."""
import logging
import threading

from flask import Flask, send_from_directory

import pywebio
from pywebio import STATIC_PATH
from pywebio.input import actions
from pywebio.platform.flask import run_event_loop, webio_view
from pywebio.utils import run_as_function, to_coroutine

import calls


def target():
    calls.basic_output()
    calls.background_output()

    run_as_function(calls.basic_input())
    actions(buttons=['Continue'])
    calls.background_input()


async def async_target():
    calls.basic_output()
    await calls.coro_background_output()

    await to_coroutine(calls.basic_input())
    await actions(buttons=['Continue'])
    await calls.coro_background_input()


if __name__ == '__main__':
    pywebio.enable_debug()
    app = Flask(__name__)
    app.add_url_rule('/io', 'webio_view', webio_view(target, cdn=False), methods=['GET', 'POST', 'OPTIONS'])
    app.add_url_rule('/io2', 'webio_view_async_target', webio_view(async_target, cdn=False),
                     methods=['GET', 'POST', 'OPTIONS'])

    @app.route('/')
    @app.route('/<path:static_file>')
    def serve_static_file(static_file='index.html'):
        return send_from_directory(STATIC_PATH, static_file)

    threading.Thread(target=run_event_loop, daemon=True).start()
    logging.getLogger('werkzeug').setLevel(logging.INFO)  # upstream's WARNING hides the line with the port
    app.run(port=0, host='127.0.0.1')

"""Upstream's 12.cors.py: pages served by one server use the API of another (``?pywebio_api=``).

As upstream's, one program starts five servers: two that serve only the page (Tornado's and
Flask's `start_server` of a task that does nothing), each in a process of its own, and three APIs
that run the template and admit, in ``allowed_origins``, the origin of one page server: Tornado's
and aiohttp's (each in a process) for the Tornado page, Flask's (in this process) for the Flask
page. Upstream's have fixed ports (5000, 5001; 8080, 8081, 8082); here every server takes a free
port of 127.0.0.1, so the page servers report theirs to this process before the APIs start, and
once the APIs listen this program prints, one line each, the three pages to open::

    tornado page: http://localhost:P1/?pywebio_api=http://localhost:A1/
    aiohttp page: http://localhost:P1/?pywebio_api=http://localhost:A2/
    flask page: http://localhost:P2/?pywebio_api=http://localhost:A3/

(the servers at ``localhost``, as upstream's test opens them: the pages' origins are then
``http://localhost:P``, the names ``allowed_origins`` holds).
"""
import logging
import multiprocessing
import re
import threading

from pywebio.input import actions
from pywebio.session import run_js
from pywebio.utils import run_as_function

import calls


def target():
    run_js("$('#markdown-body>.alert-warning').remove()")
    calls.basic_output()
    calls.background_output()

    run_as_function(calls.basic_input())
    actions(buttons=['Continue'])
    calls.background_input()


class PortReport(logging.Handler):
    """Puts ``(name, port)`` on ``queue`` when the server of this process logs its start-up line
    (`pywebio.platform.apps.log_serving`): how a server on port 0 tells this program its port."""

    def __init__(self, name, queue):
        super().__init__()
        self.server_name, self.queue = name, queue

    def emit(self, record):
        found = re.search(r'PyWebIO serves http://[^/\s]+:(\d+)/', record.getMessage())
        if found:
            self.queue.put((self.server_name, int(found.group(1))))


def reporting(name, queue, start_server, *args, **kwargs):
    """``start_server(*args, **kwargs)``, its port reported on ``queue`` under ``name``."""
    logging.getLogger('pywebio.platform.apps').addHandler(PortReport(name, queue))
    start_server(*args, **kwargs)


def take(queue, names):
    """The ports of ``names``, as their servers report them."""
    ports = {}
    while set(names) - set(ports):
        name, port = queue.get(timeout=60)
        ports[name] = port
    return ports


def start_test_server():
    from pywebio import start_server as tornado_server
    from pywebio.platform.aiohttp import start_server as aiohttp_server
    from pywebio.platform.flask import start_server as flask_server

    ports = multiprocessing.Queue()  # the processes are forked (Linux): lambdas need no pickling
    multiprocessing.Process(target=lambda: reporting('tornado page', ports, tornado_server, lambda: None, port=0,
                                                     host='127.0.0.1', cdn=False), daemon=True).start()
    multiprocessing.Process(target=lambda: reporting('flask page', ports, flask_server, lambda: None, port=0,
                                                     host='127.0.0.1', cdn=False), daemon=True).start()
    pages = take(ports, ['tornado page', 'flask page'])
    tornado_origin = 'http://localhost:%d' % pages['tornado page']
    flask_origin = 'http://localhost:%d' % pages['flask page']

    multiprocessing.Process(target=lambda: reporting('tornado', ports, tornado_server, target, port=0, host='127.0.0.1',
                                                     allowed_origins=[tornado_origin], cdn=False), daemon=True).start()
    multiprocessing.Process(target=lambda: reporting('aiohttp', ports, aiohttp_server, target, port=0, host='127.0.0.1',
                                                     allowed_origins=[tornado_origin], cdn=False), daemon=True).start()

    def say_pages():
        apis = take(ports, ['tornado', 'aiohttp', 'flask'])
        for name, origin in (('tornado', tornado_origin), ('aiohttp', tornado_origin), ('flask', flask_origin)):
            print('%s page: %s/?pywebio_api=http://localhost:%d/' % (name, origin, apis[name]), flush=True)

    threading.Thread(target=say_pages, daemon=True).start()
    reporting('flask', ports, flask_server, target, port=0, host='127.0.0.1', allowed_origins=[flask_origin], cdn=False)


if __name__ == '__main__':
    start_test_server()

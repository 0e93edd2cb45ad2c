"""What v0.3.0's test/util.py gives its programs, for the programs beside this file: start-up as
``python PROGRAM`` runs it (upstream's ``auto`` and ``debug`` modes ran Selenium; here the test
module drives the page), and a static server of PyWebIO's files for the CORS program."""
import sys
import threading
from functools import partial

from pywebio import STATIC_PATH


def run_test(server_func, test_func=None):
    """Start the server; Ctrl-C stops it quietly. ``test_func`` is upstream's Selenium test, which
    test/compat/test_v03_programs.py replaces."""
    try:
        server_func()
    except KeyboardInterrupt:
        pass
    sys.exit()


#: the origin of the static server, once started: what the CORS program allows
static_origin = None


def start_static_server(port=0):
    """Serve PyWebIO's static files from a thread, on 127.0.0.1, and say where
    ("Serving HTTP on 127.0.0.1 port N"). Upstream: port 5000 of localhost, with http.server.test;
    here the socket is bound before this returns, so that `static_origin` is known."""
    global static_origin
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler_class = partial(SimpleHTTPRequestHandler, directory=STATIC_PATH)
    server = ThreadingHTTPServer(('127.0.0.1', port), handler_class)
    port = server.server_address[1]
    static_origin = 'http://127.0.0.1:%d' % port
    print('Serving HTTP on 127.0.0.1 port %d (%s/) ...' % (port, static_origin), flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

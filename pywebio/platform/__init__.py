"""Server integrations. Each module moves JSON between sessions and one kind of browser connection.

`start_server` here is Tornado's, the default server.
"""
from .httpbased import run_event_loop
from .page import config, seo
from .tornado import start_server

__all__ = ['start_server', 'run_event_loop', 'config', 'seo']

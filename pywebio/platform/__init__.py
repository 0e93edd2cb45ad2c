"""Server integrations. Each module moves JSON between sessions and one kind of browser connection.

`start_server` here is Tornado's, the default server; `path_deploy` and `path_deploy_http` are
the functions of `pywebio.platform.path_deploy` (as in PyWebIO 1.x, ``from pywebio.platform import
path_deploy`` gives the function; ``import pywebio.platform.path_deploy`` still gives the module).

The integration modules are attributes of this package without an import of their own, as in
1.x: ``pywebio.platform.flask.webio_view`` imports Flask's module when first read.
"""
import importlib
from typing import Any

from .httpbased import run_event_loop
from .page import config, seo
from .path_deploy import path_deploy, path_deploy_http
from .tornado import start_server

__all__ = ['start_server', 'run_event_loop', 'config', 'seo', 'path_deploy', 'path_deploy_http']

#: modules read as attributes of the package on first use (`__getattr__`)
_LAZY_MODULES = ('flask', 'django', 'aiohttp', 'fastapi', 'tornado_http')


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module('.' + name, __name__)  # the import sets the attribute too
    raise AttributeError('module %r has no attribute %r' % (__name__, name))

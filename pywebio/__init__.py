"""PyWebIO: write an ordinary Python script, get a web app.

``input()``-style functions (`pywebio.input`) block until the person in the browser submits a
form; ``put_*()`` functions (`pywebio.output`) show content at once. Run a task function for every
visitor with `start_server`, or just call the functions in a script (script mode).
"""
import os

__version__ = '0.1.0'

#: The folder of the bundled frontend (``index.html`` and its assets), to serve as static files
#: when mounting PyWebIO in another web framework.
STATIC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'html')

from ._compat import get_api, set_api  # noqa: E402
from .platform.tornado import start_server  # noqa: E402  (needs STATIC_PATH)
from . import _bokeh  # noqa: E402

_bokeh.install()  # bokeh's output_notebook(notebook_type='pywebio'); imports nothing

__all__ = ['STATIC_PATH', 'start_server', 'set_api', 'get_api', '__version__']

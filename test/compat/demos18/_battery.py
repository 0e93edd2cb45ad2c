"""A stand-in for pywebio_battery 0.7 where that add-on is not installed (CI): chatgpt.py and
doc_demo.py use the add-on when it is there.

Importing it does what importing pywebio_battery does to PyWebIO: it takes the same names from
PyWebIO 1.x's modules (so a name the add-on needs and PyWebIO lacks fails here as it fails there).
Its two helpers are built of the same PyWebIO calls as the add-on's: `run_js` and `eval_js` on the
page's ``localStorage``. Hidden from `path_deploy` by its leading underscore."""
from pywebio.io_ctrl import output_register_callback  # noqa: F401
from pywebio.output import Output, OutputPosition, _put_message  # noqa: F401
from pywebio.session import eval_js, get_current_session, run_js  # noqa: F401
from pywebio.utils import random_str  # noqa: F401

__all__ = ['set_localstorage', 'get_localstorage']


def set_localstorage(key: str, value: str):
    run_js("localStorage.setItem(key, value)", key=key, value=value)


def get_localstorage(key: str) -> str:
    return eval_js("localStorage.getItem(key)", key=key)

"""PyWebIO 1.x's ``pywebio.io_ctrl``, kept for 1.x programs and add-ons that import from it.

1.x kept its output and input plumbing here. Add-ons such as ``pywebio_battery`` import
`output_register_callback` from it; `Output` is here too, since 1.x defined it here. New code
uses `pywebio.output` and `pywebio.session`.
"""
from typing import Any, Callable

from ._page import Output
from .output.content import check_callback_options
from .session import get_current_session

__all__ = ['Output', 'output_register_callback']


def output_register_callback(callback: Callable[[Any], Any], **options: Any) -> str:
    """Register ``callback`` in the current session and return its id, which the page uses to
    call it with a value (as a button's click does). For add-ons only, as in 1.x: JavaScript on
    the page calls ``WebIO.pushData(value, callback_id)`` and ``callback(value)`` runs in the
    session (pywebio_battery's ``file_picker`` does so from a data table's `JSFunction`).

    :param options: 1.x's ``mutex_mode`` and ``serial_mode``: accepted, and change nothing.
    """
    check_callback_options('output_register_callback', options)
    if not callable(callback):
        raise TypeError('output_register_callback(): callback must be a function, got %r' % (callback,))
    return get_current_session().register_callback(callback)

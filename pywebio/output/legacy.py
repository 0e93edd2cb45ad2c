"""Names of the PyWebIO 0.x output API, kept so that programs of that era run unchanged."""
import logging
from typing import Any, Optional, Sequence

from .._page import Output
from .content import ButtonItem, put_buttons

logger = logging.getLogger(__name__)


def table_cell_buttons(buttons: Sequence[ButtonItem], onclick: Any = None, save: Any = None, *,
                       onclick_callback: Optional[Any] = None, cbs_args: Any = None,
                       **callback_options: Any) -> Output:
    """Buttons for a `put_table` cell (PyWebIO 0.x; deprecated there since 0.3: use `put_buttons`).

    :param buttons: as `put_buttons`: labels, ``(label, value)`` pairs or dicts.
    :param onclick: as `put_buttons`: ``onclick(value)`` gets the clicked button's value.
    :param save: the earliest 0.x releases: when given (not ``None``), a click calls
        ``onclick(value, save)``.
    :param onclick_callback: another name for ``onclick``.
    :param cbs_args: another name for ``save``.
    :param callback_options: as `put_buttons` (``mutex_mode``, ``serial_mode``: accepted, no effect).
    :return: the buttons, an `Output` to use as a table cell. (0.x returned an HTML string; an
        `Output` in a cell shows the same buttons, and their callbacks work.)

    Example::

        from functools import partial

        def edit_row(choice, row):
            put_text("You click %s button at row %s" % (choice, row))

        put_table([
            ['Idx', 'Actions'],
            ['1', table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=1))],
            ['2', table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=2))],
        ])
    """
    if onclick_callback is not None:
        if onclick is not None:
            raise TypeError('table_cell_buttons(): give onclick or onclick_callback, not both')
        onclick = onclick_callback
    if onclick is None:
        raise TypeError('table_cell_buttons() needs onclick, the function a click calls with the button value')
    if cbs_args is not None:
        if save is not None:
            raise TypeError('table_cell_buttons(): give save or cbs_args, not both')
        save = cbs_args
    if save is not None:
        if not callable(onclick):
            raise TypeError('table_cell_buttons(): onclick must be a function, got %r' % (onclick,))
        callback, extra = onclick, save
        onclick = lambda value: callback(value, extra)  # noqa: E731
    return put_buttons(buttons, onclick=onclick, small=True, **callback_options)

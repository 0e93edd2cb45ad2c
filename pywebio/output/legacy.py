"""Names of the PyWebIO 0.x output API, kept so that programs of that era run unchanged."""
import logging
from typing import Any, Optional, Sequence

from .._page import Output
from .content import ButtonItem, put_buttons

logger = logging.getLogger(__name__)


def table_cell_buttons(buttons: Sequence[ButtonItem], onclick: Any = None, *,
                       onclick_callback: Optional[Any] = None, **callback_options: Any) -> Output:
    """Buttons for a `put_table` cell (PyWebIO 0.x; deprecated there since 0.3: use `put_buttons`).

    :param buttons: as `put_buttons`: labels, ``(label, value)`` pairs or dicts.
    :param onclick: as `put_buttons`: ``onclick(value)`` gets the clicked button's value.
    :param onclick_callback: another name for ``onclick``, for the earliest 0.x programs.
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
    return put_buttons(buttons, onclick=onclick, small=True, **callback_options)

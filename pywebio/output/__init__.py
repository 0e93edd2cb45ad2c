"""Output functions: put content on the page at once.

Every ``put_*`` function sends its content to the browser of the current session and returns
immediately; a burst of calls reaches the browser in one message. The functions come in four
groups:

- **content**: `put_text`, `put_markdown`, `put_html`, `put_code`, `put_link`, `put_image`,
  `put_file`, `put_table`, `put_buttons`. Text, labels and titles are always shown as text;
  only `put_html`, plain-string table cells and plain-string popup content are HTML, because the
  developer wrote them.
- **placement**: by default output goes at the end of the page. `set_anchor` marks the current
  end; every ``put_*`` takes ``anchor=`` (name the output; an existing anchor is replaced in
  place), ``before=`` and ``after=``. `clear_before`, `clear_after`, `clear_range`, `remove` and
  `scroll_to` act on anchors. An anchor that is not on the page raises ``ValueError`` at once.
- **containers**: a ``put_*`` result used as a cell of `put_table` or an item of `popup` is
  *moved* there from where it was shown; the browser does that in the same frame, before
  painting, so it never flickers. Each output can be placed in a container once.
- **layout and widgets** (from PyWebIO 1.x): `put_row`, `put_column`, `put_grid` and `span`
  arrange outputs; `put_tabs`, `put_widget` (your own Mustache template), `put_info`,
  `put_success`, `put_warning`, `put_error`, `put_loading`, `put_progressbar` /
  `set_progressbar` and `put_button`.
- **page**: `popup`/`close_popup`, `toast`, `set_title`, `set_output_fixed_height`,
  `set_auto_scroll_bottom`.
- **data tables** (from PyWebIO 1.8): `put_datatable` shows records in a data grid (AG Grid);
  `datatable_update`, `datatable_insert` and `datatable_remove` change it; `JSFunction` puts
  JavaScript in its options.

Example::

    from pywebio.output import *

    set_anchor('top')
    put_text('A')
    put_text('B', anchor='b')
    put_text('C', after='top')
    put_text('D', before='b')     # the page shows C, A, D, B
"""
from .._page import Output
from .containers import put_collapse, put_scrollable
from .content import (put_button, put_buttons, put_code, put_file, put_html, put_image, put_link,
                      put_markdown, put_table, put_text)
from .datatable import JSFunction, datatable_insert, datatable_remove, datatable_update, put_datatable
from .layout import put_column, put_grid, put_row, span
from .legacy import table_cell_buttons
from .page import set_auto_scroll_bottom, set_output_fixed_height, set_title
from .placement import (BOTTOM, MIDDLE, TOP, OutputHandler, OutputPosition, Position, clear, output, clear_after,
                        clear_before, clear_range, get_scope, put_scope, remove, scroll_to, set_anchor, set_scope,
                        use_scope)
from .popup import PopupHandle, PopupSize, close_popup, popup, toast
from .style import style
from .widgets import (_put_message, put_error, put_info, put_loading, put_processbar, put_progressbar,  # noqa: F401
                      put_success, put_tabs, put_warning, put_widget, set_processbar, set_progressbar)

__all__ = ['Output', 'put_text', 'put_markdown', 'put_html', 'put_code', 'put_link', 'put_image',
           'put_file', 'put_table', 'put_buttons', 'toast', 'popup', 'close_popup', 'set_anchor',
           'clear_before', 'clear_after', 'clear_range', 'remove', 'scroll_to', 'set_title',
           'set_output_fixed_height', 'set_auto_scroll_bottom', 'TOP', 'MIDDLE', 'BOTTOM',
           # 1.x: scopes and output objects
           'Position', 'OutputPosition', 'use_scope', 'put_scope', 'set_scope', 'get_scope', 'clear', 'style',
           'PopupHandle', 'PopupSize', 'put_collapse', 'put_scrollable', 'output', 'OutputHandler',
           # 1.x: layout and widgets
           'put_row', 'put_column', 'put_grid', 'span', 'put_tabs', 'put_widget', 'put_loading',
           'put_progressbar', 'set_progressbar', 'put_processbar', 'set_processbar', 'put_info', 'put_success',
           'put_warning', 'put_error', 'put_button',
           # 1.8: data tables
           'put_datatable', 'datatable_update', 'datatable_insert', 'datatable_remove', 'JSFunction',
           # 0.x
           'table_cell_buttons']

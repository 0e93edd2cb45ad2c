"""Layout: `put_row`, `put_column` and `put_grid` arrange outputs with CSS grid; `span` makes a
table or grid cell cover several rows or columns.

The items are ``put_*`` results: they are shown at once where they are called, and the browser
moves them into the layout in the same frame (see `pywebio.output`), so nothing flickers.
"""
import itertools
import re
from typing import Any, List, Optional, Sequence, Union

from .._page import Output, placement, put
from .content import Span

#: Names of the boxes of layouts (``with put_row(): ...``). A name starts with a character that
#: scope names written in a program rarely have.
_box_numbers = itertools.count(1)


def new_box_name(kind: str) -> str:
    """A fresh name for the box of a container output (``with output: put_text(...)``)."""
    return '~%s-%d' % (kind, next(_box_numbers))


_TRACKS_FORBIDDEN = re.compile(r'[;{}<>\\]')


def check_tracks(function: str, argument: str, value: Any, allow_none: bool = True) -> Optional[str]:
    """A CSS track list (``'1fr 10px 2fr'``, ``'repeat(3, 100px)'``): a string without ``;{}``."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str) or not value.strip() or _TRACKS_FORBIDDEN.search(value):
        raise ValueError('%s(): %s must be CSS grid sizes separated by spaces, such as "1fr 10px 2fr" or '
                         '"40%% auto", got %r' % (function, argument, value))
    return value.strip()


def _items(function: str, content: Any) -> List[Optional[Output]]:
    if isinstance(content, Output):
        return [content]
    if not isinstance(content, (list, tuple)):
        raise TypeError('%s(): content must be a list of put_* results (None for a gap), got %r'
                        % (function, content))
    for index, item in enumerate(content):
        if item is not None and not isinstance(item, Output):
            hint = ' (wrap text in put_text(...))' if isinstance(item, str) else ''
            raise TypeError('%s(): item %d is %r; give the result of a put_* function such as put_text(...), '
                            'or None for a gap%s' % (function, index, item, hint))
    return list(content)


def _row_or_column(function: str, output_type: str, content: Any, size: Any, place: Any) -> Output:
    items = _items(function, content)
    tracks = check_tracks(function, 'size', size)
    if tracks is None:
        tracks = ' '.join('10px' if item is None else '1fr' for item in items) or 'none'
    embeds = [item for item in items if item is not None]
    cells = [None if item is None else {'output': item.id} for item in items]
    return put(function, output_type, {'items': cells, 'size': tracks}, place, embeds,
               box=new_box_name(output_type))


def put_row(content: Union[Sequence[Optional[Output]], Output] = (), size: Optional[str] = None, *,
            scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
            before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show outputs side by side, in a row.

    :param content: the items: ``put_*`` results, and ``None`` for a gap (10 pixels wide unless
        ``size`` says otherwise).
    :param size: the width of each item, ``None`` items included, separated by spaces: a CSS grid
        track list. Each width is pixels (``100px``), a percentage of the row (``33.3%``), a share
        of the free space (``2fr`` is twice ``1fr``), ``auto`` (as wide as the content needs) or
        ``minmax(100px, 1fr)``. By default gaps are ``10px`` and the items share the rest equally.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`. It is also a context manager: output put inside ``with put_row():``
        is added to the row, as another item.

    Example::

        # two code blocks of equal width, 10 pixels apart
        put_row([put_code('A'), None, put_code('B')])
        # the left one 40% of the width, the right one 60%
        put_row([put_code('A'), None, put_code('B')], size='40% 10px 60%')
    """
    place = placement('put_row', scope, position, anchor, before, after)
    return _row_or_column('put_row', 'row', content, size, place)


def put_column(content: Union[Sequence[Optional[Output]], Output] = (), size: Optional[str] = None, *,
               scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
               before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show outputs one below the other, in a column.

    :param content: the items: ``put_*`` results, and ``None`` for a gap (10 pixels high unless
        ``size`` says otherwise).
    :param size: the height of each item, separated by spaces, in the format of `put_row`'s
        ``size``. By default gaps are ``10px`` and each item is ``1fr``.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`; like `put_row`, a context manager that adds output to the column.

    Example::

        put_row([
            put_column([put_code('A'), None, put_code('B')]),
            None,
            put_code('C'),
        ])
    """
    place = placement('put_column', scope, position, anchor, before, after)
    return _row_or_column('put_column', 'column', content, size, place)


def span(content: Union[str, Output, None], row: int = 1, col: int = 1) -> Span:
    """A cell of `put_table` or `put_grid` that covers ``row`` rows and ``col`` columns.

    :param content: the cell's content, as any cell of the table or grid.
    :param row: how many rows it covers (an int >= 1).
    :param col: how many columns it covers (an int >= 1).
    :return: an object to use as a cell; it is not output by itself.

    In a table, as in HTML, the cells a span covers are left out of the rows below it and of its
    own row, to its right.

    Example::

        put_table([
            ['C'],
            [span('E', col=2)],  # 'E' covers two columns
        ], header=[span('A', row=2), 'B'])  # 'A' covers two rows

        put_grid([
            [put_text('A'), put_text('B'), put_text('C')],
            [None, span(put_text('D'), col=2)],
        ], cell_width='100px', cell_height='100px')
    """
    for name, value in (('row', row), ('col', col)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError('span(): %s must be a number of %ss (an int >= 1), got %r'
                             % (name, 'row' if name == 'row' else 'column', value))
    if isinstance(content, Span):
        raise TypeError('span(): content is already a span; give the cell content once')
    return Span(content, row, col)


_DIRECTIONS = ('row', 'column')


def put_grid(content: Sequence[Sequence[Union[Output, Span, None]]], cell_width: str = 'auto',
             cell_height: str = 'auto', cell_widths: Optional[str] = None, cell_heights: Optional[str] = None,
             direction: str = 'row', *, scope: Optional[str] = None, position: int = -1,
             anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show outputs in a grid.

    :param content: the rows of the grid (the columns with ``direction='column'``), each a list of
        ``put_*`` results, ``None`` (an empty cell) and ``span(output, row=..., col=...)`` cells
        that cover several cells. Short rows are completed with empty cells.
    :param cell_width: the width of every column, in the format of `put_row`'s ``size``.
    :param cell_height: the height of every row.
    :param cell_widths: the widths of the columns one by one, separated by spaces; when given,
        ``cell_width`` is not used.
    :param cell_heights: the heights of the rows one by one; when given, ``cell_height`` is not used.
    :param direction: ``'row'`` (the default) fills the grid row by row: ``content`` lists rows;
        ``'column'`` fills it column by column: ``content`` lists columns.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Example::

        put_grid([
            [put_text('A'), put_text('B'), put_text('C')],
            [None, span(put_text('D'), col=2, row=1)],
            [put_text('E'), put_text('F'), put_text('G')],
        ], cell_width='100px', cell_height='100px')
    """
    function = 'put_grid'
    if direction not in _DIRECTIONS:
        raise ValueError("put_grid(): direction must be 'row' or 'column', got %r" % (direction,))
    if not isinstance(content, (list, tuple)) or not content:
        raise TypeError('put_grid(): content must be a non-empty list of rows (lists of put_* results), got %r'
                        % (content,))
    width = check_tracks(function, 'cell_width', cell_width, allow_none=False)
    height = check_tracks(function, 'cell_height', cell_height, allow_none=False)
    widths = check_tracks(function, 'cell_widths', cell_widths)
    heights = check_tracks(function, 'cell_heights', cell_heights)
    lines = []
    for r, line in enumerate(content):
        if not isinstance(line, (list, tuple)):
            raise TypeError('put_grid(): row %d is %r; a row must be a list of put_* results' % (r, line))
        lines.append(list(line))
    # how many cells each line fills, spans included (a span fills cells of the lines below too)
    filled = [0] * len(lines)
    embeds: List[Output] = []
    cells: List[List[Any]] = []
    for r, line in enumerate(lines):
        converted = []
        for c, item in enumerate(line):
            where = 'cell [%d][%d]' % (r, c)
            rows, cols = 1, 1
            if isinstance(item, Span):
                rows, cols, item = item.row, item.col, item.content
                for below in range(r, min(r + rows, len(lines))):
                    filled[below] += cols
            else:
                filled[r] += 1
            if item is None:
                value: Any = None
            elif isinstance(item, Output):
                embeds.append(item)
                value = {'output': item.id}
            else:
                raise TypeError('put_grid(): %s is %r; give the result of a put_* function such as '
                                'put_text(...), None for an empty cell, or span(...)' % (where, item))
            if rows != 1 or cols != 1:
                value = {'cell': value if value is not None else '', 'rowspan': rows, 'colspan': cols}
            converted.append(value)
        cells.append(converted)
    size = max(filled)
    items: List[Any] = []
    for r, converted in enumerate(cells):
        items.extend(converted)
        items.extend([None] * (size - filled[r]))
    row_count, column_count = (len(lines), size) if direction == 'row' else (size, len(lines))
    fields = {
        'cells': items,
        'columns': widths or 'repeat(%d, %s)' % (max(column_count, 1), width),
        'rows': heights or 'repeat(%d, %s)' % (max(row_count, 1), height),
        'direction': direction,
    }
    place = placement(function, scope, position, anchor, before, after)
    return put(function, 'grid', fields, place, embeds)

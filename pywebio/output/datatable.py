"""Data tables: `put_datatable`, PyWebIO 1.8's data grid, and the functions that change it later.

The grid is `AG Grid Community <https://www.ag-grid.com/>`_, bundled with PyWebIO and loaded by
the page the first time it shows a data table; a page without one loads nothing of it.

How the pieces fit:

- **Records travel compactly.** `put_datatable` flattens nested dicts into *paths* (``('address',
  'city')``) and sends each path once, then one list of values per record (docs/protocol.md,
  *Data tables*). The server keeps nothing of the records once the command is queued: the
  returned `Output` carries the spec without its rows.
- **Row ids.** Without ``id_field`` a row's id is its position in ``records`` (0, 1, 2...), and
  inserted rows take the next numbers. With ``id_field`` it is that field's value, as a string
  (as in 1.8). To check the ids a browser sends back, a table with callbacks keeps its ids (a
  count and the removed positions, or 8 bytes per row for ``id_field`` tables), never its records.
- **Callbacks** (``actions``, ``onselect``) are session callbacks. An event whose shape is wrong
  is a protocol error that ends the session; an id the table no longer has (a click racing
  `datatable_remove`) drops the event.
- **Later changes** (`datatable_update`, `datatable_insert`, `datatable_remove`) name the table
  by its ``instance_id`` and send commands for its output.
- **Options** (``column_args``, ``grid_args``) are AG Grid's own, passed through unchanged, so
  AG Grid's documentation is the reference; `JSFunction` puts JavaScript functions in them.

Example::

    put_datatable([
        {'name': 'Ann', 'address': {'city': 'Oslo', 'zip': '0150'}},
        {'name': 'Bob', 'address': {'city': 'Rome', 'zip': '00118'}},
    ], onselect=lambda row_id: toast('row %s' % row_id), instance_id='people')
    datatable_update('people', 'Bergen', row_id=0, field=('address', 'city'))
"""
import array
import bisect
import decimal
import functools
import logging
import math
import numbers
import threading
from collections.abc import Mapping
from operator import itemgetter
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from .._page import Output, placement, put, send
from .._text import shown_text
from ..session import Session, get_current_session
from ..session.base import PerSession, ProtocolError

logger = logging.getLogger(__name__)

__all__ = ['put_datatable', 'datatable_update', 'datatable_insert', 'datatable_remove', 'JSFunction']

#: The AG Grid themes the page has (``ag-theme-<name>``).
THEMES = ('alpine', 'alpine-dark', 'balham', 'balham-dark', 'material')

#: More records than this do not get ``height='auto'`` (a grid as tall as its rows), as in 1.8.
AUTO_HEIGHT_MAX_RECORDS = 1000

RowId = Union[int, str]
Path = Tuple[str, ...]
#: An action of `put_datatable`: (label, callback), or None for a separator.
Action = Optional[Tuple[str, Callable[[Any], Any]]]


class JSFunction:
    """A JavaScript function, for a value of ``column_args`` or ``grid_args`` in `put_datatable`.

    ``JSFunction('params', 'return params.value * 2')`` is ``function (params) { return params.value * 2 }``:
    the last argument is the body and the others are the parameter names, as in 1.8. The body may
    also be given by name: ``JSFunction('params', body='...')``.

    The code is the developer's and runs in the page as given (as `pywebio.session.run_js` does):
    never build it from what visitors typed.

    Example::

        put_datatable(records, column_args={
            'price': {'valueFormatter': JSFunction('params', 'return params.value.toFixed(2) + " €"')},
        }, grid_args={'onSortChanged': JSFunction('event', 'console.log(event.source)')})
    """

    def __init__(self, *params: str, body: Optional[str] = None) -> None:
        if body is None:
            if not params:
                raise ValueError("JSFunction(): give the function's body, after its parameter names: "
                                 "JSFunction('params', 'return params.value')")
            *names, body = params
        else:
            names = list(params)
        for name in names:
            if not isinstance(name, str) or not name:
                raise TypeError('JSFunction(): parameter names must be non-empty strings, got %r' % (name,))
        if not isinstance(body, str):
            raise TypeError('JSFunction(): the body must be a string of JavaScript, got %r' % (body,))
        self.params: Tuple[str, ...] = tuple(names)
        self.body: str = body

    def __repr__(self) -> str:
        return 'JSFunction(%s)' % ', '.join(map(repr, self.params + (self.body,)))


# -- values ---------------------------------------------------------------------------------

#: Values sent as they are.
_PLAIN = frozenset((str, int, bool, type(None)))
#: ... and floats, when finite.
_PLAIN_OR_FLOAT = _PLAIN | {float}
#: From this many records, `_Columns.flat_rows` tries the fast way.
FLAT_ROWS_FROM = 1000

_is_float = functools.partial(type.__instancecheck__, float)


def _value(value: Any) -> Any:
    """A record's value as JSON: numbers stay numbers (NaN and infinities are empty), lists stay
    lists, dicts inside lists stay objects, anything else is shown as ``str(value)``."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return str(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, (list, tuple)):
        return [_value(item) for item in value]
    if isinstance(value, Mapping):
        return {_key('a record', key): _value(item) for key, item in value.items()}
    return str(value)


def _key(where: str, key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, int) and not isinstance(key, bool):
        return str(key)  # as JSON has it
    raise TypeError('put_datatable(): the keys of %s must be strings, got %r' % (where, key))


class _Columns:
    """The paths of the records' fields, each once, in the order first seen; and the records as
    lists of values in that order (the compact form of docs/protocol.md)."""

    def __init__(self) -> None:
        self.index: Dict[Path, int] = {}
        self._flat: Optional[Tuple[Any, ...]] = None  # the keys of the last flat record, in order

    @property
    def paths(self) -> List[List[str]]:
        return [list(path) for path in self.index]

    def flat_rows(self, records: Sequence[Any]) -> Optional[List[Tuple[Any, ...]]]:
        """The rows of many records at once, each a tuple (the same JSON as a list), when every
        record is a dict of the same string keys (in any order, as `row` takes them) and every
        value is sent as it is: None otherwise, and nothing learnt, for `row` to take them one by
        one.

        Every step is a loop of the interpreter's C code: 0.6 to 0.7 s of CPU for a million
        records of 6 fields, against 2.1 s one by one (bench/datatable_bench.py). Tuples of
        strings and numbers leave the garbage collector's tracking, lists do not: a million new
        lists cost its full collections another second."""
        if len(records) < FLAT_ROWS_FROM or set(map(type, records)) != {dict}:
            return None
        keys = tuple(records[0])
        if len(keys) < 2 or set(map(len, records)) != {len(keys)} or not all(type(key) is str for key in keys):
            return None
        try:  # the same number of keys, and each of the first record's: the same keys
            rows = list(map(itemgetter(*keys), records))
        except KeyError:
            return None
        for position in range(len(keys)):
            kinds = set(map(type, map(itemgetter(position), rows)))
            if not kinds <= _PLAIN and not (kinds <= _PLAIN_OR_FLOAT and _finite(map(itemgetter(position), rows))):
                return None
        self.index = {(key,): position for position, key in enumerate(keys)}
        self._flat = keys
        return rows

    def row(self, function: str, number: int, record: Any) -> List[Any]:
        if not isinstance(record, Mapping):
            raise TypeError('%s(): record %d is %r; every record must be a dict' % (function, number, record))
        keys = tuple(record)
        if keys == self._flat:  # the common case: the same flat keys as the record before
            values = list(record.values())
            for index, value in enumerate(values):
                if type(value) in _PLAIN or (type(value) is float and value - value == 0):  # finite
                    continue
                values[index] = value = _value(value)
                if isinstance(value, dict):
                    break  # a nested record: the long way
            else:
                return values
        row: List[Any] = []
        self._flatten(function, number, record, (), row)
        if all(type(key) is str for key in keys) and all(
                self.index.get((key,)) == position for position, key in enumerate(keys)) and len(row) == len(keys):
            self._flat = keys
        return row

    def _flatten(self, function: str, number: int, record: Mapping, prefix: Path, row: List[Any]) -> None:
        for key, value in record.items():
            path = prefix + (_key('record %d' % number, key),)
            if isinstance(value, Mapping) and value:
                self._flatten(function, number, value, path, row)
                continue
            position = self.index.setdefault(path, len(self.index))
            if position >= len(row):
                row.extend([None] * (position + 1 - len(row)))
            row[position] = None if isinstance(value, Mapping) else _value(value)


def _finite(values: Iterable[Any]) -> bool:
    """Whether the floats among ``values`` are all finite (their exact sum is)."""
    try:
        return math.isfinite(math.fsum(filter(_is_float, values)))
    except (OverflowError, ValueError):  # a sum too large, or inf - inf
        return False


def _compact(function: str, records: Sequence[Any]) -> Tuple[List[List[str]], Sequence[Sequence[Any]], _Columns]:
    columns = _Columns()
    rows: Optional[Sequence[Sequence[Any]]] = columns.flat_rows(records)
    if rows is None:
        rows = [columns.row(function, number, record) for number, record in enumerate(records)]
    return columns.paths, rows, columns


def _records(function: str, argument: str, records: Any) -> Sequence[Any]:
    if isinstance(records, Mapping) or isinstance(records, (str, bytes)) or not isinstance(records, Sequence):
        raise TypeError('%s(): %s must be a list of dicts (one per row), got %r' % (function, argument, records))
    return records


# -- options, with JavaScript functions ------------------------------------------------------

def _options(function: str, where: List[Union[str, int]], value: Any, functions: List[Dict[str, Any]],
             depth: int = 0) -> Any:
    """``value`` (AG Grid options) as JSON; every `JSFunction` becomes ``null`` and an entry of
    ``functions``, with the path where the page puts it (docs/protocol.md, *Data tables*)."""
    if depth > 64:
        raise ValueError('%s(): %s is nested too deeply (a loop?)' % (function, _shown_path(where)))
    if isinstance(value, JSFunction):
        functions.append({'where': list(where), 'params': list(value.params), 'body': value.body})
        return None
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError('%s(): %s is %r; JSON has no such number' % (function, _shown_path(where), value))
        return value
    if isinstance(value, Mapping):
        converted = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError('%s(): the keys of %s must be strings, got %r' % (function, _shown_path(where), key))
            converted[key] = _options(function, where + [key], item, functions, depth + 1)
        return converted
    if isinstance(value, (list, tuple)):
        return [_options(function, where + [index], item, functions, depth + 1) for index, item in enumerate(value)]
    raise TypeError('%s(): %s is %r; options may hold strings, numbers, bools, None, lists, dicts and '
                    'JSFunction(...)' % (function, _shown_path(where), value))


def _shown_path(where: List[Union[str, int]]) -> str:
    return where[0] + ''.join('[%r]' % part for part in where[1:])  # type: ignore[operator]


def _path(function: str, argument: str, value: Any) -> Path:
    """A field's path: a key, or a tuple of keys into nested dicts."""
    parts = value if isinstance(value, (tuple, list)) else (value,)
    if not parts or not all(isinstance(part, str) for part in parts):
        raise TypeError('%s(): %s must be a key (a string) or a tuple of keys into nested dicts, got %r'
                        % (function, argument, value))
    return tuple(parts)


def _column_args(column_args: Any, functions: List[Dict[str, Any]]) -> List[List[Any]]:
    """``column_args`` as ``[[key or path, options], ...]``."""
    function = 'put_datatable'
    if column_args is None:
        return []
    if not isinstance(column_args, Mapping):
        raise TypeError('put_datatable(): column_args must be a dict {column key or path tuple: AG Grid column '
                        'options}, got %r' % (column_args,))
    pairs = []
    for key, options in column_args.items():
        name: Union[str, List[str]] = key if isinstance(key, str) \
            else list(_path(function, 'a key of column_args', key))
        if not isinstance(options, Mapping):
            raise TypeError('put_datatable(): column_args[%r] must be a dict of AG Grid column options, got %r'
                            % (key, options))
        pairs.append([name, _options(function, ['column_args', len(pairs), 1], options, functions)])
    return pairs


def _column_order(column_order: Any) -> Optional[List[Any]]:
    """``column_order`` (a list of keys, or nested dicts) as a tree ``[[key, children or null], ...]``."""
    if column_order is None:
        return None
    if isinstance(column_order, Mapping):
        return _order_tree(column_order, 0)
    if isinstance(column_order, (list, tuple)):
        for key in column_order:
            if not isinstance(key, str):
                raise TypeError('put_datatable(): column_order must list the columns\' keys (strings), got %r' % (key,))
        return [[key, None] for key in column_order]
    raise TypeError('put_datatable(): column_order must be a list of keys, or nested dicts for nested records, '
                    'got %r' % (column_order,))


def _order_tree(node: Mapping, depth: int) -> List[Any]:
    if depth > 64:
        raise ValueError('put_datatable(): column_order is nested too deeply (a loop?)')
    tree = []
    for key, children in node.items():
        if not isinstance(key, str):
            raise TypeError('put_datatable(): the keys of column_order must be strings, got %r' % (key,))
        if children is not None and not isinstance(children, Mapping):
            raise TypeError('put_datatable(): column_order[%r] must be None (a column) or a dict (a group of '
                            'columns), got %r' % (key, children))
        tree.append([key, _order_tree(children, depth + 1) if children else None])
    return tree


# -- row ids --------------------------------------------------------------------------------

def _ids_of(function: str, rows: Sequence[Sequence[Any]], position: Optional[int], id_field: Path) -> List[str]:
    """The ids of records in compact form: their ``id_field`` values, as strings (JavaScript's
    ``String(value)`` for the strings and integers allowed)."""
    ids = []
    for number, row in enumerate(rows):
        value = row[position] if position is not None and position < len(row) else None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise (ValueError if value is None else TypeError)(
                '%s(): record %d has %r at id_field %r; a row id must be a string or an integer'
                % (function, number, value, id_field if len(id_field) > 1 else id_field[0]))
        ids.append(value if isinstance(value, str) else str(value))
    return ids


def _check_unique(function: str, ids: List[str]) -> None:
    if len(set(ids)) != len(ids):
        seen = set()
        for row_id in ids:
            if row_id in seen:
                raise ValueError('%s(): two records have the id %r; the values of id_field must be unique'
                                 % (function, row_id))
            seen.add(row_id)


class _RowIds:
    """The ids of a table's rows, to check the ids a browser sends; never the records.

    Positional ids (no ``id_field``) are the count of ids given out, the set of removed ones, and
    the most ever given out (a click may name a row of the rows `datatable_update` replaced).
    ``id_field`` ids are kept as a sorted array of their hashes, 8 bytes a row (a forged id would
    have to match the salted hash of a real one)."""

    def __init__(self, keyed: bool) -> None:
        self.keyed = keyed
        self.lock = threading.Lock()
        self.count = self.most = 0
        self.removed: set = set()
        self.hashes = array.array('q')

    def reset(self, ids: Union[int, List[str]]) -> None:
        with self.lock:
            if isinstance(ids, int):
                self.count, self.removed, self.most = ids, set(), max(self.most, ids)
            else:
                self.hashes = array.array('q', sorted(map(hash, ids)))

    def has(self, row_id: RowId) -> bool:
        with self.lock:
            if not self.keyed:
                return 0 <= row_id < self.count and row_id not in self.removed  # type: ignore[operator]
            return self._find(hash(row_id)) is not None

    def ever_had(self, row_id: RowId) -> bool:
        """Whether ``row_id`` could be an id of this table, now or before (positional ids only)."""
        return self.keyed or 0 <= row_id < self.most  # type: ignore[operator]

    def add(self, ids: Union[int, List[str]]) -> None:
        with self.lock:
            if isinstance(ids, int):
                self.count += ids
                self.most = max(self.most, self.count)
            elif len(ids) > 64:
                self.hashes = array.array('q', sorted(list(self.hashes) + [hash(row_id) for row_id in ids]))
            else:
                for row_id in ids:
                    bisect.insort(self.hashes, hash(row_id))  # type: ignore[misc]

    def discard(self, ids: Iterable[RowId]) -> None:
        with self.lock:
            for row_id in ids:
                if not self.keyed:
                    if 0 <= row_id < self.count:  # type: ignore[operator]
                        self.removed.add(row_id)
                    continue
                index = self._find(hash(row_id))
                if index is not None:
                    del self.hashes[index]

    def _find(self, value: int) -> Optional[int]:
        index = bisect.bisect_left(self.hashes, value)
        return index if index < len(self.hashes) and self.hashes[index] == value else None


class _Table:
    """What the server keeps of a table put with an ``instance_id``: where it is and its row ids."""

    def __init__(self, output_id: int, id_field: Optional[Path], ids: Optional[_RowIds]) -> None:
        self.output_id = output_id
        self.id_field = id_field
        self.ids = ids


#: instance_id -> `_Table`, per session
_tables = PerSession(dict)


# -- the browser's events -------------------------------------------------------------------

def _event_handler(actions: List[Action], onselect: Optional[Callable[[Any], Any]],
                   multiple: bool, ids: _RowIds) -> Callable[[Any], Any]:
    """The session callback of a table: checks the event (docs/protocol.md, *Data tables*), then
    calls the action's function or ``onselect`` with the selected row id(s)."""

    def handle(data: Any) -> Any:
        if not isinstance(data, dict) or 'rows' not in data or set(data) - {'rows', 'action'}:
            raise ProtocolError('a datatable event must be {"rows": [...]} or {"action": i, "rows": [...]}, got %r'
                                % (data,))
        if 'action' in data:
            index = data['action']
            if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(actions) \
                    or actions[index] is None:
                raise ProtocolError('a datatable event names action %r, which the table does not have' % (index,))
            target = actions[index][1]  # type: ignore[index]
        elif onselect is None:
            raise ProtocolError('a selection event from a datatable without onselect')
        else:
            target = onselect
        rows = _checked_rows(data['rows'], multiple, ids)
        if rows is None:
            logger.debug('dropped a datatable event naming rows that are no longer in the table')
            return None
        return target(rows if multiple else rows[0])

    return handle


def _checked_rows(rows: Any, multiple: bool, ids: _RowIds) -> Optional[List[RowId]]:
    """The row ids of an event; ``ProtocolError`` if they cannot be ids the page sent, None if
    one is no longer in the table (the click raced a removal)."""
    kind = str if ids.keyed else int
    if not isinstance(rows, list) or not rows or (len(rows) > 1 and not multiple):
        raise ProtocolError('a datatable event must name %s, got %r' % (
            'one or more rows' if multiple else 'exactly one row', rows if not isinstance(rows, list) else len(rows)))
    for row_id in rows:
        if isinstance(row_id, bool) or not isinstance(row_id, kind) or not ids.ever_had(row_id):
            raise ProtocolError('a datatable event names row %r, which the table never had' % (row_id,))
    if len(set(rows)) != len(rows):
        raise ProtocolError('a datatable event names a row twice')
    return rows if all(ids.has(row_id) for row_id in rows) else None


# -- put_datatable --------------------------------------------------------------------------

def _check_actions(actions: Any) -> List[Action]:
    if actions is None:
        return []
    if not isinstance(actions, (list, tuple)):
        raise TypeError('put_datatable(): actions must be a list of (label, callback) pairs, got %r' % (actions,))
    checked: List[Action] = []
    for index, action in enumerate(actions):
        if action is None:
            checked.append(None)  # a separator
            continue
        if not isinstance(action, (list, tuple)) or len(action) != 2 or not callable(action[1]):
            raise TypeError('put_datatable(): action %d is %r; an action is a (label, callback) pair, or None '
                            'for a separator' % (index, action))
        checked.append((shown_text('put_datatable', 'the label of action %d' % index, action[0]), action[1]))
    return checked


def _height(height: Any, count: int) -> str:
    if isinstance(height, int) and not isinstance(height, bool):
        if height <= 0:
            raise ValueError('put_datatable(): height must be a positive number of pixels, got %r' % (height,))
        return '%dpx' % height
    if not isinstance(height, str) or not height.strip():
        raise TypeError("put_datatable(): height must be pixels (an int), a CSS height ('50vh') or 'auto', got %r"
                        % (height,))
    if height == 'auto' and count > AUTO_HEIGHT_MAX_RECORDS:
        logger.warning("put_datatable: %d records are too many for height='auto'; the table is 600px high", count)
        return '600px'
    return height


def put_datatable(records: Sequence[Mapping], actions: Optional[Sequence[Action]] = None,
                  onselect: Optional[Callable[[Any], Any]] = None, multiple_select: bool = False,
                  id_field: Union[str, Tuple[str, ...], None] = None, height: Union[int, str] = 600,
                  theme: str = 'balham', cell_content_bar: bool = True, instance_id: str = '',
                  column_order: Union[Sequence[str], Mapping, None] = None,
                  column_args: Optional[Mapping[Union[str, Tuple[str, ...]], Mapping]] = None,
                  grid_args: Optional[Mapping[str, Any]] = None, enterprise_key: str = '',
                  scope: Optional[str] = None, position: int = -1, *, anchor: Optional[str] = None,
                  before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show records in a data grid that sorts, filters and selects rows, for many rows and columns.

    `put_table` suits a few rows of varied content (images, buttons); a data table suits much data.
    The grid is `AG Grid Community <https://www.ag-grid.com/archive/28.2.1/javascript-data-grid/>`_
    28.2.1, served with PyWebIO: nothing is fetched from the internet.

    :param records: the rows, a list of dicts. A dict inside a record is flattened: its keys become
        columns grouped under a header named by its key. A value that is a number stays a number
        (NaN is empty); lists are shown as AG Grid shows them; other objects (dates...) as
        ``str(value)``.
    :param actions: buttons for the selected rows, a list of ``(label, callback)`` pairs; ``None``
        in the list is a separator. They show under the grid while rows are selected, with the
        number selected and an *Unselect* button. ``callback(row_id)`` gets the selected row's id
        (a list of ids with ``multiple_select``).
    :param onselect: ``onselect(row_id)`` is called when the selection changes and rows are
        selected (a list of ids with ``multiple_select``).
    :param multiple_select: let the person select several rows (a click adds a row).
    :param id_field: the key of the records' field that identifies a row, or a tuple of keys for a
        field of a nested dict (``('user', 'id')``). Its values (strings or integers) must be
        unique; callbacks get them as strings. Without it, a row's id is its position in
        ``records`` (an int), and inserted rows get the numbers after the highest given so far.
    :param height: pixels (an int), any CSS height (``'50vh'``), or ``'auto'``: as tall as the
        rows (up to 1000 records; more get 600 pixels).
    :param theme: ``'balham'`` (the default), ``'alpine'``, ``'alpine-dark'``, ``'balham-dark'`` or
        ``'material'``.
    :param cell_content_bar: show the whole content of the focused cell in a line under the grid.
    :param instance_id: a name for the table in this session, for `datatable_update`,
        `datatable_insert` and `datatable_remove`. A later table of the same name takes it over.
    :param column_order: the columns shown, in order: a list of keys, or for nested records dicts
        whose leaves are ``None``: ``{'name': None, 'address': {'city': None}}``. Required when
        ``records`` is empty. Without it every field is a column, in the order first seen.
    :param column_args: `AG Grid column options
        <https://www.ag-grid.com/archive/28.2.1/javascript-data-grid/column-properties/>`_ by column:
        a key applies to every column of that key, nested or not; a tuple of keys to one column,
        or, naming a nested dict, to all the columns under it.
    :param grid_args: `AG Grid grid options
        <https://www.ag-grid.com/archive/28.2.1/javascript-data-grid/grid-options/>`_, over
        PyWebIO's (sortable, filterable, resizable columns, selection by click). Event handlers of
        yours run after PyWebIO's own.
    :param enterprise_key: accepted for 1.8 programs and ignored: the grid is AG Grid Community,
        whose license is MIT; AG Grid Enterprise is not free software and is not bundled.
    :param scope: see `put_text` (1.x's placement).
    :param position: see `put_text`.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Values of ``column_args`` and ``grid_args`` may be `JSFunction` objects: JavaScript functions,
    such as a cell renderer. With an ``instance_id``, the page's JavaScript finds the grid as 1.8's
    did: ``window['ag_grid_' + instance_id + '_promise']`` resolves to the grid options, with
    ``api``, ``columnApi`` and the helpers ``flatten_row(record)``, ``path2field(path)`` and
    ``field2path(field)``.

    Example::

        put_datatable(
            [{'name': 'Ann', 'email': 'ann@example.com', 'address': {'city': 'Oslo'}},
             {'name': 'Bob', 'email': 'bob@example.com', 'address': {'city': 'Rome'}}],
            actions=[
                ('Edit email', lambda row_id: datatable_update('people', input('Email'), row_id, 'email')),
                None,  # a separator
                ('Delete', lambda row_id: datatable_remove('people', row_id)),
            ],
            onselect=lambda row_id: toast('Selected row %s' % row_id),
            instance_id='people',
        )
    """
    function = 'put_datatable'
    records = _records(function, 'records', records)
    if not records and not column_order:
        raise ValueError('put_datatable(): records is empty, so column_order must name the columns')
    checked_actions = _check_actions(actions)
    if onselect is not None and not callable(onselect):
        raise TypeError('put_datatable(): onselect must be a function taking the selected row id(s), got %r'
                        % (onselect,))
    id_path = None if id_field is None else _path(function, 'id_field', id_field)
    css_height = _height(height, len(records))
    if theme not in THEMES:
        raise ValueError('put_datatable(): theme must be one of %s, got %r' % (', '.join(map(repr, THEMES)), theme))
    if not isinstance(instance_id, str):
        raise TypeError('put_datatable(): instance_id must be a string, got %r' % (instance_id,))
    if not isinstance(enterprise_key, str):
        raise TypeError('put_datatable(): enterprise_key must be a string, got %r' % (enterprise_key,))
    if enterprise_key:
        logger.warning('put_datatable: enterprise_key is ignored; PyWebIO bundles AG Grid Community only')
    order = _column_order(column_order)
    column_functions: List[Dict[str, Any]] = []
    column_pairs = _column_args(column_args, column_functions)
    grid_functions: List[Dict[str, Any]] = []
    if grid_args is not None and not isinstance(grid_args, Mapping):
        raise TypeError('put_datatable(): grid_args must be a dict of AG Grid grid options, got %r' % (grid_args,))
    grid = _options(function, ['grid_args'], grid_args or {}, grid_functions)
    place = placement(function, scope, position, anchor, before, after)
    paths, rows, columns = _compact(function, records)
    ids: Optional[List[str]] = None
    if id_path is not None:
        ids = _ids_of(function, rows, columns.index.get(id_path), id_path)
        _check_unique(function, ids)
    tracker: Optional[_RowIds] = None
    if checked_actions or onselect is not None:
        tracker = _RowIds(keyed=id_path is not None)
        tracker.reset(ids if ids is not None else len(rows))

    def register(session: Session, fields: Dict[str, Any]) -> None:
        if tracker is not None:
            fields['callback_id'] = session.register_callback(
                _event_handler(checked_actions, onselect, bool(multiple_select), tracker))

    fields = {
        'columns': paths, 'rows': rows, 'id_path': None if id_path is None else list(id_path), 'order': order,
        'actions': [None if action is None else action[0] for action in checked_actions],
        'onselect': onselect is not None, 'callback_id': None, 'multiple_select': bool(multiple_select),
        'height': css_height, 'theme': theme, 'cell_content_bar': bool(cell_content_bar),
        'instance_id': instance_id, 'column_args': column_pairs, 'grid_args': grid,
        'functions': column_functions + grid_functions,
    }
    output = put(function, 'datatable', fields, place, prepare=register)
    # the queued command keeps the records until it is sent; the Output does not
    output.spec = {key: value for key, value in output.spec.items() if key != 'rows'}
    if instance_id:
        _tables(get_current_session())[instance_id] = _Table(output.id, id_path, tracker)
    return output


# -- later changes --------------------------------------------------------------------------

def _table(function: str, instance_id: Any) -> _Table:
    if not isinstance(instance_id, str) or not instance_id:
        raise TypeError("%s(): instance_id must be the instance_id given to put_datatable(), got %r"
                        % (function, instance_id))
    table = _tables(get_current_session()).get(instance_id)
    if table is None:
        raise ValueError("%s(): no data table was put with instance_id=%r in this session; give "
                         "put_datatable(..., instance_id=%r) first" % (function, instance_id, instance_id))
    return table


def _row_id(function: str, table: _Table, row_id: Any) -> RowId:
    """A row id from Python, as the page knows it: an int (positional ids), else a string."""
    if table.id_field is None:
        if isinstance(row_id, str) and row_id.isdigit():
            return int(row_id)
        if isinstance(row_id, int) and not isinstance(row_id, bool):
            return row_id
        raise TypeError('%s(): this table has no id_field, so a row id is the row\'s position, an int; got %r'
                        % (function, row_id))
    if isinstance(row_id, int) and not isinstance(row_id, bool):
        return str(row_id)
    if isinstance(row_id, str):
        return row_id
    raise TypeError('%s(): a row id of a table with id_field is a string (or an integer), got %r' % (function, row_id))


def _send(function: str, command: str, table: _Table, spec: Dict[str, Any]) -> None:
    send(function, command, dict({'id': table.output_id}, **spec))


def datatable_update(instance_id: str, data: Any, row_id: Optional[RowId] = None,
                     field: Union[str, Tuple[str, ...], None] = None) -> None:
    """Change the records of a data table: all of them, one row, or one cell.

    :param instance_id: the ``instance_id`` given to `put_datatable`.
    :param data: with neither ``row_id`` nor ``field``: the new records, a list of dicts, which
        replace all the rows (the columns stay; without ``id_field`` the rows are numbered from 0
        again). With ``row_id``: the row's new record, a dict (the row keeps its id). With
        ``row_id`` and ``field``: the cell's new value.
    :param row_id: the id of the row to change (see ``id_field`` of `put_datatable`). A row that
        is not in the table is left alone.
    :param field: the key of the cell's column, or a tuple of keys for a nested field.

    Example::

        datatable_update('people', 'ann@example.org', row_id=0, field='email')
        datatable_update('people', {'name': 'Ann', 'email': 'ann@example.org'}, row_id=0)
    """
    function = 'datatable_update'
    table = _table(function, instance_id)
    if row_id is None:
        if field is not None:
            raise ValueError('datatable_update(): field=%r needs the row_id of the row to change' % (field,))
        paths, rows, columns = _compact(function, _records(function, 'data', data))
        ids: Union[int, List[str]] = len(rows)
        if table.id_field is not None:
            ids = _ids_of(function, rows, columns.index.get(table.id_field), table.id_field)
            _check_unique(function, ids)
        if table.ids is not None:
            table.ids.reset(ids)
        _send(function, 'datatable_update', table, {'columns': paths, 'rows': rows})
        return
    target = _row_id(function, table, row_id)
    if field is None:
        if not isinstance(data, Mapping):
            raise TypeError("datatable_update(): with a row_id and no field, data is the row's new record, a dict; "
                            "got %r" % (data,))
        paths, rows, _ = _compact(function, [data])
        _send(function, 'datatable_update', table, {'row_id': target, 'columns': paths, 'rows': rows})
        return
    path = _path(function, 'field', field)
    _send(function, 'datatable_update', table, {'row_id': target, 'path': list(path), 'value': _value(data)})


def datatable_insert(instance_id: str, records: Any, row_id: Optional[RowId] = None) -> None:
    """Add rows to a data table.

    :param instance_id: the ``instance_id`` given to `put_datatable`.
    :param records: a record (a dict) or a list of records.
    :param row_id: add the rows before this row (in the order of the records, whatever the sort);
        at the end when it is ``None`` or not in the table.

    Without ``id_field`` the new rows get the ids after the highest one given so far. With it, a
    record whose id is already in the table is not added.

    Example::

        datatable_insert('people', {'name': 'Cid', 'email': 'cid@example.com'}, row_id=0)
    """
    function = 'datatable_insert'
    table = _table(function, instance_id)
    batch = [records] if isinstance(records, Mapping) else _records(function, 'records', records)
    paths, rows, columns = _compact(function, batch)
    before = None if row_id is None else _row_id(function, table, row_id)
    if table.id_field is not None:
        ids = _ids_of(function, rows, columns.index.get(table.id_field), table.id_field)
        _check_unique(function, ids)
        if table.ids is not None:
            table.ids.add([row_id for row_id in ids if not table.ids.has(row_id)])
    elif table.ids is not None:
        table.ids.add(len(rows))
    _send(function, 'datatable_insert', table, {'columns': paths, 'rows': rows, 'before': before})


def datatable_remove(instance_id: str, row_ids: Union[RowId, Sequence[RowId]]) -> None:
    """Remove rows from a data table.

    :param instance_id: the ``instance_id`` given to `put_datatable`.
    :param row_ids: a row id, or a list of them; ids that are not in the table are skipped.

    Example::

        datatable_remove('people', [0, 2])
    """
    function = 'datatable_remove'
    table = _table(function, instance_id)
    listed = row_ids if isinstance(row_ids, (list, tuple)) else [row_ids]
    targets = [_row_id(function, table, row_id) for row_id in listed]
    if table.ids is not None:
        table.ids.discard(targets)
    _send(function, 'datatable_remove', table, {'row_ids': targets})

"""Pin widgets: input fields that stay on the page, read and changed whenever the program likes.

An input function (`pywebio.input`) shows a form and waits; a *pin widget* is the same field put
on the page like output, at once, and it stays. The program reads its current value at any time
through the `pin` object, changes it, waits for the person to change it, or registers a callback::

    from pywebio.output import put_buttons, put_text
    from pywebio.pin import *

    put_input('name', label='Your name')
    put_select('size', ['S', 'M', 'L'], label='Size', value='M')
    put_buttons(['Order'], onclick=lambda _: put_text(pin.name, pin['size']))

    pin.name = 'Ann'                       # set a value (pin_update(name, ...) changes more)
    changed = pin_wait_change('name', 'size', timeout=60)   # {'name': ..., 'value': ...} or None
    pin_on_change('size', lambda value: put_text('size:', value))

Values are typed exactly as the input functions return them: ``int`` for ``type='number'``, the
option's Python value for selects, checkboxes and radios, a file dict for uploads. Reading
``pin.x`` asks the browser (one round trip; `get_pin_values` reads several in one); in a
coroutine-based session write ``await pin.x``, ``await pin_wait_change(...)``.

Every ``put_*`` function takes a widget ``name`` first (letters, digits, ``_`` and ``-``) and
the placement arguments of `pywebio.output` (``scope``, ``position``, ``anchor``, ``before``,
``after``); it returns the `Output`, which may be placed in a table, a row or a popup.

Rules where widgets and names meet:

- Reading a name no widget was ever put with raises (``AttributeError`` for ``pin.x``,
  ``KeyError`` for ``pin['x']``). A widget that was put and later cleared or removed from the page
  reads as ``None``, as in PyWebIO 1.x; after `Pin.use_strict` it raises ``AssertionError``.
- Putting a widget with the name of an earlier one makes the new one *the* widget of that name;
  the old one stays on the page but no longer counts.
- A change is the person committing a value: a text field when it loses focus or Enter is
  pressed, a choice at once, a slider when released, a code editor (``put_textarea(code=...)``)
  when typing pauses for 0.3 s or it loses focus. Setting a value from the program is not a
  change. The browser reports changes only while something waits or listens for that name.
"""
import inspect
import itertools
import re
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from . import input as _inputs
from ._form import ChoiceItem, FileItem, InputItem, InvalidValue, TextItem, check_string, messages_for, open_uploads
from .session.uploads import TaskUploads
from ._languages import language_of
from ._page import Output, page_of, placement, put
from .session import existing_session, get_current_session
from .session.local import module_attribute
from .session.base import Interaction, PerSession, ProtocolError, Session
from .session.coroutinebased import CoroutineBasedSession

__all__ = ['put_input', 'put_textarea', 'put_select', 'put_checkbox', 'put_radio', 'put_slider',
           'put_actions', 'put_file_upload', 'pin', 'pin_update', 'pin_wait_change', 'pin_on_change',
           'get_pin_values', 'Pin']

_NAME = re.compile(r'[A-Za-z0-9_-]+')
#: Fields that stay as the widget was put (1.x refuses them in pin_update too).
_FIXED = ('type', 'name', 'code', 'multiple')
#: What pin_update may set on any widget besides its put_* parameters: its validity, as 1.x.
_VALIDITY = ('valid_status', 'valid_feedback', 'invalid_feedback')
#: Stands for "the time is up" in the event a timer hands to a waiting task: JSON has no such value.
_TIMEOUT = object()
#: How many past revisions of a widget stay readable (see `_Widget.item_at`).
_KEPT_REVISIONS = 32


# -- the pins of a session ----------------------------------------------------------------------

class _Widget:
    """What the server knows of the widget of one name: how to build it, and its items by revision."""

    def __init__(self, function: str, builder: Callable[..., InputItem], kwargs: Dict[str, Any]) -> None:
        self.function = function
        self.builder = builder
        self.kwargs = kwargs
        self.rev = 0
        self.items: Dict[int, InputItem] = {}

    def item_at(self, rev: Any) -> InputItem:
        """The item the browser showed at ``rev`` (call under the pins' lock).

        Events of one widget may be handled by different threads (a read by the task, a change by
        the callback thread), so a few past revisions stay readable; a revision never sent, or
        more than `_KEPT_REVISIONS` updates old, is refused.
        """
        item = self.items.get(rev) if isinstance(rev, int) and not isinstance(rev, bool) else None
        if item is None:
            raise ProtocolError('pin %r: revision %r was never sent, or is long gone' % (self.kwargs.get('name'), rev))
        return item

    def add(self, rev: int, item: InputItem) -> None:
        self.rev = rev
        self.items[rev] = item
        while len(self.items) > _KEPT_REVISIONS:
            del self.items[min(self.items)]


class _Pins:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.widgets: Dict[str, _Widget] = {}
        self.revs = itertools.count(1)
        self.listeners: Dict[str, List[str]] = {}  # name -> callback ids of pin_on_change
        self.strict = False


_pins_of = PerSession(_Pins)


def _check_name(function: str, name: Any) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError('%s(): a pin name is a non-empty string of letters, digits, "_" and "-", got %r'
                         % (function, name))
    return name


def _build(widget: _Widget, name: str) -> InputItem:
    item = widget.builder(name=name, **widget.kwargs)
    item.placed = True  # an item of a widget, not a forgotten input_group item
    if widget.function == 'put_actions' and any(b['type'] != 'submit' for b in item.spec['buttons']):
        raise ValueError("put_actions(): a pin widget takes 'submit' buttons only (a click sets its value)")
    return item


# -- the widgets --------------------------------------------------------------------------------

def _put(function: str, builder: Callable[..., InputItem], name: Any, kwargs: Dict[str, Any],
         scope: Any, position: Any, anchor: Any, before: Any, after: Any) -> Output:
    _check_name(function, name)
    place = placement('put_input', scope, position, anchor, before, after)
    widget = _Widget(function, builder, kwargs)
    item = _build(widget, name)  # checks the arguments, with the input function's own messages
    session = get_current_session()
    pins = _pins_of(session)

    def register(_session: Session, fields: Dict[str, Any]) -> None:  # under the page's lock
        with pins.lock:
            earlier = pins.widgets.get(name)
            if earlier is not None:  # values of the old widget may still be on their way
                widget.items.update(earlier.items)
            fields['rev'] = next(pins.revs)
            widget.add(fields['rev'], item)
            pins.widgets[name] = widget

    return put(function, 'pin', {'input': item.spec}, place, prepare=register)


def put_input(name: str, type: str = 'text', *, label: str = '', value: Union[str, int, float, None] = None,
              placeholder: Optional[str] = None, readonly: Optional[bool] = None,
              datalist: Optional[Sequence[str]] = None, help_text: Optional[str] = None,
              scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
              before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Put a one-line input field on the page; see `pywebio.input.input` for the parameters.

    :param name: the widget's name: read it as ``pin.name``.
    :param type: ``'text'``, ``'number'`` (reads as ``int``), ``'float'``, ``'password'``, ``'url'``,
        ``'date'``, ``'time'``, ``'color'`` or ``'datetime-local'``.
    :param scope: the scope to put it in (the current one by default).
    :param position: its position in the scope: 0 the top, -1 the end.
    :param anchor: name the output; ``before`` / ``after``: put it next to a named output.
    :return: the `Output`.

    Example::

        put_input('age', type='number', label='Age', value=30)
        put_buttons(['Read'], onclick=lambda _: put_text(pin.age + 1))
    """
    return _put('put_input', _inputs.input, name, dict(
        label=label, type=type, value=value, placeholder=placeholder, readonly=readonly, datalist=datalist,
        help_text=help_text), scope, position, anchor, before, after)


def put_textarea(name: str, *, label: str = '', rows: int = 6, code: Union[bool, Dict[str, Any], None] = None,
                 maxlength: Optional[int] = None, minlength: Optional[int] = None, value: Optional[str] = None,
                 placeholder: Optional[str] = None, readonly: Optional[bool] = None,
                 help_text: Optional[str] = None, scope: Optional[str] = None, position: int = -1,
                 anchor: Optional[str] = None, before: Optional[str] = None,
                 after: Optional[str] = None) -> Output:
    """Put a multi-line text field (or a code editor, with ``code``); see `pywebio.input.textarea`.

    The placement parameters are those of `put_input`. Example::

        put_textarea('notes', label='Notes', rows=3)
    """
    return _put('put_textarea', _inputs.textarea, name, dict(
        label=label, rows=rows, code=code, maxlength=maxlength, minlength=minlength, value=value,
        placeholder=placeholder, readonly=readonly, help_text=help_text), scope, position, anchor, before, after)


def put_select(name: str, options: Optional[Sequence[Any]] = None, *, label: str = '',
               multiple: Optional[bool] = None, value: Any = None, native: Optional[bool] = None,
               help_text: Optional[str] = None, scope: Optional[str] = None, position: int = -1,
               anchor: Optional[str] = None, before: Optional[str] = None,
               after: Optional[str] = None) -> Output:
    """Put a drop-down list; see `pywebio.input.select`. Reads as the chosen option's value
    (a list of them with ``multiple``). ``native`` is accepted for 1.x programs; the list is
    always the browser's own ``<select>``.

    Example::

        put_select('color', [('Red', 0xff0000), ('Blue', 0x0000ff)], label='Color')
        # pin.color == 0xff0000, an int
    """
    return _put('put_select', _inputs.select, name, dict(
        label=label, options=options, multiple=multiple, value=value, help_text=help_text),
        scope, position, anchor, before, after)


def put_checkbox(name: str, options: Optional[Sequence[Any]] = None, *, label: str = '',
                 inline: Optional[bool] = None, value: Optional[List[Any]] = None,
                 help_text: Optional[str] = None, scope: Optional[str] = None, position: int = -1,
                 anchor: Optional[str] = None, before: Optional[str] = None,
                 after: Optional[str] = None) -> Output:
    """Put a group of check boxes; see `pywebio.input.checkbox`. Reads as the list of ticked values.

    Example::

        put_checkbox('toppings', ['cheese', 'olives'], label='Toppings', value=['cheese'])
    """
    return _put('put_checkbox', _inputs.checkbox, name, dict(
        label=label, options=options, inline=inline, value=value, help_text=help_text),
        scope, position, anchor, before, after)


def put_radio(name: str, options: Optional[Sequence[Any]] = None, *, label: str = '',
              inline: Optional[bool] = None, value: Any = None, help_text: Optional[str] = None,
              scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
              before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Put a group of radio buttons; see `pywebio.input.radio`. Reads as the chosen value, or ``None``.

    Example::

        put_radio('answer', ['yes', 'no'], label='Ready?', inline=True)
    """
    return _put('put_radio', _inputs.radio, name, dict(
        label=label, options=options, inline=inline, value=value, help_text=help_text),
        scope, position, anchor, before, after)


def put_slider(name: str, *, label: str = '', value: Union[int, float] = 0, min_value: Union[int, float] = 0,
               max_value: Union[int, float] = 100, step: Union[int, float] = 1, required: Optional[bool] = None,
               help_text: Optional[str] = None, scope: Optional[str] = None, position: int = -1,
               anchor: Optional[str] = None, before: Optional[str] = None,
               after: Optional[str] = None) -> Output:
    """Put a slider; see `pywebio.input.slider`. Reads as an ``int`` when ``value``-range and
    ``step`` are ints, else a ``float``.

    Example::

        put_slider('volume', label='Volume', value=30, step=10)
    """
    return _put('put_slider', _inputs.slider, name, dict(
        label=label, value=value, min_value=min_value, max_value=max_value, step=step, required=required,
        help_text=help_text), scope, position, anchor, before, after)


def put_actions(name: str, *, label: str = '', buttons: Optional[Sequence[Any]] = None,
                help_text: Optional[str] = None, scope: Optional[str] = None, position: int = -1,
                anchor: Optional[str] = None, before: Optional[str] = None,
                after: Optional[str] = None) -> Output:
    """Put a row of buttons whose value is the value of the last one pressed (``None`` before).

    Unlike `pywebio.input.actions` nothing is submitted: a click sets the widget's value and is a
    change (`pin_wait_change`, `pin_on_change`). Only ``'submit'`` buttons are allowed.

    Example::

        put_actions('mode', label='Mode', buttons=['Fast', 'Careful'])
        print(pin_wait_change('mode'))   # {'name': 'mode', 'value': 'Fast'}
    """
    return _put('put_actions', _inputs.actions, name, dict(label=label, buttons=buttons, help_text=help_text),
                scope, position, anchor, before, after)


def put_file_upload(name: str, *, label: str = '', accept: Union[str, Sequence[str], None] = None,
                    placeholder: str = 'Choose file', multiple: bool = False, max_size: Union[int, str] = 0,
                    max_total_size: Union[int, str] = 0, help_text: Optional[str] = None,
                    scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
                    before: Optional[str] = None, after: Optional[str] = None, as_file: bool = False) -> Output:
    """Put a file chooser; see `pywebio.input.file_upload`. Reads as the file dict
    (``{'filename', 'content', 'mime_type'}``; with ``as_file``, ``'file'`` and ``'path'`` instead
    of ``'content'``), a list of them with ``multiple``, or ``None``.

    The chosen files are uploaded each time the value is read (or reported by a change).

    Example::

        put_file_upload('photo', label='Photo', accept='image/*')
    """
    return _put('put_file_upload', _inputs.file_upload, name, dict(
        label=label, accept=accept, placeholder=placeholder, multiple=multiple, max_size=max_size,
        max_total_size=max_total_size, help_text=help_text, as_file=as_file), scope, position, anchor, before, after)


# -- reading values -----------------------------------------------------------------------------

def _convert(session: Session, pins: _Pins, widget: _Widget, rev: Any, raw: Any,
             files: Optional[TaskUploads]) -> Any:
    """The Python value of ``raw``, as the input function would return it."""
    with pins.lock:
        item = widget.item_at(rev)
    try:
        return item.parse(raw, messages_for(language_of(session)), files)
    except InvalidValue:
        # a value a person could enter, that the form would refuse: too short, not a number...
        if isinstance(item, TextItem) and item.spec['type'] not in ('number', 'float'):
            return raw
        return None


def _file_uploads(session: Session, pins: _Pins, names: Sequence[str]) -> Optional[TaskUploads]:
    """The uploads of a reading of ``names`` (None if none is a file widget); close it after."""
    with pins.lock:
        items = [pins.widgets[n].items[pins.widgets[n].rev] for n in names
                 if n in pins.widgets and isinstance(pins.widgets[n].items.get(pins.widgets[n].rev), FileItem)]
    return open_uploads(session, items, messages_for(language_of(session)))


def _reading_command(command: str, task_id: str, names: List[str], uploads: Optional[TaskUploads]) -> dict:
    spec: Dict[str, Any] = {'names': names}
    if uploads is not None:
        spec['upload'] = uploads.command_spec()
    return {'command': command, 'task_id': task_id, 'spec': spec}


def _read_steps(session: Session, pins: _Pins, names: List[str]) -> Interaction:
    """Ask the browser for the values of ``names``: a dict of them (``None`` for a widget not on the page)."""
    task_id = session.open_task()
    uploads = _file_uploads(session, pins, names)
    try:
        session.send_task_command(_reading_command('pin_value', task_id, names, uploads))
        while True:
            event = yield task_id
            try:
                data = event.get('data')
                if event.get('event') != 'pin_value' or not isinstance(data, dict) or set(data) != set(names):
                    raise ProtocolError('expected a pin_value event for %r, got %r' % (names, event.get('event')))
                values = {}
                for name in names:
                    entry = data[name]
                    if entry is None:
                        if pins.strict:
                            raise AssertionError('pin widget %r is not on the page (strict mode)' % name)
                        values[name] = None
                        continue
                    if not isinstance(entry, dict) or 'value' not in entry:
                        raise ProtocolError('pin %r: expected {"rev", "value"}, got %r' % (name, entry))
                    with pins.lock:
                        widget = pins.widgets[name]
                    values[name] = _convert(session, pins, widget, entry.get('rev'), entry['value'], uploads)
                if uploads is not None:
                    uploads.hand_over()
                return values
            except ProtocolError as error:
                raise session.abort(error) from None
    finally:
        if uploads is not None:
            uploads.close()
        session.close_task(task_id)


def _known(session: Session, function: str, names: Sequence[Any], error: type = ValueError) -> _Pins:
    pins = _pins_of(session)
    for name in names:
        if not isinstance(name, str) or name not in pins.widgets:
            if isinstance(name, str) and _NAME.fullmatch(name):
                raise error('%s: no pin widget named %r was put in this session; put one first, e.g. '
                            "put_input(%r)" % (function, name, name))
            raise error('%s: %r is not a pin name (letters, digits, "_" and "-")' % (function, name))
    return pins


def get_pin_values(names: Sequence[str]) -> Any:
    """Read the values of several pin widgets in one round trip; returns ``{name: value}``.

    :param names: the names of the widgets.
    :raises ValueError: a name no widget was put with.

    In a coroutine-based session write ``await get_pin_values([...])``.

    Example::

        values = get_pin_values(['name', 'age'])
    """
    if isinstance(names, str) or not isinstance(names, (list, tuple)):
        raise TypeError('get_pin_values(): names must be a list of pin names, got %r' % (names,))
    session = get_current_session()
    pins = _known(session, 'get_pin_values()', names)
    return session.run_interaction(_read_steps(session, pins, list(dict.fromkeys(names))), 'get_pin_values')


def _read_one(name: str, error: type) -> Any:
    session = get_current_session()
    pins = _known(session, 'pin[%r]' % name if error is KeyError else 'pin.%s' % name, [name], error)
    result = session.run_interaction(_read_steps(session, pins, [name]), 'pin.%s' % name)
    if isinstance(session, CoroutineBasedSession):
        return result.then(lambda values: values[name])
    return result[name]


class Pin:
    """The type of `pin`: its attributes and items are the values of the pin widgets.

    ``pin.name`` / ``pin['name']`` reads a widget's value (one round trip to the browser; ``await``
    it in a coroutine-based session); ``pin.name = value`` / ``pin['name'] = value`` sets it,
    like ``pin_update(name, value=value)``.
    """

    def use_strict(self) -> None:
        """From now on, in this session, reading a widget that is no longer on the page raises
        ``AssertionError`` instead of giving ``None``."""
        _pins_of(get_current_session()).strict = True

    def __getattr__(self, name: str) -> Any:
        if name.startswith('_'):  # introspection (doc tools, copy, pickle, mock) is not a pin read
            raise AttributeError(name)
        if existing_session() is None:  # no page, so no widget: and a probe must not start script mode
            raise AttributeError('pin.%s: read outside a PyWebIO session, where there is no pin widget'
                                 % name)
        return _read_one(name, AttributeError)

    def __getitem__(self, name: str) -> Any:
        return _read_one(name, KeyError)

    def __setattr__(self, name: str, value: Any) -> None:
        pin_update(name, value=value)

    def __setitem__(self, name: str, value: Any) -> None:
        pin_update(name, value=value)

    def __reduce__(self) -> Any:
        return module_attribute, ('pywebio.pin', 'pin')

    def __repr__(self) -> str:
        return '<pywebio.pin.pin>'


#: The values of the pin widgets of the current session, by name: ``pin.age``, ``pin['age']``,
#: ``pin.age = 3``.
pin = Pin()


# -- changing widgets ---------------------------------------------------------------------------

def pin_update(name: str, **spec: Any) -> None:
    """Change a pin widget: its value, label, help text, options, placeholder...

    :param name: the widget's name.
    :param spec: parameters of the widget's ``put_*`` function, with their new values. ``type``,
        ``code`` and ``multiple`` cannot change. Without ``value`` (or ``options``) the widget
        keeps what the person entered. Also, as in 1.x, its validity: ``valid_status`` (``True``:
        shown as valid with ``valid_feedback`` under it; ``False``: invalid with
        ``invalid_feedback``; ``None``: neither). The person editing the field clears it.
    :raises ValueError: no widget of that name was put.

    The new values are checked as the ``put_*`` function checks them. Changing the value is not a
    *change* for `pin_wait_change` and `pin_on_change`.

    Example::

        put_select('city', ['Paris', 'Rome'], label='City')
        pin_update('city', options=['Paris', 'Rome', 'Oslo'], value='Oslo', label='Your city')
        pin_update('city', valid_status=False, invalid_feedback='We do not deliver there')
    """
    _check_name('pin_update', name)
    session = get_current_session()
    pins = _known(session, 'pin_update()', [name])
    validity: Dict[str, Any] = {}
    for key in _VALIDITY:
        if key in spec:
            value = spec.pop(key)
            if key == 'valid_status' and value not in (True, False, None):
                raise TypeError('pin_update(): valid_status must be True, False or None, got %r' % (value,))
            validity[key] = value if key == 'valid_status' else check_string('pin_update', key, value)
    fixed = [key for key in spec if key in _FIXED]
    if fixed:
        raise ValueError('pin_update(): %s cannot change; put the widget again instead' % ', '.join(fixed))
    page = page_of(session)
    with page.lock, pins.lock:  # the order put() takes them: page first
        widget = pins.widgets[name]
        allowed = set(inspect.signature(globals()[widget.function]).parameters) - {
            'name', 'scope', 'position', 'anchor', 'before', 'after'}
        unknown = sorted(set(spec) - allowed)
        if unknown:
            raise TypeError('pin_update(): %s() has no parameter %s' % (widget.function, ', '.join(map(repr, unknown))))
        kwargs = dict(widget.kwargs, **spec)
        if 'options' in spec and 'value' not in spec:
            kwargs['value'] = None  # new options choose by their own "selected"
        old = widget.items[widget.rev]
        item = _build(_Widget(widget.function, widget.builder, kwargs), name)
        attributes = {key: value for key, value in item.spec.items() if old.spec.get(key) != value}
        if 'value' in spec:
            attributes[('options' if isinstance(item, ChoiceItem) else 'value')] = \
                item.spec['options' if isinstance(item, ChoiceItem) else 'value']
        attributes.update(validity)
        widget.kwargs = kwargs
        widget.add(next(pins.revs), item)
        session.send_task_command({'command': 'pin_update', 'task_id': None,
                                   'spec': {'name': name, 'rev': widget.rev, 'attributes': attributes}})


def _wait_steps(session: Session, pins: _Pins, names: List[str], timeout: Optional[float]) -> Interaction:
    task_id = session.open_task()
    cancel: Optional[Callable[[], Any]] = None
    uploads = _file_uploads(session, pins, names)
    try:
        session.send_task_command(_reading_command('pin_wait', task_id, names, uploads))
        if timeout is not None:
            cancel = _start_timer(session, task_id, timeout)
        while True:
            event = yield task_id
            data = event.get('data')
            if data is _TIMEOUT:
                session.send_task_command({'command': 'pin_unwait', 'task_id': task_id, 'spec': None})
                return None
            try:
                if event.get('event') != 'pin_change' or not isinstance(data, dict) \
                        or data.get('name') not in names or 'value' not in data:
                    raise ProtocolError('expected a pin_change event for one of %r, got %r' % (names, event))
                name = data['name']
                with pins.lock:
                    widget = pins.widgets[name]
                value = _convert(session, pins, widget, data.get('rev'), data['value'], uploads)
                if uploads is not None:
                    uploads.hand_over()
                return {'name': name, 'value': value}
            except ProtocolError as error:
                raise session.abort(error) from None
    finally:
        if cancel is not None:
            cancel()
        if uploads is not None:
            uploads.close()
        session.close_task(task_id)


def _start_timer(session: Session, task_id: str, timeout: float) -> Callable[[], Any]:
    """Wake the waiting task after ``timeout`` seconds, on the server: the browser is not trusted to."""
    def wake() -> None:
        session.send_client_event({'event': 'pin_change', 'task_id': task_id, 'data': _TIMEOUT})
    if isinstance(session, CoroutineBasedSession):
        return session.loop.call_later(timeout, wake).cancel
    timer = threading.Timer(timeout, wake)
    timer.daemon = True
    timer.start()
    return timer.cancel


def pin_wait_change(*names: Any, timeout: Optional[float] = None) -> Any:
    """Wait until the person changes one of the named widgets; return ``{'name': ..., 'value': ...}``.

    :param names: the names of the widgets to watch (or one list of names).
    :param timeout: give up after this many seconds and return ``None``; ``None`` waits forever.
    :raises ValueError: a name no widget was put with.

    Changes made by the program (`pin_update`, ``pin.x = ...``) do not count, nor changes made
    while nothing waits. In a coroutine-based session write ``await pin_wait_change(...)``.

    Example::

        put_input('a', type='number', value=0)
        put_input('b', type='number', value=0)
        while True:
            changed = pin_wait_change('a', 'b')
            put_text(changed['name'], 'is now', changed['value'])
    """
    if len(names) == 1 and isinstance(names[0], (list, tuple)):
        names = tuple(names[0])
    if not names:
        raise ValueError('pin_wait_change(): give the name of at least one pin widget')
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0):
        raise ValueError('pin_wait_change(): timeout must be a positive number of seconds or None, got %r' % (timeout,))
    session = get_current_session()
    pins = _known(session, 'pin_wait_change()', names)
    return session.run_interaction(_wait_steps(session, pins, list(dict.fromkeys(names)), timeout),
                                   'pin_wait_change')


def pin_on_change(name: str, onchange: Optional[Callable[[Any], Any]] = None, clear: bool = False,
                  init_run: bool = False, **callback_options: Any) -> None:
    """Call ``onchange(value)`` every time the person changes the widget ``name``.

    :param name: the widget's name. The callback also serves a widget of that name put later.
    :param onchange: the function, called as a session callback (like a button's ``onclick``)
        with the new value; in a coroutine-based session it may be an ``async def`` function.
    :param clear: remove the callbacks registered for ``name`` before. ``pin_on_change(name,
        clear=True)`` only removes them.
    :param init_run: also call ``onchange`` once now with the current value (``None`` if the
        widget is not on the page). In a thread-based session the call happens before
        ``pin_on_change`` returns; in a coroutine-based session it runs as a callback right after.
    :param callback_options: ``serial_mode`` is accepted for 1.x programs: callbacks of a session
        always run one at a time here.

    Example::

        put_slider('level', label='Level')
        pin_on_change('level', lambda value: put_text('level', value), init_run=True)
    """
    _check_name('pin_on_change', name)
    if onchange is None and not clear:
        raise ValueError('pin_on_change(): give onchange, or clear=True to remove the callbacks')
    if onchange is not None and not callable(onchange):
        raise TypeError('pin_on_change(): onchange must be a function of one argument, got %r' % (onchange,))
    unknown = set(callback_options) - {'serial_mode'}
    if unknown:
        raise TypeError('pin_on_change(): unknown option %s' % ', '.join(map(repr, sorted(unknown))))
    session = get_current_session()
    pins = _pins_of(session)
    callback_id = None
    if onchange is not None:
        callback_id = session.register_callback(lambda data: _changed(session, pins, name, callback_id, onchange, data))
    coroutines = isinstance(session, CoroutineBasedSession)
    with pins.lock:
        listeners = pins.listeners.setdefault(name, [])
        if clear:
            listeners.clear()
        if callback_id is not None:
            listeners.append(callback_id)
        session.send_task_command({'command': 'pin_on_change', 'task_id': None, 'spec': {
            'name': name, 'callback_id': callback_id, 'clear': bool(clear),
            'init_run': bool(init_run and coroutines and callback_id is not None)}})
    if init_run and onchange is not None and not coroutines:
        value = session.run_interaction(_read_steps(session, pins, [name]))[name] if name in pins.widgets else None
        onchange(value)


def _changed(session: Session, pins: _Pins, name: str, callback_id: Optional[str],
             onchange: Callable[[Any], Any], data: Any) -> Any:
    """A ``callback`` event of a `pin_on_change` registration: convert the value, call ``onchange``."""
    with pins.lock:
        if callback_id not in pins.listeners.get(name, ()):
            return None  # cleared meanwhile
        widget = pins.widgets.get(name)
    if widget is None or not isinstance(data, dict):
        raise ProtocolError('a change of pin %r, which the server never put' % name)
    with pins.lock:
        item = widget.item_at(data.get('rev'))
    if isinstance(item, FileItem):  # the files travel with a read
        result = session.run_interaction(_read_steps(session, pins, [name]), 'pin_on_change')
        if isinstance(session, CoroutineBasedSession):
            async def run() -> Any:
                outcome = onchange((await result)[name])
                return (await outcome) if inspect.isawaitable(outcome) else outcome
            return run()
        return onchange(result[name])
    if 'value' not in data:
        raise ProtocolError('a change of pin %r without a value' % name)
    return onchange(_convert(session, pins, widget, data['rev'], data['value'], None))

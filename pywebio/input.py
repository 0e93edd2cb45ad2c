"""Input functions: ask the person in the browser, and wait for the answer.

Each function shows a form and blocks until the person submits a valid value, then returns it::

    from pywebio.input import *

    def check_age(age):
        if age < 10:
            return 'Too young!!'

    age = input("How old are you?", type=NUMBER, valid_func=check_age)
    gift = select('Which gift you want?', ['keyboard', 'ipad'])

Validation runs on the server. While ``valid_func`` returns a message, the message is shown at
the field and the call keeps waiting; it returns once ``valid_func`` returns ``None``. In a
coroutine-based session, ``await`` every input function. ``validate`` is PyWebIO 1.x's name of
``valid_func``: either may be given, not both.

While a form is open, ``onchange`` callbacks run on every change of their field, in the session
as button callbacks do, and may change the form with `input_update`::

    def fill_cities(country):
        input_update('city', options=CITIES[country])

    info = input_group('Address', [
        select('Country', list(CITIES), name='country', onchange=fill_cities),
        select('City', CITIES['France'], name='city'),
    ])

Called with ``name=``, an input function does not ask at once: it returns an item for
`input_group`, which asks for several values in one form and returns them as a dict.

Options of `select`, `checkbox`, `radio` and the buttons of `actions` may be given as plain
values (``['keyboard', 'ipad']``), as ``(label, value)`` or ``(label, value, selected, disabled)``
tuples, or as dicts ``{'label': ..., 'value': ..., 'selected': ..., 'disabled': ...}``. A value
may be any Python object: the very object is returned, since only its position travels to the
browser.
"""
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

import numbers

from ._form import (ActionsItem, ChoiceItem, FileItem, InputItem, SliderItem, TextItem, ValidFunc, build_options,
                    form_steps, html_attrs, running_form, text_value)
from ._text import shown_text
from ._values import parse_size
from .session import get_current_session

__all__ = ['TEXT', 'NUMBER', 'FLOAT', 'PASSWORD', 'URL', 'DATE', 'TIME', 'COLOR', 'DATETIME_LOCAL',
           'input', 'textarea', 'select', 'checkbox', 'radio', 'slider', 'actions', 'file_upload',
           'input_group', 'input_update', 'DATETIME', 'InputItem']

#: A line of text; returns ``str``.
TEXT = 'text'
#: An integer; returns ``int`` (``None`` when optional and left empty).
NUMBER = 'number'
#: A number; returns ``float`` (``None`` when optional and left empty).
FLOAT = 'float'
#: A line of hidden text; returns ``str``.
PASSWORD = 'password'
#: A URL; returns ``str``.
URL = 'url'
#: A date; returns ``str`` such as ``'2026-11-24'``.
DATE = 'date'
#: A time of day; returns ``str`` such as ``'13:45'``.
TIME = 'time'
#: A color; returns ``str`` such as ``'#ff8800'``.
COLOR = 'color'
#: A date and time; returns ``str`` such as ``'2026-11-24T13:45'``.
DATETIME_LOCAL = 'datetime-local'
#: The same as `DATETIME_LOCAL` (PyWebIO 1.x's other name).
DATETIME = DATETIME_LOCAL

_INPUT_TYPES = (TEXT, NUMBER, FLOAT, PASSWORD, URL, DATE, TIME, COLOR, DATETIME_LOCAL)
_TYPE_NAMES = 'TEXT, NUMBER, FLOAT, PASSWORD, URL, DATE, TIME, COLOR, DATETIME_LOCAL'

Option = Union[Any, Tuple[Any, ...], Dict[str, Any]]


# -- argument checks ---------------------------------------------------------------------------

def _text(function: str, argument: str, value: Any) -> str:
    """A label, help text, placeholder...: a string, ``None`` (none), or a number shown as its
    digits, as 1.x's page showed it (`pywebio._text`)."""
    return '' if value is None else shown_text(function, argument, value)


def _callable(function: str, argument: str, func: Any) -> Any:
    if func is not None and not callable(func):
        raise TypeError('%s(): %s must be a function, got %r' % (function, argument, func))
    return func


def _validator(function: str, validate: Any, valid_func: Any) -> Any:
    """``validate`` (1.x) and ``valid_func`` (the guide) are one parameter under two names."""
    if validate is not None and valid_func is not None:
        raise TypeError('%s(): give validate= or valid_func=, not both: validate is the PyWebIO 1.x '
                        'name of valid_func' % function)
    chosen = valid_func if valid_func is not None else validate
    return _callable(function, 'validate' if validate is not None else 'valid_func', chosen)


def _common(function: str, label: Any, name: Any, help_text: Any, required: Any,
            readonly: Any = None) -> Dict[str, Any]:
    if name is not None and (not isinstance(name, str) or not name):
        raise TypeError('%s(): name must be a non-empty string, got %r' % (function, name))
    return {'name': name if name is not None else 'data', 'label': _text(function, 'label', label),
            'help_text': _text(function, 'help_text', help_text), 'required': bool(required),
            'readonly': bool(readonly)}


def _item(item: InputItem, onchange: Any = None) -> InputItem:
    onchange = _callable(item.function, 'onchange', onchange)
    if onchange is not None:
        item.onchange = onchange
        item.spec['onchange'] = True
    return item


def _ask_or_item(item: InputItem, name: Optional[str]) -> Any:
    """With ``name``, the item for `input_group`; without, ask at once and return the value."""
    if name is not None:
        return item
    item.placed = True
    def pick(values: Optional[Dict[str, Any]]) -> Any:
        return None if values is None else values[item.name]  # None: cancelled

    result = _ask(item.function, '', [item], None, cancelable=False)
    if result is None or isinstance(result, dict):
        return pick(result)
    return result.then(pick)  # coroutine session: an awaitable


def _ask(function: str, label: str, items: List[InputItem], valid_func: Any, cancelable: bool) -> Any:
    session = get_current_session()
    return session.run_interaction(form_steps(session, label, items, valid_func, cancelable), function)


# -- the input functions -----------------------------------------------------------------------

def input(label: str = '', type: str = TEXT, *, validate: Optional[ValidFunc] = None,
          name: Optional[str] = None, value: Any = None,
          action: Optional[Tuple[str, Callable[[Callable[..., None]], Any]]] = None,
          onchange: Optional[Callable[[Any], Any]] = None, placeholder: Optional[str] = None,
          required: Optional[bool] = None, readonly: Optional[bool] = None,
          datalist: Optional[Sequence[str]] = None, help_text: Optional[str] = None,
          valid_func: Optional[ValidFunc] = None, **other_html_attrs: Any) -> Any:
    """Ask for one value in a text field and return it.

    :param label: the field's label.
    :param type: `TEXT` (default), `NUMBER` (returns ``int``), `FLOAT` (returns ``float``),
        `PASSWORD`, `URL`, `DATE`, `TIME`, `COLOR` or `DATETIME_LOCAL` (these return ``str``).
    :param validate: PyWebIO 1.x's name of ``valid_func`` (give one of them).
    :param name: only inside `input_group`: the key of this value in the group's result. With
        ``name`` the call returns an item for the group instead of asking at once.
    :param value: the initial value of the field (for `NUMBER` and `FLOAT`, a number or a numeric
        string such as ``'42'``).
    :param action: ``(label, callback)``: a button labelled ``label`` beside the field. A click
        runs ``callback(set_value)`` in the session, without submitting the form;
        ``set_value(value, label=None)`` fills the field with ``value``, or, with ``label``, shows
        ``label`` in the field (read-only) and makes the call return ``value`` (any object). The
        callback may also keep ``set_value`` and call it later, from a popup's button for example.
    :param onchange: ``onchange(value)`` runs on every change of the field (when it loses focus
        after an edit, or Enter is pressed), while the form is open; it may call `input_update`.
        ``value`` is converted as on submission, ``None`` if it does not convert.
    :param placeholder: a hint shown in the empty field.
    :param required: the form cannot be submitted while the field is empty.
    :param readonly: the value can be read and submitted but not changed.
    :param datalist: suggestions offered while typing.
    :param help_text: a line of help shown under the field.
    :param valid_func: ``valid_func(value)`` returns ``None`` when ``value`` is acceptable, or a
        message to show at the field; the call returns only once it returns ``None``.
    :param other_html_attrs: more HTML attributes of the ``<input>``, e.g. ``min=1, max=10,
        step=1, maxlength=20, pattern='[a-z]+'``, ``data_*`` and ``aria_*``. A keyword that is
        neither a parameter nor such an attribute is a ``TypeError`` naming it.
    :return: the value entered, converted as ``type`` says. An empty optional `NUMBER` or
        `FLOAT` field gives ``None``, an empty optional text field ``''``.
    :raises SessionClosedException: the browser closed the session while waiting.

    Example::

        age = input("How old are you?", type=NUMBER)
        password = input("Input password", type=PASSWORD)

    Picking a value in a popup (the field shows the label, the call returns the date)::

        import datetime

        def pick_date(set_value):
            with popup('Pick a date'):
                put_buttons(['Today', 'Tomorrow'], onclick=[
                    lambda: (set_value(datetime.date.today(), 'Today'), close_popup()),
                    lambda: (set_value(datetime.date.today() + datetime.timedelta(days=1), 'Tomorrow'),
                             close_popup()),
                ])

        day = input('Date', action=('Pick', pick_date), readonly=True)
    """
    if type not in _INPUT_TYPES:
        raise ValueError('input(): type must be one of %s, got %r' % (_TYPE_NAMES, type))
    if type not in (NUMBER, FLOAT) and isinstance(value, numbers.Number) and not isinstance(value, bool):
        value = str(value)  # 1.x's page filled a text field with a number's digits: input('Code', value=42)
    value = text_value('input', type, value)
    if datalist is not None and (not isinstance(datalist, (list, tuple)) or not all(isinstance(d, str) for d in datalist)):
        raise TypeError('input(): datalist must be a list of strings, got %r' % (datalist,))
    if action is not None and not (isinstance(action, (tuple, list)) and len(action) == 2
                                   and isinstance(action[0], str) and callable(action[1])):
        raise TypeError('input(): action must be a (label, callback) pair, got %r' % (action,))
    spec = dict(_common('input', label, name, help_text, required, readonly), type=type, value=value,
                placeholder=_text('input', 'placeholder', placeholder),
                datalist=list(datalist) if datalist else None,
                attrs=html_attrs('input', other_html_attrs))
    if action is not None:
        spec['action'] = {'label': action[0]}
    item = _item(TextItem('input', spec, _validator('input', validate, valid_func)), onchange)
    if action is not None:
        item.action = action[1]
    return _ask_or_item(item, name)


def textarea(label: str = '', *, rows: int = 6, code: Union[bool, Dict[str, Any], None] = None,
             maxlength: Optional[int] = None, minlength: Optional[int] = None,
             validate: Optional[ValidFunc] = None, name: Optional[str] = None, value: Optional[str] = None,
             onchange: Optional[Callable[[Any], Any]] = None, placeholder: Optional[str] = None,
             required: Optional[bool] = None, readonly: Optional[bool] = None,
             help_text: Optional[str] = None, valid_func: Optional[ValidFunc] = None,
             **other_html_attrs: Any) -> Any:
    """Ask for several lines of text, optionally in a code editor; returns ``str``.

    :param rows: the height, in lines.
    :param code: ``True`` or a dict of CodeMirror options turns the field into a code editor.
        Supported options: ``mode`` (``'python'``, ``'javascript'``, ``'markdown'``, ``'sql'``;
        others give plain text), ``theme`` (``'darcula'``, or the default light theme),
        ``lineNumbers`` (default ``True``), ``lineWrapping`` (default ``False``), ``indentUnit``
        (spaces per indent, default 4), ``tabSize`` (default 4) and ``readOnly``. The editor is
        loaded only when first used.
    :param maxlength: the most characters allowed.
    :param minlength: the fewest characters allowed.
    :param onchange: ``onchange(text)`` runs when the text was changed and the field loses focus.

    The other parameters are those of `input`.

    Example::

        code = textarea('Code Edit', code={'mode': "python", 'theme': 'darcula'},
                        value='import something\\n# Write your python code')
    """
    if not isinstance(rows, int) or isinstance(rows, bool) or rows < 1:
        raise ValueError('textarea(): rows must be a positive int, got %r' % (rows,))
    if code is not None and not isinstance(code, (bool, dict)):
        raise TypeError('textarea(): code must be True or a dict of CodeMirror options, got %r' % (code,))
    for argument, limit in (('maxlength', maxlength), ('minlength', minlength)):
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
            raise ValueError('textarea(): %s must be a non-negative int, got %r' % (argument, limit))
    spec = dict(_common('textarea', label, name, help_text, required, readonly), type='textarea',
                value=_text('textarea', 'value', value), placeholder=_text('textarea', 'placeholder', placeholder),
                rows=rows, maxlength=maxlength, minlength=minlength,
                code=(dict(code) if isinstance(code, dict) else {}) if code else None,
                attrs=html_attrs('textarea', other_html_attrs))
    item = TextItem('textarea', spec, _validator('textarea', validate, valid_func))
    return _ask_or_item(_item(item, onchange), name)


def _choice(function: str, kind: str, label: str, options: Any, value: Any,
            name: Optional[str], help_text: Any, required: Any, validate: Any, valid_func: Any,
            onchange: Any, other_html_attrs: Dict[str, Any], **extra: Any) -> Any:
    specs, values, disabled = build_options(function, options, value)
    spec = dict(_common(function, label, name, help_text, required), type=kind, options=specs,
                attrs=html_attrs(function, other_html_attrs), **extra)
    item = ChoiceItem(function, spec, _validator(function, validate, valid_func), values, disabled)
    return _ask_or_item(_item(item, onchange), name)


def select(label: str = '', options: Optional[Sequence[Option]] = None, *, multiple: Optional[bool] = None,
           validate: Optional[ValidFunc] = None, name: Optional[str] = None, value: Any = None,
           onchange: Optional[Callable[[Any], Any]] = None, native: bool = True,
           required: Optional[bool] = None, help_text: Optional[str] = None,
           valid_func: Optional[ValidFunc] = None, **other_html_attrs: Any) -> Any:
    """Ask to choose from a drop-down list; returns the chosen value (a list with ``multiple``).

    :param options: the choices: values, ``(label, value[, selected[, disabled]])`` tuples or
        lists, or dicts ``{'label', 'value', 'selected', 'disabled'}``.
    :param multiple: allow choosing several.
    :param value: the initially chosen value (a list of them with ``multiple``).
    :param onchange: ``onchange(value)`` runs when the choice changes, while the form is open.
    :param native: accepted for PyWebIO 1.x; the list is always the browser's own ``<select>``.

    The other parameters are those of `input`.

    Example::

        gift = select('Which gift you want?', ['keyboard', 'ipad'])
    """
    return _choice('select', 'select', label, options, value, name, help_text,
                   required, validate, valid_func, onchange, other_html_attrs, multiple=bool(multiple))


def checkbox(label: str = '', options: Optional[Sequence[Option]] = None, *, inline: Optional[bool] = None,
             validate: Optional[ValidFunc] = None, name: Optional[str] = None, value: Any = None,
             onchange: Optional[Callable[[Any], Any]] = None, required: Optional[bool] = None,
             help_text: Optional[str] = None, valid_func: Optional[ValidFunc] = None,
             **other_html_attrs: Any) -> List[Any]:
    """Ask to tick any number of boxes; returns the list of ticked values.

    :param options: the boxes, in the forms `select` takes.
    :param inline: show the boxes on one line.
    :param value: the initially ticked values (a list).
    :param onchange: ``onchange(values)`` runs on every tick, with the list of ticked values.

    Example::

        agree = checkbox("User agreement", options=['I agree to terms and conditions'])
    """
    return _choice('checkbox', 'checkbox', label, options, value, name, help_text, required,
                   validate, valid_func, onchange, other_html_attrs, inline=bool(inline))


def radio(label: str = '', options: Optional[Sequence[Option]] = None, *, inline: Optional[bool] = None,
          validate: Optional[ValidFunc] = None, name: Optional[str] = None, value: Any = None,
          onchange: Optional[Callable[[Any], Any]] = None, required: Optional[bool] = None,
          help_text: Optional[str] = None, valid_func: Optional[ValidFunc] = None,
          **other_html_attrs: Any) -> Any:
    """Ask to choose one of several; returns its value, or ``None`` if none was chosen.

    :param options: the choices, in the forms `select` takes.
    :param inline: show the choices on one line.
    :param value: the initially chosen value.
    :param onchange: ``onchange(value)`` runs when another choice is made.

    Example::

        size = radio('Size', [('Small', 's'), ('Medium', 'm', True), ('Large', 'l')])
    """
    return _choice('radio', 'radio', label, options, value, name, help_text, required,
                   validate, valid_func, onchange, other_html_attrs, inline=bool(inline))


def slider(label: str = '', *, name: Optional[str] = None, value: Union[int, float] = 0,
           min_value: Union[int, float] = 0, max_value: Union[int, float] = 100, step: Union[int, float] = 1,
           validate: Optional[ValidFunc] = None, onchange: Optional[Callable[[Any], Any]] = None,
           required: Optional[bool] = None, help_text: Optional[str] = None,
           valid_func: Optional[ValidFunc] = None, **other_html_attrs: Any) -> Union[int, float]:
    """Ask for a number between ``min_value`` and ``max_value`` with a slider.

    :param value: the initial value.
    :param min_value: the smallest value.
    :param max_value: the largest value.
    :param step: the distance between two values the slider can take.
    :param onchange: ``onchange(number)`` runs when the slider is released at a new value (or
        moved with the keyboard).
    :return: an ``int`` when ``min_value``, ``max_value`` and ``step`` are all ints, else a ``float``.

    Example::

        volume = slider('Volume', value=30, step=10)
    """
    for argument, number in (('value', value), ('min_value', min_value), ('max_value', max_value), ('step', step)):
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number != number:
            raise TypeError('slider(): %s must be a number, got %r' % (argument, number))
    if not min_value <= max_value or step <= 0:
        raise ValueError('slider(): need min_value <= max_value and step > 0, got %r, %r, %r'
                         % (min_value, max_value, step))
    if not min_value <= value <= max_value:
        raise ValueError('slider(): value %r is outside %r..%r' % (value, min_value, max_value))
    spec = dict(_common('slider', label, name, help_text, required), type='slider', value=value,
                min_value=min_value, max_value=max_value, step=step,
                attrs=html_attrs('slider', other_html_attrs))
    item = SliderItem('slider', spec, _validator('slider', validate, valid_func))
    return _ask_or_item(_item(item, onchange), name)


_BUTTON_TYPES = ('submit', 'reset', 'cancel', 'callback')


def actions(label: str = '', buttons: Optional[Sequence[Option]] = None, name: Optional[str] = None,
            help_text: Optional[str] = None) -> Any:
    """Ask to press one of a row of buttons; returns the pressed button's value.

    :param buttons: the buttons: labels (a label is its own value), ``(label, value[, type[, disabled]])`` tuples, or
        dicts ``{'label', 'value', 'type', 'color', 'disabled'}``, where ``type`` is

        - ``'submit'`` (the default): pressing it submits the form, with this value;
        - ``'reset'``: puts the form back as it was shown;
        - ``'cancel'``: the form is cancelled: the call (or the `input_group`) returns ``None``;
        - ``'callback'``: ``value`` is a function, called in the session (like a button
          callback) without submitting the form;

        and ``color`` a Bootstrap colour (``'primary'``, ``'secondary'``, ``'danger'``...).

    In `input_group` the buttons replace the form's Submit and Reset buttons.

    Example::

        confirm = actions('Delete the file?', ['Delete', ('Keep it', None)])
        choice = actions('Next step', [
            {'label': 'Save', 'value': 'save'},
            {'label': 'Preview', 'type': 'callback', 'value': show_preview, 'color': 'secondary'},
            {'label': 'Cancel', 'type': 'cancel', 'color': 'danger'},
        ])
    """
    if not isinstance(buttons, (list, tuple)) or not buttons:
        raise ValueError('actions(): buttons must be a non-empty list, got %r' % (buttons,))
    specs, values = [], []
    for index, button in enumerate(buttons):
        kind, off, color = 'submit', False, None
        if isinstance(button, dict):
            if 'label' not in button and 'value' not in button:
                raise ValueError('actions(): button %d is a dict without "label" or "value"' % index)
            unknown = sorted(set(button) - {'label', 'value', 'type', 'color', 'disabled'})
            if unknown:
                raise ValueError('actions(): button %d has unknown key(s) %s; use label, value, type, '
                                 'color, disabled' % (index, ', '.join(map(repr, unknown))))
            value = button.get('value', button.get('label'))
            text, kind = button.get('label', value), button.get('type', 'submit')
            off, color = button.get('disabled', False), button.get('color')
        elif isinstance(button, (tuple, list)):
            if not 2 <= len(button) <= 4:
                raise ValueError('actions(): button %d must be (label, value[, type[, disabled]]), got %r'
                                 % (index, button))
            text, value, kind, off = tuple(button) + ('submit', False)[len(button) - 2:]
        else:
            text = value = button
        if kind not in _BUTTON_TYPES:
            raise ValueError("actions(): button %d has type %r; use 'submit', 'reset', 'cancel' or "
                             "'callback'" % (index, kind))
        if kind == 'callback' and not callable(value):
            raise TypeError('actions(): button %d is a callback button: its value must be a function, '
                            'got %r' % (index, value))
        if color is not None and not isinstance(color, str):
            raise TypeError('actions(): the color of button %d must be a string, got %r' % (index, color))
        specs.append({'label': str(text), 'type': kind, 'disabled': bool(off), 'color': color})
        values.append(value)
    spec = dict(_common('actions', label, name, help_text, None), type='actions', buttons=specs)
    return _ask_or_item(ActionsItem('actions', spec, None, values), name)


def file_upload(label: str = '', accept: Union[str, Sequence[str], None] = None, name: Optional[str] = None,
                placeholder: str = 'Choose file', multiple: bool = False,
                max_size: Union[int, str] = 0, max_total_size: Union[int, str] = 0,
                required: Optional[bool] = None, help_text: Optional[str] = None,
                validate: Optional[ValidFunc] = None, valid_func: Optional[ValidFunc] = None,
                as_file: bool = False, **other_html_attrs: Any) -> Any:
    """Ask for a file; returns ``{'filename': str, 'content': bytes, 'mime_type': str,
    'last_modified': float, 'size': int}`` (``last_modified``: the file's time in seconds since the
    epoch, as 1.x gives it).

    :param accept: the kinds of file offered, as in HTML: ``'image/*'``, ``'.pdf'``, or a list.
    :param placeholder: the text shown before a file is chosen.
    :param multiple: allow several files; the result is then a list of such dicts.
    :param max_size: the largest file allowed, in bytes or as a string such as ``'512K'``,
        ``'10M'``, ``'1G'`` (K, M, G are powers of 1024); 0 for no limit.
    :param max_total_size: the most bytes allowed for all files together, in the same forms; 0
        for no limit (the server still refuses more than 256 MB in the field, or ``max_size`` if
        that is larger).
    :param validate: ``validate(result)`` as for `input` (``valid_func`` is the same).
    :param as_file: hand over each file on disk instead of its bytes: the dict then has, instead
        of ``content``, ``'file'``, an open binary file (`pywebio.session.uploads.UploadedFile`),
        and ``'path'``, its name on disk. The file is deleted when it is closed, garbage-collected
        or, at the latest, when the session ends: move or copy it to keep it
        (``shutil.move(f['path'], destination)``). For files too large for memory.
    :return: the file dict, or ``None`` (``[]`` with ``multiple``) if the field is optional and
        no file was chosen.

    The limits are checked in the browser before anything is sent, and again on the server, as
    the bytes arrive: a file over its limit is refused at its first chunk. A file over 1 MiB is
    written to disk as it arrives, so memory holds a chunk of it at a time until the app reads
    ``content``. The form shows a progress bar with a Cancel button while it uploads, and an
    upload that loses its connection goes on where it stopped.

    Example::

        img = file_upload("Select a image:", accept="image/*", max_size='10M')
        docs = file_upload("Documents", accept=['.pdf', '.txt'], multiple=True, max_total_size='50M')
    """
    if isinstance(accept, (list, tuple)):
        accept = ','.join(accept)
    sizes = {}
    for argument, size in (('max_size', max_size), ('max_total_size', max_total_size)):
        try:
            sizes[argument] = parse_size(size)
        except ValueError as error:
            raise ValueError('file_upload(): %s: %s' % (argument, error)) from None
    spec = dict(_common('file_upload', label, name, help_text, required), type='file',
                accept=_text('file_upload', 'accept', accept) or None, multiple=bool(multiple),
                placeholder=_text('file_upload', 'placeholder', placeholder),
                attrs=html_attrs('file_upload', other_html_attrs), **sizes)
    return _ask_or_item(FileItem('file_upload', spec, _validator('file_upload', validate, valid_func),
                                 as_file=bool(as_file)), name)


def input_group(label: str = '', inputs: Optional[Sequence[InputItem]] = None,
                validate: Optional[Callable[[Dict[str, Any]], Any]] = None, cancelable: bool = False,
                valid_func: Optional[Callable[[Dict[str, Any]], Any]] = None) -> Optional[Dict[str, Any]]:
    """Ask for several values in one form and return them as a dict keyed by each item's ``name``.

    :param label: the title of the form.
    :param inputs: input calls made with ``name=``, e.g. ``input('Age', name='age', type=NUMBER)``.
    :param validate: PyWebIO 1.x's name of ``valid_func`` (give one of them).
    :param cancelable: add a Cancel button; pressing it makes the call return ``None``.
    :param valid_func: ``valid_func(data)`` gets the whole dict and returns ``None`` when it is
        acceptable, or ``(name, message)`` to show ``message`` at the field ``name``. Each item's own
        ``valid_func`` runs first.
    :return: the dict of values, or ``None`` when cancelled (``cancelable``, or an `actions`
        button of type ``'cancel'``).
    :raises ValueError: an item is not an input made with ``name=``, or two items share a name.

    Example::

        data = input_group("Basic info", [
            input('Input your name', name='name'),
            input('Input your age', name='age', type=NUMBER),
        ])
        print(data['name'], data['age'])
    """
    label = _text('input_group', 'label', label)
    if not isinstance(inputs, (list, tuple)) or not inputs:
        raise ValueError('input_group(): inputs must be a non-empty list of input items, got %r' % (inputs,))
    names = set()
    for index, item in enumerate(inputs):
        if not isinstance(item, InputItem):
            raise ValueError('input_group(): item %d is %r, not an input item; write the input '
                             "calls with name=, e.g. input('Age', name='age')" % (index, item))
        if item.name in names:
            raise ValueError('input_group(): two items are named %r; names must be unique' % item.name)
        names.add(item.name)
    checker = _validator('input_group', validate, valid_func)
    for item in inputs:
        item.placed = True
    return _ask('input_group', label, list(inputs), checker, cancelable=bool(cancelable))


def input_update(name: Optional[str] = None, **spec: Any) -> None:
    """Change a field of the form that is open, from one of its callbacks (PyWebIO 1.x).

    Call it in an ``onchange`` callback, an ``action`` callback of `input`, or a ``'callback'``
    button of `actions`, while the form is open.

    :param name: the ``name`` of the field to change; ``None`` (only in an ``onchange`` or
        ``action`` callback): the field whose callback is running.
    :param spec: the new values, as the field's input function takes them: ``label``,
        ``help_text``, ``placeholder``, ``readonly``, ``required``, ``value``, ``options`` (of
        `select`, `checkbox`, `radio`: on submission the server reads the choice against these
        new options), ``datalist``, ``inline``, HTML attributes (``min=0``...), and the field's
        validity: ``valid_status`` (``True``: shown as valid, with ``valid_feedback``;
        ``False``: shown as invalid, with ``invalid_feedback``; ``None``: neither),
        ``invalid_feedback`` and ``valid_feedback``. ``type``, ``name``, ``validate``,
        ``action``, ``code``, ``onchange`` and ``multiple`` cannot change. Without ``value``
        the field keeps what the person entered.
    :raises RuntimeError: no form callback is running.
    :raises TypeError: a key the field cannot change. ``ValueError``: no field of that name.

    Example::

        CITIES = {'France': ['Paris', 'Lyon'], 'Italy': ['Rome', 'Milan']}

        def check_name(text):
            input_update(valid_status=len(text) >= 3, invalid_feedback='At least 3 letters',
                         valid_feedback='Fine')

        data = input_group('Address', [
            input('Name', name='name', onchange=check_name),
            select('Country', list(CITIES), name='country',
                   onchange=lambda country: input_update('city', options=CITIES[country])),
            select('City', CITIES['France'], name='city'),
        ])
    """
    running = running_form()
    if running is None:
        raise RuntimeError('input_update() changes the form that is open, and must be called in one of '
                           'its callbacks (onchange, an action of input(), a callback button of actions())')
    form, current = running
    if name is None:
        if current is None:
            raise TypeError('input_update(): give name=: no field\'s onchange is running here')
        name = current
    if not isinstance(name, str):
        raise TypeError('input_update(): name must be a string, got %r' % (name,))
    form.update('input_update', name, spec)

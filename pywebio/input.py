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
coroutine-based session, ``await`` every input function.

Called with ``name=``, an input function does not ask at once: it returns an item for
`input_group`, which asks for several values in one form and returns them as a dict.

Options of `select`, `checkbox`, `radio` and the buttons of `actions` may be given as plain
values (``['keyboard', 'ipad']``), as ``(label, value)`` or ``(label, value, selected, disabled)``
tuples, or as dicts ``{'label': ..., 'value': ..., 'selected': ..., 'disabled': ...}``. A value
may be any Python object: the very object is returned, since only its position travels to the
browser.
"""
import re
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from ._form import ActionsItem, ChoiceItem, FileItem, InputItem, SliderItem, TextItem, ValidFunc, form_steps
from .platform.utils import parse_size
from .session import get_current_session

__all__ = ['TEXT', 'NUMBER', 'FLOAT', 'PASSWORD', 'URL', 'DATE', 'TIME', 'COLOR', 'DATETIME_LOCAL',
           'input', 'textarea', 'select', 'checkbox', 'radio', 'slider', 'actions', 'file_upload',
           'input_group', 'InputItem']

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

_INPUT_TYPES = (TEXT, NUMBER, FLOAT, PASSWORD, URL, DATE, TIME, COLOR, DATETIME_LOCAL)
_TYPE_NAMES = 'TEXT, NUMBER, FLOAT, PASSWORD, URL, DATE, TIME, COLOR, DATETIME_LOCAL'
_SAFE_ATTRIBUTE = re.compile(r'(?!on)[a-z][a-z0-9_]*', re.IGNORECASE)

Option = Union[Any, Tuple[Any, ...], Dict[str, Any]]


# -- argument checks ---------------------------------------------------------------------------

def _text(function: str, argument: str, value: Any) -> str:
    if value is None:
        return ''
    if not isinstance(value, str):
        raise TypeError('%s(): %s must be a string, got %r' % (function, argument, value))
    return value


def _valid_func(function: str, valid_func: Any) -> Optional[ValidFunc]:
    if valid_func is not None and not callable(valid_func):
        raise TypeError('%s(): valid_func must be a function, got %r' % (function, valid_func))
    return valid_func


def _common(function: str, label: Any, name: Any, help_text: Any, required: Any,
            readonly: Any = None) -> Dict[str, Any]:
    if name is not None and (not isinstance(name, str) or not name):
        raise TypeError('%s(): name must be a non-empty string, got %r' % (function, name))
    return {'name': name if name is not None else 'data', 'label': _text(function, 'label', label),
            'help_text': _text(function, 'help_text', help_text), 'required': bool(required),
            'readonly': bool(readonly)}


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


def _options(function: str, options: Any, value: Any, many: bool) -> Tuple[List[dict], List[Any], List[bool]]:
    """Specs for the browser, values for the server, and which options are disabled."""
    if not isinstance(options, (list, tuple)) or not options:
        raise ValueError('%s(): options must be a non-empty list, got %r' % (function, options))
    specs, values, disabled = [], [], []
    initial = list(value) if many and isinstance(value, (list, tuple)) else [value]
    for index, option in enumerate(options):
        if isinstance(option, dict):
            if 'value' not in option and 'label' not in option:
                raise ValueError('%s(): option %d is a dict without "label" or "value"' % (function, index))
            item_value = option.get('value', option.get('label'))
            label = option.get('label', item_value)
            selected, off = option.get('selected', False), option.get('disabled', False)
        elif isinstance(option, (tuple, list)):
            if not 2 <= len(option) <= 4:
                raise ValueError('%s(): option %d must be (label, value[, selected, disabled]), got %r'
                                 % (function, index, option))
            label, item_value = option[0], option[1]
            selected = option[2] if len(option) > 2 else False
            off = option[3] if len(option) > 3 else False
        else:
            label = item_value = option
            selected = off = False
        selected = bool(selected) or (value is not None and any(item_value == v for v in initial))
        specs.append({'label': str(label), 'selected': selected, 'disabled': bool(off)})
        values.append(item_value)
        disabled.append(bool(off))
    return specs, values, disabled


# -- the input functions -----------------------------------------------------------------------

def input(label: str = '', type: str = TEXT, *, name: Optional[str] = None, value: Any = None,
          placeholder: Optional[str] = None, required: Optional[bool] = None,
          readonly: Optional[bool] = None, help_text: Optional[str] = None,
          valid_func: Optional[ValidFunc] = None, datalist: Optional[Sequence[str]] = None,
          **other_html_attrs: Any) -> Any:
    """Ask for one value in a text field and return it.

    :param label: the field's label.
    :param type: `TEXT` (default), `NUMBER` (returns ``int``), `FLOAT` (returns ``float``),
        `PASSWORD`, `URL`, `DATE`, `TIME`, `COLOR` or `DATETIME_LOCAL` (these return ``str``).
    :param name: only inside `input_group`: the key of this value in the group's result. With
        ``name`` the call returns an item for the group instead of asking at once.
    :param value: the initial value of the field.
    :param placeholder: a hint shown in the empty field.
    :param required: the form cannot be submitted while the field is empty.
    :param readonly: the value can be read and submitted but not changed.
    :param help_text: a line of help shown under the field.
    :param valid_func: ``valid_func(value)`` returns ``None`` when ``value`` is acceptable, or a
        message to show at the field; the call returns only once it returns ``None``.
    :param datalist: suggestions offered while typing.
    :param other_html_attrs: more HTML attributes of the ``<input>``, e.g. ``min=1, max=10,
        step=1, maxlength=20, pattern='[a-z]+'``. Event handlers (``on...``) are refused.
    :return: the value entered, converted as ``type`` says. An empty optional `NUMBER` or
        `FLOAT` field gives ``None``, an empty optional text field ``''``.
    :raises SessionClosedException: the browser closed the session while waiting.

    Example::

        age = input("How old are you?", type=NUMBER)
        password = input("Input password", type=PASSWORD)
    """
    if type not in _INPUT_TYPES:
        raise ValueError('input(): type must be one of %s, got %r' % (_TYPE_NAMES, type))
    if value is not None:
        if type == NUMBER and (not isinstance(value, int) or isinstance(value, bool)):
            raise TypeError('input(): the value of a NUMBER field must be an int, got %r' % (value,))
        if type == FLOAT and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            raise TypeError('input(): the value of a FLOAT field must be a number, got %r' % (value,))
        if type not in (NUMBER, FLOAT) and not isinstance(value, str):
            raise TypeError('input(): the value of a %s field must be a string, got %r' % (type, value))
    if datalist is not None and (not isinstance(datalist, (list, tuple)) or not all(isinstance(d, str) for d in datalist)):
        raise TypeError('input(): datalist must be a list of strings, got %r' % (datalist,))
    attrs = {}
    for attribute, attribute_value in other_html_attrs.items():
        if not _SAFE_ATTRIBUTE.fullmatch(attribute):
            raise ValueError('input(): %r is not an HTML attribute it can set (event handlers are '
                             'refused)' % attribute)
        if not isinstance(attribute_value, (str, int, float, bool)):
            raise TypeError('input(): the HTML attribute %s must be a string, number or bool, got %r'
                            % (attribute, attribute_value))
        attrs[attribute.replace('_', '-')] = attribute_value
    spec = dict(_common('input', label, name, help_text, required, readonly), type=type, value=value,
                placeholder=_text('input', 'placeholder', placeholder),
                datalist=list(datalist) if datalist else None, attrs=attrs)
    return _ask_or_item(TextItem('input', spec, _valid_func('input', valid_func)), name)


def textarea(label: str = '', *, rows: int = 6, code: Union[bool, Dict[str, Any], None] = None,
             maxlength: Optional[int] = None, minlength: Optional[int] = None,
             name: Optional[str] = None, value: Optional[str] = None,
             placeholder: Optional[str] = None, required: Optional[bool] = None,
             readonly: Optional[bool] = None, help_text: Optional[str] = None,
             valid_func: Optional[ValidFunc] = None) -> Any:
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
                code=(dict(code) if isinstance(code, dict) else {}) if code else None)
    return _ask_or_item(TextItem('textarea', spec, _valid_func('textarea', valid_func)), name)


def _choice(function: str, kind: str, label: str, options: Any, value: Any, many: bool,
            name: Optional[str], help_text: Any, required: Any, valid_func: Any, **extra: Any) -> Any:
    specs, values, disabled = _options(function, options, value, many)
    spec = dict(_common(function, label, name, help_text, required), type=kind, options=specs, **extra)
    return _ask_or_item(ChoiceItem(function, spec, _valid_func(function, valid_func), values, disabled), name)


def select(label: str = '', options: Optional[Sequence[Option]] = None, *, multiple: Optional[bool] = None,
           value: Any = None, name: Optional[str] = None, required: Optional[bool] = None,
           help_text: Optional[str] = None, valid_func: Optional[ValidFunc] = None) -> Any:
    """Ask to choose from a drop-down list; returns the chosen value (a list with ``multiple``).

    :param options: the choices (see the module docs for the forms an option may take).
    :param multiple: allow choosing several.
    :param value: the initially chosen value (a list of them with ``multiple``).

    Example::

        gift = select('Which gift you want?', ['keyboard', 'ipad'])
    """
    return _choice('select', 'select', label, options, value, bool(multiple), name, help_text,
                   required, valid_func, multiple=bool(multiple))


def checkbox(label: str = '', options: Optional[Sequence[Option]] = None, *, inline: Optional[bool] = None,
             value: Any = None, name: Optional[str] = None, required: Optional[bool] = None,
             help_text: Optional[str] = None, valid_func: Optional[ValidFunc] = None) -> List[Any]:
    """Ask to tick any number of boxes; returns the list of ticked values.

    :param inline: show the boxes on one line.
    :param value: the initially ticked values (a list).

    Example::

        agree = checkbox("用户协议", options=['I agree to terms and conditions'])
    """
    return _choice('checkbox', 'checkbox', label, options, value, True, name, help_text, required,
                   valid_func, inline=bool(inline))


def radio(label: str = '', options: Optional[Sequence[Option]] = None, *, inline: Optional[bool] = None,
          value: Any = None, name: Optional[str] = None, required: Optional[bool] = None,
          help_text: Optional[str] = None, valid_func: Optional[ValidFunc] = None) -> Any:
    """Ask to choose one of several; returns its value, or ``None`` if none was chosen.

    :param inline: show the choices on one line.
    :param value: the initially chosen value.
    """
    return _choice('radio', 'radio', label, options, value, False, name, help_text, required,
                   valid_func, inline=bool(inline))


def slider(label: str = '', *, name: Optional[str] = None, value: Union[int, float] = 0,
           min_value: Union[int, float] = 0, max_value: Union[int, float] = 100, step: Union[int, float] = 1,
           required: Optional[bool] = None, help_text: Optional[str] = None,
           valid_func: Optional[ValidFunc] = None) -> Union[int, float]:
    """Ask for a number between ``min_value`` and ``max_value`` with a slider.

    :param value: the initial value.
    :param min_value: the smallest value.
    :param max_value: the largest value.
    :param step: the distance between two values the slider can take.
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
                min_value=min_value, max_value=max_value, step=step)
    return _ask_or_item(SliderItem('slider', spec, _valid_func('slider', valid_func)), name)


def actions(label: str = '', buttons: Optional[Sequence[Option]] = None, *, name: Optional[str] = None,
            help_text: Optional[str] = None) -> Any:
    """Ask to press one of a row of buttons; returns the pressed button's value.

    :param buttons: the buttons: values, ``(label, value)`` pairs, or dicts
        ``{'label', 'value', 'type', 'disabled'}`` where ``type`` is ``'submit'`` (the default:
        pressing it submits the form with this value), ``'reset'`` (clears the form) or
        ``'cancel'`` (the form returns ``None``).

    In `input_group` the buttons replace the form's Submit and Reset buttons.

    Example::

        confirm = actions('Delete the file?', ['Delete', ('Keep it', None)])
    """
    if not isinstance(buttons, (list, tuple)) or not buttons:
        raise ValueError('actions(): buttons must be a non-empty list, got %r' % (buttons,))
    specs, values = [], []
    for index, button in enumerate(buttons):
        kind, off = 'submit', False
        if isinstance(button, dict):
            if 'label' not in button and 'value' not in button:
                raise ValueError('actions(): button %d is a dict without "label" or "value"' % index)
            value = button.get('value', button.get('label'))
            text, kind, off = button.get('label', value), button.get('type', 'submit'), button.get('disabled', False)
        elif isinstance(button, (tuple, list)):
            if len(button) != 2:
                raise ValueError('actions(): button %d must be a (label, value) pair, got %r' % (index, button))
            text, value = button
        else:
            text = value = button
        if kind not in ('submit', 'reset', 'cancel'):
            raise ValueError("actions(): button %d has type %r; use 'submit', 'reset' or 'cancel'" % (index, kind))
        specs.append({'label': str(text), 'type': kind, 'disabled': bool(off)})
        values.append(value)
    spec = dict(_common('actions', label, name, help_text, None), type='actions', buttons=specs)
    return _ask_or_item(ActionsItem('actions', spec, None, values), name)


def file_upload(label: str = '', accept: Union[str, Sequence[str], None] = None, name: Optional[str] = None,
                placeholder: str = 'Choose file', multiple: bool = False,
                max_size: Union[int, str] = 0, max_total_size: Union[int, str] = 0,
                required: Optional[bool] = None, help_text: Optional[str] = None) -> Any:
    """Ask for a file; returns ``{'filename': str, 'content': bytes, 'mime_type': str}``.

    :param accept: the kinds of file offered, as in HTML: ``'image/*'``, ``'.pdf'``, or a list.
    :param placeholder: the text shown before a file is chosen.
    :param multiple: allow several files; the result is then a list of such dicts.
    :param max_size: the largest file allowed, in bytes or as ``'512K'``, ``'10M'``; 0 for no limit.
    :param max_total_size: the most bytes allowed for all files together; 0 for no limit (the
        server still refuses more than 256 MB in one form).
    :return: the file dict, or ``None`` (``[]`` with ``multiple``) if the field is optional and
        no file was chosen.

    The limits are checked in the browser before anything is sent, and again on the server,
    which stops storing a file as soon as it is over its limit.

    Example::

        img = file_upload("Select a image:", accept="image/*")
    """
    if isinstance(accept, (list, tuple)):
        accept = ','.join(accept)
    spec = dict(_common('file_upload', label, name, help_text, required), type='file',
                accept=_text('file_upload', 'accept', accept) or None, multiple=bool(multiple),
                placeholder=_text('file_upload', 'placeholder', placeholder),
                max_size=parse_size(max_size), max_total_size=parse_size(max_total_size))
    return _ask_or_item(FileItem('file_upload', spec, None), name)


def input_group(label: str = '', inputs: Optional[Sequence[InputItem]] = None,
                valid_func: Optional[Callable[[Dict[str, Any]], Any]] = None,
                cancelable: bool = False) -> Optional[Dict[str, Any]]:
    """Ask for several values in one form and return them as a dict keyed by each item's ``name``.

    :param label: the title of the form.
    :param inputs: input calls made with ``name=``, e.g. ``input('Age', name='age', type=NUMBER)``.
    :param valid_func: ``valid_func(data)`` gets the whole dict and returns ``None`` when it is
        acceptable, or ``(name, message)`` to show ``message`` at the field ``name``. Each item's own
        ``valid_func`` runs first.
    :param cancelable: add a Cancel button; pressing it makes the call return ``None``.
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
    if valid_func is not None and not callable(valid_func):
        raise TypeError('input_group(): valid_func must be a function, got %r' % (valid_func,))
    for item in inputs:
        item.placed = True
    return _ask('input_group', label, list(inputs), valid_func, cancelable=bool(cancelable))

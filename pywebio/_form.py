"""Forms on the server: the fields of a form, how a submission is checked, and the validation loop.

`pywebio.input` builds input items; `form_steps` shows them as one form and turns what the
browser sends back into Python values. Nothing the browser sends is trusted: every value is
checked against the field it claims to fill (type, option index, size, required) before the
developer's ``valid_func`` sees it, and a message that could only come from a forged or broken
page closes the session.
"""
import contextvars
import datetime
import inspect
import logging
import math
import re
import threading
from typing import AbstractSet, Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from ._languages import Messages, human_size, language_of, messages_for, say
from .session.base import Interaction, ProtocolError
from .session.uploads import FieldLimits, Refusals, Slot, TaskUploads

logger = logging.getLogger(__name__)

#: Without a developer's ``max_total_size``, one file field accepts at most this many bytes of
#: files (or its ``max_size``, if larger); a form, the sum of the limits of its file fields
#: (`TaskUploads.bound`).
DEFAULT_UPLOAD_LIMIT = 256 * 1024 * 1024

#: In the messages of a reading that is not a submission (a change): ``required`` does not apply.
LOOSE = '_loose'
ValidFunc = Callable[[Any], Optional[str]]


# -- argument checks shared by the input functions and input_update --------------------------------

#: Attributes an input function may set on its control with ``**other_html_attrs`` (besides
#: ``data_*`` and ``aria_*``): the HTML attributes of form controls that make sense on a field.
HTML_ATTRIBUTES = frozenset("""
    accept alt autocapitalize autocomplete autocorrect autofocus capture cols dir dirname
    enterkeyhint inputmode lang list max maxlength min minlength multiple pattern size spellcheck
    step tabindex title translate wrap class style hidden accesskey
""".split())


def html_attrs(function: str, attrs: Dict[str, Any]) -> Dict[str, Any]:
    """Check ``**other_html_attrs`` of ``function``; the attributes by their HTML names."""
    result = {}
    for attribute, value in attrs.items():
        html_name = attribute.replace('_', '-').lower()
        if html_name.startswith('on'):
            raise ValueError('%s(): %r is an event handler attribute; event handlers are refused (use '
                             'onchange= for a Python callback)' % (function, attribute))
        if not (html_name in HTML_ATTRIBUTES or re.fullmatch(r'(data|aria)-[a-z0-9-]+', html_name)):
            raise TypeError('%s() got an unexpected keyword argument %r (it is not one of its '
                            'parameters, nor an HTML attribute it can set on the field)' % (function, attribute))
        if not isinstance(value, (str, int, float, bool)):
            raise TypeError('%s(): the HTML attribute %s must be a string, number or bool, got %r'
                            % (function, attribute, value))
        result[html_name] = value
    return result


#: An HTML "valid floating-point number": the only text a browser's number field holds (its value
#: sanitization empties anything else). ASCII digits only (``\d`` would take every script's
#: digits); no "+", spaces, "_", "inf", "nan" or "0x" as Python's int() and float() allow.
_HTML_NUMBER = re.compile(r'-?(?P<whole>[0-9]+)?(?:\.(?P<fraction>[0-9]+))?(?:[eE](?P<exponent>[-+]?[0-9]+))?')


def browser_number(text: str, integer: bool = False) -> Union[int, float]:
    """The number ``text`` stands for, read as a browser reads ``<input type=number>``.

    ``text`` must be an HTML valid floating-point number (``-12``, ``.5``, ``6.02e23``) whose value
    is a finite double, as browsers require; else ``ValueError``. The result is a float, or with
    ``integer`` the exact int the text stands for (``'1e3'`` is 1000, ``'2.0'`` is 2: the browser
    lets a ``step=1`` field hold them) and ``ValueError`` if it is not a whole number.

    The time is linear in the length of ``text``, whatever it holds: a huge exponent is refused by
    the double's range before any int is made, and no int has more than 309 digits (Python's
    int()/str() limit of 4300 digits is never reached).

    >>> browser_number('1e3', integer=True), browser_number('-.5')
    (1000, -0.5)
    """
    match = _HTML_NUMBER.fullmatch(text)
    if match is None or not (match['whole'] or match['fraction']):
        raise ValueError('%r is not a number as a browser writes one' % text[:40])
    number = float(text)  # correctly rounded, as the browser's own parse
    if not math.isfinite(number):
        raise ValueError('%r is beyond the range of a double' % text[:40])
    if not integer:
        return number
    fraction = match['fraction'] or ''
    significand = ((match['whole'] or '') + fraction).lstrip('0')
    if not significand:
        return 0
    trimmed = significand.rstrip('0')
    exponent_digits = (match['exponent'] or '0').lstrip('+-').lstrip('0') or '0'
    # more digits than that: far below any whole number the significand could make
    exponent = int(exponent_digits) if len(exponent_digits) <= 18 else 10 ** 18
    if (match['exponent'] or '').startswith('-'):
        exponent = -exponent
    scale = exponent - len(fraction) + len(significand) - len(trimmed)
    if scale < 0:  # the trimmed significand does not end in 0: a fraction is left
        raise ValueError('%r is not a whole number' % text[:40])
    whole = int(trimmed) * 10 ** scale  # at most 309 digits: the value is a finite double
    return -whole if text.startswith('-') else whole


def text_value(function: str, kind: str, value: Any) -> Any:
    """The initial value of an `input` of type ``kind``, as sent (a numeric string is fine for
    NUMBER and FLOAT, as in PyWebIO 0.x)."""
    if value is None:
        return None
    if kind in ('number', 'float') and isinstance(value, str):
        try:
            return browser_number(value.strip(), integer=kind == 'number')
        except ValueError as error:
            raise TypeError('%s(): the value of a %s field must be a number or a numeric string such as '
                            "'42' or '-1.5e3' (%s)" % (function, kind.upper(), error)) from None
    if kind == 'number' and (not isinstance(value, int) or isinstance(value, bool)):
        raise TypeError('%s(): the value of a NUMBER field must be an int, got %r' % (function, value))
    if kind == 'float' and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        raise TypeError('%s(): the value of a FLOAT field must be a number, got %r' % (function, value))
    if kind not in ('number', 'float') and not isinstance(value, str):
        raise TypeError('%s(): the value of a %s field must be a string, got %r' % (function, kind, value))
    return value


def _initial_values(value: Any) -> List[Any]:
    """The option values that ``value`` selects: a list or tuple names several (also for a
    single-choice ``select`` or ``radio``, as 0.x and 1.x read ``value=['b']``), anything else one."""
    return list(value) if isinstance(value, (list, tuple)) else [value]


def build_options(function: str, options: Any, value: Any) -> Tuple[List[dict], List[Any], List[bool]]:
    """Specs for the browser, values for the server, and which options are disabled.

    An option is a value (its own label), a ``(label, value[, selected[, disabled]])`` tuple or
    list, or a dict ``{'label', 'value', 'selected', 'disabled'}``. ``value`` (one value, or a
    list of them) selects the options of those values too.
    """
    if not isinstance(options, (list, tuple)) or not options:
        raise ValueError('%s(): options must be a non-empty list, got %r' % (function, options))
    specs, values, disabled = [], [], []
    initial = _initial_values(value)
    for index, option in enumerate(options):
        if isinstance(option, dict):
            if 'value' not in option and 'label' not in option:
                raise ValueError('%s(): option %d is a dict without "label" or "value"' % (function, index))
            item_value = option.get('value', option.get('label'))
            label = option.get('label', item_value)
            selected, off = option.get('selected', False), option.get('disabled', False)
        elif isinstance(option, (tuple, list)):
            if not 2 <= len(option) <= 4:
                raise ValueError('%s(): option %d must be (label, value[, selected[, disabled]]), got %r'
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


def check_string(function: str, argument: str, value: Any) -> str:
    if value is None:
        return ''
    if not isinstance(value, str):
        raise TypeError('%s(): %s must be a string, got %r' % (function, argument, value))
    return value

class InvalidValue(ValueError):
    """A submitted value that a person could have typed: shown at the field, the form stays."""


class InputItem:
    """One field of a form: what an input function returns when called with ``name=``.

    Pass a list of them to `pywebio.input.input_group`. Called without ``name``, an input
    function shows its item as a form of its own at once.
    """

    def __init__(self, function: str, spec: Dict[str, Any], valid_func: Optional[ValidFunc]) -> None:
        self.function = function
        self.spec = spec
        self.name: str = spec['name']
        self.valid_func = valid_func
        #: 1.x's ``onchange``: called with the field's value on every change while the form is open
        self.onchange: Optional[Callable[[Any], Any]] = None
        #: 1.x's ``action=(label, callback)`` of `input`: ``callback(set_value)`` on a click
        self.action: Optional[Callable[[Any], Any]] = None
        #: ``(label, value)`` after ``set_value(value, label)``: the field shows ``label``, submits ``value``
        self.labelled: Optional[Tuple[str, Any]] = None
        self.placed = False

    def __repr__(self) -> str:
        return ('<InputItem %r of %s(): an item for input_group(); call %s() without name= to '
                'ask at once>' % (self.name, self.function, self.function))

    def __del__(self) -> None:
        if not self.placed:
            logger.warning('%s(%r, name=%r) made an item for input_group(), but it was never put in '
                           'a group, so nothing was asked: call %s() without name= to ask at once',
                           self.function, self.spec.get('label', ''), self.name, self.function)

    def parse(self, raw: Any, messages: Messages, files: Optional[TaskUploads] = None) -> Any:
        """The Python value of ``raw``; `InvalidValue` for a person's mistake, ProtocolError for a forgery."""
        raise NotImplementedError

    def parse_change(self, raw: Any, messages: Messages) -> Any:
        """The value an ``onchange`` callback gets: as `parse`, but an empty field is not an error,
        and a value that does not convert reads as ``None`` (text fields: the text as typed)."""
        try:
            return self.parse(raw, dict(messages, **{LOOSE: '1'}), None)
        except InvalidValue:
            if self.spec['type'] not in ('number', 'float') and isinstance(raw, str):
                return raw
            return None

    def new_value(self, function: str, changes: Dict[str, Any]) -> Dict[str, Any]:
        """Check a new ``value`` (and ``options``) for `input_update`; the spec fields to send."""
        raise TypeError('%s(): a %s field has no value to change' % (function, self.function))


def _required(item: InputItem, messages: Messages) -> None:
    if item.spec.get('required') and LOOSE not in messages:
        raise InvalidValue(messages['required'])


def _format(pattern: str, parse: Optional[Callable[[str], Any]] = None) -> Callable[[str], None]:
    """A check that raises ValueError unless the text matches ``pattern`` (and ``parse`` accepts it)."""
    def check(text: str) -> None:
        if not re.fullmatch(pattern, text):
            raise ValueError(text)
        if parse is not None:
            parse(text)
    return check


#: What the browser's own controls produce for these types; anything else was not typed there.
_TEXT_FORMATS: Dict[str, Callable[[str], None]] = {
    'date': _format(r'\d{4}-\d\d-\d\d', datetime.date.fromisoformat),
    'time': _format(r'\d\d:\d\d(:\d\d(\.\d{1,3})?)?', datetime.time.fromisoformat),
    'datetime-local': _format(r'\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?',
                              datetime.datetime.fromisoformat),
    'color': _format(r'#[0-9a-fA-F]{6}'),
    'url': _format(r'[a-zA-Z][a-zA-Z0-9+.-]*:\S+'),
}


class TextItem(InputItem):
    """`input` of every type, and `textarea`."""

    def new_value(self, function: str, changes: Dict[str, Any]) -> Dict[str, Any]:
        kind = self.spec['type']
        value = changes['value']
        if kind == 'textarea':
            return {'value': check_string(function, 'value', value)}
        return {'value': text_value(function, kind, value)}

    def parse(self, raw: Any, messages: Messages, files: Optional[TaskUploads] = None) -> Any:
        if not isinstance(raw, str):
            raise ProtocolError('field %r must be sent as a string' % self.name)
        if self.labelled is not None and raw == self.labelled[0]:
            return self.labelled[1]  # set_value(value, label): the label stands for the value
        kind = self.spec['type']
        if raw == '':
            _required(self, messages)
            return None if kind in ('number', 'float') else ''
        if kind in ('number', 'float'):
            # text no browser would hold (see docs/protocol.md) is answered as a mistake, not as a
            # forgery: browsers' parsers differ at the edges of the grammar
            try:
                return browser_number(raw, integer=kind == 'number')
            except ValueError:
                raise InvalidValue(messages['integer' if kind == 'number' else 'number']) from None
        if kind in _TEXT_FORMATS:
            try:
                _TEXT_FORMATS[kind](raw)
            except ValueError:
                raise InvalidValue(messages[kind]) from None
        maxlength, minlength = self.spec.get('maxlength'), self.spec.get('minlength')
        if maxlength is not None and len(raw) > maxlength:
            raise InvalidValue(say(messages, 'too_long', n=maxlength))
        if minlength is not None and len(raw) < minlength:
            raise InvalidValue(say(messages, 'too_short', n=minlength))
        return raw


class ChoiceItem(InputItem):
    """`select`, `checkbox` and `radio`: the browser sends the indexes of the chosen options."""

    def __init__(self, function: str, spec: Dict[str, Any], valid_func: Optional[ValidFunc],
                 values: List[Any], disabled: List[bool]) -> None:
        super().__init__(function, spec, valid_func)
        self.values = values
        self.disabled = disabled

    def new_value(self, function: str, changes: Dict[str, Any]) -> Dict[str, Any]:
        value = changes.get('value')
        if 'options' in changes:
            specs, self.values, self.disabled = build_options(function, changes['options'], value)
        else:
            initial = _initial_values(value)
            specs = [dict(option, selected=value is not None and any(v == x for x in initial))
                     for option, v in zip(self.spec['options'], self.values)]
        return {'options': specs}

    def parse(self, raw: Any, messages: Messages, files: Optional[TaskUploads] = None) -> Any:
        if not isinstance(raw, list) or len(raw) > len(self.values) or len(set(map(repr, raw))) != len(raw):
            raise ProtocolError('field %r must be sent as a list of distinct option indexes' % self.name)
        for index in raw:
            if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.values):
                raise ProtocolError('field %r names option %r, which does not exist' % (self.name, index))
            if self.disabled[index]:
                raise ProtocolError('field %r names disabled option %d' % (self.name, index))
        many = self.spec['type'] == 'checkbox' or self.spec.get('multiple')
        if not many and len(raw) > 1:
            raise ProtocolError('field %r takes one option, got %d' % (self.name, len(raw)))
        if not raw:
            _required(self, messages)
        chosen = [self.values[index] for index in sorted(raw)]
        if many:
            return chosen
        return chosen[0] if chosen else None


class ActionsItem(InputItem):
    """`actions`: the browser sends the index of the button that submitted the form."""

    def __init__(self, function: str, spec: Dict[str, Any], valid_func: Optional[ValidFunc],
                 values: List[Any]) -> None:
        super().__init__(function, spec, valid_func)
        self.values = values

    def parse(self, raw: Any, messages: Messages, files: Optional[TaskUploads] = None) -> Any:
        if raw is None:
            return None
        buttons = self.spec['buttons']
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < len(buttons) \
                or buttons[raw]['type'] != 'submit' or buttons[raw]['disabled']:
            raise ProtocolError('field %r names button %r, which cannot submit' % (self.name, raw))
        return self.values[raw]


class SliderItem(InputItem):
    """`slider`: the browser sends the range control's value as a string."""

    def new_value(self, function: str, changes: Dict[str, Any]) -> Dict[str, Any]:
        value, spec = changes['value'], self.spec
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not spec['min_value'] <= value <= spec['max_value']:
            raise ValueError('%s(): the value of the slider must be a number from %r to %r, got %r'
                             % (function, spec['min_value'], spec['max_value'], value))
        return {'value': value}

    def parse(self, raw: Any, messages: Messages, files: Optional[TaskUploads] = None) -> Any:
        if not isinstance(raw, str):
            raise ProtocolError('field %r must be sent as a string' % self.name)
        spec = self.spec
        try:
            number = browser_number(raw)  # a range control always holds a valid number
        except ValueError:
            raise ProtocolError('field %r: %r is not a number' % (self.name, raw[:40])) from None
        if not spec['min_value'] <= number <= spec['max_value']:
            raise ProtocolError('field %r: %r is outside the slider' % (self.name, raw))
        integral = all(isinstance(spec[key], int) for key in ('min_value', 'max_value', 'step'))
        return int(round(number)) if integral else number


class FileItem(InputItem):
    """`file_upload`: the bytes arrive at the upload endpoint before the form is submitted
    (`pywebio.session.uploads`); ``as_file`` hands the app files on disk instead of bytes."""

    def __init__(self, function: str, spec: Dict[str, Any], valid_func: Optional[ValidFunc],
                 as_file: bool = False) -> None:
        super().__init__(function, spec, valid_func)
        self.as_file = as_file

    def limits(self) -> FieldLimits:
        """What the field takes: its limits (without ``max_total_size``, 256 MiB in all, or
        ``max_size`` if that is larger: a field for 2 GB files takes one)."""
        spec = self.spec
        return FieldLimits(spec['max_size'], spec['max_total_size'] or max(DEFAULT_UPLOAD_LIMIT, spec['max_size']),
                           spec['multiple'], self.as_file)

    def parse(self, raw: Any, messages: Messages, files: Optional[TaskUploads] = None) -> Any:
        if not isinstance(raw, list) or (len(raw) > 1 and not self.spec['multiple']):
            raise ProtocolError('field %r: the file list does not match the uploaded files' % self.name)
        metas = []
        for meta in raw:
            modified = meta.get('last_modified') if isinstance(meta, dict) else None
            if not (isinstance(meta, dict) and isinstance(meta.get('filename'), str)
                    and isinstance(meta.get('mime_type'), str) and _is_size(meta.get('size'))
                    and (modified is None or (isinstance(modified, (int, float)) and not isinstance(modified, bool)
                                              and math.isfinite(modified)))):
                raise ProtocolError('field %r: a file is described wrongly' % self.name)
            metas.append((meta['filename'], meta['mime_type'], meta['size'], modified))
        slots = files.received(self.name, metas) if files is not None else ([] if not metas else None)
        if slots is None:
            raise ProtocolError('field %r: the file list does not match the uploaded files' % self.name)
        max_size, total_limit = self.spec['max_size'], self.spec['max_total_size']
        for slot in slots:  # refused as the bytes arrived: only a forged page gets here
            if max_size and slot.size > max_size:
                raise InvalidValue(say(messages, 'file_too_large', name=slot.meta[0], size=human_size(max_size, messages)))
        if total_limit and sum(slot.size for slot in slots) > total_limit:
            raise InvalidValue(say(messages, 'files_too_large', size=human_size(total_limit, messages)))
        result = [self._value(slot) for slot in slots]
        if not result:
            _required(self, messages)
            return [] if self.spec['multiple'] else None
        return result if self.spec['multiple'] else result[0]

    def _value(self, slot: Slot) -> Dict[str, Any]:
        filename, mime_type, size, modified = slot.meta
        value: Dict[str, Any] = {'filename': filename}
        if self.as_file:
            file = slot.file()
            value.update(file=file, path=file.path)
        else:
            value['content'] = slot.content()
        value.update(mime_type=mime_type, last_modified=modified, size=size)
        return value


def _is_size(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def upload_refusals(messages: Messages) -> Refusals:
    """The messages a refused upload shows at its field, in the page's language."""
    return Refusals(
        lambda filename, limit: say(messages, 'file_too_large', name=filename, size=human_size(limit, messages)),
        lambda limit: say(messages, 'files_too_large', size=human_size(limit, messages)),
        lambda: say(messages, 'upload_no_room'))


def open_uploads(session: Any, items: Sequence[InputItem], messages: Messages) -> Optional[TaskUploads]:
    """Take the files of ``items`` for one task (None if none is a file field); close it after."""
    fields = {item.name: item.limits() for item in items if isinstance(item, FileItem)}
    if not fields:
        return None
    return session.uploads.open_task(fields, upload_refusals(messages), session.abort)


# -- a form while it is open: its callbacks, and input_update ------------------------------------

#: While a form's callback runs: ``(the form, the name of the field whose callback it is or None)``.
_running: 'contextvars.ContextVar[Optional[Tuple[OpenForm, Optional[str]]]]' = contextvars.ContextVar(
    'pywebio_open_form', default=None)

#: Fields `input_update` may never change (1.x's list).
FIXED_FIELDS = ('type', 'name', 'validate', 'valid_func', 'action', 'code', 'onchange', 'multiple')
_VALIDITY = ('valid_status', 'invalid_feedback', 'valid_feedback')


def running_form() -> Optional[Tuple['OpenForm', Optional[str]]]:
    """The open form whose callback is running in this thread or task, and the field's name."""
    return _running.get()


def _run_for(form: 'OpenForm', name: Optional[str], func: Callable[..., Any], *args: Any) -> Any:
    """Call ``func(*args)`` as a callback of ``form``'s field ``name`` (input_update finds them)."""
    token = _running.set((form, name))
    try:
        result = func(*args)
    finally:
        _running.reset(token)
    if not inspect.isawaitable(result):
        return result

    async def run_awaitable() -> Any:  # a coroutine callback of a coroutine-based session
        inner = _running.set((form, name))
        try:
            return await result
        finally:
            _running.reset(inner)
    return run_awaitable()


def _button_callbacks(item: InputItem) -> bool:
    return isinstance(item, ActionsItem) and any(b['type'] == 'callback' for b in item.spec['buttons'])


class OpenForm:
    """A form on the page: the target of its ``callback`` events and of `input_update`.

    Items may change while the form is open (new options): ``lock`` guards them, so that a
    submission is always read against the options the server sent last.
    """

    def __init__(self, session: Any, task_id: str, items: List[InputItem], messages: Messages) -> None:
        self.session = session
        self.task_id = task_id
        self.items = {item.name: item for item in items}
        self.messages = messages
        self.lock = threading.RLock()
        self.open = True

    def needs_callbacks(self) -> bool:
        return any(item.onchange or item.action or _button_callbacks(item) for item in self.items.values())

    # -- callback events (docs/protocol.md, "Events of an open form") ----------------------------

    def handle(self, data: Any) -> Any:
        if not self.open:
            return None
        keys = set(data) if isinstance(data, dict) else set()
        name = data.get(next(iter(keys & {'change', 'action', 'button'}), ''), None) if keys else None
        item = self.items.get(name) if isinstance(name, str) else None
        if keys == {'change', 'value'} and item is not None and item.onchange is not None:
            with self.lock:
                value = item.parse_change(data['value'], self.messages)
            return _run_for(self, name, item.onchange, value)
        if keys == {'action'} and item is not None and item.action is not None:
            return _run_for(self, name, item.action, _SetValue(self, name))
        if keys == {'button', 'index'} and item is not None and _button_callbacks(item):
            index, buttons = data['index'], item.spec['buttons']
            if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(buttons) \
                    and buttons[index]['type'] == 'callback' and not buttons[index]['disabled']:
                return _run_for(self, None, item.values[index])  # type: ignore[attr-defined]
        raise ProtocolError('form %s: the callback event %r does not match the form' % (self.task_id, data))

    # -- input_update ------------------------------------------------------------------------

    def update(self, function: str, name: str, spec: Dict[str, Any]) -> None:
        """Check ``spec`` (input_update's keywords) against field ``name``, apply it, tell the browser."""
        item = self.items.get(name)
        if item is None:
            raise ValueError('%s(): the form has no field named %r; its fields: %s'
                             % (function, name, ', '.join(map(repr, self.items))))
        fixed = [key for key in spec if key in FIXED_FIELDS]
        if fixed:
            raise TypeError('%s(): %s cannot be changed while the form is open'
                            % (function, ', '.join(map(repr, fixed))))
        kind = item.spec['type']
        attributes: Dict[str, Any] = {}
        extra: Dict[str, Any] = {}
        with self.lock:
            for key, value in spec.items():
                if key in ('label', 'help_text', 'invalid_feedback', 'valid_feedback') or \
                        (key == 'placeholder' and 'placeholder' in item.spec):
                    attributes[key] = check_string(function, key, value)
                elif key in ('readonly', 'required'):
                    attributes[key] = bool(value)
                elif key == 'valid_status':
                    if value not in (True, False, None):
                        raise TypeError('%s(): valid_status must be True, False or None, got %r' % (function, value))
                    attributes[key] = value
                elif key in ('value', 'options', 'datalist', 'inline') and key in item.spec or \
                        (key == 'value' and isinstance(item, ChoiceItem)):
                    extra[key] = value
                elif kind != 'actions':
                    extra.setdefault('attrs', {})[key] = value
                else:
                    raise TypeError('%s(): a %s field has no %r to change' % (function, item.function, key))
            if 'attrs' in extra:
                attributes['attrs'] = dict(item.spec.get('attrs') or {}, **html_attrs(function, extra.pop('attrs')))
            if 'datalist' in extra:
                datalist = extra.pop('datalist')
                if datalist is not None and (not isinstance(datalist, (list, tuple))
                                             or not all(isinstance(d, str) for d in datalist)):
                    raise TypeError('%s(): datalist must be a list of strings, got %r' % (function, datalist))
                attributes['datalist'] = list(datalist) if datalist else None
            if 'inline' in extra:
                attributes['inline'] = bool(extra.pop('inline'))
            changes = item.new_value(function, extra) if extra else {}
            attributes.update(changes)
            for key, value in attributes.items():
                if key not in _VALIDITY:
                    item.spec[key] = value
            if 'value' in extra or 'options' in extra:
                item.labelled = None
            if not self.open:
                return
            self.session.send_task_command({'command': 'input_update', 'task_id': self.task_id,
                                            'spec': {'name': name, 'attributes': attributes}})

    def set_value(self, name: str, value: Any, label: Any) -> None:
        item = self.items[name]
        if label is None:
            self.update('set_value', name, {'value': value})
            return
        label = check_string('set_value', 'label', label)
        with self.lock:
            item.labelled = (label, value)
            item.spec.update(value=label, readonly=True)
            if self.open:
                self.session.send_task_command({'command': 'input_update', 'task_id': self.task_id, 'spec': {
                    'name': name, 'attributes': {'value': label, 'readonly': True}}})


class _SetValue:
    """The ``set_value(value, label=None)`` an ``action`` callback of `input` receives."""

    def __init__(self, form: OpenForm, name: str) -> None:
        self._form, self._name = form, name

    def __call__(self, value: Any, label: Any = None) -> None:
        """Fill the field with ``value``; with ``label``, show ``label`` (read-only) and submit ``value``."""
        self._form.set_value(self._name, value, label)

    def __repr__(self) -> str:
        return '<set_value of field %r>' % self._name

def form_steps(session: Any, label: str, items: List[InputItem],
               valid_func: Optional[Callable[[Dict[str, Any]], Any]], cancelable: bool) -> Interaction:
    """The validation loop, as an `Interaction`: the same code serves every kind of session.

    Returns the dict of values by name, or None when the person cancels.
    """
    messages = messages_for(language_of(session))
    task_id = session.open_task()
    form = OpenForm(session, task_id, items, messages)
    callback_id = session.register_callback(form.handle) if form.needs_callbacks() else None
    uploads = open_uploads(session, items, messages)
    try:
        spec = {'label': label, 'cancelable': cancelable, 'callback_id': callback_id,
                'inputs': [dict(item.spec) for item in items]}
        if uploads is not None:
            spec['upload'] = uploads.command_spec()
        with form.lock:
            session.send_task_command({'command': 'input_group', 'task_id': task_id, 'spec': spec})
        shown: AbstractSet[str] = frozenset()  # fields that show a message now
        while True:
            event = yield task_id
            try:
                raw = _submitted_data(event, items, cancelable)
                if raw is None:
                    _send(session, 'destroy_form', task_id, None)
                    return None
                values, errors = _validate(raw, items, valid_func, messages, uploads, form.lock)
            except ProtocolError as error:
                raise session.abort(error) from None
            for name in shown - set(errors):
                _send(session, 'update_input', task_id, {'name': name, 'invalid_feedback': None})
            for name, message in errors.items():
                _send(session, 'update_input', task_id, {'name': name, 'invalid_feedback': message})
            shown = set(errors)
            if not errors:
                if uploads is not None:
                    uploads.hand_over()  # files read as files are the app's now
                _send(session, 'destroy_form', task_id, None)
                return values
            if uploads is not None:
                uploads.take_back()  # the files stay uploaded for the next submission
    finally:
        if uploads is not None:
            uploads.close()
        form.open = False
        if callback_id is not None:
            session.unregister_callback(callback_id)
        session.close_task(task_id)


def _send(session: Any, command: str, task_id: str, spec: Any) -> None:
    session.send_task_command({'command': command, 'task_id': task_id, 'spec': spec})


def _submitted_data(event: dict, items: List[InputItem], cancelable: bool) -> Optional[Dict[str, Any]]:
    if event.get('event') != 'form_submit':
        raise ProtocolError('a form got a %r event' % (event.get('event'),))
    data = event.get('data')
    if data is None:
        if cancelable or any(isinstance(i, ActionsItem) and any(b['type'] == 'cancel' for b in i.spec['buttons'])
                             for i in items):
            return None
        raise ProtocolError('a form that cannot be cancelled was cancelled')
    if not isinstance(data, dict):
        raise ProtocolError('form data must be an object, got %s' % type(data).__name__)
    missing = [item.name for item in items if item.name not in data and not isinstance(item, ActionsItem)]
    if missing:
        raise ProtocolError('form data lacks %s' % ', '.join(map(repr, missing)))
    unknown = sorted(set(data) - {item.name for item in items})
    if unknown:  # the page sends the form's fields and nothing else
        raise ProtocolError('form data has fields the form does not: %s' % ', '.join(map(repr, unknown[:5])))
    return {item.name: data.get(item.name) for item in items}


def _validate(raw: Dict[str, Any], items: List[InputItem],
              valid_func: Optional[Callable[[Dict[str, Any]], Any]], messages: Messages,
              uploads: Optional[TaskUploads], lock: Any) -> Tuple[Dict[str, Any], Dict[str, str]]:
    values: Dict[str, Any] = {}
    errors: Dict[str, str] = dict(uploads.errors) if uploads is not None else {}
    for item in items:
        if item.name in errors:
            continue
        try:
            with lock:  # against the options input_update sent last
                values[item.name] = item.parse(raw[item.name], messages, uploads)
        except InvalidValue as error:
            errors[item.name] = str(error)
            continue
        if item.valid_func is not None:
            message = item.valid_func(values[item.name])
            if message is not None:
                errors[item.name] = str(message)
    if not errors and valid_func is not None:
        result = valid_func(values)
        if result is not None:
            if not (isinstance(result, (tuple, list)) and len(result) == 2 and result[0] in values):
                raise ValueError('the valid_func of input_group must return None or (name, message) '
                                 'with the name of one of its inputs, got %r' % (result,))
            errors[result[0]] = str(result[1])
    return values, errors

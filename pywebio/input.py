"""Input functions: ask the person in the browser, and wait for the answer.

Each function shows a form and blocks until the person submits a valid value, then returns it::

    from pywebio.input import input, NUMBER

    def check_age(age):
        if age < 10:
            return 'Too young!!'

    age = input("How old are you?", type=NUMBER, valid_func=check_age)

Validation runs on the server. While ``valid_func`` returns a message, the message is shown at
the field and the call keeps waiting; it returns once ``valid_func`` returns ``None``.

Called with ``name=``, an input function does not block: it returns an `InputItem` for
`input_group`, which asks for several values in one form and returns them as a dict.
"""
import math
from typing import Any, Callable, Dict, List, Optional, Sequence

from .session import get_current_session
from .session.base import Interaction, ProtocolError

__all__ = ['TEXT', 'NUMBER', 'FLOAT', 'PASSWORD', 'input', 'input_group', 'InputItem']

#: A line of text; returns ``str``.
TEXT = 'text'
#: An integer; returns ``int`` (``None`` when optional and left empty).
NUMBER = 'number'
#: A number; returns ``float`` (``None`` when optional and left empty).
FLOAT = 'float'
#: A line of hidden text; returns ``str``.
PASSWORD = 'password'

_INPUT_TYPES = (TEXT, NUMBER, FLOAT, PASSWORD)

#: The messages the server itself writes, by language; the browser checks the same rules first.
_MESSAGES = {
    'en': {'required': 'This field is required.', 'integer': 'Please enter an integer.',
           'number': 'Please enter a number.'},
    'zh': {'required': '此项为必填项。', 'integer': '请输入整数。', 'number': '请输入数字。'},
}

ValidFunc = Callable[[Any], Optional[str]]


class InputItem:
    """One field of a form: what an input function returns when given ``name=``.

    Pass a list of them to `input_group`. Not meant to be built directly.
    """

    def __init__(self, spec: Dict[str, Any], valid_func: Optional[ValidFunc]) -> None:
        self.spec = spec
        self.name: str = spec['name']
        self.valid_func = valid_func

    def __repr__(self) -> str:
        return '<InputItem %s %r>' % (self.spec['type'], self.name)

    def convert(self, raw: str, messages: Dict[str, str]) -> Any:
        """Turn the browser's raw string into the Python value; ValueError carries the message."""
        kind = self.spec['type']
        if kind in (NUMBER, FLOAT):
            raw = raw.strip()
        if raw == '':
            if self.spec['required']:
                raise ValueError(messages['required'])
            return None if kind in (NUMBER, FLOAT) else ''
        if kind == NUMBER:
            try:
                return int(raw)
            except ValueError:
                raise ValueError(messages['integer']) from None
        if kind == FLOAT:
            try:
                number = float(raw)
            except ValueError:
                raise ValueError(messages['number']) from None
            if not math.isfinite(number):
                raise ValueError(messages['number'])
            return number
        return raw


def _check_text(function: str, argument: str, value: Any) -> str:
    if value is None:
        return ''
    if not isinstance(value, str):
        raise TypeError('%s(): %s must be a string, got %r' % (function, argument, value))
    return value


def input(label: str = '', type: str = TEXT, *, name: Optional[str] = None, value: Any = None,
          placeholder: Optional[str] = None, required: Optional[bool] = None,
          help_text: Optional[str] = None, valid_func: Optional[ValidFunc] = None) -> Any:
    """Ask for one value in a text field and return it.

    :param label: the field's label.
    :param type: `TEXT` (default), `NUMBER` (returns ``int``), `FLOAT` (returns ``float``) or
        `PASSWORD`.
    :param name: only inside `input_group`: the key of this value in the group's result. With
        ``name`` the call returns an `InputItem` instead of asking at once.
    :param value: the initial value of the field.
    :param placeholder: a hint shown in the empty field.
    :param required: the form cannot be submitted while the field is empty.
    :param help_text: a line of help shown under the field.
    :param valid_func: ``valid_func(value)`` returns ``None`` when ``value`` is acceptable, or a
        message to show at the field; the call returns only once it returns ``None``.
    :return: the value entered, converted as ``type`` says. An empty optional `NUMBER` or
        `FLOAT` field gives ``None``.
    :raises SessionClosedException: the browser closed the session while waiting.

    Example::

        age = input("How old are you?", type=NUMBER)
    """
    label = _check_text('input', 'label', label)
    if type not in _INPUT_TYPES:
        raise ValueError('input(): type must be one of TEXT, NUMBER, FLOAT, PASSWORD, got %r' % (type,))
    if valid_func is not None and not callable(valid_func):
        raise TypeError('input(): valid_func must be a function, got %r' % (valid_func,))
    if value is not None:
        if type == NUMBER and (not isinstance(value, int) or isinstance(value, bool)):
            raise TypeError('input(): the value of a NUMBER field must be an int, got %r' % (value,))
        if type == FLOAT and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            raise TypeError('input(): the value of a FLOAT field must be a number, got %r' % (value,))
        if type in (TEXT, PASSWORD) and not isinstance(value, str):
            raise TypeError('input(): the value of a %s field must be a string, got %r'
                            % (type.upper(), value))
    spec = {
        'type': type, 'name': name if name is not None else 'data', 'label': label,
        'value': value, 'placeholder': _check_text('input', 'placeholder', placeholder),
        'help_text': _check_text('input', 'help_text', help_text), 'required': bool(required),
    }
    if name is not None:
        if not isinstance(name, str) or not name:
            raise TypeError('input(): name must be a non-empty string, got %r' % (name,))
        return InputItem(spec, valid_func)
    item = InputItem(spec, valid_func)
    return _single_value(_ask('input', '', [item], None, cancelable=False), item.name)


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
    label = _check_text('input_group', 'label', label)
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
    return _ask('input_group', label, list(inputs), valid_func, cancelable=bool(cancelable))


def _single_value(result: Any, name: str) -> Any:
    """``result[name]``, now or, in a coroutine session, once the awaitable is done."""
    if isinstance(result, dict):
        return result[name]
    return result.then(lambda values: values[name])


def _ask(function: str, label: str, items: List[InputItem], valid_func: Optional[Callable[[Dict[str, Any]], Any]],
         cancelable: bool) -> Any:
    """Show a form and return the accepted values (None if cancelled), or an awaitable of them."""
    session = get_current_session()
    return session.run_interaction(_form_steps(session, label, items, valid_func, cancelable), function)


def _form_steps(session: Any, label: str, items: List[InputItem],
                valid_func: Optional[Callable[[Dict[str, Any]], Any]], cancelable: bool) -> Interaction:
    """The validation loop, as an `Interaction`: the same code serves every kind of session."""
    language = (getattr(session.info, 'user_language', '') or '').lower()
    messages = _MESSAGES['zh' if language.startswith('zh') else 'en']
    task_id = session.open_task()
    try:
        session.send_task_command({'command': 'input_group', 'task_id': task_id, 'spec': {
            'label': label, 'cancelable': cancelable, 'inputs': [item.spec for item in items]}})
        shown: set = set()  # fields that show a message now
        while True:
            event = yield task_id
            try:
                raw = _submitted_data(event, items, cancelable)
            except ProtocolError as error:
                raise session.abort(error) from None
            if raw is None:
                _send(session, 'destroy_form', task_id, None)
                return None
            values, errors = _validate(raw, items, valid_func, messages)
            for name in shown - set(errors):
                _send(session, 'update_input', task_id, {'name': name, 'invalid_feedback': None})
            for name, message in errors.items():
                _send(session, 'update_input', task_id, {'name': name, 'invalid_feedback': message})
            shown = set(errors)
            if not errors:
                _send(session, 'destroy_form', task_id, None)
                return values
    finally:
        session.close_task(task_id)


def _send(session: Any, command: str, task_id: str, spec: Any) -> None:
    session.send_task_command({'command': command, 'task_id': task_id, 'spec': spec})


def _submitted_data(event: dict, items: List[InputItem], cancelable: bool) -> Optional[Dict[str, str]]:
    """The raw strings of a ``form_submit`` event; ProtocolError if the browser broke the rules."""
    if event.get('event') != 'form_submit':
        raise ProtocolError('a form got a %r event' % (event.get('event'),))
    data = event.get('data')
    if data is None:
        if cancelable:
            return None
        raise ProtocolError('a form that is not cancelable was cancelled')
    if not isinstance(data, dict):
        raise ProtocolError('form data must be an object, got %s' % type(data).__name__)
    raw = {}
    for item in items:
        value = data.get(item.name)
        if not isinstance(value, str):
            raise ProtocolError('form field %r must be sent as a string' % item.name)
        raw[item.name] = value
    return raw


def _validate(raw: Dict[str, str], items: List[InputItem],
              valid_func: Optional[Callable[[Dict[str, Any]], Any]],
              messages: Dict[str, str]) -> tuple:
    values: Dict[str, Any] = {}
    errors: Dict[str, str] = {}
    for item in items:
        try:
            values[item.name] = item.convert(raw[item.name], messages)
        except ValueError as error:
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

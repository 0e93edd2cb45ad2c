"""Output functions: put content on the page at once.

Every ``put_*`` function sends its content to the browser of the current session and returns
immediately; a burst of calls reaches the browser in one message. Text is always shown as text,
never interpreted as HTML.
"""
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from .session import get_current_session
from .session.base import ProtocolError

__all__ = ['Output', 'put_text', 'put_buttons']


class Output:
    """What a ``put_*`` function returns: the content it put on the page."""

    def __init__(self, spec: Dict[str, Any]) -> None:
        self.spec = spec

    def __repr__(self) -> str:
        return '<Output %s>' % self.spec.get('type')


def _put(spec: Dict[str, Any]) -> Output:
    get_current_session().send_task_command({'command': 'output', 'task_id': None, 'spec': spec})
    return Output(spec)


def put_text(*texts: Any, sep: str = ' ', inline: bool = False) -> Output:
    """Show text, like ``print()``: the arguments are turned into strings and joined by ``sep``.

    :param texts: the things to show; any objects, shown as ``str(obj)``.
    :param sep: the separator between them.
    :param inline: keep the next output on the same line, instead of starting a new paragraph.

    The text is never interpreted as HTML: ``put_text('<hr/>')`` shows the five characters.

    Example::

        put_text("Hello world!")
        put_text('You are', 42, 'years old')
    """
    if not isinstance(sep, str):
        raise TypeError('put_text(): sep must be a string, got %r' % (sep,))
    return _put({'type': 'text', 'content': sep.join(str(text) for text in texts), 'inline': bool(inline)})


ButtonItem = Union[str, tuple, Dict[str, Any]]


def _button_items(function: str, buttons: Any) -> List[tuple]:
    """Normalise button items to ``(label, value)`` pairs."""
    if not isinstance(buttons, (list, tuple)) or not buttons:
        raise ValueError('%s(): buttons must be a non-empty list, got %r' % (function, buttons))
    items = []
    for index, button in enumerate(buttons):
        if isinstance(button, dict):
            if 'label' not in button:
                raise ValueError('%s(): button %d is a dict without a "label" key' % (function, index))
            label, value = button['label'], button.get('value', button['label'])
        elif isinstance(button, (tuple, list)):
            if len(button) != 2:
                raise ValueError('%s(): button %d must be a (label, value) pair, got %r'
                                 % (function, index, button))
            label, value = button
        else:
            label = value = button
        items.append((str(label), value))
    return items


def put_buttons(buttons: Sequence[ButtonItem], onclick: Union[Callable[[Any], Any], Sequence[Callable[[], Any]]],
                small: Optional[bool] = None, link_style: bool = False) -> Output:
    """Show a group of buttons; a click calls ``onclick``.

    :param buttons: the buttons: labels (``['A', 'B']``; the value is the label),
        ``(label, value)`` pairs, or dicts ``{'label': ..., 'value': ...}``. A value may be any
        Python object: the callback gets that very object.
    :param onclick: ``onclick(value)``, called with the value of the clicked button; or a list of
        functions taking no argument, one per button.
    :param small: show smaller buttons.
    :param link_style: show the buttons as links.

    Callbacks run in the session, one at a time, in a thread of their own, so the code that
    output the buttons goes on at once. They stop when the session ends; call
    `pywebio.session.hold` at the end of the task to keep them working until the browser closes.

    Example::

        def btn_click(btn_val):
            put_text("You click %s button" % btn_val)

        put_buttons(['A', 'B', 'C'], onclick=btn_click)
    """
    items = _button_items('put_buttons', buttons)
    if isinstance(onclick, (list, tuple)):
        if len(onclick) != len(items) or not all(callable(f) for f in onclick):
            raise ValueError('put_buttons(): onclick must be one function, or a list of %d functions '
                             '(one per button), got %r' % (len(items), onclick))
        handlers = list(onclick)

        def on_click(index: Any) -> Any:
            return handlers[_button_index(index, len(items))]()
    elif callable(onclick):
        def on_click(index: Any) -> Any:
            return onclick(items[_button_index(index, len(items))][1])
    else:
        raise TypeError('put_buttons(): onclick must be a function, got %r' % (onclick,))

    callback_id = get_current_session().register_callback(on_click)
    return _put({'type': 'buttons', 'buttons': [{'label': label} for label, _ in items],
                 'callback_id': callback_id, 'small': bool(small), 'link_style': bool(link_style)})


def _button_index(index: Any, count: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
        raise ProtocolError('a click named button %r of a group of %d' % (index, count))
    return index

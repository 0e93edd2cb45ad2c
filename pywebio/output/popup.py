"""Popups and toasts: content over the page."""
import functools
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from .._page import Output, PageModel, cell, page_of, pop_scope, push_scope, send
from .._text import shown_text
from ..session import get_current_session

from .content import Content
from .placement import use_scope


_POPUP_SIZES = ('large', 'normal', 'small')


class PopupSize:
    """``size=`` values of `popup`."""
    LARGE = 'large'
    NORMAL = 'normal'
    SMALL = 'small'


class PopupHandle:
    """What `popup` returns, as 1.x's: ``with popup(title) as scope:`` puts the output of the
    block into the popup, and ``scope`` is the name of the popup's scope (for ``clear(scope)``,
    ``put_text(..., scope=scope)``); ``@popup(title)`` on a function puts its output there on
    every call, while the popup is open."""

    def __init__(self, box: str) -> None:
        self.box = box
        self._tokens: List[Any] = []

    def __enter__(self) -> str:
        self._tokens.append(push_scope(get_current_session(), self.box))
        return self.box

    def __exit__(self, *exc_info: Any) -> None:
        pop_scope(self._tokens.pop())

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        if not callable(func):
            raise TypeError('@popup(...) decorates a function, got %r' % (func,))
        return use_scope(self.box, create_scope=False)(func)


def popup(title: str, content: Union[Content, Sequence[Content]] = None, size: str = 'normal',
          implicit_close: bool = True, closable: bool = True) -> PopupHandle:
    """Show a popup (a modal dialog) over the page; it replaces the popup that is open, if any.

    :param title: the popup's title, shown as text.
    :param content: an HTML string, a ``put_*`` result, or a list of them, shown in order.
        Strings are HTML that you wrote (``'<h3>Popup Content</h3>'``), or text with the 1.x
        semantics (`pywebio.set_api`); ``put_*`` results are moved into the popup.
    :param size: ``'large'``, ``'normal'`` or ``'small'``.
    :param implicit_close: a click on the dimmed page outside the popup closes it.
    :param closable: the person may close it, with its *Close* button or the Escape key. With
        ``closable=False`` only `close_popup` closes it.
    :return: a handle: ``with popup('Title'):`` puts the output of the block into the popup.

    Example::

        popup('Popup title', [
            '<h3>Popup Content</h3>',
            put_text('html: <br/>'),
            put_table([['A', 'B'], ['C', 'D']]),
            put_buttons(['close_popup()'], onclick=lambda _: close_popup())
        ])

        with popup('Working'):
            put_text('Please wait...')
    """
    title = shown_text('popup', 'title', title)
    if size not in _POPUP_SIZES:
        raise ValueError('popup(): size must be one of %s, got %r' % (', '.join(map(repr, _POPUP_SIZES)), size))
    if content is None:
        items: Sequence[Any] = []
    elif isinstance(content, (list, tuple)):
        items = content
    else:
        items = [content]
    embeds: List[Output] = []
    cells = [cell('popup', 'content item %d' % index, item, embeds) for index, item in enumerate(items)]
    session = get_current_session()
    page = page_of(session)
    box = 'popup-%d' % page.next_id()

    def open_box(model: PageModel) -> None:
        _forget_popup(page, model)
        model.boxes[box] = []
        page.popup_box = box

    send('popup', 'popup', {'title': title, 'content': cells, 'size': size, 'box': box,
                            'implicit_close': bool(implicit_close), 'closable': bool(closable)}, embeds,
         update=open_box)
    return PopupHandle(box)


def _forget_popup(page: Any, model: PageModel) -> None:
    if page.popup_box is not None:
        model.clear(page.popup_box)
        del model.boxes[page.popup_box]
        page.popup_box = None


def close_popup() -> None:
    """Close the popup that is open; nothing happens if none is.

    Example::

        popup('Working', 'Please wait...', closable=False)
        do_the_work()
        close_popup()
    """
    page = page_of(get_current_session())
    send('close_popup', 'close_popup', None, update=lambda model: _forget_popup(page, model))


_TOAST_POSITIONS = ('left', 'center', 'right')
_TOAST_COLORS = ('info', 'error', 'warn', 'success')


def toast(content: Any, duration: float = 2, position: str = 'center', color: str = 'info',
          onclick: Optional[Callable[[], Any]] = None) -> None:
    """Show a short notice at the top of the window, which goes away by itself.

    :param content: the message, shown as text (``str(content)``).
    :param duration: seconds before it disappears; ``0`` keeps it until the person closes it.
    :param position: ``'left'``, ``'center'`` or ``'right'``.
    :param color: ``'info'``, ``'error'``, ``'warn'`` or ``'success'``. Error toasts are
        announced at once by screen readers.
    :param onclick: a function without arguments, called when the person clicks the toast
        (which then closes).

    Example::

        toast('Saved')
        toast('New message', duration=0, onclick=lambda: put_text('You clicked the toast'))
    """
    if isinstance(duration, bool) or not isinstance(duration, (int, float)) or not duration >= 0:
        raise ValueError('toast(): duration must be a number of seconds >= 0 (0: until closed), got %r' % (duration,))
    if position not in _TOAST_POSITIONS:
        raise ValueError('toast(): position must be one of %s, got %r' % (', '.join(map(repr, _TOAST_POSITIONS)), position))
    if color not in _TOAST_COLORS:
        raise ValueError('toast(): color must be one of %s, got %r' % (', '.join(map(repr, _TOAST_COLORS)), color))
    if onclick is not None and not callable(onclick):
        raise TypeError('toast(): onclick must be a function without arguments, got %r' % (onclick,))
    spec: Dict[str, Any] = {'content': str(content), 'duration': duration, 'position': position,
                            'color': color, 'callback_id': None}
    if onclick is not None:
        spec['callback_id'] = get_current_session().register_callback(functools.partial(_call_ignoring_data, onclick))
    send('toast', 'toast', spec)


def _call_ignoring_data(func: Callable[[], Any], data: Any) -> Any:
    return func()

"""Containers that take more output later: `put_collapse` and `put_scrollable`.

Each holds a box (see `pywebio._page`) of a generated name: ``with put_collapse('Title'):`` puts
the output of the block into it, and `get_scope` inside the block names it.
"""
import itertools
from typing import Any, Optional, Sequence, Tuple, Union

from .._page import Output, placement, put
from .._text import shown_text
from .._values import css_length
from .content import as_outputs

_box_numbers = itertools.count(1)


def _new_box(kind: str) -> str:
    return '%s-%d' % (kind, next(_box_numbers))


def _put_container(function: str, output_type: str, fields: dict, content: Any, scope: Optional[str],
                   position: int) -> Output:
    place = placement(function, scope, position)
    items = as_outputs(function, content)
    fields['content'] = [{'output': item.id} for item in items]
    return put(function, output_type, fields, place, box=_new_box(output_type), box_content=items)


def put_collapse(title: str, content: Union[Any, Sequence[Any]] = (), open: bool = False,
                 scope: Optional[str] = None, position: int = -1) -> Output:
    """Show a collapsible section: a button with ``title`` that shows and hides ``content``.

    :param title: the button's text, shown as text.
    :param content: a ``put_*`` result, a string (HTML; text with the 1.x semantics), or a list of them.
    :param open: show the content at first.
    :param scope: the scope to put it in; the current scope by default.
    :param position: where in that scope: ``0`` the top, ``-1`` the end.
    :return: the `Output`; ``with put_collapse('Title'):`` puts the output of the block inside.

    The button tells assistive technology whether the section is open (``aria-expanded``).

    Example::

        put_collapse('Details', [put_text('Shown when opened'), put_table([[1, 2]])])
        with put_collapse('More', open=True):
            put_text('also inside')
    """
    title = shown_text('put_collapse', 'title', title)
    return _put_container('put_collapse', 'collapse', {'title': title, 'open': bool(open)}, content, scope, position)


def put_scrollable(content: Union[Any, Sequence[Any]] = (), height: Union[int, str, Tuple[Any, Any]] = 400,
                   keep_bottom: bool = False, border: bool = True, scope: Optional[str] = None,
                   position: int = -1, **kwargs: Any) -> Output:
    """Show an area of fixed height that scrolls its content; it can be reached and scrolled by keyboard.

    :param content: a ``put_*`` result, a string (HTML; text with the 1.x semantics), or a list of them.
    :param height: its height: pixels, a CSS length, or ``(min, max)``: it grows with its content
        from ``min`` up to ``max``, then scrolls.
    :param keep_bottom: when content is added, scroll to the bottom, unless the person has
        scrolled up to read.
    :param border: draw a border around it.
    :param scope: the scope to put it in; the current scope by default.
    :param position: where in that scope: ``0`` the top, ``-1`` the end.
    :return: the `Output`; ``with put_scrollable(...):`` puts the output of the block inside.

    Example::

        with put_scrollable(height=200, keep_bottom=True):
            for i in range(100):
                put_text('line', i)
    """
    if 'horizon_scroll' in kwargs:  # 1.x's deprecated name
        kwargs.pop('horizon_scroll')
    if kwargs:
        raise TypeError('put_scrollable() got unexpected keyword arguments: %s' % ', '.join(sorted(kwargs)))
    if isinstance(height, (tuple, list)):
        if len(height) != 2:
            raise ValueError('put_scrollable(): height must be a length or a (min, max) pair, got %r' % (height,))
        css: Any = [css_length('put_scrollable', 'height', height[0]), css_length('put_scrollable', 'height', height[1])]
        if None in css:
            raise ValueError('put_scrollable(): height must be a length or a (min, max) pair, got %r' % (height,))
    else:
        css = css_length('put_scrollable', 'height', height)
        if css is None:
            raise ValueError('put_scrollable(): height must be a number of pixels or a CSS length, got None')
    return _put_container('put_scrollable', 'scrollable', {'height': css, 'keep_bottom': bool(keep_bottom),
                                                           'border': bool(border)}, content, scope, position)


__all__ = ['put_collapse', 'put_scrollable']

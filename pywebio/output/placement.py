"""Placement: anchors, and moving around the page."""
from typing import Any

from .._page import check_anchor_name, send


def set_anchor(name: str) -> None:
    """Mark the current end of the output with the anchor ``name``.

    Later output can go ``before=name`` or ``after=name``, and the ``clear_*`` functions and
    `scroll_to` take it. If an anchor ``name`` already exists, it moves here (the output that held
    it stays, without the name). Nothing is cleared.

    :param name: the anchor's name, any non-empty string.

    Example::

        set_anchor('top')
        put_text('A')
        put_text('C', after='top')   # C is shown before A
    """
    check_anchor_name('set_anchor', 'name', name)
    send('set_anchor', 'set_anchor', {'name': name}, update=lambda model: model.set_anchor(name))


def clear_before(anchor: str) -> None:
    """Remove all output before the anchor (the anchor itself stays).

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        put_text('old')
        set_anchor('now')
        clear_before('now')    # 'old' is gone
    """
    check_anchor_name('clear_before', 'anchor', anchor)
    send('clear_before', 'clear_before', {'anchor': anchor}, anchors=[anchor],
         update=lambda model: model.clear_before(anchor))


def clear_after(anchor: str) -> None:
    """Remove all output after the anchor (the anchor itself stays).

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        set_anchor('results')
        put_text('result 1')
        clear_after('results')    # ready for new results
    """
    check_anchor_name('clear_after', 'anchor', anchor)
    send('clear_after', 'clear_after', {'anchor': anchor}, anchors=[anchor],
         update=lambda model: model.clear_after(anchor))


def clear_range(start_anchor: str, end_anchor: str) -> None:
    """Remove the output between two anchors (the anchors themselves stay).

    :param start_anchor: the anchor where the range starts.
    :param end_anchor: the anchor where it ends; it must come after ``start_anchor`` on the page.

    Example::

        set_anchor('start')
        put_text('temporary')
        set_anchor('end')
        clear_range('start', 'end')
    """
    check_anchor_name('clear_range', 'start_anchor', start_anchor)
    check_anchor_name('clear_range', 'end_anchor', end_anchor)

    def in_order(model: Any) -> None:
        if model.index(start_anchor) >= model.index(end_anchor):
            raise ValueError('clear_range(): anchor %r must come before anchor %r on the page'
                             % (start_anchor, end_anchor))

    send('clear_range', 'clear_range', {'start': start_anchor, 'end': end_anchor},
         anchors=[start_anchor, end_anchor], check=in_order,
         update=lambda model: model.clear_range(start_anchor, end_anchor))


def remove(anchor: str) -> None:
    """Remove the output that holds the anchor, and the anchor.

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        put_text('Loading...', anchor='status')
        remove('status')
    """
    check_anchor_name('remove', 'anchor', anchor)
    send('remove', 'remove', {'anchor': anchor}, anchors=[anchor], update=lambda model: model.discard(anchor))


_SCROLL_POSITIONS = ('top', 'middle', 'bottom')


def scroll_to(anchor: str, position: str = 'top') -> None:
    """Scroll the page to the anchor.

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.
    :param position: where the anchor ends up in the window: ``'top'``, ``'middle'`` or
        ``'bottom'``.

    Example::

        scroll_to('top')
    """
    check_anchor_name('scroll_to', 'anchor', anchor)
    if position not in _SCROLL_POSITIONS:
        raise ValueError('scroll_to(): position must be one of %s, got %r'
                         % (', '.join(map(repr, _SCROLL_POSITIONS)), position))
    send('scroll_to', 'scroll_to', {'anchor': anchor, 'position': position}, anchors=[anchor])

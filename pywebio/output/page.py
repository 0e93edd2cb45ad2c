"""Page settings: title, output area height, auto-scroll."""

from .._page import send
from .._text import shown_text


def set_title(title: str) -> None:
    """Set the title of the page (what the browser tab shows).

    :param title: the title, as text.

    Example::

        set_title('BMI calculator')
    """
    title = shown_text('set_title', 'title', title)
    send('set_title', 'set_title', {'title': title})


def set_output_fixed_height(enabled: bool) -> None:
    """Give the output area a fixed height, scrolling inside itself, or give it back its natural height.

    :param enabled: ``True`` for a fixed height, ``False`` for the default.

    Example::

        set_output_fixed_height(True)
    """
    send('set_output_fixed_height', 'set_output_fixed_height', {'enabled': bool(enabled)})


def set_auto_scroll_bottom(enabled: bool) -> None:
    """Turn on or off scrolling to the bottom when output is added at the end (on by default for
    the guide's programs; off for 1.x programs, as in 1.x).

    While it is on, the page follows new output, unless the person has scrolled up to read:
    then it stays where they are until they come back to the bottom.

    :param enabled: ``False`` to stop following new output.

    Example::

        set_auto_scroll_bottom(False)
    """
    send('set_auto_scroll_bottom', 'set_auto_scroll_bottom', {'enabled': bool(enabled)})

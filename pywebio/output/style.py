"""`style`: CSS for outputs that are already on the page."""
from typing import List, Sequence, Union

from .._page import Output


def style(outputs: Union[Output, Sequence[Output]], css_style: str) -> Union[Output, List[Output]]:
    """Add CSS declarations to one output or to each of a list of them; returns what it was given.

    The same as calling ``.style(css_style)`` on each output.

    :param outputs: a ``put_*`` result, or a list of them.
    :param css_style: CSS declarations, such as ``'color: red; font-weight: bold'``.

    Example::

        style(put_text('Red'), 'color: red')
        put_row(style([put_text('A'), put_text('B')], 'border: 1px solid'))
    """
    if isinstance(outputs, Output):
        return outputs.style(css_style)
    if not isinstance(outputs, (list, tuple)) or not all(isinstance(o, Output) for o in outputs):
        raise TypeError('style(): outputs must be a put_* result or a list of them, got %r' % (outputs,))
    return [output.style(css_style) for output in outputs]

"""Labels, titles and captions as shown: a string, or a number shown as ``str(number)``.

PyWebIO 1.x sent these values to the page as they were, and its templates showed a number as
its digits, so 1.x programs write ``put_button(1, ...)`` or ``popup(0)``. Other objects (``None``,
lists, bools...) are refused with a ``TypeError`` that names the call and the argument.
"""
import numbers
from typing import Any

__all__ = ['shown_text']


def shown_text(function: str, argument: str, value: Any) -> str:
    """``value`` as the text the page shows; ``TypeError`` unless it is a string or a number."""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return str(value)
    raise TypeError('%s(): %s must be a string or a number, got %r' % (function, argument, value))

"""The HTML page of an app, generated per app (page configuration hooks in here)."""
import os
from typing import Any, Callable, Optional

from .. import STATIC_PATH

__all__ = ['render_page']


def render_page(app: Optional[Callable[..., Any]], base_url: str = '') -> str:
    """The HTML of the page for ``app`` (None: the generated index of apps is separate)."""
    with open(os.path.join(STATIC_PATH, 'index.html'), encoding='utf8') as f:
        return f.read()

"""Bokeh's notebook type ``'pywebio'``: ``output_notebook(notebook_type='pywebio')`` then
``show(fig)`` puts the plot in the current PyWebIO session, as PyWebIO 0.3 and 1.x allow.

Bokeh lets other notebooks register a display hook (`bokeh.io.notebook.install_notebook_hook`).
Importing Bokeh takes about half a second, so PyWebIO does not import it: `install` registers the
hook at once if ``bokeh.io.notebook`` is already imported, and otherwise right after Bokeh
imports it (a finder on `sys.meta_path` that only watches that one module name).

BokehJS travels inside the page (``INLINE`` resources, no CDN) unless ``output_notebook`` was given
other resources; each session receives each piece of BokehJS once, with the first plot that needs it.
"""
import hashlib
import importlib.abc
import importlib.machinery
import sys
import threading
from typing import Any, Optional, Sequence, Set

from .session.base import PerSession

NOTEBOOK_TYPE = 'pywebio'
_WATCHED = 'bokeh.io.notebook'

_lock = threading.Lock()
_installed = False
_resources: Any = None  # what output_notebook(resources=...) chose; None: INLINE
#: per session, the keys of the BokehJS pieces it has received
_sent_to = PerSession(set)


def _load(resources: Any, verbose: bool = False, hide_banner: bool = False, load_timeout: int = 5000) -> None:
    """``output_notebook(notebook_type='pywebio')``: remember the resources. Nothing is shown yet:
    it may be called outside any session (at the top of a module); BokehJS goes with each
    session's first plot."""
    global _resources
    _resources = resources


def _show_doc(obj: Any, state: Any, notebook_handle: Any = None) -> None:
    """``show(obj)``: put the plot (and the BokehJS it needs that this session lacks) with put_html."""
    from bokeh.core.templates import CSS_RESOURCES, JS_RESOURCES
    from bokeh.embed import components
    from bokeh.embed.bundle import bundle_for_objs_and_resources
    from bokeh.resources import INLINE

    from .output import put_html
    from .session import get_current_session

    if notebook_handle:
        import warnings
        warnings.warn("show(..., notebook_handle=True): push_notebook() is not supported in PyWebIO; "
                      "call show() again to show a changed plot", stacklevel=4)
    session = get_current_session()
    bundle = bundle_for_objs_and_resources([obj], _resources if _resources is not None else INLINE)
    with _lock:
        sent = _sent_to(session)
        js_files = _new(sent, [str(url) for url in bundle.js_files])
        js_raw = _new(sent, bundle.js_raw)
        css_files = _new(sent, [str(url) for url in bundle.css_files])
        css_raw = _new(sent, bundle.css_raw)
    script, div = components(obj)
    resources = ''
    if css_files or css_raw:
        resources += CSS_RESOURCES.render(css_files=css_files, css_raw=css_raw)
    if js_files or js_raw:
        resources += JS_RESOURCES.render(js_files=js_files, js_raw=js_raw, hashes=bundle.hashes)
    put_html(resources + div + script)


def _new(sent: Set[str], pieces: Sequence[str]) -> list:
    """The pieces not sent yet (a URL, or inline code known by its digest); now marked sent."""
    fresh = []
    for piece in pieces:
        key = piece if len(piece) < 300 else 'sha256:' + hashlib.sha256(piece.encode('utf8')).hexdigest()
        if key not in sent:
            sent.add(key)
            fresh.append(piece)
    return fresh


def _register(notebook: Any) -> None:
    notebook.install_notebook_hook(NOTEBOOK_TYPE, _load, _show_doc, None, overwrite=True)


class _Loader(importlib.abc.Loader):
    """Bokeh's own loader of ``bokeh.io.notebook``, registering the hook once it has run."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Optional[Any]:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        _register(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    """Watches for ``bokeh.io.notebook`` only; every other import passes by untouched."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname != _WATCHED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, 'exec_module'):
            return None
        sys.meta_path[:] = [finder for finder in sys.meta_path if finder is not self]  # once is enough
        spec.loader = _Loader(spec.loader)  # type: ignore[arg-type]
        return spec


def install() -> None:
    """Make ``output_notebook(notebook_type='pywebio')`` available (idempotent, imports nothing)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    module = sys.modules.get(_WATCHED)
    if module is not None:
        _register(module)
    else:
        sys.meta_path.insert(0, _Finder())

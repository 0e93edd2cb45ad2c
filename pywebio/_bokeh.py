"""Bokeh's notebook type ``'pywebio'``: ``output_notebook(notebook_type='pywebio')`` then
``show(fig)`` puts the plot in the current PyWebIO session, as PyWebIO 0.3 and 1.x allow.

Bokeh lets other notebooks register a display hook (`bokeh.io.notebook.install_notebook_hook`).
Importing Bokeh takes about half a second, so PyWebIO does not import it: `install` registers the
hook at once if ``bokeh.io.notebook`` is already imported, and otherwise right after Bokeh
imports it (a finder on `sys.meta_path` that only watches that one module name).

BokehJS travels inside the page (``INLINE`` resources, no CDN) unless ``output_notebook`` was given
other resources; each session receives each piece of BokehJS once, with the first plot that needs it.

``show(app)`` of a Bokeh *application* (a function of a ``Document``, with Python callbacks) needs a
Bokeh server: each call starts one, for that session, on a free port of the address the browser
reached PyWebIO on, in one background thread of its own (so it works under every PyWebIO server,
not only Tornado as in 1.x). It stops once the session has ended and no page uses the app. The page
loads the app, and BokehJS, from that server: no CDN either. The browser must be able to reach that
port directly: a reverse proxy in front of PyWebIO does not forward it.
"""
import asyncio
import concurrent.futures
import hashlib
import importlib.abc
import importlib.machinery
import ipaddress
import logging
import sys
import threading
from typing import Any, Callable, Optional, Sequence, Set, Tuple

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


def _show_app(app: Any, state: Any, notebook_url: Any, port: int = 0, **server_options: Any) -> None:
    """``show(app)``: serve the Bokeh application from a Bokeh server of this session, and put the
    script that loads it from there. ``port`` and ``server_options`` go to Bokeh's ``Server``."""
    from bokeh.embed import server_document

    from .output import put_html
    from .session import get_current_session

    session = get_current_session()
    address, host, page_host = _addresses(session.info)
    server = _AppServers.shared().start(app, port=port, address=address, allow_websocket_origin=[page_host],
                                        **server_options)
    session.defer_call(lambda: _AppServers.shared().stop(server))
    url = 'http://%s:%d/' % ('[%s]' % host if ':' in host else host, server.port)
    put_html(server_document(url))


def _addresses(info: Any) -> Tuple[str, str, str]:
    """(address to bind, host name for the browser, the page's host:port) of a session: the
    server is reached by the name the page was (``Host``), bound to the local address the browser
    connected to where the request tells it, else to loopback."""
    page_host = info.server_host or 'localhost'
    host = page_host.rsplit(':', 1)[0] if not page_host.endswith(']') else page_host
    host = host.strip('[]')
    address = _local_address(info.request)
    if address is None:
        try:
            address = host if ipaddress.ip_address(host) else '127.0.0.1'
        except ValueError:
            address = '127.0.0.1'
    return address, host, page_host


def _local_address(request: Any) -> Optional[str]:
    """The local IP address of the connection that carried ``request`` (Tornado, aiohttp), if known."""
    for get in (lambda: request.connection.stream.socket.getsockname()[0],
                lambda: request.transport.get_extra_info('sockname')[0]):
        try:
            address = get()
        except Exception:  # noqa: BLE001 - another framework's request, or a closed socket
            continue
        if isinstance(address, str):
            return address
    return None


#: A Bokeh server of an ended session stops when no page has used it for this long (seconds)...
UNUSED_GRACE = 10.0
#: ...which it checks this often.
UNUSED_CHECK_INTERVAL = 1.0


class _AppServers:
    """Bokeh servers of `show(app)`, on one event loop in a daemon thread of their own."""

    _shared: Optional['_AppServers'] = None

    def __init__(self) -> None:
        try:
            # Bokeh apps mostly build on pandas. Imported here, before any app runs: an app's first
            # import on the server's thread would race the task's thread, where libraries such as
            # plotly take a half-imported pandas from sys.modules and fail
            import pandas  # noqa: F401
        except ImportError:
            pass
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name='pywebio-bokeh', daemon=True).start()

    @classmethod
    def shared(cls) -> '_AppServers':
        with _lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def _call(self, func: Callable[[], Any]) -> Any:
        future: concurrent.futures.Future = concurrent.futures.Future()

        def run() -> None:
            try:
                future.set_result(func())
            except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
                future.set_exception(error)
        self.loop.call_soon_threadsafe(run)
        return future.result()

    def start(self, app: Any, **options: Any) -> Any:
        def start_on_loop() -> Any:
            from bokeh.server.server import Server
            from tornado.ioloop import IOLoop
            server = Server({'/': app}, io_loop=IOLoop.current(), **options)
            server.start()
            return server
        server = self._call(start_on_loop)
        logging.getLogger(__name__).info('a Bokeh server for show(app) serves on port %d', server.port)
        return server

    def stop(self, server: Any) -> None:
        """Stop ``server`` once no page is connected to it: the PyWebIO session has ended, but a
        page that still shows the app keeps it working, as in 1.x."""
        async def stop_when_unused() -> None:
            loop = asyncio.get_running_loop()
            last_used = loop.time()  # the page may not have connected yet
            while loop.time() - last_used < UNUSED_GRACE:
                await asyncio.sleep(UNUSED_CHECK_INTERVAL)
                if any(session.connection_count for session in server.get_sessions()):
                    last_used = loop.time()
            server.stop()
            server.unlisten()
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(lambda: self.loop.create_task(stop_when_unused()))


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
    notebook.install_notebook_hook(NOTEBOOK_TYPE, _load, _show_doc, _show_app, overwrite=True)


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

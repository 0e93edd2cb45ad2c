"""Where the guide's API and PyWebIO 1.x's disagree, which meaning a program gets.

A few calls mean different things in the two APIs (docs/compat.md lists them all): a plain string
in a `put_table` cell or a popup is HTML in the guide and text in 1.x. Each program gets the
meaning of the API it is written for, with no switch: a program whose source uses a name that
only PyWebIO 1.x has (`ONLY_1X_NAMES`, `ONLY_1X_MODULES`), or a name of one of 1.x's add-ons
(`ADD_ON_NAMES`: ``pywebio_battery``), gets 1.x's meaning, any other the guide's. The source is
parsed, never run: the task function and what it names in its file, the program's own modules
these name, and the script that was started (``__main__``); in script mode, the script and its
modules (`verdict_for`, docs/compat.md *Run a 1.x program*).

The meaning is chosen for each session when it is created (`api_for`, stored as ``session.api``),
so a `start_server` dict or a `path_deploy` folder can mix guide and 1.x programs. The functions
below read the meaning of the current session, or, outside any, that of the process (the script
that was started).

An explicit choice wins over the detection, for every session of the process: one call at the top
of the program, or an environment variable set before it starts::

    import pywebio
    pywebio.set_api('1.x')

    PYWEBIO_API=1.x python3 my_app.py
"""
import ast
import functools
import inspect
import logging
import os
import sys
import threading
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Tuple

logger = logging.getLogger('pywebio')

GUIDE = 'guide'
ONE_X = '1.x'
_APIS = (GUIDE, ONE_X)
#: what PYWEBIO_API / set_api take to go back to choosing per program
_DETECT = ('', 'auto')

#: The names that PyWebIO 1.x has and the guide's API does not, by the module that exports them.
#: Derived once, by hand, and frozen here: every name of ``../shared/spec/pywebio-1.x-api.md`` (the
#: ``__all__`` of PyWebIO 1.8.4's modules), minus the names of the guide's API, which are those the
#: guide (``../shared/spec/guide.rst``) calls or refers to (``popup``, ``close_popup``,
#: ``run_event_loop``...) and the public names of PyWebIO 0.3.0, the release of the guide's time
#: whose reference the guide sends its reader to for "all the functions" (``put_code``,
#: ``put_image``, ``remove``, ``radio``, ``get_info``...). So a guide-era program never uses
#: one. Names of a module that is 1.x-only as a whole are in `ONLY_1X_MODULES` instead.
ONLY_1X_NAMES: Dict[str, FrozenSet[str]] = {
    'pywebio': frozenset({'config'}),
    'pywebio.input': frozenset({'COLOR', 'DATE', 'DATETIME', 'DATETIME_LOCAL', 'TIME', 'URL', 'input_update',
                                'slider'}),
    'pywebio.output': frozenset({
        'JSFunction', 'OutputPosition', 'PopupSize', 'Position', 'clear', 'datatable_insert', 'datatable_remove',
        'datatable_update', 'get_scope', 'put_button', 'put_collapse', 'put_column', 'put_datatable', 'put_error',
        'put_grid', 'put_info', 'put_link', 'put_loading', 'put_processbar', 'put_progressbar', 'put_row',
        'put_scope', 'put_scrollable', 'put_success', 'put_tabs', 'put_warning', 'put_widget', 'set_processbar',
        'set_progressbar', 'set_scope', 'span', 'style', 'toast', 'use_scope'}),
    'pywebio.session': frozenset({'data', 'download', 'eval_js', 'go_app', 'info', 'local', 'run_js', 'set_env'}),
    'pywebio.platform': frozenset({'config', 'seo', 'path_deploy', 'path_deploy_http'}),
    'pywebio.platform.flask': frozenset({'wsgi_app'}),
    'pywebio.platform.django': frozenset({'wsgi_app'}),
    # the names of the modules of `ONLY_1X_MODULES`, for ``from pywebio.pin import *`` (not those the
    # guide's modules have too, such as ``start_server``)
    'pywebio.pin': frozenset({'get_pin_values', 'pin', 'pin_on_change', 'pin_update', 'pin_wait_change',
                              'put_actions', 'put_checkbox', 'put_file_upload', 'put_input', 'put_radio',
                              'put_select', 'put_slider', 'put_textarea'}),
    'pywebio.platform.path_deploy': frozenset({'path_deploy', 'path_deploy_http'}),
    'pywebio.platform.fastapi': frozenset({'asgi_app', 'webio_routes'}),
}

#: The modules that PyWebIO 1.x has and the guide's API does not: importing one, or any name of
#: it, is using 1.x.
ONLY_1X_MODULES: FrozenSet[str] = frozenset({
    'pywebio.pin', 'pywebio.platform.path_deploy', 'pywebio.platform.fastapi', 'pywebio.platform.tornado_http'})

#: PyWebIO 1.x's add-on packages: a program that uses one is a 1.x program, so every name it
#: imports from one counts as 1.x-only (all of them, for ``from pywebio_battery import *``: the
#: ``__all__`` of pywebio_battery 0.7.0, frozen like `ONLY_1X_NAMES`).
ADD_ON_NAMES: Dict[str, FrozenSet[str]] = {
    'pywebio_battery': frozenset({
        'basic_auth', 'clear_localstorage', 'confirm', 'custom_auth', 'file_picker', 'get_all_query',
        'get_cookie', 'get_localstorage', 'get_query', 'logbox_append', 'logbox_clear', 'popup_input',
        'put_audio', 'put_logbox', 'put_video', 'redirect_stdout', 'revoke_auth', 'run_shell',
        'set_cookie', 'set_localstorage', 'wait_scroll_to_bottom'}),
}

#: The 1.x-only names that only serve apps. They count in the file of a task (or in script mode's
#: script) only: in a started script that serves apps defined elsewhere (a folder for
#: `path_deploy`, modules it imports) or in a module a program imports, they say nothing of what
#: each app's calls mean.
SERVING_NAMES: FrozenSet[str] = frozenset({
    'pywebio.platform.path_deploy', 'pywebio.platform.fastapi', 'pywebio.platform.tornado_http', 'path_deploy',
    'path_deploy_http', 'wsgi_app', 'asgi_app', 'webio_routes'})

#: How many of the names found the log line quotes.
_QUOTED = 3

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _from_environment() -> Optional[str]:
    value = os.environ.get('PYWEBIO_API', '').strip()
    if value in _DETECT:
        return None
    if value not in _APIS:
        raise ValueError('the environment variable PYWEBIO_API must be %s (or empty: choose per program), got %r'
                         % (' or '.join(map(repr, _APIS)), value))
    return value


#: The explicit choice (`set_api` or ``PYWEBIO_API``), None to choose per program.
_override: Optional[str] = _from_environment()
#: where `_override` came from, for the log line
_override_by = 'PYWEBIO_API=%s' % _override if _override else ''


def set_api(api: Optional[str]) -> None:
    """Choose the meaning of the calls where the guide and PyWebIO 1.x disagree, for every session
    that starts from now on, whatever its program uses.

    Without this call (or the environment variable ``PYWEBIO_API``) each program gets the meaning
    of the API it is written for: 1.x's when its source uses a name that only PyWebIO 1.x has
    (such as ``put_row``, ``use_scope`` or ``pywebio.pin``), the guide's otherwise
    (docs/compat.md, *Run a 1.x program*).

    :param api: ``'guide'``, ``'1.x'``, or ``None`` (or ``'auto'``) to choose per program again.
        With ``'1.x'``, plain strings in `put_table` cells, `popup` content and the content of
        containers are shown as text, not HTML; `put_markdown` removes the common indentation of
        its text by default; and a session whose task function has returned stays open while
        callbacks (buttons, clickable outputs, pin callbacks) can still fire, until the browser
        goes away (the guide ends it, and asks for `pywebio.session.hold`). The environment
        variable ``PYWEBIO_API`` sets the same before the program starts.
    """
    global _override, _override_by
    if api in _DETECT or api is None:
        _override, _override_by = None, ''
        return
    if api not in _APIS:
        raise ValueError('set_api(): api must be %s or None, got %r' % (' or '.join(map(repr, _APIS)), api))
    _override, _override_by = api, "pywebio.set_api('%s')" % api


def get_api() -> str:
    """``'guide'`` or ``'1.x'``: the meaning of the current session, or outside any session, of the
    program that was started (see `set_api`)."""
    session = _current_session()
    api = getattr(session, 'api', None) if session is not None else None
    return api or process_api()


def is_1x() -> bool:
    """Whether the 1.x semantics are on (in the current session)."""
    return get_api() == ONE_X


def strings_are_text() -> bool:
    """1.x: plain strings in table cells, popups and containers are text, not HTML."""
    return get_api() == ONE_X


def sessions_wait_for_callbacks(session: Any = None) -> bool:
    """1.x: a session whose task returned stays open while callbacks are registered."""
    api = getattr(session, 'api', None) if session is not None else None
    return (api or get_api()) == ONE_X


def _current_session() -> Any:
    try:
        from .session import existing_session
    except ImportError:  # while pywebio itself is being imported
        return None
    return existing_session()


# -- choosing per program ----------------------------------------------------------------------

class Verdict:
    """The meaning chosen for a program, and why."""

    __slots__ = ('api', 'names', 'override')

    def __init__(self, api: str, names: Tuple[str, ...] = (), override: str = '') -> None:
        self.api = api
        #: the 1.x-only names its source uses, in the order they appear
        self.names = names
        #: what chose it explicitly (``PYWEBIO_API=1.x``), or '' when the source did
        self.override = override

    def __repr__(self) -> str:
        return '<Verdict %s %s%s>' % (self.api, ', '.join(self.names), ' by ' + self.override if self.override else '')


def api_for(target: Optional[Callable[..., Any]]) -> str:
    """The meaning of a new session of ``target`` (None: script mode's session, whose program is
    the script): the explicit choice if there is one, else what the sources say (`verdict_for`)."""
    return verdict_for(target).api


def process_api() -> str:
    """The meaning outside any session: the explicit choice, else what the script says."""
    return _override or (ONE_X if _main_names() else GUIDE)


def verdict_for(target: Optional[Callable[..., Any]]) -> Verdict:
    """Which meaning a session of ``target`` (None: the script of script mode) gets, and why.

    The explicit choice if there is one. Else 1.x's when a 1.x-only name is used by the file that
    defines ``target``, by the program's own modules that file imports (not libraries), or by the
    started script (``__main__``) itself; the guide's otherwise. From the started script, when it
    is not the task's own file, neither its imports (they may be the other apps of a dict) nor the
    entries that only serve apps (`SERVING_NAMES`: ``path_deploy`` of a folder) count: they say
    nothing of what each app means, so a dict or a folder can mix guide and 1.x programs.
    """
    if _override:
        return Verdict(_override, override=_override_by)
    main = _main_file()
    path = task_file(target) if target is not None else None
    if path is None:
        names = program_names([main]) if main else ()
    else:
        names = task_names(target, path)  # type: ignore[arg-type]
        if main and main != path:
            names += tuple(name for name in names_in_file(main) if name not in SERVING_NAMES and name not in names)
    return Verdict(ONE_X if names else GUIDE, names)


def _main_names() -> Tuple[str, ...]:
    path = _main_file()
    return program_names([path]) if path else ()


def _main_file() -> Optional[str]:
    path = getattr(sys.modules.get('__main__'), '__file__', None)
    return os.path.abspath(path) if isinstance(path, str) and _is_program_file(path) else None


def _unwrap(target: Any) -> Any:
    for _ in range(20):  # partials, bound methods and decorators
        if isinstance(target, functools.partial):
            target = target.func
        elif inspect.ismethod(target):
            target = target.__func__
        elif getattr(target, '__wrapped__', None) is not None and callable(target.__wrapped__):
            target = target.__wrapped__
        else:
            break
    return target


def task_file(target: Callable[..., Any]) -> Optional[str]:
    """The source file that defines the task function ``target``, or None (no file, or a file of
    PyWebIO itself, such as the generated index of apps)."""
    target = _unwrap(target)
    code = getattr(target, '__code__', None)
    path = getattr(code, 'co_filename', None)
    if not isinstance(path, str) or not os.path.isfile(path):
        module = sys.modules.get(getattr(target, '__module__', None) or type(target).__module__)
        path = getattr(module, '__file__', None)
    return os.path.abspath(path) if isinstance(path, str) and _is_program_file(path) else None


def _is_program_file(path: str) -> bool:
    if not path.endswith('.py') or not os.path.isfile(path):
        return False
    return os.path.commonpath([_PACKAGE_DIR, os.path.abspath(path)]) != _PACKAGE_DIR


#: A program's own modules read at most (beyond these, a big project is judged by what was read).
MAX_PROGRAM_FILES = 64

_Position = Tuple[int, int, int]
_Uses = List[Tuple[_Position, str]]


class _Module:
    """One parsed file: what its names refer to, and the 1.x-only names it uses.

    A name counts when it surely means PyWebIO's: imported from a PyWebIO module
    (``from pywebio.output import put_row``), read as an attribute of one (``pywebio.pin``,
    ``output.put_row`` after ``from pywebio import output``), or read as a bare name after
    ``from pywebio.output import *`` when the source binds no variable of that name itself. A
    name of an add-on (`ADD_ON_NAMES`) counts the same way, as the add-on's name.
    """

    def __init__(self, tree: ast.AST, path: Optional[str] = None) -> None:
        self.tree = tree
        self.path = path
        self.pywebio: Dict[str, str] = {}                       # local name -> dotted PyWebIO path
        self.stars: List[str] = []                              # PyWebIO modules imported with *
        self.bound = set()                                      # names the source binds itself
        self.imports: Dict[str, List[Tuple[int, str]]] = {}     # local name -> other modules it may be
        self.defs: Dict[str, ast.AST] = {}                      # the top-level functions and classes
        self.imported: _Uses = []                               # 1.x-only names of its imports
        for node in getattr(tree, 'body', ()):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defs[node.name] = node
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split('.')[0]
                    if alias.name.split('.')[0] in ADD_ON_NAMES:  # local: the add-on, or its alias
                        self._use(self.imported, node, alias.name.split('.')[0])
                        self.pywebio[local] = alias.name if alias.asname else local
                        continue
                    if alias.name.split('.')[0] != 'pywebio':
                        self.bound.add(local)
                        self.imports.setdefault(local, []).append((0, alias.name if alias.asname else local))
                        continue
                    if alias.name in ONLY_1X_MODULES:
                        self._use(self.imported, node, alias.name)
                    self.pywebio[local] = alias.name if alias.asname else 'pywebio'
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ''
                if node.level or module.split('.')[0] not in ('pywebio', *ADD_ON_NAMES):
                    for alias in node.names:
                        if alias.name != '*':
                            local = alias.asname or alias.name
                            self.bound.add(local)
                            self.imports.setdefault(local, []).extend(
                                [(node.level, (module + '.' + alias.name).lstrip('.'))] + ([(node.level, module)] if module else []))
                    continue
                if module in ONLY_1X_MODULES:
                    self._use(self.imported, node, module)
                elif module.split('.')[0] in ADD_ON_NAMES:
                    self._use(self.imported, node, module.split('.')[0])
                for alias in node.names:
                    if alias.name == '*':
                        self.stars.append(module)
                    else:
                        self._member(self.imported, node, module, alias.name)
                        self.pywebio[alias.asname or alias.name] = module + '.' + alias.name
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                self.bound.add(node.id)
            elif isinstance(node, ast.arg):
                self.bound.add(node.arg)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.bound.add(node.name)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                self.bound.add(node.name)
        for name in list(self.pywebio):
            if name in self.bound:  # rebound by the source: not surely PyWebIO's
                del self.pywebio[name]

    @staticmethod
    def _use(uses: _Uses, node: ast.AST, name: str) -> None:  # by place, then (one import line) as listed
        uses.append(((getattr(node, 'lineno', 0), getattr(node, 'col_offset', 0), len(uses)), name))

    def _member(self, uses: _Uses, node: ast.AST, module: str, name: str) -> str:
        """Count ``module.name`` if only 1.x has it; return its dotted path."""
        full = module + '.' + name
        if full in ONLY_1X_MODULES:
            self._use(uses, node, full)
        elif name in ONLY_1X_NAMES.get(module, ()):
            self._use(uses, node, name)
        elif module.split('.')[0] in ADD_ON_NAMES:
            self._use(uses, node, module.split('.')[0])
        return full

    def uses_in(self, roots: List[ast.AST]) -> _Uses:
        """The 1.x-only names read in the code of ``roots`` (not counting imports)."""
        uses: _Uses = []
        counted = set()  # the inner attributes of a chain already counted with it
        for root in roots:
            for node in ast.walk(root):  # breadth first: a chain's outer attribute comes before its inner ones
                if isinstance(node, ast.Attribute):
                    if id(node) in counted:
                        continue
                    chain = []
                    base: ast.AST = node
                    while isinstance(base, ast.Attribute):
                        counted.add(id(base))
                        chain.append(base.attr)
                        base = base.value
                    if isinstance(base, ast.Name) and base.id in self.pywebio:
                        path = self.pywebio[base.id]
                        for attr in reversed(chain):
                            path = self._member(uses, node, path, attr)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                    if node.id in self.pywebio:
                        module, _, name = self.pywebio[node.id].rpartition('.')
                        self._member(uses, node, module, name)
                    elif node.id not in self.bound:
                        for module in self.stars:
                            if node.id in ONLY_1X_NAMES.get(module, ()):
                                self._use(uses, node, node.id)
                                break
                            if node.id in ADD_ON_NAMES.get(module.split('.')[0], ()):
                                self._use(uses, node, module.split('.')[0])
                                break
        return uses

    def module_names(self) -> Tuple[str, ...]:
        """What the whole file uses, its imports included."""
        return _ordered(self.imported + self.uses_in([self.tree]))

    def find_function(self, name: str, first_line: int) -> Optional[ast.AST]:
        """The ``def`` (or lambda) of the code object ``name`` that starts at ``first_line``."""
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                lines = {node.lineno} | {decorator.lineno for decorator in node.decorator_list[:1]}
            elif isinstance(node, ast.Lambda) and name == '<lambda>':
                lines = {node.lineno}
            else:
                continue
            if first_line in lines:
                return node
        return None

    def function_names(self, function: ast.AST) -> Tuple[Tuple[str, ...], List[str]]:
        """What a task function uses: its own code (decorators and nested functions included),
        the file's top-level statements that are not imports, definitions or the
        ``if __name__ == '__main__'`` part, and the top-level functions and classes of its file
        that these name (and those they name); with the files of the program's own modules they
        name (judged whole by `program_names`)."""
        roots: List[ast.AST] = []
        todo = [node for node in getattr(self.tree, 'body', ()) if not _is_definition(node)] + [function]
        seen = {id(node) for node in todo}
        modules: List[Tuple[int, str]] = []
        while todo:
            node = todo.pop()
            roots.append(node)
            for child in ast.walk(node):
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load):
                    definition = self.defs.get(child.id)
                    if definition is not None and id(definition) not in seen:
                        seen.add(id(definition))
                        todo.append(definition)
                    modules.extend(self.imports.get(child.id, ()))
        files = _resolve_imports(self.path, tuple(modules)) if self.path else []
        return _ordered(self.uses_in(roots)), files


def _is_definition(node: ast.AST) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    test = getattr(node, 'test', None) if isinstance(node, ast.If) else None
    return isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == '__name__'


def _ordered(uses: _Uses) -> Tuple[str, ...]:
    names: List[str] = []
    for _, name in sorted(uses):
        if name not in names:
            names.append(name)
    return tuple(names)


#: a file's parse (None when it cannot be read), its 1.x-only names, the files of its program's own modules
_Scan = Tuple[Optional[_Module], Tuple[str, ...], Tuple[str, ...]]
_scan_cache: Dict[Tuple[str, int, int], _Scan] = {}
#: (the file's `_Module`, function name, first line) -> what `_Module.function_names` found, or None
_function_cache: Dict[Tuple[int, str, int], Optional[Tuple[Tuple[str, ...], List[str]]]] = {}
_cache_lock = threading.Lock()


def program_names(paths: List[str], imported: Optional[List[str]] = None) -> Tuple[str, ...]:
    """The 1.x-only names used by the files ``paths`` (whole) and by the modules of the program
    they import (and ``imported``): its own modules (found beside them or on ``sys.path``), not
    installed libraries nor the standard library. In the imported modules, the entries that only
    serve apps (`SERVING_NAMES`) do not count: a helper that starts servers says nothing of what a
    program's calls mean. Each file is parsed once while it does not change."""
    names: List[str] = []
    queue = [os.path.abspath(path) for path in paths]
    given = set(queue)
    queue += [path for path in imported or () if path not in given]
    seen = set(queue)
    while queue and len(seen) <= MAX_PROGRAM_FILES:
        path = queue.pop(0)
        _, found, imported_files = _scan_file(path)
        names.extend(name for name in found if name not in names and (path in given or name not in SERVING_NAMES))
        for child in imported_files:
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return tuple(names)


def task_names(target: Callable[..., Any], path: str) -> Tuple[str, ...]:
    """The 1.x-only names of the program of the task ``target``, defined in the file ``path``:
    what its function uses (`_Module.function_names`), and the program's modules it names, whole.
    A file that defines tasks of both APIs (or tests of both) thus gives each its own. When the
    function cannot be found in the file, the whole file counts."""
    module = _scan_file(path)[0]
    code = getattr(_unwrap(target), '__code__', None)
    if module is None or code is None or os.path.abspath(code.co_filename) != path:
        return program_names([path])
    key = (id(module), code.co_name, code.co_firstlineno)  # a module object lives as long as its cache entry
    with _cache_lock:
        judged = _function_cache.get(key)
    if judged is None:
        function = module.find_function(code.co_name, code.co_firstlineno)
        judged = module.function_names(function) if function is not None else None
        with _cache_lock:
            _function_cache[key] = judged
    if judged is None:
        return program_names([path])
    names, files = judged
    more = program_names([], files)
    return names + tuple(name for name in more if name not in names)


def names_in_file(path: str) -> Tuple[str, ...]:
    """The 1.x-only names the Python file at ``path`` uses itself, imports included (() when it
    cannot be read or parsed)."""
    return _scan_file(path)[1]


def _scan_file(path: str) -> _Scan:
    try:
        stat = os.stat(path)
    except OSError:
        return None, (), ()
    key = (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        scan = _scan_cache.get(key)
    if scan is None:
        try:
            with open(path, 'rb') as file:
                tree = ast.parse(file.read())
            module = _Module(tree, key[0])
            scan = module, module.module_names(), tuple(_resolve_imports(key[0], _imports_in_tree(tree)))
        except (OSError, SyntaxError, ValueError, RecursionError):
            scan = None, (), ()
        with _cache_lock:
            _scan_cache[key] = scan
    return scan


def _imports_in_tree(tree: ast.AST) -> Tuple[Tuple[int, str], ...]:
    """``(level, dotted name)`` of every module the source may import (relative ones with their
    level), PyWebIO's left out."""
    imports: List[Tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports.extend((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ''
            imports.extend((node.level, (module + '.' + alias.name).lstrip('.'))  # a submodule, maybe
                           for alias in node.names if alias.name != '*')
            if module:
                imports.append((node.level, module))
    return tuple(item for item in imports if item[1].split('.')[0] != 'pywebio' or item[0])


def _resolve_imports(importer: str, imports: Tuple[Tuple[int, str], ...]) -> List[str]:
    """The files of the program's own modules among ``imports`` of the file ``importer``."""
    folder = os.path.dirname(importer)
    roots = [folder]
    top = folder  # the folder that holds the importer's top package
    while os.path.isfile(os.path.join(top, '__init__.py')) and os.path.dirname(top) != top:
        top = os.path.dirname(top)
    roots.append(top)
    roots.extend(os.path.abspath(entry or os.curdir) for entry in sys.path if isinstance(entry, str))
    files = []
    for level, name in imports:
        path = None
        if level:
            base = folder
            for _ in range(level - 1):
                base = os.path.dirname(base)
            path = _module_file(base, name) if name else None
        else:
            module = sys.modules.get(name)
            path = getattr(module, '__file__', None) if module is not None else None
            if not isinstance(path, str):
                path = next(filter(None, (_module_file(root, name) for root in roots)), None)
        if path and _is_program_file(path) and not _is_library_file(path):
            files.append(os.path.abspath(path))
    return files


def _module_file(root: str, name: str) -> Optional[str]:
    base = os.path.join(root, *name.split('.'))
    for path in (base + '.py', os.path.join(base, '__init__.py')):
        if os.path.isfile(path):
            return path
    return None


@functools.lru_cache(maxsize=1)
def _library_folders() -> Tuple[str, ...]:
    import site
    import sysconfig
    folders = {os.path.abspath(path) for key, path in sysconfig.get_paths().items()
               if key in ('stdlib', 'platstdlib', 'purelib', 'platlib') and path}
    try:
        folders.update(os.path.abspath(path) for path in site.getsitepackages())
        folders.add(os.path.abspath(site.getusersitepackages()))
    except (AttributeError, TypeError):  # a virtualenv's old site module
        pass
    return tuple(folders)


def _is_library_file(path: str) -> bool:
    """Whether ``path`` belongs to an installed library or the standard library, not a program."""
    path = os.path.abspath(path)
    parts = path.split(os.sep)
    if 'site-packages' in parts or 'dist-packages' in parts:
        return True
    return any(os.path.commonpath([folder, path]) == folder for folder in _library_folders())


def names_in_source(source: Any) -> Tuple[str, ...]:
    """The names of `ONLY_1X_NAMES` and `ONLY_1X_MODULES` (and the add-ons of `ADD_ON_NAMES`) that
    the Python ``source`` (text or bytes) uses, imports included, in the order they first appear
    (see `_Module`); it is parsed, never run. Raises SyntaxError for a source that is not Python."""
    return _Module(ast.parse(source)).module_names()


# -- telling which meaning was chosen -----------------------------------------------------------

_announced = set()
_announce_lock = threading.Lock()


def describe(verdict: Verdict, program: str) -> str:
    """The log line: which meaning ``program`` gets, why, and how to choose the other."""
    other = GUIDE if verdict.api == ONE_X else ONE_X
    meaning = "PyWebIO 1.x's meaning" if verdict.api == ONE_X else "the guide's meaning"
    if verdict.override:
        why = 'as %s says' % verdict.override
        how = 'unset it to choose per program'
    elif verdict.names:
        quoted = ', '.join(verdict.names[:_QUOTED]) + (' and more' if len(verdict.names) > _QUOTED else '')
        why = 'it uses %s, only in PyWebIO 1.x' % quoted
        how = 'PYWEBIO_API=%s overrides' % other
    else:
        why = 'it uses no name that only PyWebIO 1.x has'
        how = 'PYWEBIO_API=%s overrides' % other
    return 'PyWebIO runs %s with %s (%s); %s.' % (program, meaning, why, how)


def program_name(target: Optional[Callable[..., Any]]) -> str:
    """How the log line names the program of ``target``: ``main() of bmi.py``, ``the script x.py``."""
    main = _main_file()
    if target is None:
        return 'the script %s' % os.path.basename(main) if main else 'the script'
    path = task_file(target)
    name = getattr(target, '__name__', None) or type(target).__name__
    return '%s() of %s' % (name, os.path.basename(path)) if path else '%s()' % name


def announce(target: Optional[Callable[..., Any]]) -> Verdict:
    """Decide for ``target`` (None: the script of script mode) and say it in one line, the first
    time this program is decided this way in the process. Returns the verdict.

    A task with no source file of its own (PyWebIO's generated index of apps, a function made by
    ``exec``) is decided the same way, silently.
    """
    verdict = verdict_for(target)
    if target is not None and task_file(target) is None:
        return verdict
    program = program_name(target)
    key = (program, verdict.api, verdict.override)
    with _announce_lock:
        if key in _announced:
            return verdict
        _announced.add(key)
    line = describe(verdict, program)
    if logging.getLogger('pywebio').hasHandlers():
        logger.info(line)
    else:  # logging not configured: start-up lines are shown anyway (see pywebio.platform.apps.log_serving)
        print(line, file=sys.stderr, flush=True)
    return verdict

"""The layers call only downward: the session layer imports no transport (`pywebio.platform`),
and script mode still starts when a plain script imports only `pywebio.output` or `pywebio.input`."""
import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Tuple

ROOT = Path(__file__).parents[2]
SESSION_DIR = ROOT / 'pywebio' / 'session'


def imported_modules(path: Path) -> Iterator[Tuple[int, str]]:
    """Every module ``path`` imports, anywhere in it (functions too), as absolute names; and the
    names given to ``importlib.import_module``/``__import__`` as string constants."""
    package = 'pywebio.session'  # every file here is a module of this package, or the package itself
    tree = ast.parse(path.read_text(encoding='utf-8'), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split('.')[:len(package.split('.')) - (node.level - 1)]
                module = '.'.join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ''
            yield node.lineno, module
            for alias in node.names:  # `from .. import platform` imports a module by its name
                yield node.lineno, module + '.' + alias.name
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, 'id', '')
            if function in ('import_module', '__import__'):
                yield node.lineno, node.args[0].value


def test_no_module_of_the_session_layer_imports_a_platform():
    offending = ['%s:%d imports %s' % (path.relative_to(ROOT), line, name)
                 for path in sorted(SESSION_DIR.glob('*.py'))
                 for line, name in imported_modules(path)
                 if name == 'pywebio.platform' or name.startswith('pywebio.platform.')]
    assert offending == []


def test_the_import_check_sees_relative_imports_inside_functions(tmp_path):
    module = tmp_path / 'sample.py'
    module.write_text('def start():\n    from ..platform.tornado import start_script_mode\n'
                      '    from .. import platform\n    importlib.import_module("pywebio.platform.flask")\n')
    assert {name for _, name in imported_modules(module) if name.startswith('pywebio.platform')} == {
        'pywebio.platform.tornado', 'pywebio.platform.tornado.start_script_mode', 'pywebio.platform',
        'pywebio.platform.flask'}


def test_importing_only_output_or_input_installs_the_script_mode_server():
    for module in ('pywebio.output', 'pywebio.input'):
        code = ('import %s, sys\n'
                'from pywebio import session\n'
                'from pywebio.platform.tornado import start_script_mode\n'
                'assert session._script_mode_starter is start_script_mode, session._script_mode_starter\n'
                % module)
        result = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=60,
                                env={**os.environ, 'PYTHONPATH': str(ROOT)})
        assert result.returncode == 0, result.stderr

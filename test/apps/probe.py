"""Probe every module-level object of pywebio the way tools do, outside any session, and print
a JSON report: what each probe of the proxies gave, and whether any of it started script mode.

``python test/apps/probe.py KIND``; KIND is one of `PROBES`. Used by test/unit/test_introspection.py.
"""
import copy
import importlib
import inspect
import json
import pickle
import pkgutil
import sys
import threading
import unittest.mock

import pywebio
from pywebio import session
from pywebio.pin import pin
from pywebio.session import info, local

PROXIES = {'local': local, 'info': info, 'pin': pin}


def every_object():
    """(name, object) of every module-level object of every pywebio module that imports here."""
    for module_info in pkgutil.walk_packages(pywebio.__path__, 'pywebio.'):
        if '__pyinstaller' in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for name, value in list(vars(module).items()):
            if not (name.startswith('__') and name.endswith('__')):
                yield '%s.%s' % (module_info.name, name), value


def outcome(action):
    try:
        value = action()
    except Exception as error:  # the report says what the probe got
        return {'raised': type(error).__name__, 'message': str(error)}
    return {'value': repr(value)[:200]}


def each(action):
    """``action(obj)`` on every object; the proxies' outcomes are reported by name."""
    report = {}
    for name, obj in every_object():
        result = outcome(lambda: action(obj))
        if any(obj is proxy for proxy in PROXIES.values()):
            report[name] = result
    return report


def ipython_completions():
    from IPython.core.completer import provisionalcompleter
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    shell.user_ns.update(PROXIES)
    report = {}
    for name in PROXIES:
        for text in (name + '.', name + '._', name + '['):
            with provisionalcompleter():
                report[text] = sorted(c.text for c in shell.Completer.completions(text, len(text)))
        shell.run_cell(name)  # the display of a value asks for _repr_html_, _ipython_display_...
    return report


def sphinx_autodoc(folder):
    from pathlib import Path
    from sphinx.cmd.build import build_main
    source = Path(folder)
    (source / 'conf.py').write_text("extensions = ['sphinx.ext.autodoc']\n")
    (source / 'index.rst').write_text('Probe\n=====\n\n'
                                      '.. automodule:: pywebio.session\n   :members:\n   :undoc-members:\n\n'
                                      '.. automodule:: pywebio.pin\n   :members:\n   :undoc-members:\n\n'
                                      '.. autodata:: pywebio.session.local\n\n'
                                      '.. autodata:: pywebio.session.info\n\n'
                                      '.. autodata:: pywebio.pin.pin\n')
    status = build_main(['-q', '-b', 'text', str(source), str(source / '_build')])
    return {'status': status, 'text': (source / '_build' / 'index.txt').read_text()}


PROBES = {
    'hasattr': lambda: each(lambda obj: hasattr(obj, '_mock_name')),
    'getattr': lambda: each(lambda obj: getattr(obj, 'pytest_mock_example_attribute_that_shouldnt_exist', 'default')),
    'unknown': lambda: each(lambda obj: getattr(obj, 'no_such_name_anywhere')),
    'dir': lambda: each(dir),
    'repr': lambda: each(repr),
    'getmembers': lambda: each(lambda obj: [name for name, _ in inspect.getmembers(obj)]),
    'copy': lambda: each(lambda obj: copy.copy(obj) is obj),
    'deepcopy': lambda: each(lambda obj: copy.deepcopy(obj) is obj),
    'pickle': lambda: each(lambda obj: pickle.loads(pickle.dumps(obj)) is obj),
    'autospec': lambda: each(lambda obj: unittest.mock.create_autospec(obj)),
    'ipython': ipython_completions,
    'sphinx': lambda: sphinx_autodoc(sys.argv[2]),
}

if __name__ == '__main__':
    report = PROBES[sys.argv[1]]()
    print(json.dumps({'report': report, 'script_mode': session.script_mode_session() is not None,
                      'threads': sorted(thread.name for thread in threading.enumerate())}))

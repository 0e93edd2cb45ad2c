"""The names pywebio_battery 0.7.0 takes from PyWebIO: each one it imports or reads exists here, with the
shape battery expects. Its functions are used in Chromium by test/browser/test_battery.py."""
import ast
import importlib
import importlib.metadata
import inspect
import os

import pytest

import pywebio_battery
from pywebio import _compat


def battery_sources():
    folder = os.path.dirname(pywebio_battery.__file__)
    return {name: open(os.path.join(folder, name), encoding='utf8').read()
            for name in sorted(os.listdir(folder)) if name.endswith('.py')}


def pywebio_imports():
    """``(module, name)`` of every ``from pywebio... import name`` in battery's source."""
    found = set()
    for source in battery_sources().values():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and (node.module or '').split('.')[0] == 'pywebio':
                found.update((node.module, alias.name) for alias in node.names)
    return sorted(found)


def test_battery_is_the_pinned_release_and_its_names_make_a_program_1x():
    assert importlib.metadata.version('pywebio_battery') == '0.7.0'
    assert all(callable(getattr(pywebio_battery, name)) for name in pywebio_battery.__all__)
    # a program that calls one gets 1.x's meaning (pywebio/_compat.py), even after a star import
    assert _compat.ADD_ON_NAMES['pywebio_battery'] == set(pywebio_battery.__all__)


@pytest.mark.parametrize('module, name', pywebio_imports())
def test_every_name_battery_imports_from_pywebio_exists(module, name):
    # among them the half-internal ones: pywebio.io_ctrl.output_register_callback, pywebio.output._put_message,
    # Output, OutputPosition, pywebio.utils.random_str, pywebio.session.get_current_session
    imported = importlib.import_module(module)
    if name != '*':
        assert hasattr(imported, name), '%s.%s' % (module, name)


def test_the_names_add_ons_rely_on_have_the_shape_battery_expects(run_in_session):
    from pywebio.output import OutputPosition, put_text
    from pywebio.pin import put_actions, put_input
    from pywebio.session import get_current_session
    from pywebio.utils import random_str

    assert (OutputPosition.TOP, OutputPosition.BOTTOM) == (0, -1)
    assert inspect.signature(put_text).parameters['position'].default == OutputPosition.BOTTOM
    assert len(random_str(10)) == 10
    seen = {}

    def task():
        session = get_current_session()
        # web.py: `if 'cookie_client_flag' not in session.internal_save: session.internal_save[...] = True`
        assert session.internal_save == {}
        session.internal_save['cookie_client_flag'] = True
        seen['save'] = session.internal_save
        # interaction.py, popup_input: the names of the pins among the outputs it is given
        outputs = [put_input('user', label='User'), put_text('not a pin'), put_actions('go', buttons=['Go'])]
        seen['names'] = [p.spec['input']['name'] for p in outputs if 'input' in p.spec and 'name' in p.spec['input']]

    run_in_session(task)
    assert seen == {'save': {'cookie_client_flag': True}, 'names': ['user', 'go']}
    run_in_session(lambda: seen.update(second=get_current_session().internal_save))
    assert seen['second'] == {}  # each session has its own

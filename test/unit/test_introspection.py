"""Tools that look at objects never start script mode (nor touch a session).

pytest, unittest.mock, IPython, Sphinx, copy and pickle probe every module-level object for
attributes such as ``_mock_name`` or ``_repr_html_``. Each probe runs in a fresh interpreter
(test/apps/probe.py), outside any session and before any server, as in a plain program: script
mode, had it started, would leave a ``pywebio-server`` thread.
"""
import json
import os
import subprocess
import sys
import textwrap

import pytest

from test.helpers import ROOT

PROXIES = ('pywebio.session.local', 'pywebio.session.info', 'pywebio.pin.pin')


def probe(kind, *args):
    # BROWSER=false: had script mode started, its browser would be a no-op, not a window
    result = subprocess.run([sys.executable, str(ROOT / 'test' / 'apps' / 'probe.py'), kind, *map(str, args)],
                            cwd=str(ROOT), capture_output=True, text=True, timeout=120,
                            env={**os.environ, 'PYTHONPATH': str(ROOT), 'BROWSER': 'false'})
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.splitlines()[-1])
    assert answer['script_mode'] is False, 'the %s probe started script mode' % kind
    assert 'pywebio-server' not in answer['threads']
    return answer['report']


@pytest.mark.parametrize('kind, expected', [
    ('hasattr', 'False'),  # hasattr(obj, '_mock_name'), as pytest 9.2's collection does
    ('getattr', "'default'"),  # getattr(obj, unknown_name, default), as pytest's mock check does
    ('copy', 'True'),  # the proxies are singletons: copies and unpickled copies are the same object
    ('deepcopy', 'True'),
    ('pickle', 'True'),
])
def test_probes_of_the_proxies_get_plain_answers(kind, expected):
    report = probe(kind)
    assert {name: report[name] for name in PROXIES} == {name: {'value': expected} for name in PROXIES}


def test_an_unknown_name_raises_attribute_error_that_says_why():
    report = probe('unknown')
    assert {result['raised'] for result in report.values()} == {'AttributeError'}
    assert 'outside a PyWebIO session' in report['pywebio.session.local']['message']
    assert 'outside a PyWebIO session' in report['pywebio.pin.pin']['message']
    assert 'user_agent' in report['pywebio.session.info']['message']  # it lists what info has


@pytest.mark.parametrize('kind', ['dir', 'repr', 'getmembers', 'autospec'])
def test_listing_and_mocking_every_object_touch_no_session(kind):
    report = probe(kind)
    assert sorted(report) == sorted(PROXIES)
    assert all('value' in result for result in report.values()), report
    if kind == 'repr':
        assert report['pywebio.session.local']['value'] == "'<pywebio.session.local>'"


def test_ipython_completes_and_displays_the_proxies_outside_a_session():
    report = probe('ipython')
    assert 'use_strict' in report['pin.']
    assert 'user_agent' not in report['info.']  # only inside a session would it read them


def test_sphinx_autodoc_documents_the_session_and_pin_modules(tmp_path):
    report = probe('sphinx', tmp_path)
    assert report['status'] == 0
    assert 'pywebio.session.local' in report['text'] and 'use_strict' in report['text']


def test_pytest_collects_a_module_that_imports_the_proxies(tmp_path):
    """A program's own test file imports the proxies, as a test of a PyWebIO app does; pytest
    collects it (probing each module-level object) and then the test starts a server."""
    (tmp_path / 'test_app.py').write_text(textwrap.dedent('''
        from pywebio.pin import pin
        from pywebio.session import info, local
        from pywebio.platform.tornado import webio_handler

        def test_a_server_can_start_after_collection():
            assert webio_handler(lambda: None) is not None
    '''))
    result = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', str(tmp_path)],
                            cwd=str(tmp_path), capture_output=True, text=True, timeout=120,
                            env={**os.environ, 'PYTHONPATH': str(ROOT), 'BROWSER': 'false'})
    assert '1 passed' in result.stdout, result.stdout + result.stderr

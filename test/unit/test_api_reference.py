"""Every public name has an entry in the built API reference (docs/api.rst), and the reference
shows no path of the machine that built it."""
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

PUBLIC_MODULES = [
    'pywebio', 'pywebio.input', 'pywebio.output', 'pywebio.pin', 'pywebio.session', 'pywebio.utils',
    'pywebio.exceptions', 'pywebio.testing', 'pywebio.platform', 'pywebio.platform.tornado',
    'pywebio.platform.tornado_http', 'pywebio.platform.flask', 'pywebio.platform.django',
    'pywebio.platform.aiohttp', 'pywebio.platform.fastapi', 'pywebio.platform.path_deploy',
    'pywebio.platform.page', 'pywebio.platform.apps', 'pywebio.platform.httpbased', 'pywebio.platform.resume',
    'pywebio.platform.limits', 'pywebio.platform.hosts', 'pywebio.platform.reloader', 'pywebio.auth',
    'pywebio.platform.auth', 'pywebio.shared', 'pywebio.session.uploads', 'pywebio.platform.uploads',
]


@pytest.fixture(scope='module')
def built_docs(tmp_path_factory):
    pytest.importorskip('sphinx')
    pytest.importorskip('myst_parser')
    out = tmp_path_factory.mktemp('docs_html')
    result = subprocess.run([sys.executable, '-m', 'sphinx', '-q', '-E', '-b', 'html', str(ROOT / 'docs'), str(out)],
                            cwd=str(ROOT), capture_output=True, text=True, timeout=300,
                            env={**os.environ, 'PYTHONPATH': str(ROOT)})
    assert result.returncode == 0, result.stderr
    return out


def documented_objects(html_dir):
    from sphinx.util.inventory import InventoryFile
    with open(html_dir / 'objects.inv', 'rb') as stream:
        inventory = InventoryFile.load(stream, '', lambda base, uri: uri)
    return {name for kind, entries in inventory.items() if kind.startswith('py:') for name in entries}


def public_names(module_name):
    module = importlib.import_module(module_name)
    names = getattr(module, '__all__', None)
    if names is None:  # no __all__: what the module defines itself
        names = [name for name, value in vars(module).items()
                 if not name.startswith('_') and getattr(value, '__module__', None) == module_name]
    # standard modules a star import hands to 1.x programs (pywebio.utils) are not PyWebIO's API
    handed_out = set(getattr(module, '_1X_STAR_NAMES', ()))
    return module, [name for name in names if name not in handed_out]


def test_every_public_name_has_an_entry(built_docs):
    documented = documented_objects(built_docs)
    missing = []
    for module_name in PUBLIC_MODULES:
        module, names = public_names(module_name)
        for name in names:
            value = getattr(module, name)
            # a re-exported function or class counts where it is defined and documented
            home = '%s.%s' % (getattr(value, '__module__', ''), getattr(value, '__qualname__', ''))
            if '%s.%s' % (module_name, name) not in documented and home not in documented:
                missing.append('%s.%s' % (module_name, name))
    assert not missing, 'public names without an entry in docs/api.rst: %s' % ', '.join(missing)


def test_the_reference_describes_static_path_instead_of_showing_this_machines_path(built_docs):
    import pywebio
    api = (built_docs / 'api.html').read_text()
    assert 'id="pywebio.STATIC_PATH"' in api
    assert pywebio.STATIC_PATH not in api
    assert str(ROOT) not in api


def test_session_info_is_documented_with_its_fields(built_docs):
    api = (built_docs / 'api.html').read_text()
    assert 'id="pywebio.session.info"' in api
    for field in ('user_agent', 'user_language', 'server_host', 'origin', 'user_ip', 'request', 'backend',
                  'protocol', 'user'):
        assert field in api

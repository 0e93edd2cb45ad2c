"""Names upstream PyWebIO programs import, and values 1.8 refuses too.

The programs of PyWebIO's repository (tags v0.3.0 and v1.8.3) import these names; each check
makes the same import the same way. Values 1.8 accepted are shown in Chromium by
test/browser/test_1x_values.py."""
import base64
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def run_python(code):
    result = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=60,
                            cwd=str(ROOT), env={'PYTHONPATH': str(ROOT), 'PATH': '/usr/bin:/bin'})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_guides_star_import_gives_top_middle_bottom():
    # upstream v0.3.0's test/template.py: from pywebio.output import *, then ('BOTTOM', BOTTOM)...
    out = run_python('from pywebio.input import *\nfrom pywebio.output import *\nfrom pywebio.session import *\n'
                     'print(TOP, MIDDLE, BOTTOM, Position.TOP == TOP)')
    assert out.split() == ['top', 'middle', 'bottom', 'True']


def test_platform_gives_the_path_deploy_functions_and_still_the_module():
    # upstream v1.8.3's test/16.path_deploy.py: from pywebio.platform import path_deploy
    out = run_python(
        'from pywebio.platform import path_deploy, path_deploy_http\n'
        'print(callable(path_deploy), path_deploy.__name__, path_deploy_http.__name__)\n'
        'import pywebio.platform.path_deploy\n'
        'from pywebio.platform.path_deploy import path_deploy as f, binds_main\n'
        'import importlib, sys\n'
        'print(f is path_deploy, importlib.import_module("pywebio.platform.path_deploy") is '
        'sys.modules["pywebio.platform.path_deploy"])')
    assert out.split() == ['True', 'path_deploy', 'path_deploy_http', 'True', 'True']


@pytest.mark.parametrize('module, names', [
    ('tornado', ['webio_handler', 'start_server']),
    ('tornado_http', ['webio_handler', 'start_server']),
    ('flask', ['webio_view', 'wsgi_app', 'start_server', 'run_event_loop']),
    ('django', ['webio_view', 'wsgi_app', 'start_server', 'run_event_loop']),
    ('aiohttp', ['webio_handler', 'static_routes', 'start_server']),
    ('fastapi', ['webio_routes', 'asgi_app', 'start_server']),
    ('page', ['config', 'seo']),
])
def test_every_platform_module_gives_1x_names(module, names):
    # upstream v0.3.0 and v1.8.3's test/8: from pywebio.platform.flask import webio_view, run_event_loop
    run_python('from pywebio.platform.%s import %s\n'
               'from pywebio.platform.httpbased import run_event_loop as loop\n'
               'assert "run_event_loop" not in %r or run_event_loop is loop' % (module, ', '.join(names), names))


def test_platform_modules_are_attributes_without_their_own_import():
    out = run_python('import sys, pywebio.platform\n'
                     'print("pywebio.platform.flask" in sys.modules)\n'
                     'print(pywebio.platform.flask.webio_view.__module__, pywebio.platform.django.wsgi_app.__name__)')
    assert out.split() == ['False', 'pywebio.platform.flask', 'wsgi_app']
    with pytest.raises(AttributeError, match='no attribute'):
        import pywebio.platform
        pywebio.platform.no_such_module


def test_io_ctrl_registers_a_callback_in_the_session(run_in_session):
    # pywebio_battery: from pywebio.io_ctrl import output_register_callback
    from pywebio.io_ctrl import Output, output_register_callback
    from pywebio.output import put_text
    from pywebio.session import get_current_session
    def callback(value):
        pass

    def task():
        callback_id = output_register_callback(callback, mutex_mode=True)
        assert isinstance(callback_id, str)
        assert get_current_session()._callbacks[callback_id] is callback
        assert isinstance(put_text('x'), Output)
        with pytest.raises(TypeError, match="unexpected keyword argument 'mutex_mod'"):
            output_register_callback(callback, mutex_mod=True)

    run_in_session(task)


def test_static_path_image_holds_the_page_icons_and_the_page_shows_one():
    # upstream v1.8.3's test/13.misc.py: static_dir=STATIC_PATH + '/image', put_image('/static/favicon_open_32.png')
    from pywebio import STATIC_PATH
    image = Path(STATIC_PATH + '/image')
    for name in ('favicon_open_16.png', 'favicon_open_32.png', 'favicon_closed_16.png', 'favicon_closed_32.png',
                 'apple-touch-icon.png'):
        assert (image / name).read_bytes().startswith(b'\x89PNG\r\n\x1a\n'), name
    # the page's icon is favicon_open_32.png, inlined so that it costs no request behind any path
    for index in (ROOT / 'pywebio' / 'html' / 'index.html', ROOT / 'webiojs' / 'index.html'):
        icon = re.search(r'<link rel="icon"[^>]* href="data:image/png;base64,([^"]+)"', index.read_text())
        assert icon and base64.b64decode(icon.group(1)) == (image / 'favicon_open_32.png').read_bytes(), index


def test_setup_ships_the_image_folder():
    setup = (ROOT / 'setup.py').read_text()
    assert "'html/image/*'" in setup


@pytest.mark.parametrize('call, message', [
    # 1.8 refuses these too: put_markdown strips a str, put_html's page parses a str
    (lambda o: o.put_markdown(0), 'put_markdown(): mdcontent must be a string'),
    (lambda o: o.put_html(0), 'put_html(): html must be a string'),
    (lambda o: o.put_text('a', sep=0), 'sep must be a string'),
    (lambda o: o.popup(None), 'popup(): title must be a string or a number, got None'),
    (lambda o: o.put_button(['A'], onclick=None), 'put_button(): label must be a string or a number'),
    (lambda o: o.put_collapse(True, []), 'put_collapse(): title must be a string or a number, got True'),
    (lambda o: o.put_link(None, 'https://example.test/'), 'put_link(): name must be a string or a number'),
])
def test_values_1x_also_refuses_get_a_clear_error(call, message):
    import pywebio.output as output
    with pytest.raises(TypeError) as info:
        call(output)
    assert message in str(info.value)


def test_star_import_of_utils_gives_the_modules_1x_programs_use_without_importing():
    """upstream's test programs 13 and 16 call time.sleep and asyncio.sleep after only
    ``from pywebio.utils import *`` (1.x's utils had no ``__all__``)."""
    names = {}
    exec('from pywebio.utils import *', names)
    assert names['time'].sleep and names['asyncio'].sleep and names['random'].random
    assert names['random_str'](4) and names['run_as_function']


def test_a_partial_in_a_list_of_apps_is_named_after_its_function():
    """upstream test 13: start_server([corobased, partial(threadbased)], ...)."""
    from functools import partial

    from pywebio.platform.apps import make_applications

    def threadbased(a=0):
        pass

    async def corobased():
        pass

    assert list(make_applications([corobased, partial(threadbased, a=1)])) == ['corobased', 'threadbased']

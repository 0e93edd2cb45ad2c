"""pywebio.utils, the 0.x names at the top of the package, and the PyInstaller hook."""
import asyncio
import concurrent.futures
import functools
import logging
import os
import runpy
import socket
import subprocess
import time
from pathlib import Path

import pytest

import pywebio
from pywebio import utils

ROOT = Path(__file__).parents[2]


def run(coroutine):
    """asyncio.run() in a thread of its own: the main thread may hold Playwright's running loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=30)


def test_run_as_function_sends_each_yielded_value_back():
    def steps():
        a = yield 1
        b = yield a + 1
        return b * 10

    assert utils.run_as_function(steps()) == 20


def test_to_coroutine_awaits_what_the_generator_yields():
    async def double(x):
        await asyncio.sleep(0)
        return 2 * x

    def steps():
        a = yield double(3)
        b = yield 'plain'
        return a, b

    assert run(utils.to_coroutine(steps())) == (6, 'plain')


def test_wait_host_port_sees_a_listening_port_and_gives_up_on_a_closed_one():
    with socket.socket() as listener:
        listener.bind(('127.0.0.1', 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert run(utils.wait_host_port('127.0.0.1', port, duration=2, delay=0.1)) is True
    started = time.monotonic()
    assert run(utils.wait_host_port('127.0.0.1', port, duration=0.5, delay=0.1)) is False
    assert time.monotonic() - started < 3


def test_get_free_port_and_random_str():
    port = utils.get_free_port()
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', port))
    words = {utils.random_str() for _ in range(50)}
    assert len(words) == 50 and all(len(w) == 16 and w.isalnum() and w.isascii() for w in words)
    assert utils.random_str(0) == '' and len(utils.random_str(5)) == 5
    with pytest.raises(ValueError):
        utils.random_str(-1)


def test_function_kind_helpers_look_through_partial():
    async def coro(a):
        pass

    def gen(a):
        yield

    assert utils.iscoroutinefunction(functools.partial(coro, a=1))
    assert utils.isgeneratorfunction(functools.partial(gen, a=1))
    assert not utils.iscoroutinefunction(gen)
    assert utils.get_function_name(functools.partial(coro, a=1)) == 'coro'


def test_pyinstaller_datas_names_the_frontend():
    datas = utils.pyinstaller_datas()
    assert datas == [(pywebio.STATIC_PATH, os.path.join('pywebio', 'html'))]
    assert os.path.isfile(os.path.join(datas[0][0], 'index.html'))
    assert utils.pyinstaller_datas(cli_args=True) == '--add-data %s%s%s' % (
        pywebio.STATIC_PATH, os.pathsep, os.path.join('pywebio', 'html'))


def test_the_pyinstaller_hook_is_registered_and_bundles_the_frontend():
    from pywebio.__pyinstaller import get_hook_dirs
    (hook_dir,) = get_hook_dirs()
    hook = runpy.run_path(os.path.join(hook_dir, 'hook-pywebio.py'))
    assert hook['datas'] == utils.pyinstaller_datas()
    setup_py = (ROOT / 'setup.py').read_text()
    assert "'pyinstaller40': ['hook-dirs = pywebio.__pyinstaller:get_hook_dirs']" in setup_py


def test_a_packaged_app_finds_its_frontend(tmp_path):
    # the installed pywebio may be another checkout, so the hook folder is given as PyInstaller
    # would find it through the entry point of this one
    from pywebio.__pyinstaller import get_hook_dirs
    app = tmp_path / 'app.py'
    app.write_text('import os, pywebio\n'
                   'print("frontend", os.path.isfile(os.path.join(pywebio.STATIC_PATH, "index.html")))\n')
    # PyInstaller follows every import it can see, those inside functions too: the optional
    # libraries the test extras install (frameworks, charts, pandas) would triple its time, and
    # the app needs none of them
    optional = ['flask', 'django', 'aiohttp', 'fastapi', 'starlette', 'uvicorn', 'bokeh', 'pandas',
                'numpy', 'matplotlib', 'plotly', 'pyecharts', 'cutecharts', 'PIL', 'IPython', 'jedi',
                'sphinx', 'docutils', 'pytest', 'playwright', 'pywebio_battery']
    subprocess.run(['pyinstaller', '--noconfirm', '--log-level', 'WARN', '--onedir',
                    '--distpath', str(tmp_path / 'dist'), '--workpath', str(tmp_path / 'build'),
                    '--specpath', str(tmp_path), '--additional-hooks-dir', get_hook_dirs()[0],
                    *(f'--exclude-module={name}' for name in optional), str(app)],
                   check=True, capture_output=True, timeout=600,  # a bound on a hang: a busy machine takes minutes
                   env={**os.environ, 'PYTHONPATH': str(ROOT)})
    result = subprocess.run([str(tmp_path / 'dist' / 'app' / 'app')], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == 'frontend True', result.stderr


def test_0x_names_at_the_top_of_the_package():
    namespace = {}
    exec('from pywebio import *', namespace)
    for name in ('start_server', 'run_async', 'run_asyncio_coroutine', 'register_thread', 'ThreadBasedSession',
                 'CoroutineBasedSession', 'SessionException', 'SessionClosedException',
                 'SessionNotFoundException', 'STATIC_PATH', 'enable_debug', 'set_session_implement',
                 'version', 'version_info'):
        assert name in namespace, name
    assert 'input' not in namespace  # Python's input() is not hidden by the module
    import pywebio.input as input_module
    import pywebio.output as output_module
    import pywebio.session as session_module
    assert (pywebio.input, pywebio.output, pywebio.session) == (input_module, output_module, session_module)
    assert pywebio.utils is utils
    assert pywebio.session.get_info and pywebio.output.table_cell_buttons
    pywebio.set_session_implement(pywebio.CoroutineBasedSession)
    with pytest.raises(ValueError):
        pywebio.set_session_implement(object)


def test_enable_debug_prints_pywebio_logs_to_stderr():
    logger = logging.getLogger('pywebio')
    saved = logger.handlers[:], logger.level, logger.propagate
    try:
        pywebio.enable_debug()
        assert logger.level == logging.DEBUG and logger.propagate is False
        assert [type(h) for h in logger.handlers] == [logging.StreamHandler]
        pywebio.enable_debug(logging.WARNING)
        assert logger.level == logging.WARNING and len(logger.handlers) == 1
    finally:
        logger.handlers, logger.level, logger.propagate = saved[0], saved[1], saved[2]


def test_the_version_is_a_1x_newer_than_pypis_last_so_pip_keeps_this_library():
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version
    version = Version(pywebio.__version__)
    # what add-ons ask for: plain pywebio, a 1.x floor, a 1.x cap
    for requirement in ('', '>=1.5', '>=1.8', '<2'):
        assert version in SpecifierSet(requirement), requirement
    assert version > Version('1.8.4')  # `pip install --upgrade pywebio` keeps it
    assert pywebio.version_info == (*version.release, 0)

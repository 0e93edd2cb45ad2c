"""Every entry that starts a server takes ``redis_url`` and hands it to `pywebio.shared.configure`
before it serves: a wrong URL stops it at once, with the reason."""
import importlib

import pytest

from pywebio import shared

ENTRIES = [('pywebio.platform.tornado', 'start_server'), ('pywebio.platform.tornado_http', 'start_server'),
           ('pywebio.platform.flask', 'start_server'), ('pywebio.platform.django', 'start_server'),
           ('pywebio.platform.aiohttp', 'start_server'), ('pywebio.platform.fastapi', 'start_server'),
           ('pywebio.platform.path_deploy', 'path_deploy'), ('pywebio.platform.path_deploy', 'path_deploy_http')]


@pytest.mark.parametrize('module, name', ENTRIES)
def test_every_entry_takes_a_redis_url_before_it_serves(module, name, tmp_path):
    entry = getattr(importlib.import_module(module), name)
    first = str(tmp_path) if name.startswith('path_deploy') else (lambda: None)
    with pytest.raises(ValueError, match='redis_url must start with redis://'):
        entry(first, port=0, host='127.0.0.1', redis_url='http://127.0.0.1:6379')


def test_the_store_follows_the_setting_and_the_environment(monkeypatch):
    try:
        monkeypatch.delenv('PYWEBIO_REDIS_URL', raising=False)
        shared.configure(None)
        assert shared.store_kind() == 'memory'
        monkeypatch.setenv('PYWEBIO_REDIS_URL', 'redis://127.0.0.1:1/0')
        assert shared.store_kind() == 'redis'
        shared.configure('')  # memory, whatever the environment says
        assert shared.store_kind() == 'memory'
        with pytest.raises(TypeError, match='must be a str'):
            shared.configure(6379)
    finally:
        shared.configure(None)

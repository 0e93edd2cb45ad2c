"""Multi-app routing and the 1.x server options, without a browser."""
import json

import pytest

from pywebio.output import put_text
from pywebio.platform.apps import make_applications, page_for, select_app
from pywebio.testing import serve


def alpha():
    """The first app"""
    put_text('alpha')


def beta():
    put_text('beta')


def test_forms_of_applications():
    assert make_applications(alpha) == {'index': alpha}
    assert make_applications([alpha, beta]) == {'alpha': alpha, 'beta': beta}
    assert make_applications({'a': alpha}) == {'a': alpha}
    with pytest.raises(ValueError, match='dict'):
        make_applications([lambda: None])
    with pytest.raises(TypeError, match='not start_server'):
        make_applications({'a': 42})
    with pytest.raises(ValueError):
        make_applications([])


def test_page_status():
    apps = make_applications([alpha, beta])
    assert page_for(apps, 'alpha')[0] == 200
    assert page_for(apps, 'index')[0] == 200  # the generated index
    assert page_for(apps, 'nope')[0] == 404
    assert select_app(apps, 'beta') is beta


def test_websocket_routing_by_app():
    with serve({'alpha': alpha, 'beta': beta}) as server:
        with server.connect() as client:  # no app: the generated index
            link = client.expect('output', where=lambda c: c['spec']['type'] == 'link')
            assert link['spec']['url'] == '?app=alpha'
        server.ws_url += '?app=beta'
        with server.connect() as client:
            assert client.expect('output')['spec']['content'] == 'beta'
        server.ws_url = server.ws_url.replace('beta', '%3Cscript%3E')
        with server.connect() as client:
            error = client.expect('output')
            assert '<script>' in json.dumps(error['spec'])
            assert error['spec']['type'] != 'html'


def _entries():
    from pywebio.platform import aiohttp, fastapi, flask, tornado, tornado_http
    from pywebio.platform.path_deploy import path_deploy, path_deploy_http
    yield tornado.start_server, alpha
    yield tornado_http.start_server, alpha
    yield flask.start_server, alpha
    yield aiohttp.start_server, alpha
    yield fastapi.start_server, alpha
    yield path_deploy, '.'
    yield path_deploy_http, '.'


@pytest.mark.parametrize('entry, first', list(_entries()))
def test_remote_access_is_refused(entry, first):
    with pytest.raises(ValueError, match='remote_access=True is not supported.*reverse proxy'):
        entry(first, port=0, remote_access=True)


def test_fastapi_origin_and_payload_limits():
    from starlette.testclient import TestClient
    from starlette.websockets import WebSocketDisconnect

    from pywebio.input import input
    from pywebio.platform.fastapi import asgi_app

    def ask():
        input('x')

    client = TestClient(asgi_app(ask, max_payload_size=100, reconnect_timeout=0))  # no session message first
    with pytest.raises(WebSocketDisconnect):
        with client.websocket_connect('/io', headers={'origin': 'http://evil.example'}) as ws:
            ws.receive_text()
    with client.websocket_connect('/io', headers={'origin': 'http://testserver'}) as ws:
        assert json.loads(ws.receive_text())[0]['command'] == 'input_group'
        ws.send_text(json.dumps({'event': 'form_submit', 'data': 'x' * 200}))
        with pytest.raises(WebSocketDisconnect) as closed:
            while True:
                ws.receive_text()
        assert closed.value.code == 1009


def test_tornado_http_origin_and_payload_limits():
    import urllib.error
    import urllib.request

    from pywebio.platform.tornado import BackgroundServer, make_application
    from pywebio.platform.tornado_http import webio_handler

    server = BackgroundServer(make_application(webio_handler({'alpha': alpha}, max_payload_size=100)),
                              host='127.0.0.1').start()
    try:
        api = 'http://127.0.0.1:%d/io?app=alpha' % server.port
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(api, method='POST', headers={'Origin': 'http://evil.example'}))
        assert refused.value.code == 403
        opened = urllib.request.urlopen(urllib.request.Request(api, method='POST', data=b''))
        session = opened.headers['WebIO-Session-ID']
        with pytest.raises(urllib.error.HTTPError) as too_big:
            urllib.request.urlopen(urllib.request.Request(api, method='POST', data=b'{' + b' ' * 200 + b'}', headers={
                'WebIO-Session-ID': session, 'Content-Type': 'application/json'}))
        assert too_big.value.code == 413
    finally:
        server.stop()

"""The chat room and tic-tac-toe demos, scaled out on one Redis (`pywebio.shared`): visitors
served by different processes of one server, and by two servers behind nginx, see each other."""
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test.browser.test_demos import chat_between, tictactoe_between
from test.browser.test_deploy import nginx  # noqa: F401  (a fixture)
from test.helpers import listening_port, output_of

ROOT = Path(__file__).parents[2]


def start_demo(run_app, name, redis_url, processes=1, route=None):
    """The demo ``name`` on a port of 127.0.0.1 the system picks, sharing through ``redis_url``."""
    server = run_app(ROOT / 'demos' / (name + '.py'),
                     args=['--port', 0, '--host', '127.0.0.1', '--processes', processes, '--redis', redis_url],
                     env={'PYWEBIO_ROUTE': route} if route else None)
    return server, listening_port(server)


def open_page(new_page, url):
    """A page at ``url``, and the route of the process that holds its session (from the key the
    server gave it: ``0-1.<id>`` is process 1 of the first server)."""
    page = new_page()
    with page.expect_websocket() as opened:
        page.goto(url)
    frame = opened.value.wait_for_event('framereceived', predicate=lambda payload: '"transport":"session"'
                                        in str(payload).replace(' ', ''))
    return page, json.loads(frame)['key'].rsplit('.', 1)[0]


def pages_on_two_processes(new_page, url):
    """Two pages whose sessions are held by two different processes (the kernel spreads new
    connections over the processes by a hash: a few pages are enough)."""
    first, first_route = open_page(new_page, url)
    for _ in range(30):
        second, route = open_page(new_page, url)
        if route != first_route:
            return first, second
        second.close()
    raise AssertionError('30 pages all reached process %s' % first_route)


@pytest.mark.parametrize('name, play', [('chat', chat_between), ('tictactoe', tictactoe_between)])
def test_visitors_on_two_processes_meet(run_app, redis_server, new_page, name, play):
    server, port = start_demo(run_app, name, redis_server.url, processes=2)
    first, second = pages_on_two_processes(new_page, 'http://127.0.0.1:%d/' % port)
    play(first, second)


@pytest.mark.parametrize('name, play', [('chat', chat_between), ('tictactoe', tictactoe_between)])
def test_visitors_on_two_servers_behind_nginx_meet(run_app, redis_server, nginx, new_page, name, play):  # noqa: F811
    backends = [start_demo(run_app, name, redis_server.url, route=route)[1] for route in ('b1', 'b2')]
    url = 'http://127.0.0.1:%d/' % nginx(backends)
    first, first_route = open_page(new_page, url)
    second, second_route = open_page(new_page, url)  # round robin: the other backend
    assert {first_route, second_route} == {'b1', 'b2'}
    play(first, second)


def test_several_processes_without_redis_say_so_at_start_and_refuse_to_split_the_room(run_app, new_page):
    server = run_app(ROOT / 'demos' / 'chat.py', args=['--port', 0, '--host', '127.0.0.1', '--processes', 2])
    port = listening_port(server)
    page = new_page()
    page.goto('http://127.0.0.1:%d/' % port)
    page.get_by_label('Your name').fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Your name')).to_have_count(0)  # the session ended: its task raised
    server.terminate()
    log = output_of(server)
    assert 'this server runs 2 processes, and sessions in different processes do not meet' in log
    assert 'the in-memory store would keep a separate room in each' in log


def test_the_chat_says_when_redis_is_gone_keeps_serving_and_delivers_again_when_it_is_back(
        run_app, redis_server, new_page):
    server, port = start_demo(run_app, 'chat', redis_server.url, processes=2)
    ann, bo = pages_on_two_processes(new_page, 'http://127.0.0.1:%d/' % port)
    for page, name in ((ann, 'Ann'), (bo, 'Bo')):
        page.get_by_label('Your name').fill(name)
        page.get_by_role('button', name='Submit').click()
        expect(page.get_by_label('Message')).to_be_visible()
    expect(ann.get_by_text('📢: Bo joined')).to_be_visible()
    redis_server.stop()
    ann.get_by_label('Message').fill('anyone there?')
    ann.get_by_role('button', name='Submit').click()
    expect(ann.get_by_text('The chat room cannot be reached right now')).to_be_visible()
    newcomer = new_page()  # the server still serves pages and sessions
    newcomer.goto('http://127.0.0.1:%d/' % port)
    expect(newcomer.get_by_label('Your name')).to_be_visible()
    redis_server.start()
    ann.get_by_label('Message').fill('back again')
    ann.get_by_role('button', name='Submit').click()
    expect(bo.get_by_text('Ann: back again')).to_be_visible()  # Bo's process reads Redis again by itself
    expect(bo.get_by_text('Ann: anyone there?')).to_have_count(0)

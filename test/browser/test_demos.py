"""The demos gallery in Chromium: each demo does what its page promises."""
import importlib.util
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test.helpers import listening_port

DEMOS = Path(__file__).parents[2] / 'demos'


def demo(name):
    spec = importlib.util.spec_from_file_location('demo_' + name, DEMOS / (name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_output_tour(serve_app, page):
    tour = demo('output_tour')
    page.goto(serve_app(tour.output_tour).url)
    expect(page.get_by_role('heading', name='Output tour')).to_be_visible()
    expect(page.get_by_text('Shown as text: <b> stays as typed')).to_be_visible()
    expect(page.get_by_role('link', name='hello.txt')).to_be_visible()
    expect(page.get_by_role('progressbar')).to_have_attribute('aria-valuenow', '1')
    page.get_by_role('tab', name='Popups').click()
    page.get_by_role('button', name='Open a popup').click()
    expect(page.get_by_role('dialog', name='A popup')).to_contain_text('Popups hold any output.')
    page.keyboard.press('Escape')
    page.get_by_role('button', name='A collapsed section').click()
    expect(page.get_by_text('Opened with its button')).to_be_visible()
    page.get_by_role('button', name='Say hello').click()
    expect(page.get_by_text('Hello!')).to_be_visible()
    expect(page.get_by_text('The time on the server:')).to_have_count(1)
    page.get_by_role('button', name='Refresh the time').click()
    expect(page.get_by_text('The time on the server:')).to_have_count(1)


def chat_between(ann, bo):
    """Two visitors of the chat demo, at its name form, talk to each other; then one leaves."""
    for page, name in ((ann, 'Ann'), (bo, 'Bo')):
        page.get_by_label('Your name').fill(name)
        page.get_by_role('button', name='Submit').click()
        expect(page.get_by_label('Message')).to_be_visible()
    expect(ann.get_by_text('📢: Bo joined')).to_be_visible()
    ann.get_by_label('Message').fill('hello Bo')
    ann.get_by_role('button', name='Submit').click()
    expect(bo.get_by_text('Ann: hello Bo')).to_be_visible()
    bo.get_by_label('Message').fill('hi Ann')
    bo.get_by_role('button', name='Submit').click()
    expect(ann.get_by_text('Bo: hi Ann')).to_be_visible()
    bo.close()
    expect(ann.get_by_text('📢: Bo left')).to_be_visible()


def test_chat_room_between_two_visitors(serve_app, new_page):
    chat = demo('chat')
    server = serve_app(chat.chat)
    ann, bo = new_page(), new_page()
    for page in (ann, bo):
        page.goto(server.url)
    chat_between(ann, bo)


def test_markdown_previewer_follows_the_editor(serve_app, page):
    preview = demo('markdown_preview')
    page.goto(serve_app(preview.markdown_preview).url)
    expect(page.get_by_role('heading', name='Hello')).to_be_visible()
    page.get_by_label('Markdown').fill('# Second title\n\n*new* text')
    page.get_by_label('Markdown').blur()
    expect(page.get_by_role('heading', name='Second title')).to_be_visible()
    expect(page.get_by_role('heading', name='Hello')).to_have_count(0)


def tictactoe_between(x, o):
    """The two players of the tic-tac-toe demo, whose pages are open, play a round that X wins."""
    expect(x.get_by_text('You play X.')).to_be_visible()
    expect(o.get_by_text('You play O.')).to_be_visible()
    expect(x.get_by_text('Your turn.')).to_be_visible()
    expect(o.get_by_role('button', name='5')).to_be_disabled()
    for player, cell in ((x, '1'), (o, '4'), (x, '2'), (o, '5'), (x, '3')):
        player.get_by_role('button', name=cell, exact=True).click()
        for page in (x, o):  # both boards show the move (X or O in place of its number)
            expect(page.get_by_role('button', name=cell, exact=True)).to_have_count(0)
    for player in (x, o):
        expect(player.get_by_text('X wins!')).to_be_visible()
    o.get_by_role('button', name='New round').click()
    expect(x.get_by_role('button', name='9', exact=True)).to_be_enabled()


def test_tictactoe_between_two_players(serve_app, new_page):
    game = demo('tictactoe')
    server = serve_app(game.tictactoe)
    x, o = new_page(), new_page()
    x.goto(server.url)
    expect(x.get_by_text('Waiting for a second player...')).to_be_visible()
    o.goto(server.url)
    tictactoe_between(x, o)


def test_theme_switcher_links_every_theme(serve_app, page):
    themes = demo('themes')
    page.goto(serve_app(themes.APPS).url)
    expect(page.get_by_role('heading', name='The default theme')).to_be_visible()
    light = page.evaluate('getComputedStyle(document.body).backgroundColor')
    page.get_by_role('link', name='dark').click()
    expect(page.get_by_role('heading', name='The dark theme')).to_be_visible()
    expect(page).to_have_title('PyWebIO themes: dark')
    assert page.evaluate('getComputedStyle(document.body).backgroundColor') != light
    expect(page.get_by_label('A text field')).to_be_visible()
    page.get_by_role('link', name='minty').click()
    expect(page.get_by_role('heading', name='The minty theme')).to_be_visible()


def test_python_m_demos_serves_the_gallery(run_app, page):
    port = listening_port(run_app('-m', args=['demos', '--port', 0]))
    page.goto('http://127.0.0.1:%d/' % port)
    for name in ('bmi', 'output_tour', 'chat', 'markdown_preview', 'tictactoe', 'theme_dark'):
        expect(page.get_by_role('link', name=name, exact=True)).to_be_visible()
    expect(page.get_by_text('Tic-tac-toe for two players')).to_be_visible()
    page.get_by_role('link', name='bmi', exact=True).click()
    expect(page.get_by_label('Your height (cm)')).to_be_visible()


def test_charts_draw_offline(serve_app, page):
    charts = demo('charts')
    outside = []
    page.on('request', lambda request: outside.append(request.url)
            if not request.url.startswith(('http://127.0.0.1', 'ws://127.0.0.1', 'data:', 'blob:')) else None)
    page.goto(serve_app(charts.charts).url)
    expect(page.get_by_role('img', name='Sine and cosine, drawn by matplotlib')).to_be_visible()
    expect(page.locator('canvas').first).to_be_visible(timeout=20_000)  # bokeh draws in a shadow root
    assert outside == []


def test_input_tour_checks_as_you_type_and_returns_typed_values(serve_app, page):
    tour = demo('input_tour')
    page.goto(serve_app(tour.input_tour).url)
    page.get_by_label('Your name').fill('Ann')
    page.get_by_label('Your age').fill('200')
    page.get_by_label('Country').select_option('Japan')
    expect(page.get_by_label('City').get_by_role('option')).to_have_text(['Tokyo', 'Osaka', 'Kyoto'])
    page.get_by_label('City').select_option('Kyoto')
    page.get_by_role('button', name='Book').click()
    expect(page.get_by_text('Please give an age between 1 and 130')).to_be_visible()
    expect(page.get_by_label('Your age')).to_have_attribute('aria-invalid', 'true')
    page.get_by_label('Your age').fill('30')
    page.get_by_role('button', name='Book').click()
    expect(page.get_by_role('row', name='city')).to_contain_text("'Kyoto'")
    expect(page.get_by_role('row', name='age')).to_contain_text('30')
    expect(page.get_by_role('row', name='room')).to_contain_text('2')
    page.get_by_role('button', name='Submit').click()  # no photo
    expect(page.get_by_text('No photo.')).to_be_visible()

"""What 1.x programs' own CSS and JavaScript find on the page, as on 1.x's: scopes with the id
``pywebio-scope-NAME``, the output in ``.markdown-body``, the theme's class on ``<body>``, buttons
that follow the text-align of their container, jQuery's ``$`` for run_js and put_html scripts
(loaded only when such code runs), and put_actions buttons in their colour. Upstream's demos rely
on each: output_usage's scope borders, theme's ``.webio-theme-dark`` rules, wordle's centred keys,
``.markdown-body table`` and ``run_js('$("button:contains(P)").css(...)')``."""
import re

from playwright.sync_api import expect

import pywebio
from pywebio.output import put_buttons, put_column, put_html, put_table, put_text, use_scope
from pywebio.pin import put_actions
from pywebio.session import hold, run_js

CSS = '''
#pywebio-scope-A { border: 2px solid rgb(255, 0, 0); }
.webio-theme-dark .note { color: rgb(0, 128, 0); }
.markdown-body table { width: 250px; }
'''


def test_1x_css_selectors_find_scopes_theme_and_output(serve_app, page):
    @pywebio.config(theme='dark', css_style=CSS)
    def task():
        with use_scope('A'):
            put_text('in scope A')
        put_text('a note').style('display: block').onclick(lambda: None)  # any output
        put_html('<p class="note">themed note</p>')
        put_table([['a', 'b']])
        hold()

    page.goto(serve_app(task).url)
    scope = page.locator('#pywebio-scope-A')
    expect(scope).to_have_text('in scope A')
    expect(scope).to_have_css('border-top-color', 'rgb(255, 0, 0)')
    expect(page.locator('body')).to_have_class('webio-theme-dark')
    expect(page.get_by_text('themed note')).to_have_css('color', 'rgb(0, 128, 0)')
    expect(page.get_by_role('table')).to_have_css('width', '250px')


def test_buttons_follow_their_containers_text_align(serve_app, page):
    def task():
        put_column([put_buttons(['Q', 'W', 'E'], onclick=lambda _: None)]).style('text-align: center')
        hold()

    page.set_viewport_size({'width': 1000, 'height': 600})
    page.goto(serve_app(task).url)
    column = page.locator('.pywebio-column').bounding_box()
    first = page.get_by_role('button', name='Q').bounding_box()
    last = page.get_by_role('button', name='E').bounding_box()
    left_gap, right_gap = first['x'] - column['x'], column['x'] + column['width'] - (last['x'] + last['width'])
    assert left_gap > 100 and abs(left_gap - right_gap) < 20, (left_gap, right_gap)  # centred


def test_jquery_is_there_for_run_js_and_put_html_scripts_that_use_it(serve_app, page):
    chunks = []
    page.on('request', lambda request: chunks.append(request.url) if '/chunks/jquery' in request.url else None)

    def task():
        put_buttons(['P', 'Q'], onclick=lambda _: None)
        put_text('before jQuery')
        run_js('$("button:contains(P)").css("background-color", "rgb(1, 2, 3)")')
        put_html('<p id="by-script"></p><script>jQuery("#by-script").text("written with jQuery")</script>')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_role('button', name='P')).to_have_css('background-color', 'rgb(1, 2, 3)')
    expect(page.get_by_text('written with jQuery')).to_be_visible()
    assert len(chunks) == 1


def test_a_page_whose_code_does_not_use_jquery_does_not_load_it(serve_app, page):
    chunks = []
    page.on('request', lambda request: chunks.append(request.url) if '/chunks/jquery' in request.url else None)

    def task():
        run_js('document.title = "$5 and (cheap)"')  # a dollar sign that is not jQuery
        put_text('done')
        hold()

    page.goto(serve_app(task).url)
    expect(page).to_have_title('$5 and (cheap)')
    expect(page.get_by_text('done')).to_be_visible()
    assert page.evaluate('typeof window.$') == 'undefined'
    assert chunks == []


def test_put_actions_buttons_have_their_colour(serve_app, page):
    def task():
        put_actions('choice', buttons=[{'label': 'Danger', 'value': 1, 'color': 'danger'},
                                       {'label': 'Plain', 'value': 2}])
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_role('button', name='Danger')).to_have_class(re.compile(r'\bbtn-danger\b'))
    expect(page.get_by_role('button', name='Plain')).to_have_class(re.compile(r'\bbtn-primary\b'))

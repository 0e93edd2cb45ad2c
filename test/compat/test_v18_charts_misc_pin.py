"""The compatibility runner, continued: PyWebIO 1.8.3's test programs 11 (charts), 13 (misc) and
18 (pin), redone in test/compat/v18 with the same calls, run as upstream runs them and used in
Chromium as a visitor would. test_v18_programs.py has the programs of the shared template.

Upstream's own programs run the same way: start ``python 11.charts.py`` (or 13, 18) from its
test/ folder (port 8080) and drive its page with the steps below."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test.helpers import listening_port

PROGRAMS = Path(__file__).parent / 'v18'


def test_11_charts_draw_offline_and_the_bokeh_app_calls_python(run_app, offline):
    page = offline
    page.goto('http://127.0.0.1:%d/' % listening_port(run_app(PROGRAMS / '11_charts.py')))
    expect(page.get_by_role('heading', name='plotly')).to_be_visible(timeout=30_000)
    expect(page.locator('.bk-Figure, .bk-Plot').first).to_be_visible(timeout=20_000)  # the plot
    sliders = page.get_by_text('Smoothing by N Days')
    expect(sliders).to_have_count(2, timeout=20_000)  # the app, shown twice, from its Bokeh server
    expect(page.locator('[_echarts_instance_]:has(canvas)')).to_have_count(4)
    for title in ('Cute bar', 'Cute line', 'Cute pie', 'Cute radar'):  # drawn when chart.xkcd has loaded
        expect(page.locator('svg text').filter(has_text=title)).to_be_visible(timeout=20_000)
    expect(page.locator('.js-plotly-plot')).to_have_count(4, timeout=20_000)
    expect(page.get_by_role('button', name='Foo')).to_be_visible()  # a Bokeh widget

    # the app's slider runs its Python callback on the Bokeh server: the title says so
    handle = page.locator('.noUi-handle').first
    handle.focus()
    page.keyboard.press('ArrowRight')
    page.keyboard.press('ArrowRight')
    expect(page.get_by_text('Smoothing by N Days: 2')).to_be_visible()
    expect(page.get_by_text('Readings, smoothed over 2 days')).to_be_visible()


def misc_page(page):
    """What both apps of test 13 show, before the last form is answered."""
    expect(page.get_by_text('eval_js promise: ok')).to_be_visible()
    expect(page.get_by_text('a button without a value was refused')).to_be_visible()
    expect(page.get_by_text('a string in put_column was refused')).to_be_visible()
    expect(page.get_by_role('dialog')).to_have_count(0)  # close_popup() closed the last one
    expect(page.get_by_text('current scope name:test')).to_have_count(0)  # cleared
    expect(page.get_by_text('clear previous scope content')).to_be_visible()
    expect(page.get_by_text('second from scoped()')).to_be_visible()
    page.get_by_role('tab', name='Markdown').click()
    expect(page.get_by_role('tabpanel', name='Markdown').locator('del')).to_have_text('Strikethrough')
    image = page.locator('img[src="/static/favicon_open_32.png"]')
    expect(image).to_be_visible()
    assert image.evaluate('image => image.naturalWidth') == 32  # 1.x's STATIC_PATH + '/image'
    expect(page.get_by_label('username')).to_be_visible()
    page.get_by_text('You have new messages').click()
    expect(page.get_by_text('ToastClicked')).to_be_visible()


def test_13_misc_in_the_coroutine_and_the_thread_app(run_app, page):
    port = listening_port(run_app(PROGRAMS / '13_misc.py'))
    page.goto('http://127.0.0.1:%d/?app=corobased' % port)
    expect(page).to_have_title('corobased-session')
    misc_page(page)
    page.get_by_role('button', name='Raise error').click()
    expect(page.get_by_text('ZeroDivisionError: division by zero')).to_be_visible()  # debug shows it

    page.get_by_role('button', name='Go thread App').click()
    expect(page).to_have_url('http://127.0.0.1:%d/?app=threadbased' % port)
    expect(page).to_have_title('threadbased-session This is threadbased-session test')  # its docstring's first paragraph
    misc_page(page)
    page.get_by_label('username').fill('ann')
    page.get_by_role('button', name='Register').click()
    expect(page.get_by_text('form: ann Register')).to_be_visible()


def change_every_pin(page):
    steps = [
        ('input', lambda: page.get_by_label('input', exact=True).fill('1')),
        ('textarea', lambda: page.get_by_label('textarea', exact=True).fill('2')),
        ('select', lambda: page.get_by_label('Input pin widget').select_option('B')),
        ('select_multiple', lambda: page.get_by_label('select-multiple').select_option('A')),
        ('checkbox', lambda: page.get_by_role('group', name='checkbox', exact=True).get_by_label('A').check()),
        ('checkbox_inline', lambda: page.get_by_role('group', name='checkbox_inline').get_by_label('A').check()),
        ('radio', lambda: page.get_by_role('group', name='radio', exact=True).get_by_label('A').check()),
        ('radio_inline', lambda: page.get_by_role('group', name='radio_inline').get_by_label('A').check()),
        ('actions', lambda: page.get_by_role('button', name='action_a').click()),
        ('code', lambda: (page.get_by_label('code', exact=True).click(), page.keyboard.type('3'))),
    ]
    for name, change in steps:
        change()
        expect(page.get_by_text('seen %s' % name, exact=True)).to_be_visible()
    expect(page.get_by_text('All-assert-passed')).to_be_visible()
    expect(page.get_by_text("select_multiple ['A'] ['A']")).to_be_visible()
    expect(page.get_by_text('code 3 3')).to_be_visible()


@pytest.mark.parametrize('app', ['thread_target', 'coro_target'])
def test_18_every_pin_widget_changes_once(run_app, page, app):
    page.goto('http://127.0.0.1:%d/?app=%s' % (listening_port(run_app(PROGRAMS / '18_pin_test.py')), app))
    expect(page.get_by_label('input', exact=True)).to_have_accessible_description('This is help text')
    chosen = page.get_by_label('select-multiple').get_by_role('option', selected=True)
    expect(chosen).to_have_text(['B', 'C'])  # pin_update(value=...)
    change_every_pin(page)

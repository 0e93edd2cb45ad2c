"""A program written for PyWebIO 1.x runs unchanged, with no switch (it uses names only 1.x has, so it
gets 1.x's meaning: pywebio/_compat.py): scopes, layout, output objects, pin."""
import re
from pathlib import Path

from playwright.sync_api import expect

from test.helpers import listening_port

APPS = Path(__file__).parents[1] / 'apps'


def test_a_1x_program_runs_unchanged(run_app, page):
    port = listening_port(run_app(APPS / 'legacy_1x_app.py'))
    page.goto('http://127.0.0.1:%d/' % port)

    main = page.get_by_role('main')
    expect(main.get_by_role('heading', name='Order desk')).to_be_visible()
    # 1.x semantics: a plain string in a table cell is text, not HTML
    expect(main.get_by_role('cell', name='<b>tea</b>')).to_be_visible()
    expect(main.get_by_role('cell', name='total: 1')).to_have_attribute('colspan', '2')

    # the row's two scopes sit side by side, and output went into each
    left, right = page.get_by_text('left side'), page.get_by_text('top of the right')
    expect(left).to_be_visible()
    assert left.bounding_box()['x'] < right.bounding_box()['x']
    assert abs(left.bounding_box()['y'] - right.bounding_box()['y']) < 5
    g2 = page.get_by_text('g2', exact=True).bounding_box()
    g3 = page.get_by_text('g3', exact=True).bounding_box()
    assert g3['y'] > g2['y'] and g3['x'] < g2['x']

    page.get_by_role('tab', name='Hours').click()
    expect(page.get_by_role('tabpanel', name='Hours')).to_have_text('9 to 5')

    # pin widgets, read from a button callback after main() has returned (1.x keeps the session)
    page.get_by_label('Customer').fill('Ann')
    page.get_by_label('Drink').select_option(label='Coffee')
    page.get_by_role('button', name='Order').click()
    expect(page.get_by_text('order: coffee for Ann')).to_be_visible()
    expect(page.get_by_text('status: ready')).to_have_count(0)  # use_scope(clear=True) replaced it

    page.get_by_role('button', name='Cancel').click()
    expect(page.get_by_text('cancelled: cancel')).to_be_visible()
    expect(page.get_by_text('green text')).to_have_css('color', 'rgb(0, 128, 0)')
    page.get_by_role('button', name='click this text').click()
    expect(page.get_by_text('text clicked')).to_be_visible()
    page.get_by_role('button', name='Details').click()
    expect(page.get_by_text('open hours apply')).to_be_visible()
    expect(page.get_by_role('status').filter(has_text='session has ended')).to_have_count(0)


def test_a_1x_multi_page_program_runs_unchanged(run_app, page):
    port = listening_port(run_app(APPS / 'legacy_1x_apps.py'))
    page.goto('http://127.0.0.1:%d/' % port)

    expect(page).to_have_title('Corner shop')  # the global config's title wins over the docstring's
    expect(page.get_by_role('heading', name='Welcome to the shop')).to_be_visible()
    expect(page.get_by_text('Your browser speaks en-US')).to_be_visible()
    dark = page.evaluate('getComputedStyle(document.body).backgroundColor')
    page.get_by_role('button', name='Opening hours').click()
    expect(page.get_by_text('Open 9 to 5')).to_be_visible()
    page.get_by_role('button', name='Order now').click()

    expect(page).to_have_url(re.compile(r'app=order'))
    expect(page).to_have_title('Your order')
    assert page.evaluate('getComputedStyle(document.body).backgroundColor') != dark  # minty, not dark
    page.get_by_label('Drink').select_option(label='Coffee')
    expect(page.get_by_text('4 each')).to_be_visible()
    page.get_by_label('How many').fill('11')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('At most 10 at a time')).to_be_visible()
    page.get_by_label('How many').fill('2')
    with page.expect_download() as saved:
        page.get_by_role('button', name='Submit').click()
    expect(page.get_by_role('row', name='total')).to_contain_text('8')
    with open(saved.value.path(), 'rb') as receipt:
        assert receipt.read() == b'coffee x 2 = 8\n'

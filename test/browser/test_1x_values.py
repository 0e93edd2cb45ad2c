"""Values PyWebIO 1.8 accepts where a string is documented, in Chromium: numbers (and other
objects, where 1.8 calls ``str()``) are shown as 1.8 shows them. Each task makes the calls of an
upstream program: the shared test template's ``put_code(i)``, a number as a button label, a
title or an input label, a date in a table cell. Also the guide's (v0.3.0's) ``TOP``,
``MIDDLE`` and ``BOTTOM`` names of `scroll_to` positions."""
import datetime
from decimal import Decimal

from playwright.sync_api import expect

from pywebio.input import NUMBER, TEXT, input, input_group, select, textarea
from pywebio.output import (popup, put_button, put_buttons, put_code, put_collapse, put_file, put_image,
                            put_link, put_progressbar, put_table, put_tabs, put_text, set_title, toast)
from pywebio.output import *  # noqa: F401,F403 - the guide's star import gives TOP, MIDDLE, BOTTOM
from pywebio.session import hold

PNG_1x1 = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                        '1f15c4890000000d49444154789c63f8cfc0f01f0005000201e22d2c1a0000000049454e44ae426082')


def test_put_code_of_a_number_shows_its_digits_as_upstreams_template_does(serve_app, page):
    def task():
        for i in range(4):  # upstream's test/template.py
            put_code(i)
        put_code({'name': 'pywebio'}, language=None)  # any object: str(obj), as 1.8
        hold()

    page.goto(serve_app(task).url)
    codes = page.locator('pre')
    expect(codes).to_have_text(['0', '1', '2', '3', "{'name': 'pywebio'}"])


def test_numbers_as_link_button_image_and_file_captions(serve_app, page):
    clicked = []

    def task():
        put_link(2023, 'https://example.test/')
        put_button(1, onclick=lambda: clicked.append(1) or put_text('button 1 clicked'))
        put_buttons([7, (8, 'eight')], onclick=lambda value: put_text('got %r' % (value,)))
        put_image(PNG_1x1, title=404)
        put_file('a.txt', b'a', label=12)
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_role('link', name='2023', exact=True)).to_have_attribute('href', 'https://example.test/')
    page.get_by_role('button', name='1', exact=True).click()
    expect(page.get_by_text('button 1 clicked')).to_be_visible()
    page.get_by_role('button', name='8', exact=True).click()
    expect(page.get_by_text("got 'eight'")).to_be_visible()
    page.get_by_role('button', name='7', exact=True).click()
    expect(page.get_by_text('got 7')).to_be_visible()  # the value is the number itself
    expect(page.get_by_role('img', name='404')).to_be_visible()
    expect(page.get_by_role('link', name='12', exact=True)).to_be_visible()


def test_table_cells_of_any_object_show_as_str(serve_app, page):
    def task():
        put_table([
            ['when', 'ok', 'price', 'tags'],
            [datetime.date(2024, 5, 17), True, Decimal('1.50'), ['a', '<b>']],
        ])
        put_table([{'n': 1, 'day': datetime.date(2024, 1, 2)}], header=['n', 'day'])
        hold()

    page.goto(serve_app(task).url)
    tables = page.get_by_role('table')
    expect(tables.nth(0).get_by_role('cell')).to_have_text(['2024-05-17', 'True', '1.50', "['a', '<b>']"])
    expect(tables.nth(1).get_by_role('cell')).to_have_text(['1', '2024-01-02'])


def test_numbers_as_collapse_tab_and_progressbar_titles(serve_app, page):
    def task():
        put_collapse(3, [put_text('inside the collapse')])
        put_tabs([{'title': 1, 'content': 'first tab'}, {'title': 2.5, 'content': 'second tab'}])
        put_progressbar('bar', 0.5, label=50)
        hold()

    page.goto(serve_app(task).url)
    page.get_by_role('button', name='3', exact=True).click()
    expect(page.get_by_text('inside the collapse')).to_be_visible()
    expect(page.get_by_role('tab')).to_have_text(['1', '2.5'])
    page.get_by_role('tab', name='2.5').click()
    expect(page.get_by_text('second tab')).to_be_visible()
    expect(page.get_by_role('progressbar')).to_have_text('50')


def test_numbers_as_page_popup_and_toast_text(serve_app, page):
    def task():
        set_title(2024)
        toast(42, duration=0)
        popup(7, [put_text('popup body')])
        hold()

    page.goto(serve_app(task).url)
    expect(page).to_have_title('2024')
    expect(page.get_by_role('dialog', name='7')).to_be_visible()
    expect(page.get_by_text('42', exact=True)).to_be_visible()


def test_numbers_as_input_labels_placeholders_help_and_values(serve_app, page):
    results = []

    def task():
        results.append(input(1, type=TEXT, value=42, placeholder=3, help_text=4))
        results.append(input_group(2024, [
            textarea(5, name='t', value=6),
            select(8, [9, 10], name='s'),
            input(11, type=NUMBER, name='n', value=12),
        ]))

    page.goto(serve_app(task).url)
    field = page.get_by_label('1', exact=True)
    expect(field).to_have_value('42')
    expect(field).to_have_attribute('placeholder', '3')
    expect(page.get_by_text('4', exact=True)).to_be_visible()
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('2024', exact=True)).to_be_visible()
    expect(page.get_by_label('5', exact=True)).to_have_value('6')
    page.get_by_label('8', exact=True).select_option('10')
    expect(page.get_by_label('11', exact=True)).to_have_value('12')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_role('status')).to_have_text('The session has ended. Reload the page to start a new one.')
    assert results == ['42', {'t': '6', 's': 10, 'n': 12}]


def test_the_guides_top_middle_bottom_scroll_as_v0_3_template_does(serve_app, page):
    def task():
        for i in range(80):
            put_text('before %d' % i)
        put_code('{\n  "name": "pywebio"\n}', 'json', anchor='scroll_basis')
        for i in range(80):
            put_text('after %d' % i)
        put_buttons(buttons=[('BOTTOM', BOTTOM), ('TOP', TOP), ('MIDDLE', MIDDLE)],  # noqa: F405
                    onclick=lambda pos: scroll_to('scroll_basis', pos))  # noqa: F405
        hold()

    page.emulate_media(reduced_motion='reduce')  # scroll at once, not smoothly
    page.set_viewport_size({'width': 800, 'height': 600})
    page.goto(serve_app(task).url)
    code = page.locator('pre')
    where = '() => { const box = document.querySelector("pre").getBoundingClientRect(); return %s; }'
    page.get_by_role('button', name='TOP').click()
    page.wait_for_function(where % 'Math.abs(box.top) < 2')
    page.get_by_role('button', name='BOTTOM').click()
    page.wait_for_function(where % 'Math.abs(box.bottom - window.innerHeight) < 2')
    page.get_by_role('button', name='MIDDLE').click()
    page.wait_for_function(where % 'Math.abs((box.top + box.bottom) / 2 - window.innerHeight / 2) < 2')
    expect(code).to_be_in_viewport()


def test_the_v0_3_templates_anchor_section_shows_what_0_3_showed(serve_app, page):
    def task():  # upstream v0.3.0's test/template.py, its anchor section
        put_text('anchor A1', anchor='A1')
        put_text('new anchor A1', anchor='A1')
        put_text('anchor A2', anchor='A2')
        put_text('anchor A3', anchor='A3')
        put_text('after=A1', after='A1')
        put_text('after=A2', after='A2')
        put_text('before=A1', before='A1')
        put_text('before=A3', before='A3')
        put_text('after=A3', after='A3')
        clear_range('A1', "A2")  # noqa: F405
        clear_range('A3', 'A2')  # noqa: F405 - reversed: removes nothing, as in 0.3
        clear_after('A3')  # noqa: F405
        put_text('the end')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('the end')).to_be_visible()
    expect(page.locator('#output-container p')).to_have_text(
        ['before=A1', 'new anchor A1', 'anchor A2', 'after=A2', 'before=A3', 'anchor A3', 'the end'])

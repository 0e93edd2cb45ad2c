"""pywebio.pin in Chromium: every widget kind with its label, reading typed values from a callback,
pin_wait_change (a change, a timeout), pin_update and ``pin.x = v``, pin_on_change with init_run
and clear, get_pin_values, and coroutine sessions."""
import asyncio
import re

from playwright.sync_api import expect

from pywebio.output import put_buttons, put_text
from pywebio.pin import (get_pin_values, pin, pin_on_change, pin_update, pin_wait_change, put_actions,
                         put_checkbox, put_file_upload, put_input, put_radio, put_select, put_slider,
                         put_textarea)
from pywebio.session import hold


def read_button(*names):
    """A 'Read' button that shows the repr of each named pin's value."""
    put_buttons(['Read'], onclick=lambda _: put_text(' '.join(repr(pin[n]) for n in names)))


def test_every_widget_renders_with_its_label_and_reads_typed_values(serve_app, page):
    def task():
        put_input('age', type='number', label='Age', help_text='In years')
        put_textarea('bio', label='Bio', rows=2)
        put_select('size', [('Small', 1), ('Large', 2)], label='Size')
        put_checkbox('extras', [('Cheese', 'c'), ('Olives', 'o')], label='Extras')
        put_radio('pay', [('Cash', 10), ('Card', 20)], label='Payment')
        put_slider('level', label='Level', value=20, min_value=0, max_value=50, step=10)
        put_actions('mode', label='Mode', buttons=[('Fast', 'f'), ('Careful', 'c')])
        put_file_upload('doc', label='Document')
        read_button('age', 'bio', 'size', 'extras', 'pay', 'level', 'mode', 'doc')
        hold()

    page.goto(serve_app(task).url)
    age = page.get_by_label('Age')
    expect(age).to_have_accessible_description('In years')
    age.fill('42')
    page.get_by_label('Bio').fill('hi')
    page.get_by_label('Size').select_option('Large')
    page.get_by_label('Olives').check()
    page.get_by_label('Card').check()
    expect(page.get_by_label('Level')).to_have_value('20')
    page.get_by_label('Level').fill('30')
    page.get_by_role('group', name='Mode').get_by_role('button', name='Careful').click()
    page.get_by_label('Document').set_input_files(files=[{'name': 'a.txt', 'mimeType': 'text/plain',
                                                          'buffer': b'abc'}])
    page.get_by_role('button', name='Read').click()
    expect(page.get_by_text(re.compile(r"^42 'hi' 2 \['o'\] 20 30 'c' \{'filename': 'a.txt', 'content': b'abc', "
                                       r"'mime_type': 'text/plain', 'last_modified': [0-9.]+, 'size': 3\}$"))
           ).to_be_visible()


def test_pin_wait_change_returns_the_change_then_none_after_a_timeout(serve_app, page):
    def task():
        put_input('a', type='number', label='A')
        put_select('b', [('One', 1), ('Two', 2)], label='B')
        put_text('waiting')
        put_text(repr(pin_wait_change('a', 'b')))
        put_text(repr(pin_wait_change(['a'], timeout=0.3)))
        put_text('done')

    page.goto(serve_app(task).url)
    expect(page.get_by_text('waiting')).to_be_visible()
    page.get_by_label('B').select_option('Two')
    expect(page.get_by_text("{'name': 'b', 'value': 2}")).to_be_visible()
    expect(page.get_by_text('None', exact=True)).to_be_visible()
    expect(page.get_by_text('done')).to_be_visible()


def test_a_text_change_is_sent_when_committed(serve_app, page):
    def task():
        put_input('name', label='Name')
        put_text(repr(pin_wait_change('name')))
        hold()

    page.goto(serve_app(task).url)
    page.get_by_label('Name').fill('Ann')
    page.get_by_label('Name').press('Enter')
    expect(page.get_by_text("{'name': 'name', 'value': 'Ann'}")).to_be_visible()


def test_pin_update_and_assignment_change_the_widget_visibly(serve_app, page):
    def task():
        put_input('name', label='Name', value='x')
        put_select('city', ['Paris', 'Rome'], label='City')
        put_checkbox('tags', ['a', 'b'], label='Tags')
        put_buttons(['Update'], onclick=lambda _: (
            pin_update('name', label='Full name', help_text='First and last'),
            pin_update('city', options=['Paris', 'Rome', 'Oslo'], value='Oslo'),
            setattr(pin, 'tags', ['b'])))
        put_buttons(['Set'], onclick=lambda _: setattr(pin, 'name', 'Bob'))
        read_button('name', 'city', 'tags')
        hold()

    page.goto(serve_app(task).url)
    page.get_by_label('Name').fill('typed')
    page.get_by_role('button', name='Update').click()
    full = page.get_by_label('Full name')
    expect(full).to_have_value('typed')  # a label change keeps what the person entered
    expect(full).to_have_accessible_description('First and last')
    expect(page.get_by_label('City')).to_have_value('2')
    expect(page.get_by_label('City').get_by_role('option')).to_have_count(3)
    expect(page.get_by_label('b', exact=True)).to_be_checked()
    page.get_by_role('button', name='Set').click()
    expect(full).to_have_value('Bob')
    page.get_by_role('button', name='Read').click()
    expect(page.get_by_text("'Bob' 'Oslo' ['b']")).to_be_visible()


def test_pin_on_change_with_init_run_and_clear(serve_app, page):
    def task():
        put_slider('level', label='Level', value=10)
        put_radio('answer', ['yes', 'no'], label='Answer')
        pin_on_change('level', lambda value: put_text('level is %r' % value), init_run=True)
        put_text('after registering')
        pin_on_change('answer', lambda value: put_text('first %r' % value))
        put_buttons(['Replace'], onclick=lambda _: (
            pin_on_change('answer', lambda value: put_text('second %r' % value), clear=True),
            put_text('replaced')))
        hold()

    page.goto(serve_app(task).url)
    expect(page.locator('#output-container').get_by_text('level is 10')).to_be_visible()
    # init_run ran before pin_on_change returned
    expect(page.locator('#output-container p').filter(has_text='level is 10').locator(
        'xpath=following::*').get_by_text('after registering')).to_be_visible()
    page.get_by_label('Level').fill('60')
    expect(page.get_by_text('level is 60')).to_be_visible()
    page.get_by_label('yes').check()
    expect(page.get_by_text("first 'yes'")).to_be_visible()
    page.get_by_role('button', name='Replace').click()
    expect(page.get_by_text('replaced')).to_be_visible()
    page.get_by_label('no').check()
    expect(page.get_by_text("second 'no'")).to_be_visible()
    expect(page.get_by_text("first 'no'")).to_have_count(0)


def test_get_pin_values_reads_several_in_one_call(serve_app, page):
    def task():
        put_input('x', type='float', label='X', value=1.5)
        put_checkbox('flags', [('On', True), ('Off', False)], label='Flags', value=[False])
        put_buttons(['All'], onclick=lambda _: put_text(repr(get_pin_values(['x', 'flags']))))
        hold()

    page.goto(serve_app(task).url)
    page.get_by_role('button', name='All').click()
    expect(page.get_by_text("{'x': 1.5, 'flags': [False]}")).to_be_visible()


def test_coroutine_session_awaits_reads_and_waits(serve_app, page):
    async def task():
        put_input('age', type='number', label='Age', value=7)
        put_text('age %r' % (await pin.age))
        changed = await pin_wait_change('age')
        put_text('changed %r' % (changed,))
        put_text('timeout %r' % (await pin_wait_change('age', timeout=0.2)))
        pin_on_change('age', lambda value: put_text('callback %r' % value), init_run=True)
        await asyncio.sleep(0)
        await hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('age 7')).to_be_visible()
    page.get_by_label('Age').fill('9')
    page.get_by_label('Age').press('Enter')
    expect(page.get_by_text("changed {'name': 'age', 'value': 9}")).to_be_visible()
    expect(page.get_by_text('timeout None')).to_be_visible()
    expect(page.get_by_text('callback 9')).to_be_visible()


def test_a_removed_widget_reads_as_none_and_a_new_widget_of_a_name_replaces_the_old(serve_app, page):
    from pywebio.output import remove

    def task():
        put_input('gone', label='Gone', value='x', anchor='gone-widget')
        put_input('n', label='Old')
        put_input('n', label='New')
        put_buttons(['Remove'], onclick=lambda _: remove('gone-widget'))
        read_button('gone', 'n')
        hold()

    page.goto(serve_app(task).url)
    page.get_by_label('Old').fill('old')
    page.get_by_label('New').fill('new')
    page.get_by_role('button', name='Remove').click()
    expect(page.get_by_label('Gone')).to_have_count(0)
    page.get_by_role('button', name='Read').click()
    expect(page.get_by_text("None 'new'")).to_be_visible()

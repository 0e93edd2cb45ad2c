"""PyWebIO 1.x's input side in Chromium: validate=, onchange= with input_update, actions with
callback and cancel buttons, input(action=) filled from a popup, option formats, file sizes,
cancelable groups and 0.x's numeric strings; in thread-based and coroutine-based sessions."""
import datetime
import inspect

import pytest
from playwright.sync_api import expect

from pywebio.input import (NUMBER, actions, checkbox, file_upload, input, input_group, input_update,
                           radio, select, slider)
from pywebio.output import close_popup, popup, put_buttons, put_text

SESSION_OVER = 'The session has ended. Reload the page to start a new one.'
CITIES = {'France': ['Paris', 'Lyon'], 'Italy': ['Rome', 'Milan', 'Turin']}


def both(sync_task):
    """The task as a thread-based function and as a coroutine (inputs awaited)."""
    async def coroutine_task():
        steps = sync_task(awaiting=True)
        value = None
        while True:
            try:
                value = steps.send(value)
            except StopIteration:
                return
            value = await value if inspect.isawaitable(value) else value

    def thread_task():
        steps = sync_task(awaiting=False)
        value = None
        while True:
            try:
                value = steps.send(value)
            except StopIteration:
                return
    return {'thread': thread_task, 'coroutine': coroutine_task}


@pytest.fixture(params=['thread', 'coroutine'])
def kind(request):
    return request.param


def finished(page):
    expect(page.get_by_role('status').filter(has_text=SESSION_OVER)).to_be_visible()


def test_validate_is_valid_func_under_its_1x_name(serve_app, page, kind):
    def check_age(age):
        return 'Too young!!' if age < 10 else None

    def task(awaiting):
        age = yield input('How old are you?', type=NUMBER, validate=check_age)
        data = yield input_group('Info', [input('Name', name='name')],
                                 validate=lambda d: ('name', 'Too long') if len(d['name']) > 3 else None)
        put_text('got %r %r' % (age, data['name']))

    page.goto(serve_app(both(task)[kind]).url)
    field = page.get_by_label('How old are you?')
    field.fill('5')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Too young!!')).to_be_visible()
    expect(field).to_have_attribute('aria-invalid', 'true')
    field.fill('12')
    page.get_by_role('button', name='Submit').click()
    name = page.get_by_label('Name')
    name.fill('Annabel')
    page.get_by_role('button', name='Submit').click()
    expect(name).to_have_accessible_description('Too long')
    name.fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text("got 12 'Ann'")).to_be_visible()


def test_onchange_runs_while_the_form_is_open_and_input_update_changes_options_and_validity(serve_app, page, kind):
    def check_name(text):
        if len(text) < 3:
            input_update(valid_status=False, invalid_feedback='At least 3 letters')
        else:
            input_update(valid_status=True, valid_feedback='Nice name')

    def task(awaiting):
        data = yield input_group('Address', [
            input('Name', name='name', onchange=check_name),
            select('Country', list(CITIES), name='country',
                   onchange=lambda country: input_update('city', options=CITIES[country], label='City of ' + country)),
            select('City', CITIES['France'], name='city'),
        ])
        put_text('got %(name)s %(country)s %(city)s' % data)

    page.goto(serve_app(both(task)[kind]).url)
    name = page.get_by_label('Name')
    name.fill('Al')
    name.press('Tab')
    expect(name).to_have_attribute('aria-invalid', 'true')
    expect(name).to_have_accessible_description('At least 3 letters')
    name.fill('Alice')
    name.press('Tab')
    expect(name).not_to_have_attribute('aria-invalid', 'true')
    expect(name).to_have_accessible_description('Nice name')
    page.get_by_label('Country').select_option('Italy')
    city = page.get_by_label('City of Italy')
    expect(city.get_by_role('option')).to_have_text(['Rome', 'Milan', 'Turin'])
    city.select_option('Turin')  # position 2: did not exist in the first options
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('got Alice Italy Turin')).to_be_visible()


def test_slider_takes_validate_and_onchange(serve_app, page, kind):
    def task(awaiting):
        volume = yield slider('Volume', value=50, step=10, validate=lambda v: 'Too loud' if v > 60 else None,
                              onchange=lambda v: put_text('now %r' % v))
        put_text('volume %r' % volume)

    page.goto(serve_app(both(task)[kind]).url)
    control = page.get_by_label('Volume')
    control.focus()
    control.press('ArrowRight')
    expect(page.get_by_text('now 60')).to_be_visible()
    control.press('ArrowRight')
    expect(page.get_by_text('now 70')).to_be_visible()
    page.get_by_role('button', name='Submit').click()
    expect(control).to_have_accessible_description('Too loud')
    control.press('ArrowLeft')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('volume 60')).to_be_visible()


def test_actions_callback_buttons_run_without_submitting_and_cancel_returns_none(serve_app, page, kind):
    def task(awaiting):
        choice = yield actions('Next step', [
            {'label': 'Save', 'value': 'save'},
            {'label': 'Preview', 'type': 'callback', 'value': lambda: put_text('previewing'), 'color': 'secondary'},
            {'label': 'Cancel', 'type': 'cancel', 'color': 'danger'},
        ])
        put_text('first %r' % choice)
        choice = yield actions('Again', [{'label': 'Save', 'value': 'save'},
                                         {'label': 'Preview', 'type': 'callback',
                                          'value': lambda: put_text('previewing again')}])
        put_text('second %r' % choice)
        data = yield input_group('Group', [
            input('Note', name='note'),
            actions('', [{'label': 'Go', 'value': 'go'}, {'label': 'Drop', 'type': 'cancel'}], name='act'),
        ])
        put_text('group %r' % data)

    page.goto(serve_app(both(task)[kind]).url)
    preview = page.get_by_role('button', name='Preview')
    preview.click()
    expect(page.get_by_text('previewing')).to_be_visible()
    expect(preview).to_have_class('btn btn-secondary')
    expect(page.get_by_role('button', name='Cancel')).to_have_class('btn btn-danger')
    page.get_by_role('button', name='Cancel').click()
    expect(page.get_by_text('first None')).to_be_visible()
    page.get_by_role('button', name='Preview').click()
    expect(page.get_by_text('previewing again')).to_be_visible()
    page.get_by_role('button', name='Save').click()
    expect(page.get_by_text("second 'save'")).to_be_visible()
    page.get_by_role('button', name='Drop').click()
    expect(page.get_by_text('group None')).to_be_visible()


def test_input_action_fills_the_field_from_a_popup(serve_app, page, kind):
    day = datetime.date(2024, 2, 29)

    def pick_date(set_value):
        with popup('Pick a date'):
            put_buttons(['Leap day'], onclick=[lambda: (set_value(day, 'Leap day'), close_popup())])

    def task(awaiting):
        when = yield input('Date', name=None, action=('Pick', pick_date), readonly=True)
        put_text('date %r' % (when,))
        code = yield input('Code', action=('Generate', lambda set_value: set_value('XK-42')))
        put_text('code %r' % code)

    page.goto(serve_app(both(task)[kind]).url)
    page.get_by_role('button', name='Pick').click()
    page.get_by_role('dialog', name='Pick a date').get_by_role('button', name='Leap day').click()
    field = page.get_by_role('textbox', name='Date')
    expect(page.get_by_role('alert')).to_have_count(0)
    expect(field).to_have_value('Leap day')
    expect(page.get_by_role('dialog')).to_have_count(0)
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('date datetime.date(2024, 2, 29)')).to_be_visible()
    page.get_by_role('button', name='Generate').click()
    expect(page.get_by_label('Code')).to_have_value('XK-42')
    page.get_by_label('Code').press('Enter')
    expect(page.get_by_text("code 'XK-42'")).to_be_visible()


def test_option_formats_and_value_preselection(serve_app, page, kind):
    def task(awaiting):
        data = yield input_group('Options', [
            select('Size', [('Small', 's'), ['Medium', 'm', True], {'label': 'Large', 'value': 'l', 'disabled': True}],
                   name='size'),
            checkbox('Extras', [{'label': 'Cheese', 'value': 1}, ('Ham', 2), 'Olives'], value=[2, 'Olives'],
                     name='extras'),
            radio('Pay', ['cash', ('card', 'CARD')], value='CARD', name='pay'),
        ])
        put_text('got %(size)r %(extras)r %(pay)r' % data)

    page.goto(serve_app(both(task)[kind]).url)
    size = page.get_by_label('Size')
    expect(size).to_have_value('1')
    expect(size.get_by_role('option', name='Large')).to_be_disabled()
    expect(page.get_by_label('Ham')).to_be_checked()
    expect(page.get_by_label('Olives')).to_be_checked()
    expect(page.get_by_label('Cheese')).not_to_be_checked()
    expect(page.get_by_label('card')).to_be_checked()
    page.get_by_label('Cheese').check()
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text("got 'm' [1, 2, 'Olives'] 'CARD'")).to_be_visible()


def test_file_upload_size_strings_and_multiple(serve_app, page, kind, tmp_path):
    small, big = tmp_path / 'small.txt', tmp_path / 'big.bin'
    small.write_bytes(b'hello')
    big.write_bytes(b'x' * 3000)

    def task(awaiting):
        files = yield file_upload('Files', multiple=True, max_size='2K', max_total_size='1M')
        put_text('files %r' % [(f['filename'], len(f['content'])) for f in files])

    page.goto(serve_app(both(task)[kind]).url)
    field = page.get_by_label('Files')
    field.set_input_files([str(small), str(big)])
    page.get_by_role('button', name='Submit').click()
    expect(field).to_have_accessible_description('The file "big.bin" is larger than 2 KB.')
    field.set_input_files([str(small), str(small)])
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text("files [('small.txt', 5), ('small.txt', 5)]")).to_be_visible()


def test_cancelable_group_and_numeric_string_value(serve_app, page, kind):
    def task(awaiting):
        data = yield input_group('Maybe', [input('Age', name='age', type=NUMBER, value='42')], cancelable=True)
        put_text('group %r' % (data,))
        age = yield input('Age again', type=NUMBER, value='42')
        put_text('age %r' % (age,))

    page.goto(serve_app(both(task)[kind]).url)
    expect(page.get_by_label('Age', exact=True)).to_have_value('42')
    page.get_by_role('button', name='Cancel').click()
    expect(page.get_by_text('group None')).to_be_visible()
    expect(page.get_by_label('Age again')).to_have_value('42')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('age 42')).to_be_visible()


def test_form_buttons_are_in_chinese_in_a_chinese_browser(serve_app, new_page):
    page = new_page('zh-CN')

    def task():
        input_group('组', [input('名字', name='n', action=('选择', lambda set_value: set_value('张三')))],
                    cancelable=True)

    page.goto(serve_app(task).url)
    for name in ('提交', '重置', '取消', '选择'):
        expect(page.get_by_role('button', name=name)).to_be_visible()

"""The foundation, end to end in Chromium: input, validation, submit, output, callbacks, closing."""
import re
import threading

from playwright.sync_api import expect

from pywebio.exceptions import SessionClosedException
from pywebio.input import NUMBER, PASSWORD, TEXT, input
from pywebio.output import put_buttons, put_text
from pywebio.session import hold

SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


def check_age(p):  # the guide's validation function
    if p < 10:
        return 'Too young!!'
    if p > 60:
        return 'Too old!!'


def test_input_validation_submit_output_and_callback(serve_app, page):
    returned = []

    def btn_click(btn_val):
        put_text("You click %s button" % btn_val)

    def task():
        age = input("How old are you?", type=NUMBER, valid_func=check_age)
        returned.append(age)
        put_text('Your age is', age)
        put_buttons(['A', 'B', 'C'], onclick=btn_click)
        hold()

    page.goto(serve_app(task).url)
    age = page.get_by_label('How old are you?')
    age.fill('5')
    page.get_by_role('button', name='Submit').click()
    message = page.get_by_text('Too young!!')
    expect(message).to_be_visible()
    expect(age).to_have_attribute('aria-invalid', 'true')
    message_id = message.get_attribute('id')
    expect(age).to_have_attribute('aria-describedby', re.compile(r'\b%s\b' % re.escape(message_id)))

    age.fill('30')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Your age is 30')).to_be_visible()
    expect(page.get_by_label('How old are you?')).to_have_count(0)
    assert returned == [30]

    page.get_by_role('button', name='B').click()
    expect(page.get_by_text('You click B button')).to_be_visible()
    page.get_by_role('button', name='C').click()
    expect(page.get_by_text('You click C button')).to_be_visible()


def test_guide_input_options_placeholder_help_text_and_required(serve_app, page):
    returned = []

    def task():
        returned.append(input('This is label', type=TEXT, placeholder='This is placeholder',
                              help_text='This is help text', required=True))

    page.goto(serve_app(task).url)
    field = page.get_by_label('This is label')
    expect(field).to_have_attribute('placeholder', 'This is placeholder')
    help_id = page.get_by_text('This is help text').get_attribute('id')
    expect(field).to_have_attribute('aria-describedby', re.compile(r'\b%s\b' % re.escape(help_id)))

    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('This field is required.')).to_be_visible()
    expect(field).to_have_attribute('aria-invalid', 'true')
    field.fill('hello <b>world</b>')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    assert returned == ['hello <b>world</b>']


def test_reset_restores_the_initial_value_and_password_is_hidden(serve_app, page):
    returned = []

    def task():
        returned.append(input('Password', type=PASSWORD, value='initial'))

    page.goto(serve_app(task).url)
    field = page.get_by_label('Password')
    expect(field).to_have_attribute('type', 'password')
    field.fill('changed')
    page.get_by_role('button', name='Reset').click()
    expect(field).to_have_value('initial')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    assert returned == ['initial']


def test_text_is_shown_as_text_not_html(serve_app, page):
    def task():
        put_text('<hr/>')
        put_text('<script>window.pwned = 1</script>', '<b>bold?</b>')
        input('<i>label</i>')

    page.goto(serve_app(task).url)
    expect(page.get_by_text('<hr/>', exact=True)).to_be_visible()
    expect(page.get_by_text('<script>window.pwned = 1</script> <b>bold?</b>')).to_be_visible()
    expect(page.get_by_label('<i>label</i>')).to_be_visible()
    assert page.locator('hr, b, i').count() == 0
    assert page.evaluate('window.pwned') is None


def test_chinese_browser_gets_chinese_buttons_and_messages(serve_app, new_page):
    page = new_page(locale='zh-CN')

    def task():
        input('年龄', type=NUMBER, required=True)

    page.goto(serve_app(task).url)
    expect(page.get_by_role('button', name='提交')).to_be_visible()
    expect(page.get_by_role('button', name='重置')).to_be_visible()
    page.get_by_role('button', name='提交').click()
    expect(page.get_by_text('此项为必填项。')).to_be_visible()


def test_non_integer_is_rejected_in_the_browser(serve_app, page):
    def task():
        put_text('got', input('Count', type=NUMBER))

    page.goto(serve_app(task).url)
    page.get_by_label('Count').fill('2.5')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Please enter an integer.')).to_be_visible()
    page.get_by_label('Count').fill('3')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('got 3')).to_be_visible()


def test_end_of_task_shows_session_over_and_disables_buttons(serve_app, page):
    clicks = []

    def task():
        put_buttons(['Late'], onclick=clicks.append)
        put_text('done')

    page.goto(serve_app(task).url)
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    expect(page.get_by_role('button', name='Late')).to_be_disabled()
    assert clicks == []


def test_closing_the_tab_during_input_raises_session_closed_in_the_task(serve_app, page):
    caught, ended = [], threading.Event()

    def task():
        try:
            input('Waiting for you')
        except SessionClosedException as error:
            caught.append((error, threading.current_thread()))
            ended.set()
            raise

    page.goto(serve_app(task).url)
    expect(page.get_by_label('Waiting for you')).to_be_visible()
    page.close()
    assert ended.wait(10)
    thread = caught[0][1]
    thread.join(10)
    assert not thread.is_alive()

"""pywebio_battery 0.7.0, PyWebIO's add-on package, unchanged, in Chromium (docs/compat.md, *Add-ons:
pywebio_battery*): every function it exports, in a thread-based session, and in a coroutine-based
session those that battery's own code can run there (the ones that do not wait for the person).

A program that calls battery's functions gets 1.x's meaning, as a 1.x program (pywebio/_compat.py):
confirm() shows a plain string as text. Battery's functions that read a value from the page without
waiting for the person (get_query, get_localstorage...) return eval_js's result, so in a coroutine
they are awaited, as in 1.x; confirm, popup_input, file_picker, basic_auth and custom_auth block on
their result, which a coroutine-based session cannot do (1.x's could not either)."""
import sys

import pytest
from playwright.sync_api import expect

from pywebio.output import put_buttons, put_text
from pywebio.pin import put_input, put_select
from pywebio.session import hold

from pywebio_battery import (basic_auth, clear_localstorage, confirm, custom_auth, file_picker, get_all_query,
                             get_cookie, get_localstorage, get_query, logbox_append, logbox_clear, popup_input,
                             put_audio, put_logbox, put_video, redirect_stdout, revoke_auth, run_shell, set_cookie,
                             set_localstorage, wait_scroll_to_bottom)

SECRET = 'a-test-secret-of-some-length-0123456789'
VIDEO = b'\x00\x00\x00\x18ftypmp42'  # a few bytes: the element and its data: URL are what is tested


@pytest.fixture
def page(page):
    """The page; the test fails if a script of the page raises (battery's scripts included)."""
    errors = []
    page.on('pageerror', lambda error: errors.append(str(error)))
    yield page
    assert errors == []


def test_confirm_returns_the_button_pressed_and_none_after_its_timeout(serve_app, page):
    def task():
        put_text('first: %r' % confirm('Delete file', 'Delete <b>notes.txt</b>?'))
        put_text('second: %r' % confirm('Delete file', [put_text('Really?'), 'Sure?']))
        put_text('timed out: %r' % confirm('Quick', 'Gone in a moment', timeout=0.3))
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='Delete file')
    expect(dialog).to_contain_text('Delete <b>notes.txt</b>?')  # as 1.x shows a string: text
    expect(dialog.get_by_role('button', name='Close')).to_have_count(0)  # not closable
    dialog.get_by_role('button', name='CONFIRM').click()
    expect(page.get_by_text('first: True')).to_be_visible()
    expect(dialog.get_by_text('Really?')).to_be_visible()
    expect(dialog).to_contain_text('Sure?')
    dialog.get_by_role('button', name='CANCEL').click()
    expect(page.get_by_text('second: False')).to_be_visible()
    expect(page.get_by_text('timed out: None')).to_be_visible()
    expect(page.get_by_role('dialog')).to_have_count(0)


def test_popup_input_returns_the_pins_values_after_its_validation(serve_app, page):
    def check(form):
        if len(form['password']) < 6:
            return 'password', 'At least 6 characters'

    def task():
        form = popup_input([put_input('user', label='User name'), put_input('password', type='password', label='Password'),
                            put_select('role', ['reader', 'editor'], label='Role'), put_text('All fields are needed.')],
                           title='Sign up', validate=check)
        put_text('form: %r' % sorted(form.items()))
        put_text('cancelled: %r' % popup_input(put_input('other', label='Other'), title='Optional', cancelable=True))
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='Sign up')
    expect(dialog.get_by_text('All fields are needed.')).to_be_visible()
    dialog.get_by_label('User name').fill('ann')
    dialog.get_by_label('Password').fill('abc')
    dialog.get_by_label('Role').select_option('editor')
    dialog.get_by_role('button', name='Submit').click()
    expect(dialog.get_by_text('At least 6 characters')).to_be_visible()
    dialog.get_by_label('Password').fill('abcdef')
    dialog.get_by_role('button', name='Submit').click()
    expect(page.get_by_text("form: [('password', 'abcdef'), ('role', 'editor'), ('user', 'ann')]")).to_be_visible()
    dialog = page.get_by_role('dialog', name='Optional')
    dialog.get_by_role('button', name='Cancel').click()
    expect(page.get_by_text('cancelled: None')).to_be_visible()
    expect(page.get_by_role('dialog')).to_have_count(0)


def test_printed_lines_shell_output_logbox_video_and_audio_show(serve_app, page):
    shell = '%s -c "print(\'shell line 1\'); print(\'shell line 2\')"' % sys.executable

    def task():
        with redirect_stdout():
            print('printed in the page')
        put_text('exit code: %r' % run_shell(shell))
        put_logbox('log', height=60)
        run_shell(shell + '; exit 3', output_func=lambda line: logbox_append('log', line))
        for number in range(1, 21):
            logbox_append('log', 'log line %d\n' % number)
        put_buttons(['Clear log'], onclick=lambda _: logbox_clear('log'))
        put_video(VIDEO, muted=True, loop=True, width='160')  # battery's html.escape() takes no int
        put_audio('/no-such-sound.mp3')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('printed in the page')).to_be_visible()
    expect(page.get_by_text('shell line 2').first).to_be_visible()
    expect(page.get_by_text('exit code: 0')).to_be_visible()
    log = page.locator('#webio-logbox-log')
    expect(log).to_contain_text('shell line 1\nshell line 2\nlog line 1\n')
    expect(log).to_contain_text('log line 20')
    box = log.locator('..')
    # keep_bottom: battery's own script (jQuery) scrolls the box to its newest line
    page.wait_for_function('box => box.scrollTop > 0 && box.scrollTop + box.clientHeight >= box.scrollHeight - 2',
                           arg=box.element_handle())
    page.get_by_role('button', name='Clear log').click()
    expect(log).to_have_text('')
    video = page.locator('video').first  # battery writes <video ...><video/>: the parser adds an empty second one
    expect(video).to_have_attribute('src', 'data:video/mp4;base64, AAAAGGZ0eXBtcDQy')
    expect(video).to_have_attribute('width', '160')
    assert video.evaluate('v => [v.controls, v.muted, v.loop]') == [True, True, True]
    expect(page.locator('audio').first).to_have_attribute('src', '/no-such-sound.mp3')


def test_scrolling_to_the_bottom_ends_the_wait(serve_app, page):
    def task():
        # a battery program is a 1.x program: new output does not scroll the page, as in 1.x (a
        # guide program's page follows new output), so the wait needs a scroll by the visitor
        put_text('short page: %r' % wait_scroll_to_bottom())  # at the bottom already
        put_text('\n'.join('line %d' % number for number in range(150)))
        put_text('The end')
        put_text('timed out: %r' % wait_scroll_to_bottom(timeout=0.3))
        put_text('scrolled: %r' % wait_scroll_to_bottom())
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('short page: True')).to_be_visible()
    expect(page.get_by_text('timed out: False')).to_be_attached()
    expect(page.get_by_text('The end')).not_to_be_in_viewport()
    expect(page.get_by_text('scrolled:')).to_have_count(0)
    page.mouse.wheel(0, 20_000)
    expect(page.get_by_text('The end')).to_be_in_viewport()
    expect(page.get_by_text('scrolled: True')).to_be_visible()


def test_query_local_storage_and_cookies_last_across_a_reload(serve_app, page):
    def task():
        put_text('query: %r %r' % (get_query('city'), sorted(get_all_query().items())))
        stored, cookie = get_localstorage('colour'), get_cookie('size')
        put_text('before: %r %r' % (stored, cookie))
        if stored is None:
            set_localstorage('colour', 'blue')
            set_cookie('size', 'XL', days=1)
            put_text('after: %r %r' % (get_localstorage('colour'), get_cookie('size')))
        else:
            put_text('cleared: %r, then %r' % (clear_localstorage(), get_localstorage('colour')))
        hold()

    url = serve_app(task).url
    page.goto(url + '?city=Oslo&n=1')
    expect(page.get_by_text("query: 'Oslo' [('city', 'Oslo'), ('n', '1')]")).to_be_visible()
    expect(page.get_by_text('before: None None')).to_be_visible()
    expect(page.get_by_text("after: 'blue' 'XL'")).to_be_visible()
    assert {'name': 'size', 'value': 'XL'}.items() <= page.context.cookies()[0].items()
    page.goto(url)
    expect(page.get_by_text('query: None []')).to_be_visible()
    expect(page.get_by_text("before: 'blue' 'XL'")).to_be_visible()
    expect(page.get_by_text('cleared: None, then None')).to_be_visible()


def test_basic_auth_refuses_a_wrong_password_keeps_the_login_and_revoke_auth_ends_it(serve_app, page):
    def task():
        user = basic_auth(lambda name, password: (name, password) == ('ann', 'secret1'), secret=SECRET)
        put_text('Hello, %s' % user)
        put_buttons(['Log out'], onclick=lambda _: (revoke_auth(), put_text('Logged out')))
        hold()

    url = serve_app(task).url
    page.goto(url)
    page.get_by_label('Username').fill('ann')
    page.get_by_label('Password').fill('wrong')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Username or password is incorrect')).to_be_visible()
    page.get_by_label('Username').fill('ann')
    page.get_by_label('Password').fill('secret1')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, ann')).to_be_visible()

    again = page.context.new_page()  # the signed token in localStorage logs the visitor in
    again.goto(url)
    expect(again.get_by_text('Hello, ann')).to_be_visible()
    expect(again.get_by_label('Username')).to_have_count(0)
    again.get_by_role('button', name='Log out').click()
    expect(again.get_by_text('Logged out')).to_be_visible()
    again.reload()
    expect(again.get_by_label('Username')).to_be_visible()
    expect(again.get_by_text('Hello, ann')).to_have_count(0)


def test_custom_auth_asks_until_its_function_names_a_user(serve_app, page):
    attempts = []

    def login():
        attempts.append(1)
        return confirm('Sign in', 'Sign in as Bob?') and 'bob'

    def task():
        put_text('Welcome, %s' % custom_auth(login, secret=SECRET, token_name='custom_token'))
        hold()

    page.goto(serve_app(task).url)
    page.get_by_role('button', name='CANCEL').click()
    expect(page.get_by_text('Authentication failed')).to_be_visible()
    page.get_by_role('button', name='CONFIRM').click()
    expect(page.get_by_text('Welcome, bob')).to_be_visible()
    page.reload()
    expect(page.get_by_text('Welcome, bob')).to_be_visible()
    assert len(attempts) == 2


@pytest.fixture
def files(tmp_path):
    (tmp_path / 'docs').mkdir()
    (tmp_path / 'docs' / 'notes.txt').write_text('n')
    (tmp_path / 'docs' / 'draft.TXT').write_text('d')
    (tmp_path / 'a.txt').write_text('a')
    (tmp_path / 'b.txt').write_text('bb')
    (tmp_path / 'script.py').write_text('')
    (tmp_path / '.hidden.txt').write_text('')
    return tmp_path


def test_file_picker_opens_folders_and_returns_the_files_picked(serve_app, page, files):
    def task():
        put_text('picked: %r' % file_picker(str(files), accept='txt'))
        put_text('picked many: %r' % file_picker(str(files), multiple=True, accept=['txt']))
        put_text('cancelled: %r' % file_picker(str(files), cancelable=True, title='Pick or not'))
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='File Picker')
    cells = dialog.get_by_role('gridcell')
    expect(cells.filter(has_text='a.txt')).to_be_visible()
    expect(cells.filter(has_text='script.py')).to_have_count(0)  # accept='txt'
    expect(cells.filter(has_text='.hidden.txt')).to_have_count(0)
    expect(cells.filter(has_text='2 bytes')).to_be_visible()  # b.txt's size
    dialog.get_by_role('button', name='CONFIRM').click()
    expect(page.get_by_text('Please select a file')).to_be_visible()
    # a double click opens a folder: the grid's JSFunction calls WebIO.pushData
    cells.filter(has_text='docs/').dblclick()
    expect(dialog.get_by_text('docs', exact=True)).to_be_visible()  # Current Path: . / docs
    expect(cells.filter(has_text='draft.TXT')).to_be_visible()
    cells.filter(has_text='notes.txt').dblclick()
    expect(dialog.get_by_text('docs/notes.txt', exact=True)).to_be_visible()  # under Selected Files
    dialog.get_by_role('button', name='CONFIRM').click()
    expect(page.get_by_text("picked: '%s'" % (files / 'docs' / 'notes.txt'))).to_be_visible()

    # multiple: select rows, then the button that adds them; a click on a file's name unselects it
    dialog = page.get_by_role('dialog', name='File Picker')
    for name in ('a.txt', 'b.txt'):
        cells.filter(has_text=name).click()
    dialog.get_by_role('button', name='Select 2 Files').click()
    expect(dialog.get_by_role('button', name='b.txt')).to_be_visible()
    dialog.get_by_role('button', name='a.txt').click()
    expect(dialog.get_by_role('button', name='a.txt')).to_have_count(0)
    dialog.get_by_role('button', name='CONFIRM').click()
    expect(page.get_by_text("picked many: ['%s']" % (files / 'b.txt'))).to_be_visible()

    dialog = page.get_by_role('dialog', name='Pick or not')
    expect(dialog.get_by_role('gridcell').filter(has_text='script.py')).to_be_visible()
    dialog.get_by_role('button', name='CANCEL').click()
    expect(page.get_by_text('cancelled: None')).to_be_visible()


def test_what_battery_runs_in_a_coroutine_session(serve_app, page):
    async def task():
        put_logbox('log', height=60)
        logbox_append('log', 'from a coroutine\n')
        with redirect_stdout():
            print('printed in a coroutine')
        put_text('exit code: %r' % run_shell('echo shell in a coroutine'))
        put_text('query: %r %r' % (await get_query('q'), await get_all_query()))
        set_localstorage('k', 'v')
        set_cookie('c', 'w')
        put_text('stored: %r %r' % (await get_localstorage('k'), await get_cookie('c')))
        await clear_localstorage()
        set_localstorage('pywebio_auth_token', 'token')
        revoke_auth()
        put_text('after clear and revoke: %r %r' % (await get_localstorage('k'), await get_localstorage('pywebio_auth_token')))
        put_video('/clip.mp4')
        put_audio(b'RIFF')
        put_text('\n'.join('line %d' % number for number in range(150)))
        put_text('The end')
        put_text('scrolled: %r' % await wait_scroll_to_bottom())
        await hold()

    page.goto(serve_app(task).url + '?q=1')
    expect(page.locator('#webio-logbox-log')).to_have_text('from a coroutine\n')
    for shown in ('printed in a coroutine', 'shell in a coroutine', 'exit code: 0', "query: '1' {'q': '1'}",
                  "stored: 'v' 'w'", "after clear and revoke: None ''"):
        expect(page.get_by_text(shown)).to_be_visible()
    expect(page.locator('video').first).to_have_attribute('src', '/clip.mp4')
    expect(page.locator('audio').first).to_have_attribute('src', 'data:audio/wav;base64, UklGRg==')
    expect(page.get_by_text('The end')).not_to_be_in_viewport()
    expect(page.get_by_text('scrolled:')).to_have_count(0)
    page.mouse.wheel(0, 20_000)
    expect(page.get_by_text('The end')).to_be_in_viewport()
    expect(page.get_by_text('scrolled: True')).to_be_visible()

"""Upstream PyWebIO v1.8.3's demos, started as upstream starts them and used in Chromium as a person
uses them.

test/compat/demos18/ holds programs of our own, one per demo of v1.8.3 (its demos/*.py, ``python -m
demos`` and test/16.path_deploy.py), that make the same PyWebIO calls the same way: the same
functions, argument shapes and start-up (``start_server(main, debug=True, ...)``, ``path_deploy`` of
the folder), shorter, on a port of 127.0.0.1 the system picks, with nothing fetched from outside the
machine. Each runs as a subprocess, started as upstream starts its demo, with no ``PYWEBIO_API``
variable (the library gives them 1.x's meaning by itself, docs/compat.md); the programs of the
selected tests start at once, so that their start-ups overlap. Each test plays one demo to its end
in Chromium and checks what a person sees. Where the page should look as in 1.x without that
stopping the demo (the demo's own CSS, jQuery in `run_js`, themes...), the differences are gathered
and reported together at the end of the test.

The programs run with ``debug=True`` as upstream's do: a change to a file of pywebio/ during the run
restarts their servers, and a page then starts a new session.

Run: ``nice -n 19 python -m pytest test/compat/test_demos18.py -q``

Upstream's own demos run the same way, unchanged, from a checkout of PyWebIO v1.8.3 with this
library first on ``PYTHONPATH`` and no ``PYWEBIO_API``: ``python demos/bmi.py`` (any demo: its
``__main__`` part serves it on port 8080), ``python -m demos`` (``path_deploy`` of the folder: ``/``
is index.py), and ``python test/16.path_deploy.py`` on a COPY of the checkout (it deletes
demos/index.py). Then open http://localhost:8080/, one demo at a time (they share the port).
chatgpt.py and doc_demo.py also need ``pip install openai`` and ``pip install --no-deps
pywebio-battery`` (without ``--no-deps`` pip installs upstream's pywebio over this one); doc_demo.py
has one app per file of demos/doc_demos/, which upstream's documentation build writes.
"""
import json
import os
import re
import shutil
import struct
import zlib
from pathlib import Path
from unittest import mock

import pytest
from playwright.sync_api import Page, expect

from test.helpers import listening_port, start_program, stop_program

PROGRAMS = Path(__file__).parent / 'demos18'
DRIVERS = {}


def demo(function):
    """Register the driver of the program of the same name (``drive_bmi`` drives bmi.py)."""
    DRIVERS[function.__name__[len('drive_'):]] = function
    return function


class Looks(list):
    """What a person sees that differs from PyWebIO 1.x without stopping the demo: gathered, and
    reported together once the demo has been played to its end."""

    def check(self, what, assertion):
        try:
            assertion()
        except AssertionError as error:
            self.append('%s\n      %s' % (what, (str(error).strip().splitlines() or [''])[0]))

    def verify(self):
        if self:
            raise AssertionError('the page differs from PyWebIO 1.x:\n  - ' + '\n  - '.join(self))


@pytest.fixture(scope='module')
def programs(request, tmp_path_factory):
    """The programs of the tests to run, started at once as their demos are started upstream, so
    that their start-ups overlap (each takes one to three seconds, twice with ``debug=True``'s
    reloader); ``{name: process}``, stopped at the end of the module. Like the ``run_app``
    fixture: from the repository's root, with `start_program`; and without ``PYWEBIO_API``."""
    wanted = sorted({item.callspec.params['program'] for item in request.session.items
                     if item.module is request.module and hasattr(item, 'callspec')})
    environment = {key: value for key, value in os.environ.items() if key != 'PYWEBIO_API'}
    copy = tmp_path_factory.mktemp('path_deploy16') / 'demos'
    shutil.copytree(PROGRAMS, copy, ignore=shutil.ignore_patterns('__pycache__'))
    started = {}
    try:
        for name in wanted:
            if name == 'index':  # python -m demos
                args = ('-m', ['test.compat.demos18'])
            elif name == 'path_deploy16':  # on a copy: it deletes index.py
                args = (PROGRAMS / 'path_deploy16.py', [copy])
            else:
                args = (PROGRAMS / (name + '.py'), [])
            with mock.patch.dict(os.environ, environment, clear=True):
                started[name] = start_program(*args)
        yield started
    finally:
        for process in started.values():
            stop_program(process)


def form(page: Page):
    return page.locator('form:visible').last


def submit(page: Page, name='Submit'):
    form(page).get_by_role('button', name=name, exact=True).click()


def text(page, value):
    return page.get_by_text(value, exact=True)


def toast(page, message):
    expect(text(page, message).last).to_be_visible()


def background(locator):
    return locator.evaluate('e => getComputedStyle(e).backgroundColor')


def png(width=4, height=3):
    """A small grey PNG."""
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    rows = b''.join(b'\x00' + b'\x80' * width for _ in range(height))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


@demo
def drive_bmi(url, new_page, looks):
    page = new_page()
    page.goto(url)
    expect(page.get_by_role('heading', name='Body Mass Index')).to_be_visible()
    expect(page.get_by_role('cell', name='18.4≤BMI<22.9')).to_be_visible()
    expect(page).to_have_title('BMI Calculation')
    page.get_by_label('Your Height(cm)').fill('180')
    page.get_by_label('Your Weight(kg)').fill('75')
    submit(page)
    expect(text(page, 'Your BMI: 23.1, Category: Overweight')).to_be_visible()

    chinese = new_page(locale='zh-CN')
    chinese.goto(url)
    expect(chinese.get_by_role('heading', name='BMI指数', exact=True)).to_be_visible()
    chinese.get_by_label('请输入你的身高(cm)').fill('160')
    chinese.get_by_label('请输入你的体重(kg)').fill('45')
    form(chinese).get_by_role('button').first.click()
    expect(text(chinese, '你的 BMI 值: 17.6，身体状态: 偏瘦')).to_be_visible()


@demo
def drive_chat_room(url, new_page, looks):
    ann, bo, third = new_page(), new_page(), new_page()
    for page, name in ((ann, 'ann'), (bo, 'bo')):
        page.goto(url)
        expect(page.get_by_role('heading', name='PyWebIO chat room')).to_be_visible()
        page.get_by_label('Your nickname').fill(name)
        submit(page)
        expect(page.get_by_role('button', name='Send')).to_be_visible()
    third.goto(url)
    third.get_by_label('Your nickname').fill('ann')
    submit(third)
    expect(form(third).get_by_text('This name is already been used')).to_be_visible()
    third.close()
    expect(ann.get_by_text('bo joins the room. 2 users currently online')).to_be_visible()

    ann.get_by_role('button', name='Send').click()
    expect(form(ann).get_by_text('Message content cannot be empty')).to_be_visible()
    form(ann).get_by_role('textbox').fill('hello **bo**')
    ann.get_by_role('button', name='Send').click()
    expect(bo.get_by_text('ann: hello bo')).to_be_visible()
    expect(bo.locator('strong', has_text='bo')).to_be_visible()  # inline Markdown

    bo.get_by_role('button', name='Multiline Input').click()
    bo.get_by_label('Message content').fill('two lines\n\n- and a list')
    submit(bo)
    expect(ann.get_by_role('listitem').filter(has_text='and a list')).to_be_visible()
    expect(ann.get_by_text('bo: two lines')).to_be_visible()

    bo.get_by_role('button', name='Exit').click()
    toast(bo, 'You have left the chat room')
    expect(ann.get_by_text('bo leaves the room. 1 users currently online')).to_be_visible()


def square(page, x, y):
    return page.get_by_role('table').last.get_by_role('row').nth(x).locator('th, td').nth(y)


@demo
def drive_gomoku_game(url, new_page, looks):
    black, white = new_page(), new_page()
    black.goto(url)
    expect(black.get_by_text('Your role is ⚫')).to_be_visible()
    expect(text(black, "It's your turn!")).to_be_visible()
    white.goto(url)
    expect(white.get_by_text('1 for ⚫, 1 for ⚪. Your role is ⚪')).to_be_visible()
    expect(white.get_by_text("Your opponent's turn, waiting...")).to_be_visible()
    square(white, 0, 0).get_by_role('button').click()
    toast(white, "It's not your turn!!")
    # black plays a row of five, white plays below it. Each waits until the other's page says it is
    # waiting: the demo draws the board, then reads whose turn it is, so a move made in between
    # would be missing from the other's board until its own next move (so it is in 1.x)
    for i in range(5):
        square(black, 7, 3 + i).get_by_role('button').click()
        expect(square(white, 7, 3 + i)).to_have_text('⚫')
        if i < 4:
            expect(text(black, "Your opponent's turn, waiting...")).to_be_visible()
            expect(text(white, "It's your turn!")).to_be_visible()
            square(white, 8, 3 + i).get_by_role('button').click()
            expect(square(black, 8, 3 + i)).to_have_text('⚪')
            expect(text(white, "Your opponent's turn, waiting...")).to_be_visible()
            expect(text(black, "It's your turn!")).to_be_visible()
    for page in (black, white):
        expect(page.get_by_text('Game over. The winner is ⚫!')).to_be_visible()
        expect(page.get_by_text('Refresh page to start a new round.')).to_be_visible()


def keys(page, word):
    for char in word:
        page.get_by_role('button', name=char, exact=True).click()


@demo
def drive_wordle(url, new_page, looks):
    page = new_page()
    page.goto(url)
    expect(page.get_by_role('heading', name='WORDLE')).to_be_visible()
    expect(page).to_have_title('WORDLE with PyWebIO')
    keys(page, 'UNHAPPY')
    toast(page, 'Not in word list!')
    expect(page.get_by_role('row').first).to_have_text(re.compile(r'^\s*$'))
    keys(page, 'PYX')
    page.get_by_role('button', name='◀', exact=True).click()
    keys(page, 'OWEBI')
    guess = page.get_by_role('row', name='P Y O W E B I')
    expect(text(guess, 'I')).to_have_css('background-color', 'rgb(201, 180, 88)')  # shown letter by letter
    expect(text(guess, 'P')).to_have_css('background-color', 'rgb(106, 170, 100)')
    keys(page, 'PYWEBIO')
    toast(page, 'Genius')
    result = page.get_by_role('dialog', name='Game Result')
    expect(result.get_by_text('Wordle 2/6')).to_be_visible()
    result.get_by_role('button', name='Share').click()
    toast(page, 'Copied to clipboard')

    looks.check('run_js(\'$("button:contains(P)").css(...)\') colours the keys: jQuery\'s $ is on a 1.x page',
                lambda: expect(page.get_by_role('button', name='P', exact=True)).to_have_css(
                    'background-color', 'rgb(106, 170, 100)', timeout=1000))
    table = page.get_by_role('table')
    looks.check('the demo\'s CSS ".markdown-body table {display:table; width:250px; margin:10px auto}" centres '
                'the grid: on a 1.x page all output is inside .markdown-body',
                lambda: expect(table).to_have_css('margin-top', '10px', timeout=1000))
    looks.check('put_column(keyboard).style("text-align: center") centres the keys, as inline buttons in 1.x',
                lambda: centred(page.get_by_role('button', name='Q', exact=True),
                                page.get_by_role('button', name='P', exact=True)))


def centred(first, last):
    """The row from ``first`` to ``last`` is centred in the page's main column."""
    left, right = first.bounding_box(), last.bounding_box()
    column = first.page.locator('main').bounding_box()
    margin_left = left['x'] - column['x']
    margin_right = column['x'] + column['width'] - (right['x'] + right['width'])
    assert abs(margin_left - margin_right) < 40, 'space left %d px, right %d px' % (margin_left, margin_right)


@demo
def drive_markdown_previewer(url, new_page, looks):
    page = new_page()
    page.goto(url)
    expect(page.get_by_role('heading', name='Markdown Live Preview')).to_be_visible()
    # the code editor of put_textarea(code=...), once it has replaced the plain text area it starts as
    editor = page.get_by_role('textbox').and_(page.locator('[contenteditable="true"]'))
    expect(editor).to_be_visible()
    markdown = '# Hello preview\n\n- one\n- **two**\n\n<span style="color:red">raw html</span>\n'
    editor.fill(markdown)
    expect(page.get_by_role('heading', name='Hello preview')).to_be_visible()
    expect(page.locator('strong', has_text='two')).to_be_visible()
    expect(text(page, 'raw html')).to_have_css('color', 'rgb(255, 0, 0)')  # sanitize=False keeps style=
    editor.press('Control+End')
    page.keyboard.type('\n## Second')
    expect(page.get_by_role('heading', name='Second', exact=True)).to_be_visible()
    expect(page.get_by_role('heading', name='Hello preview')).to_have_count(1)  # drawn again, not added
    with page.expect_download() as download:
        page.get_by_role('button', name='Download content').click()
    assert download.value.suggested_filename == 'saved.md'
    assert Path(download.value.path()).read_text() == markdown + '\n## Second'


@demo
def drive_set_env_demo(url, new_page, looks):
    page = new_page()
    page.goto(url)
    clock = page.get_by_text('Current time:')
    expect(clock).to_be_visible()
    expect(clock).not_to_have_text(clock.inner_text())  # the background coroutine writes it again
    expect(page).to_have_title('PyWebIO set_env() Demo')
    expect(page.get_by_text("Current state: title='PyWebIO set_env() Demo', output_animation=True, "
                            "auto_scroll_bottom=False")).to_be_visible()
    page.get_by_role('button', name='Output some texts').click()
    expect(page.get_by_text(re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+$'))).to_be_visible()
    form(page).get_by_role('button', name='title', exact=True).click()
    page.get_by_label('Title').fill('New title')
    submit(page)
    toast(page, "Title is set to 'New title'")
    expect(page).to_have_title('New title')
    form(page).get_by_role('button', name='output_animation', exact=True).click()
    toast(page, '`output_animation` is set to False')
    form(page).get_by_role('button', name='auto_scroll_bottom', exact=True).click()
    toast(page, '`auto_scroll_bottom` is set to True')
    expect(page.get_by_text("Current state: title='New title', output_animation=False, "
                            "auto_scroll_bottom=True")).to_be_visible()


@demo
def drive_input_usage(url, new_page, looks):
    page = new_page()
    page.goto(url)
    expect(page.get_by_role('heading', name='PyWebIO Input Example')).to_be_visible()
    page.get_by_label("What's your name?").fill('Ann')
    submit(page)
    expect(text(page, "name = 'Ann'")).to_be_visible()
    page.get_by_label('Input password').fill('secret')
    submit(page)
    expect(text(page, "password = 'secret'")).to_be_visible()
    page.get_by_label('Which gift you want?').select_option('ipad')
    submit(page)
    expect(text(page, "gift = 'ipad'")).to_be_visible()
    page.get_by_label('I agree to terms and conditions').check()
    submit(page)
    expect(text(page, "agree = ['I agree to terms and conditions']")).to_be_visible()
    expect(page.get_by_label('Text Area')).to_have_attribute('placeholder', 'Some text')
    page.get_by_label('Text Area').fill('some\ntext')
    submit(page)
    expect(text(page, "text = 'some\\ntext'")).to_be_visible()
    expect(text(page, 'You can just click "Submit" button')).to_be_visible()
    page.get_by_label('Select a image:').set_input_files(
        files=[{'name': 'img.png', 'mimeType': 'image/png', 'buffer': png()}])
    submit(page)
    expect(page.get_by_text('"filename": "img.png"')).to_be_visible()
    expect(page.get_by_text('"mime_type": "image/png"')).to_be_visible()

    label = page.get_by_label('This is label')
    expect(label).to_have_attribute('placeholder', 'This is placeholder')
    expect(text(page, 'This is help text')).to_be_visible()
    submit(page)
    expect(label).to_have_attribute('aria-invalid', 'true')  # required
    label.fill('candidate1')
    submit(page)

    age = page.get_by_label('How old are you?')
    for value, error in (('8', 'Too young!!'), ('65', 'Too old!!')):
        age.fill(value)
        submit(page)
        expect(form(page).get_by_text(error)).to_be_visible()
    age.fill('30')
    submit(page)
    expect(text(page, 'age = 30')).to_be_visible()
    expect(form(page).get_by_text('import something', exact=True)).to_be_visible()  # the code editor's first line
    submit(page)
    expect(page.get_by_text('Your code:')).to_be_visible()

    page.get_by_label('Input your name').fill('Bartholomew')
    page.get_by_label('Input your age').fill('70')
    submit(page)
    expect(form(page).get_by_text('Too old!!')).to_be_visible()
    page.get_by_label('Input your age').fill('30')
    submit(page)
    expect(form(page).get_by_text('Name too long!')).to_be_visible()
    page.get_by_label('Input your name').fill('Bart')
    submit(page)
    expect(text(page, "data = {'name': 'Bart', 'age': 30}")).to_be_visible()
    expect(page.get_by_text('That is all for the input functions.')).to_be_visible()


@demo
def drive_output_usage(url, new_page, looks):
    page = new_page()
    page.goto(url)
    expect(page.get_by_role('heading', name='PyWebIO Output demo')).to_be_visible()
    expect(page.get_by_text('That is all for the output functions.')).to_be_visible()
    run = page.get_by_role('button', name='Run', exact=True)  # 4 code blocks, 3 in the grid, then 2 more

    run.nth(0).click()
    expect(text(page, 'Hello world!')).to_be_visible()
    expect(page.get_by_role('cell', name='Banana')).to_be_visible()
    expect(page.locator('del', has_text='Strikethrough')).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role('link', name='hello_word.txt').or_(page.get_by_role('button', name='hello_word.txt')).click()
    assert Path(download.value.path()).read_bytes() == b'hello word!'

    run.nth(1).click()
    expect(text(page, '<hr/>')).to_be_visible()  # a string cell is text in 1.x
    expect(page.locator('sup', has_text='2')).to_be_visible()
    page.get_by_role('cell').get_by_role('button', name='B', exact=True).click()
    toast(page, 'B')

    run.nth(2).click()
    popup = page.get_by_role('dialog', name='Popup title')
    expect(popup.get_by_role('heading', name='Popup Content')).to_be_visible()
    expect(popup.get_by_text('plain html: <br/>')).to_be_visible()
    popup.get_by_role('button', name='close_popup()').click()
    expect(popup).to_have_count(0)

    for row in (1, 2, 3):
        for action in ('edit', 'delete'):
            page.get_by_role('row').filter(has=page.get_by_role('cell', name=str(row), exact=True)) \
                .get_by_role('button', name=action, exact=True).click()
            expect(text(page, 'You click %s button ar row %s' % (action, row))).to_be_visible()
    for label in 'ABC':
        page.get_by_role('button', name=label, exact=True).last.click()
        expect(text(page, 'You click %s button' % label)).to_be_visible()
    page.get_by_role('button', name='Click me').click()
    toast(page, 'Clicked')
    page.locator('img[src^="data:image/svg"]').click()
    toast(page, 'You click the image')
    page.get_by_role('cell', name='5.5').last.get_by_text('5.5').click()
    toast(page, 'You click the text')

    scope_a = text(page, 'Text in scope A').locator('xpath=..')
    for i in (3, 4, 5):  # put_text('A'/'B'/'C', scope=...)
        run.nth(i).click()
    for name in 'ABC':
        expect(text(page, 'Text in scope %s' % name).locator('xpath=..').get_by_text(name, exact=True)).to_be_visible()
    for i, position in enumerate((1, 2, 3, -1, -2, -3)):  # scope A: its text, scope B, 'A'; then the times
        page.get_by_role('button', name='position=%s' % position, exact=True).click()
        expect(scope_a.get_by_text(re.compile(r'^\d{4}-\d\d-\d\d '))).to_have_count(i + 1)
    lines = [line for line in scope_a.inner_text().splitlines() if line.strip()]
    assert len(lines) == 10 and lines[0] == 'Text in scope A' and lines[4:7] == ['Text in scope B', 'B', 'A'], lines
    assert all(re.match(r'\d{4}-', line) for line in lines[1:4] + lines[7:]), lines
    # 1, 2, 3 count from the top; -1 appends, -2 and -3 go after the output at that place (1.x)
    assert lines[1:4] == sorted(lines[1:4]) and lines[7:] == sorted(lines[7:], reverse=True), lines

    ran = page.get_by_role('button', name='运行', exact=True)
    ran.nth(0).click()  # clear('B')
    expect(text(page, 'Text in scope B')).to_have_count(0)
    ran.nth(1).click()  # remove('C')
    expect(text(page, 'Text in scope C')).to_have_count(0)
    ran.nth(2).click()  # scroll_to('A')
    expect(text(page, 'Text in scope A')).to_be_in_viewport()

    run.nth(6).click()
    for name in ('A', 'B1', 'B2', 'B3', 'C', 'D', 'E'):
        expect(page.locator('pre', has_text=re.compile('^%s$' % name)).last).to_be_visible()
    run.nth(7).click()
    expect(text(page, 'Red').first).to_have_css('color', 'rgb(255, 0, 0)')
    expect(page.get_by_role('cell', name='Red').get_by_text('Red')).to_have_css('color', 'rgb(255, 0, 0)')

    looks.check('put_html("<style>#pywebio-scope-A {border: 1px solid red;}</style>") borders scope A: a 1.x scope '
                'is the element of id pywebio-scope-NAME',
                lambda: expect(scope_a).to_have_css('border-top-color', 'rgb(255, 0, 0)', timeout=1000))


@demo
def drive_theme(url, new_page, looks):
    index = new_page()
    index.goto(url)
    expect(index.get_by_role('heading', name='Default', exact=True)).to_be_visible()
    looks.check('the index app is the undecorated page(): title "PyWebIO Theme Preview"',
                lambda: expect(index).to_have_title('PyWebIO Theme Preview', timeout=1000))

    page = new_page()
    page.goto(url + '?app=dark')
    expect(page.get_by_role('heading', name='Dark', exact=True)).to_be_visible()
    looks.check('config(theme="dark", title="PyWebIO dark theme")(page) configures its own copy of page(): '
                'as in 1.x, the five calls make five apps',
                lambda: expect(page).to_have_title('PyWebIO dark theme', timeout=1000))
    looks.check('the dark app is dark', lambda: dark(page))
    expect(page.get_by_text('@config(theme="dark")')).to_be_visible()

    page.get_by_role('button', name='warning', exact=True).first.click()
    toast(page, 'Clicked warning button')
    page.get_by_role('button', name='Click me to show a popup').click()
    popup = page.get_by_role('dialog', name='Popup title')
    expect(popup.get_by_text('Popup body text goes here.')).to_be_visible()
    popup.get_by_role('button', name='Close', exact=True).last.click()
    expect(popup).to_have_count(0)
    page.get_by_role('tab', name='More content').click()
    expect(page.get_by_role('cell', name='Banana')).to_be_visible()
    page.get_by_text('Click to expand').click()
    expect(page.get_by_role('cell', name='Apple').last).to_be_visible()
    expect(page.get_by_text("Success! You've done it.")).to_be_visible()
    expect(page.get_by_label('Invalid input')).to_have_attribute('aria-invalid', 'true')
    pin_warning = page.get_by_role('group', name='Actions').first.get_by_role('button', name='Warning')
    looks.check('put_actions(buttons=[{..., "color": "warning"}]) colours its button, as put_buttons does',
                lambda: expect(pin_warning).to_have_css(
                    'background-color', background(page.get_by_role('button', name='warning', exact=True).first),
                    timeout=1000))

    group = form(page)
    expect(group.get_by_label('Number')).to_have_value('42')
    group.get_by_label('Text', exact=True).fill('candidate-3')
    group.get_by_role('button', name='Submit', exact=True).click()
    expect(page.locator('form:visible')).to_have_count(0)  # input_group() returned

    page.locator('img[src*="sketchy"]').click()  # go_app(name='sketchy', new_window=False)
    expect(page).to_have_url(url + '?app=sketchy')
    expect(page.get_by_role('heading', name='Sketchy', exact=True)).to_be_visible()
    looks.check('go_app("sketchy") opens the sketchy app',
                lambda: expect(page).to_have_title('PyWebIO sketchy theme', timeout=1000))


def dark(page):
    red, green, blue = map(int, re.findall(r'\d+', background(page.locator('body')))[:3])
    assert red + green + blue < 200, 'the background is rgb(%d, %d, %d)' % (red, green, blue)


@demo
def drive_bokeh_app(url, new_page, looks):
    page = new_page()
    page.goto(url)
    expect(page.get_by_role('heading', name='Bokeh Applications in PyWebIO')).to_be_visible()
    slider = page.get_by_role('slider')
    expect(slider).to_be_visible(timeout=30_000)
    expect(page.get_by_text('Smoothing by N Days: 0')).to_be_visible()
    expect(page.locator('canvas').first).to_be_visible()
    for _ in range(3):
        slider.press('ArrowRight')
    expect(page.get_by_text('Smoothing by N Days: 3')).to_be_visible()


@demo
def drive_chatgpt(url, new_page, looks):
    page = new_page()
    page.goto(url)
    expect(page.get_by_role('heading', name='ChatGPT')).to_be_visible()
    expect(page.get_by_label('Model').locator('option:checked')).to_have_text('gpt-3.5-turbo')
    expect(page.get_by_label('API Server')).to_have_value('https://api.openai.com')
    page.get_by_label('API Key').fill('sk-test')
    submit(page)
    expect(page.get_by_role('button', name='Reset OpenAI API Key')).to_be_visible()
    stored = json.loads(page.evaluate("localStorage.getItem('openai_config')"))
    assert stored == {'api_key': 'sk-test', 'api_base': 'https://api.openai.com/v1'}

    page.get_by_placeholder('Ask ChatGPT').fill('hello there')
    page.get_by_role('button', name='Send').click()
    expect(text(page, 'hello there')).to_be_visible()  # put_info
    expect(text(page, 'You said: hello there')).to_be_visible()
    page.get_by_placeholder('Ask ChatGPT').fill('give me')
    page.get_by_role('button', name='Multi-line Input').click()
    expect(form(page).get_by_role('textbox')).to_have_value('give me')
    form(page).get_by_role('textbox').fill('give me\na long answer')
    submit(page)
    expect(page.get_by_text('a long answer').last).to_be_visible()
    expect(text(page, 'Incomplete model output due to max_tokens parameter or token limit.')).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role('button', name='Save Chat').click()
    assert re.fullmatch(r'chatgpt_\d{14}\.md', download.value.suggested_filename)
    assert Path(download.value.path()).read_text() == \
        'hello there\n\n> You said: hello there\n\ngive me\na long answer\n\n> You said: give me\na long answer'

    page.get_by_role('button', name='Reset OpenAI API Key').click()
    toast(page, 'Please refresh the page to take effect')
    page.reload()
    page.get_by_label('API Key').fill('sk-wrong')
    submit(page)
    page.get_by_placeholder('Ask ChatGPT').fill('hi')
    page.get_by_role('button', name='Send').click()
    error = page.get_by_role('dialog', name='ChatGPT Error')
    expect(error.get_by_text('Incorrect API key provided: sk-wrong')).to_be_visible()
    page.reload()
    expect(page.get_by_placeholder('Ask ChatGPT')).to_be_visible()  # the settings were kept
    expect(page.get_by_label('API Key')).to_have_count(0)


@demo
def drive_doc_demo(url, new_page, looks):
    page = new_page()
    page.context.route(re.compile(r'^https://play\.pywebio\.online/'), lambda route: route.abort())  # stays here
    page.goto(url)
    expect(page.get_by_role('link', name='output_basics')).to_be_visible()
    looks.check('the generated index describes each app by its config(description=...), as 1.x does',
                lambda: expect(page.get_by_text('Output text and tables')).to_be_visible(timeout=1000))
    expect(page.get_by_text('partial(func')).to_have_count(0)

    page.goto(url + '?app=output_basics')
    expect(page).to_have_title('output_basics')
    expect(page.get_by_role('heading', name='Output text and tables')).to_be_visible()
    expect(page.get_by_text('only in the documentation')).to_have_count(0)
    run = page.get_by_role('button', name='Run', exact=True)
    run.nth(0).click()
    expect(text(page, 'Hello doc demo')).to_be_visible()
    run.nth(1).click()
    expect(page.get_by_role('cell', name='5.5')).to_be_visible()
    run.nth(2).click()
    page.get_by_role('button', name='Greet').click()
    toast(page, 'Hello from a callback')
    run.nth(3).click()
    toast(page, 'Exception occurred: "NameError:name \'undefined_name\' is not defined"')
    page.get_by_role('button', name='Copy to clipboard').first.click()
    toast(page, 'The code has been copied to the clipboard')
    assert 'put_text("Hello doc demo")' in page.evaluate('window.copiedText')
    with page.context.expect_event('request', lambda request: request.url.startswith('https://play.pywebio.online/')):
        page.get_by_role('button', name='Edit').first.click()  # window.open of the playground

    page.goto(url + '?app=scopes')
    page.get_by_role('button', name='Run', exact=True).nth(0).click()
    expect(text(page, 'in the box')).to_be_visible()
    page.get_by_role('button', name='Run', exact=True).nth(1).click()
    expect(text(page, 'appended')).to_be_visible()


@demo
def drive_index(url, new_page, looks):
    """``python -m test.compat.demos18``, as ``python -m demos``: path_deploy of the folder."""
    page = new_page()
    page.goto(url)
    looks.check('path_deploy shows a folder\'s index.py at the folder\'s URL, as 1.x does',
                lambda: expect(page.get_by_role('heading', name='PyWebIO demos')).to_be_visible(timeout=3000))
    looks.check('index.py: the link to the BMI demo',
                lambda: expect(page.get_by_role('link', name='BMI calculation')).to_be_visible(timeout=1000))

    if not page.get_by_role('link', name='BMI calculation').count():  # index.py is at index/ too
        page.goto(url + 'index/')
        expect(page.get_by_role('heading', name='PyWebIO demos')).to_be_visible()
    expect(page.locator('.github-button[data-ready="yes"]')).to_have_count(1)  # put_html ran its script
    if page.url == url:
        page.get_by_role('link', name='BMI calculation').click()
    else:  # its links are relative to the folder's URL
        page.goto(url + 'bmi')
    expect(page.get_by_role('heading', name='Body Mass Index')).to_be_visible()
    page.get_by_label('Your Height(cm)').fill('180')
    page.get_by_label('Your Weight(kg)').fill('75')
    submit(page)
    expect(text(page, 'Your BMI: 23.1, Category: Overweight')).to_be_visible()

    theme = new_page()
    response = theme.goto(url + 'theme/?app=dark')
    looks.check('path_deploy serves a file whose main is a dict of apps, choosing with ?app= as 1.x does '
                '(theme.py)', lambda: expect(theme.get_by_role('heading', name='Dark', exact=True)).to_be_visible(
                    timeout=3000))
    looks.check('theme/ answers 200', lambda: _status(response, 200))


def _status(response, status):
    assert response.status == status, 'status %d' % response.status


@demo
def drive_path_deploy16(url, new_page, looks):
    """Upstream's test/16.path_deploy.py: a copy of the folder, without index.py."""
    page = new_page()
    page.goto(url + 'bokeh_app')
    expect(page).to_have_url(url + 'bokeh_app/')
    expect(page.get_by_role('heading', name='Bokeh Applications in PyWebIO')).to_be_visible()
    page.goto(url)
    for name in ['bmi', 'bokeh_app', 'chat_room', 'input_usage', 'output_usage', 'set_env_demo']:
        expect(page.get_by_role('link', name=name, exact=True)).to_be_visible()
    expect(page.get_by_role('link', name='index', exact=True)).to_have_count(0)
    expect(page.get_by_role('link', name='config', exact=True)).to_have_count(0)
    page.get_by_role('link', name='input_usage', exact=True).click()
    page.get_by_label("What's your name?").fill('Ann')
    submit(page)
    expect(text(page, "name = 'Ann'")).to_be_visible()


@pytest.mark.parametrize('program', sorted(DRIVERS))
def test_demo(program, programs, new_page):
    process = programs[program]
    url = 'http://127.0.0.1:%d/' % listening_port(process)
    looks = Looks()
    try:
        DRIVERS[program](url, new_page, looks)
        looks.verify()
    except BaseException:
        print("the program's output so far:\n" + process.test_output.text())  # pytest shows it on failure
        raise

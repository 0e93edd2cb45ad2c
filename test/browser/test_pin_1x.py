"""Pin calls of PyWebIO 1.8's own programs, in Chromium: pin_update's validity on a put_input
(demos/theme.py), a code-editor textarea pin that is typed into and reports changes
(demos/markdown_previewer.py), the textarea pins of test 18 found by their labels, and pin_update
on a file pin keeping the chosen file."""
import re

import pytest
from playwright.sync_api import expect

from pywebio.output import put_buttons, put_markdown, put_text, use_scope
from pywebio.pin import (get_pin_values, pin, pin_on_change, pin_update, pin_wait_change, put_file_upload,
                         put_input, put_textarea)
from pywebio.session import download, hold, set_env


def test_pin_update_shows_validity_as_theme_demo_does(serve_app, page):
    def task():
        put_input('valid_input', label="Valid input", value="correct value")
        put_input('invalid_input', label="Invalid input", value="wrong value", help_text='Your user name')
        pin_update('valid_input', valid_status=True, valid_feedback="Success! You've done it.")
        pin_update('invalid_input', valid_status=False, invalid_feedback="Sorry, that username's taken. Try another?")
        try:
            pin_update('valid_input', valid_status='yes')
        except TypeError as error:
            put_text('refused: %s' % error)
        put_buttons(['Relabel', 'Clear'], onclick=[
            lambda: pin_update('invalid_input', label='User name'),
            lambda: pin_update('valid_input', valid_status=None)])
        hold()

    page.goto(serve_app(task).url)
    valid = page.get_by_label('Valid input', exact=True)
    invalid = page.get_by_label('Invalid input')
    expect(page.get_by_text("Success! You've done it.")).to_be_visible()
    expect(valid).to_have_class(re.compile(r'\bis-valid\b'))
    expect(valid).not_to_have_attribute('aria-invalid', 'true')
    expect(valid).to_have_accessible_description("Success! You've done it.")
    expect(page.get_by_text("Sorry, that username's taken. Try another?")).to_be_visible()
    expect(invalid).to_have_class(re.compile(r'\bis-invalid\b'))
    expect(invalid).to_have_attribute('aria-invalid', 'true')
    expect(invalid).to_have_accessible_description("Your user name Sorry, that username's taken. Try another?")
    expect(page.get_by_text('refused: pin_update(): valid_status must be True, False or None')).to_be_visible()
    expect(invalid).to_have_value('wrong value')  # the value stays as it was

    # drawn again with a new label: the validity stays
    page.get_by_role('button', name='Relabel').click()
    renamed = page.get_by_label('User name')
    expect(renamed).to_have_attribute('aria-invalid', 'true')
    expect(renamed).to_have_accessible_description("Your user name Sorry, that username's taken. Try another?")
    # valid_status=None: neither
    page.get_by_role('button', name='Clear').click()
    expect(valid).not_to_have_class(re.compile(r'\bis-valid\b'))
    expect(page.get_by_text("Success! You've done it.")).to_be_hidden()
    # the person editing the field clears it
    renamed.fill('another name')
    expect(renamed).not_to_have_attribute('aria-invalid', 'true')
    expect(page.get_by_text("Sorry, that username's taken. Try another?")).to_be_hidden()


def test_markdown_previewer_code_editor_pin(serve_app, page):
    """demos/markdown_previewer.py's calls: a markdown code-editor pin, previewed on each change."""
    def main():
        set_env(output_animation=False)
        put_markdown('# Markdown Live Preview')
        put_textarea('md_text', rows=18, code={'mode': 'markdown'})
        put_buttons(['Download content'], lambda _: download('saved.md', pin.md_text.encode('utf8')), small=True)
        put_markdown('## Preview')
        while True:
            change_detail = pin_wait_change('md_text')
            with use_scope('md', clear=True):
                put_markdown(change_detail['value'], sanitize=False)

    page.goto(serve_app(main).url)
    editor = page.get_by_role('textbox')
    expect(editor).to_have_count(1)
    # the plain text area works at once; the code editor takes its place once loaded
    expect(editor).to_have_attribute('data-language', 'markdown')
    editor.click()
    page.keyboard.type('# Hello preview')
    expect(page.get_by_role('heading', name='Hello preview', level=1)).to_be_visible()
    page.keyboard.press('Enter')
    page.keyboard.type('Some *words*')
    expect(page.get_by_role('emphasis').filter(has_text='words')).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role('button', name='Download content').click()
    assert info.value.suggested_filename == 'saved.md'
    with open(info.value.path(), encoding='utf8') as file:
        assert file.read() == '# Hello preview\nSome *words*'


@pytest.mark.parametrize('coroutine', [False, True], ids=['thread', 'coroutine'])
def test_textarea_pins_of_test_18_by_their_labels(serve_app, page, coroutine):
    """Upstream test 18's textarea pins: a plain one (minlength above maxlength, as 1.x allows) and
    a code editor, both found by label, typed into, reported by pin_wait_change and pin_on_change."""
    def widgets():
        put_textarea('textarea', label='textarea', rows=3, code=None, maxlength=10, minlength=20, value=None,
                     placeholder='placeholder', readonly=False, help_text='help_text')
        put_textarea('code', label='code', rows=4, code=True, maxlength=10, minlength=20, value=None,
                     placeholder='placeholder', readonly=False, help_text='help_text')
        on_change = {}
        for name in ('textarea', 'code'):
            pin_on_change(name, lambda value, name=name: on_change.__setitem__(name, value))
        put_buttons(['Callbacks'], onclick=lambda _: put_text('callbacks: %r' % sorted(on_change.items())))
        return on_change

    def task():
        widgets()
        values = {}
        while len(values) < 2:
            info = pin_wait_change('textarea', 'code')
            values[info['name']] = info['value']
        put_text('waited: %r read: %r' % (sorted(values.items()), sorted(get_pin_values(['textarea', 'code']).items())))
        hold()

    async def coro_task():
        widgets()
        values = {}
        while len(values) < 2:
            info = await pin_wait_change('textarea', 'code')
            values[info['name']] = info['value']
        read = await get_pin_values(['textarea', 'code'])
        put_text('waited: %r read: %r' % (sorted(values.items()), sorted(read.items())))
        await hold()

    page.goto(serve_app(coro_task if coroutine else task).url)
    textarea = page.get_by_label('textarea')
    expect(textarea).to_have_accessible_description('help_text')
    expect(textarea).to_have_attribute('placeholder', 'placeholder')
    textarea.fill('2')
    textarea.press('Tab')  # a text field's change: when it loses focus
    code = page.get_by_label('code', exact=True)
    expect(code).to_have_attribute('role', 'textbox')
    code.click()
    page.keyboard.type('3')
    expected = "[('code', '3'), ('textarea', '2')]"
    expect(page.get_by_text('waited: %s read: %s' % (expected, expected))).to_be_visible()
    page.get_by_role('button', name='Callbacks').click()
    expect(page.get_by_text('callbacks: %s' % expected)).to_be_visible()


def test_pin_update_on_a_file_pin(serve_app, page):
    """1.8 lets pin_update change a file pin's label, placeholder, accept and help text; the file
    chosen stays chosen, and reads as before."""
    def task():
        put_file_upload('doc', label='Document', placeholder='Choose file')
        put_buttons(['Update', 'Read', 'Invalid'], onclick=[
            lambda: pin_update('doc', label='Report', placeholder='Pick a report', accept='.txt',
                               help_text='A text file'),
            lambda: put_text('read: %r' % ({key: pin.doc[key] for key in ('filename', 'content', 'mime_type')},)),
            lambda: pin_update('doc', valid_status=False, invalid_feedback='Too old')])
        hold()

    page.goto(serve_app(task).url)
    page.get_by_label('Document').set_input_files(files=[{'name': 'a.txt', 'mimeType': 'text/plain',
                                                          'buffer': b'abc'}])
    page.get_by_role('button', name='Update').click()
    report = page.get_by_label('Report')
    expect(report).to_have_accessible_description('A text file')
    expect(report).to_have_attribute('accept', '.txt')
    expect(report).to_have_attribute('title', 'Pick a report')
    expect(page.get_by_label('Document')).to_have_count(0)
    page.get_by_role('button', name='Read').click()
    expect(page.get_by_text("read: {'filename': 'a.txt', 'content': b'abc', 'mime_type': 'text/plain'}")).to_be_visible()
    page.get_by_role('button', name='Invalid').click()
    expect(report).to_have_attribute('aria-invalid', 'true')
    expect(report).to_have_accessible_description('A text file Too old')


def test_typing_in_a_text_pin_is_a_change_as_in_1x(serve_app, page):
    """1.x reports typing in put_input/put_textarea, not only its commit: a live sum updates while
    the person types (pin_wait_change's own example), and leaving the field does not report the
    same typing again."""
    def task():
        put_input('a', type='number', label='a')
        put_textarea('note', label='note')
        seen = []
        while True:
            changed = pin_wait_change('a', 'note')
            seen.append(changed['name'])
            with use_scope('res', clear=True):
                put_text('%s is now %r; changes: %s' % (changed['name'], changed['value'], ' '.join(seen)))

    page.goto(serve_app(task).url)
    page.get_by_label('a', exact=True).press_sequentially('42')
    expect(page.get_by_text("a is now 42; changes: a")).to_be_visible()  # the field still has focus
    assert page.evaluate('document.activeElement.type') == 'number'
    page.get_by_label('note').fill('hello')  # leaves the number field: nothing new to report for it
    expect(page.get_by_text("note is now 'hello'; changes: a note")).to_be_visible()
    page.get_by_label('a', exact=True).focus()  # leaves the text area, typed and reported already
    page.get_by_label('note').press_sequentially('!')
    expect(page.get_by_text("note is now 'hello!'; changes: a note note")).to_be_visible()

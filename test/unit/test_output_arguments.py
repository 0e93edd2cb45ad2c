"""pywebio.output: wrong arguments raise at once with a message that says what to do; specs are right."""
import importlib
import re

import pytest

from pywebio._values import url_scheme
from pywebio.output import (
    clear_range,
    popup,
    put_buttons,
    put_code,
    put_file,
    put_html,
    put_image,
    put_link,
    put_markdown,
    put_table,
    put_text,
    scroll_to,
    set_anchor,
    set_title,
    toast,
)
from pywebio.session.base import error_toast_command

PNG_1x1 = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                        '1f15c4890000000d49444154789c63f8cfc0f01f0005000201e22d2c1a0000000049454e44ae426082')


@pytest.mark.parametrize('call, error, message', [
    (lambda: put_text('a', anchor=''), TypeError, 'anchor must be a non-empty string'),
    (lambda: put_text('a', before=3), TypeError, 'before must be a non-empty string'),
    (lambda: put_text('a', before='x', after='y'), ValueError, 'not both'),
    (lambda: put_markdown(b'# bytes'), TypeError, 'mdcontent must be a string'),
    (lambda: put_markdown('x', strip_indent=-1), TypeError, 'strip_indent must be'),
    (lambda: put_html(None), TypeError, 'html must be a string'),
    (lambda: put_code('x', language=3), TypeError, 'language must be a string'),
    (lambda: put_link('x'), ValueError, 'exactly one of url= or app='),
    (lambda: put_link('x', url='http://a', app='b'), ValueError, 'exactly one of url= or app='),
    (lambda: put_link('x', 'javascript:alert(1)'), ValueError, 'javascript: URLs are not allowed'),
    (lambda: put_link('x', ' JavaScript:alert(1)'), ValueError, 'javascript: URLs are not allowed'),
    (lambda: put_link('x', 'java\tscript:alert(1)'), ValueError, 'javascript: URLs are not allowed'),
    (lambda: put_link('x', '\x01javascript:alert(1)'), ValueError, 'javascript: URLs are not allowed'),
    (lambda: put_link('x', 'data:text/html,<script>alert(1)</script>'), ValueError, 'data: URLs'),
    (lambda: put_image(b'not an image'), ValueError, "pass format='png'"),
    (lambda: put_image(PNG_1x1, format='pngg'), ValueError, 'unknown image format'),
    (lambda: put_image(42), TypeError, 'src must be image bytes'),
    (lambda: put_image('javascript:alert(1)'), ValueError, 'is not an image URL'),
    (lambda: put_image(PNG_1x1, width=[3]), TypeError, 'CSS length'),
    (lambda: put_file('a.txt', 'text'), TypeError, '.encode("utf-8")'),
    (lambda: put_file('', b''), ValueError, 'name must be a file name'),
    (lambda: put_table('abc'), TypeError, 'tdata must be a list of rows'),
    (lambda: put_table([['a'], 'b']), TypeError, 'row 1'),
    (lambda: put_table([{'a': 1}], header=[('a', 'b', 'c')]), ValueError, '(cell, key) pair'),
    (lambda: put_buttons(['A'], onclick='nope'), TypeError, 'or ... for no action'),
    (lambda: toast('x', duration=-1), ValueError, 'duration must be a number of seconds'),
    (lambda: toast('x', position='top'), ValueError, "position must be one of 'left', 'center', 'right'"),
    (lambda: toast('x', color='red'), ValueError, "color must be one of 'info', 'error', 'warn', 'success'"),
    (lambda: toast('x', onclick='nope'), TypeError, 'onclick must be a function'),
    (lambda: popup('t', size='huge'), ValueError, "size must be one of 'large', 'normal', 'small'"),
    (lambda: popup(None), TypeError, 'title must be a string'),
    (lambda: popup('t', [object()]), TypeError, 'content item 0'),
    (lambda: set_anchor(''), TypeError, 'name must be a non-empty string'),
    (lambda: scroll_to('a', position='center'), ValueError, "'top', 'middle', 'bottom'"),
    (lambda: clear_range('a', None), TypeError, 'end_anchor must be a non-empty string'),
    (lambda: set_title(None), TypeError, 'title must be a string'),
])
def test_bad_arguments_raise_before_anything_is_sent(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


@pytest.mark.parametrize('url, scheme', [
    ('https://a.test/x', 'https'), ('/path?q=1', ''), ('?app=x', ''), ('page.html', ''),
    ('  JAVASCRIPT:x', 'javascript'), ('ja\nva\rscript:x', 'javascript'), ('mailto:a@b.test', 'mailto'),
])
def test_url_scheme_reads_urls_as_a_browser_does(url, scheme):
    assert url_scheme(url) == scheme


def output_specs(commands):
    return [c['spec'] for c in commands if c['command'] == 'output']


def test_every_output_gets_a_growing_id_and_placement_only_when_given(run_in_session):
    specs = output_specs(run_in_session(lambda: (put_text('a'), put_html('<b>b</b>', anchor='b'),
                                                 put_code('c', 'python', before='b'))))
    assert [s['id'] for s in specs] == [1, 2, 3]
    assert 'anchor' not in specs[0] and 'before' not in specs[0] and 'after' not in specs[0]
    assert specs[1]['anchor'] == 'b'
    assert specs[2] == {'type': 'code', 'id': 3, 'content': 'c', 'language': 'python', 'before': 'b'}


def test_guide_table_refers_to_its_embedded_outputs_by_id(run_in_session):
    def task():
        put_table([
            ['Type', 'Content'],
            ['html', 'X<sup>2</sup>'],
            ['text', put_text('<hr/>')],
            ['buttons', put_buttons(['A', 'B'], onclick=...)],
            ['markdown', put_markdown('`Awesome PyWebIO!`')],
            ['file', put_file('hello.text', b'')],
            ['table', put_table([['A', 'B'], ['C', 'D']])],
        ])
    specs = output_specs(run_in_session(task))
    by_type = {s['type']: s for s in specs[:-2]}
    inner, outer = specs[-2:]
    assert by_type['buttons']['callback_id'] is None  # onclick=... : buttons without an action
    assert inner['header'] == ['A', 'B'] and inner['rows'] == [['C', 'D']]
    assert outer['header'] == ['Type', 'Content']
    assert outer['rows'] == [
        ['html', 'X<sup>2</sup>'],
        ['text', {'output': by_type['text']['id']}],
        ['buttons', {'output': by_type['buttons']['id']}],
        ['markdown', {'output': by_type['markdown']['id']}],
        ['file', {'output': by_type['file']['id']}],
        ['table', {'output': inner['id']}],
    ]


def test_dict_rows_follow_the_header_keys_and_header_pairs_name_keys(run_in_session):
    def task():
        put_table([{'a': 1, 'b': 2}, {'b': 4}], header=['a', 'b'])
        put_table([{'name': 'Ann', 'age': 30}], header=[(put_text('Age'), 'age'), 'name'])
        put_table([{'x': 1, 'yName': None}])
    first, age_label, second, third = output_specs(run_in_session(task))
    assert first['header'] == ['a', 'b'] and first['rows'] == [['1', '2'], ['', '4']]
    assert second['header'] == [{'output': age_label['id']}, 'name'] and second['rows'] == [['30', 'Ann']]
    assert third['header'] == ['X', 'Yname'] and third['rows'] == [['1', '']]  # 1.x's str(key).capitalize()


@pytest.mark.parametrize('misuse, message', [
    (lambda text: (put_table([[text]]), put_table([[text]])), 'already placed in a container'),
    (lambda text: put_table([[text, text]]), 'already placed'),
    (lambda text: (put_table([[text]]), popup('t', [text])), 'already placed'),
    (lambda text: put_table([[put_text('x', anchor='named')]]), "anchor='named'"),
])
def test_an_output_is_placed_in_a_container_once(misuse, message, run_in_session):
    def task():
        misuse(put_text('cell'))
    with pytest.raises(ValueError, match=re.escape(message)):
        run_in_session(task)


def test_an_output_of_another_session_cannot_be_placed(run_in_session):
    made = []
    run_in_session(lambda: made.append(put_text('elsewhere')))
    with pytest.raises(ValueError, match='another session'):
        run_in_session(lambda: put_table([[made[0]]]))


def test_failed_call_sends_nothing_and_changes_no_anchor(run_in_session):
    def task():
        put_text('A', anchor='a')
        with pytest.raises(ValueError):
            put_table([[put_text('x', anchor='x')]])
        with pytest.raises(ValueError, match="no anchor named 'nope'"):
            put_buttons(['B'], onclick=print, anchor='b', after='nope')
        put_text('C', before='a')
    commands = run_in_session(task)
    assert [c['spec'].get('content') for c in commands] == ['A', 'x', 'C']


def test_toast_spec_has_the_fields_of_the_error_toast(run_in_session):
    commands = run_in_session(lambda: (toast('Saved'), toast('Hi', duration=0, position='left',
                                                              color='success', onclick=lambda: None)))
    saved, clickable = [c['spec'] for c in commands]
    assert saved == {'content': 'Saved', 'duration': 2, 'position': 'center', 'color': 'info', 'callback_id': None}
    assert clickable['callback_id'] and clickable['position'] == 'left' and clickable['duration'] == 0
    assert set(saved) == set(error_toast_command(ValueError('x'))['spec'])


def test_markdown_strip_indent_and_lstrip(run_in_session):
    def task():
        put_markdown('''
            # Title
              indented more
        ''', strip_indent=12)
        put_markdown('  a\n    b', lstrip=True)
    first, second = output_specs(run_in_session(task))
    assert first['content'] == '\n# Title\n  indented more\n        '
    assert second['content'] == 'a\nb' and first['sanitize'] is True


def test_links_images_and_files_specs(run_in_session):
    def task():
        put_link('Other', app='other tool')
        put_link('Docs', 'https://example.test/docs', new_window=True)
        put_image(PNG_1x1, title='dot', width=10, height='2em')
        put_image('https://example.test/a.png')
        put_image(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
        put_file('a.bin', bytes(range(256)), label='Download')
    app_link, docs, png, url_image, svg, file = output_specs(run_in_session(task))
    assert app_link['url'] == '?app=other%20tool' and app_link['new_window'] is False
    assert docs['url'] == 'https://example.test/docs' and docs['new_window'] is True
    assert png['src'].startswith('data:image/png;base64,iVBORw0KGgo')
    assert (png['title'], png['width'], png['height']) == ('dot', '10px', '2em')
    assert url_image['src'] == 'https://example.test/a.png' and url_image['width'] is None
    assert svg['src'].startswith('data:image/svg+xml;base64,')
    import base64
    assert base64.b64decode(file['content']) == bytes(range(256))
    assert (file['name'], file['label']) == ('a.bin', 'Download')


def test_pillow_images_are_sent_as_png(run_in_session):
    image_module = importlib.import_module('PIL.Image')  # the test extra installs it
    spec = output_specs(run_in_session(lambda: put_image(image_module.new('RGB', (2, 2), 'red'))))[0]
    assert spec['src'].startswith('data:image/png;base64,iVBORw0KGgo')


def test_1x_markdown_keeps_the_first_line_and_dedents_the_rest_as_1x_does():
    """upstream 1.8's test template: the first line follows the opening quotes and has no indent,
    the rest share the code's; 1.x removes the shared indent of the lines after the first."""
    from pywebio._values import dedent_markdown

    text = '### Markdown\n        | a | b |\n        |---|---|\n\n          indented more\n'
    assert dedent_markdown(text, 0, 'common') == '### Markdown\n| a | b |\n|---|---|\n\n  indented more\n'
    assert dedent_markdown('    one line', 0, 'common') == '    one line'

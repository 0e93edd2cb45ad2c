"""The output functions in Chromium: every example of the guide's output section, verbatim, and escaping."""
import re
import threading
from functools import partial
from pathlib import Path

from playwright.sync_api import expect

from pywebio.output import (put_buttons, put_code, put_file, put_html, put_image, put_link, put_markdown,
                            put_table, put_text)
from pywebio.session import get_current_session, hold

PNG_1x1 = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                        '1f15c4890000000d49444154789c63f8cfc0f01f0005000201e22d2c1a0000000049454e44ae426082')


def row_of(page, first_cell):
    """The table row whose first cell (header or data) has exactly this text."""
    return page.get_by_role('row').filter(has=page.get_by_role('cell', name=first_cell, exact=True))


def test_guide_basic_outputs(serve_app, page):
    def task():
        # 文本输出
        put_text("Hello world!")
        # 表格输出
        put_table([
            ['商品', '价格'],
            ['苹果', '5.5'],
            ['香蕉', '7'],
        ])
        # Markdown输出
        put_markdown('~~删除线~~')
        # 文件输出
        put_file('hello_word.txt', b'hello word!')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('Hello world!')).to_be_visible()
    table = page.get_by_role('table')
    expect(table.get_by_role('columnheader')).to_have_text(['商品', '价格'])
    expect(table.get_by_role('cell')).to_have_text(['苹果', '5.5', '香蕉', '7'])
    expect(page.get_by_role('deletion')).to_have_text('删除线')

    with page.expect_download() as download_info:
        page.get_by_role('link', name='hello_word.txt').click()
    download = download_info.value
    assert download.suggested_filename == 'hello_word.txt'
    assert Path(download.path()).read_bytes() == b'hello word!'


def test_guide_table_with_outputs_in_cells(serve_app, page):
    def task():
        put_table([
            ['Type', 'Content'],
            ['html', 'X<sup>2</sup>'],
            ['text', put_text('<hr/>')],
            ['buttons', put_buttons(['A', 'B'], onclick=...)],
            ['markdown', put_markdown('`Awesome PyWebIO!`')],
            ['file', put_file('hello.text', b'')],
            ['table', put_table([['A', 'B'], ['C', 'D']])]
        ])
        put_text('after the table')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('after the table')).to_be_visible()
    expect(page.get_by_role('columnheader')).to_have_text(['Type', 'Content', 'A', 'B'])

    expect(row_of(page, 'html').locator('sup')).to_have_text('2')  # a plain string cell is HTML
    expect(row_of(page, 'html').get_by_role('cell').nth(1)).to_have_text('X2')
    expect(row_of(page, 'text').get_by_role('cell').nth(1)).to_have_text('<hr/>')  # put_text stays text
    expect(page.locator('hr')).to_have_count(0)
    expect(row_of(page, 'buttons').get_by_role('button')).to_have_text(['A', 'B'])
    expect(row_of(page, 'markdown').locator('code')).to_have_text('Awesome PyWebIO!')
    expect(row_of(page, 'file').get_by_role('link', name='hello.text')).to_be_visible()
    nested = row_of(page, 'table').get_by_role('table')
    expect(nested.get_by_role('cell')).to_have_text(['C', 'D'])

    # the outputs were moved into the table, not copied: each exists once, inside it
    expect(page.get_by_text('<hr/>', exact=True)).to_have_count(1)
    expect(page.get_by_role('link', name='hello.text')).to_have_count(1)
    expect(page.get_by_role('table')).to_have_count(2)
    # buttons without a callback do nothing, and the page goes on working
    row_of(page, 'buttons').get_by_role('button', name='A').click()
    with page.expect_download() as download_info:
        page.get_by_role('link', name='hello.text').click()
    assert Path(download_info.value.path()).read_bytes() == b''


def test_guide_buttons_in_each_row_call_partial_callbacks(serve_app, page):
    def task():
        def edit_row(choice, row):
            put_text("You click %s button ar row %s" % (choice, row))

        put_table([
            ['Idx', 'Actions'],
            [1, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=1))],
            [2, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=2))],
            [3, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=3))],
        ])
        hold()

    page.goto(serve_app(task).url)
    row_of(page, '2').get_by_role('button', name='edit').click()
    expect(page.get_by_text('You click edit button ar row 2')).to_be_visible()
    row_of(page, '3').get_by_role('button', name='delete').click()
    expect(page.get_by_text('You click delete button ar row 3')).to_be_visible()


def test_guide_buttons_callback(serve_app, page):
    def task():
        def btn_click(btn_val):
            put_text("You click %s button" % btn_val)
        put_buttons(['A', 'B', 'C'], onclick=btn_click)
        hold()

    page.goto(serve_app(task).url)
    page.get_by_role('button', name='C').click()
    expect(page.get_by_text('You click C button')).to_be_visible()


def test_a_callback_that_raises_shows_an_error_toast_and_the_session_lives_on(serve_app, page):
    def task():
        put_buttons(['boom', 'fine'], onclick=[lambda: 1 / 0, lambda: put_text('still alive')])
        hold()

    page.goto(serve_app(task).url)
    page.get_by_role('button', name='boom').click()
    expect(page.get_by_role('alert')).to_contain_text('The action failed because of an error.')  # no text of it
    page.get_by_role('button', name='fine').click()
    expect(page.get_by_text('still alive')).to_be_visible()


def test_file_download_keeps_every_byte_and_the_label(serve_app, page):
    content = bytes(range(256)) * 3 + '中文'.encode('utf-8')

    def task():
        put_file('data 1.bin', content, label='Get the data')
        hold()

    page.goto(serve_app(task).url)
    with page.expect_download() as download_info:
        page.get_by_role('link', name='Get the data').click()
    download = download_info.value
    assert download.suggested_filename == 'data 1.bin'
    assert Path(download.path()).read_bytes() == content


def test_markdown_is_github_flavoured_and_sanitized(serve_app, page):
    def task():
        put_markdown('''
        | name | price |
        |------|-------|
        | tea  | ~~5~~ 4 |

        ```python
        print("hi")
        ```

        <script>window.pwned = 'script'</script>
        <img src="x" onerror="window.pwned = 'onerror'">
        [click me](javascript:window.pwned='link')
        ''', strip_indent=8)
        put_markdown('<img src="y" onerror="window.trusted = true">', sanitize=False)
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_role('columnheader')).to_have_text(['name', 'price'])
    expect(page.get_by_role('deletion')).to_have_text('5')
    expect(page.get_by_text('print("hi")')).to_be_visible()
    # the unsanitized image proves that onerror handlers would run here...
    page.wait_for_function('window.trusted === true')
    # ...and the sanitized ones did not
    link = page.get_by_text('click me')
    expect(link).to_be_visible()
    assert 'javascript' not in (link.get_attribute('href') or '')
    link.click()
    assert page.evaluate('window.pwned') is None


def test_html_is_inserted_as_written_and_text_is_never_html(serve_app, page):
    def task():
        put_html('<p>E = mc<sup>2</sup></p><script>window.ran = 1</script>')
        put_text('<b>not bold</b>')
        put_code('<i>not italic</i>')
        put_link('<em>not emphasised</em>', 'https://example.test/')
        hold()

    page.goto(serve_app(task).url)
    expect(page.locator('sup')).to_have_text('2')
    expect(page.get_by_text('<b>not bold</b>')).to_be_visible()
    expect(page.get_by_text('<i>not italic</i>')).to_be_visible()
    expect(page.get_by_role('link', name='<em>not emphasised</em>')).to_be_visible()
    expect(page.locator('b, i, em')).to_have_count(0)
    page.wait_for_function('window.ran === 1')  # put_html runs its scripts, as 1.x does (test_charts.py)


def test_code_is_highlighted_by_a_chunk_loaded_on_first_use(serve_app, page):
    go_on = threading.Event()
    requests = []
    page.on('request', lambda request: requests.append(request.url))

    def task():
        put_text('ready')
        go_on.wait(10)
        put_code('def f(x):\n    return x + 1', language='python')
        put_code('plain text', language='no-such-language')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('ready')).to_be_visible()
    assert not [url for url in requests if 'highlight' in url]
    go_on.set()
    expect(page.get_by_text('plain text')).to_be_visible()
    code = page.locator('code').filter(has_text='def f(x):')
    expect(code).to_have_text('def f(x):\n    return x + 1')
    expect(code.locator('span').first).to_be_attached()  # coloured
    expect(page.locator('code').filter(has_text='plain text').locator('span')).to_have_count(0)
    assert [url for url in requests if 'highlight' in url]


def test_links(serve_app, page):
    def task():
        put_link('Other app', app='other')
        put_link('New tab', 'https://example.test/', new_window=True)
        # what a forged or buggy server could send: the browser refuses the URL too
        get_current_session().send_task_command({'command': 'output', 'task_id': None, 'spec': {
            'type': 'link', 'id': 1000, 'name': 'Sneaky', 'url': ' java\tscript:window.pwned=1',
            'new_window': False}})
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_role('link', name='Other app')).to_have_attribute('href', '?app=other')
    new_tab = page.get_by_role('link', name='New tab')
    expect(new_tab).to_have_attribute('target', '_blank')
    expect(new_tab).to_have_attribute('rel', re.compile('noopener'))
    sneaky = page.get_by_text('Sneaky')
    expect(sneaky).to_be_visible()
    assert sneaky.get_attribute('href') is None
    sneaky.click()
    assert page.evaluate('window.pwned') is None


def test_images_from_bytes_and_urls(serve_app, page):
    import PIL.Image

    def task():
        put_image(PNG_1x1, title='A dot', width=40, height=40)
        put_image(PIL.Image.new('RGB', (3, 2), 'red'), title='From Pillow')
        put_image('/no-such-image.png', title='Missing')
        hold()

    page.goto(serve_app(task).url)
    dot = page.get_by_role('img', name='A dot')
    expect(dot).to_be_visible()
    page.wait_for_function('([...document.images].filter(i => i.alt !== "Missing")'
                           '.every(i => i.complete && i.naturalWidth > 0))')
    assert dot.bounding_box()['width'] == 40
    assert page.get_by_role('img', name='From Pillow').evaluate('i => i.naturalWidth') == 3
    expect(page.get_by_role('img', name='Missing')).to_have_attribute('src', '/no-such-image.png')


def test_compressed_and_uncompressed_frames_both_render_in_chromium(serve_app, page):
    """Chromium negotiates permessage-deflate; big frames come compressed, small ones not."""
    from pywebio.input import input

    def task():
        for number in range(2000):  # one burst: one frame of some 200 KB, compressed
            put_text('line %d' % number)
        name = input('Your name')  # a frame of a few hundred bytes, sent uncompressed
        put_text('hello ' + name)
        hold()

    handshakes = []
    cdp = page.context.new_cdp_session(page)
    cdp.on('Network.webSocketHandshakeResponseReceived', lambda event: handshakes.append(event['response']))
    cdp.send('Network.enable')
    page.goto(serve_app(task).url)
    expect(page.get_by_text('line 1999', exact=True)).to_be_visible()
    page.get_by_label('Your name').fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('hello Ann', exact=True)).to_be_visible()
    extensions = {name.lower(): value for name, value in handshakes[0]['headers'].items()}
    assert extensions['sec-websocket-extensions'].startswith('permessage-deflate')

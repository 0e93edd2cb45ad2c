"""PyWebIO 1.x's layout and widget outputs in Chromium: rows, columns, grids, spans, tabs,
put_widget, alerts, spinners, progress bars and buttons."""
import queue
import re

from playwright.sync_api import expect

from pywebio.output import (put_button, put_buttons, put_code, put_column, put_error, put_grid, put_html,
                            put_info, put_loading, put_markdown, put_processbar, put_progressbar, put_row,
                            put_success, put_table, put_tabs, put_text, put_warning, put_widget,
                            set_processbar, set_progressbar, span)
from pywebio.session import hold


def box(locator):
    return locator.bounding_box()


def test_row_and_column_place_items_side_by_side_and_stacked(serve_app, page):
    def task():
        put_row([put_text('left'), None, put_text('right')])
        put_column([put_text('top'), None, put_text('bottom')])
        put_row([put_code('A'), None, put_code('B')], size='40% 10px 60%')
        put_row([put_text('auto'), put_text('rest')], size='auto 1fr')
        put_text('after')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('after')).to_be_visible()
    left, right = box(page.get_by_text('left', exact=True)), box(page.get_by_text('right', exact=True))
    assert abs(left['y'] - right['y']) < 1 and right['x'] >= left['x'] + left['width'] + 10 - 1
    # equal shares on each side of a 10px gap
    assert abs(left['width'] - right['width']) < 2

    top, bottom = box(page.get_by_text('top', exact=True)), box(page.get_by_text('bottom', exact=True))
    assert abs(top['x'] - bottom['x']) < 1 and bottom['y'] >= top['y'] + top['height'] + 10 - 1

    row = page.locator('.pywebio-row').nth(1)
    a, b = box(row.locator('pre').first), box(row.locator('pre').last)
    total = box(row)['width']
    assert abs(a['width'] - 0.4 * total) < 2 and abs(b['width'] - 0.6 * total) < 2

    auto, rest = box(page.get_by_text('auto', exact=True)), box(page.get_by_text('rest', exact=True))
    assert auto['width'] < rest['width']
    # the items were moved into the layouts: each exists once, and the rows come before 'after'
    expect(page.get_by_text('left', exact=True)).to_have_count(1)
    assert box(page.get_by_text('after'))['y'] > auto['y']


def test_grid_and_spans(serve_app, page):
    def task():
        put_grid([
            [put_text('A'), put_text('B'), put_text('C')],
            [None, span(put_text('D'), col=2, row=1)],
            [put_text('E'), put_text('F'), put_text('G')],
        ], cell_width='100px', cell_height='50px')
        put_table([
            ['C'],
            [span('E', col=2)],
        ], header=[span('A', row=2), 'B'])
        put_text('after')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('after')).to_be_visible()
    grid = page.locator('.pywebio-grid')
    a, b, e = (box(grid.get_by_text(name, exact=True)) for name in 'ABE')
    assert abs(a['y'] - b['y']) < 1 and abs(b['x'] - a['x'] - 100) < 1
    assert abs(e['y'] - a['y'] - 100) < 1 and abs(e['x'] - a['x']) < 1
    d_cell = page.locator('.pywebio-grid-cell').filter(has_text='D')
    assert abs(box(d_cell)['width'] - 200) < 1 and abs(box(d_cell)['x'] - b['x']) < 1

    table = page.get_by_role('table')
    expect(table.get_by_role('columnheader', name='A')).to_have_attribute('rowspan', '2')
    expect(table.get_by_role('cell', name='E')).to_have_attribute('colspan', '2')


def test_tabs_switch_by_click_and_arrow_keys(serve_app, page):
    def task():
        put_tabs([
            {'title': 'Text', 'content': 'Hello <b>world</b>'},
            {'title': 'Markdown', 'content': put_markdown('~~Strikethrough~~')},
            {'title': '<b>More</b>', 'content': [put_text('one'), put_text('two')]},
        ])
        hold()

    page.goto(serve_app(task).url)
    tabs = page.get_by_role('tab')
    expect(tabs).to_have_text(['Text', 'Markdown', '<b>More</b>'])  # titles and strings are text
    expect(page.get_by_role('tablist')).to_be_visible()
    first = page.get_by_role('tab', name='Text')
    expect(first).to_have_attribute('aria-selected', 'true')
    expect(page.get_by_role('tabpanel', name='Text')).to_have_text('Hello <b>world</b>')
    expect(page.get_by_role('tabpanel')).to_have_count(1)  # the others are hidden

    page.get_by_role('tab', name='Markdown').click()
    expect(page.get_by_role('tab', name='Markdown')).to_have_attribute('aria-selected', 'true')
    expect(first).to_have_attribute('aria-selected', 'false')
    expect(page.get_by_role('tabpanel', name='Markdown').get_by_role('deletion')).to_have_text('Strikethrough')

    page.keyboard.press('ArrowRight')
    more = page.get_by_role('tab', name='<b>More</b>')
    expect(more).to_be_focused()
    expect(more).to_have_attribute('aria-selected', 'true')
    expect(more).to_have_attribute('tabindex', '0')
    expect(first).to_have_attribute('tabindex', '-1')
    panel = page.get_by_role('tabpanel', name='<b>More</b>')
    expect(panel).to_contain_text('one')
    assert more.get_attribute('aria-controls') == panel.get_attribute('id')
    page.keyboard.press('ArrowRight')  # wraps around
    expect(first).to_be_focused()
    page.keyboard.press('End')
    expect(more).to_be_focused()
    page.keyboard.press('Home')
    expect(first).to_have_attribute('aria-selected', 'true')
    page.keyboard.press('ArrowLeft')
    expect(more).to_have_attribute('aria-selected', 'true')


def test_widget_renders_data_outputs_and_escapes_values(serve_app, page):
    tpl = '''
    <details {{#open}}open{{/open}}>
        <summary>{{title}}</summary>
        {{#contents}}
            {{& pywebio_output_parse}}
        {{/contents}}
    </details>
    <p class="extra">{{#nested.inner}}{{& pywebio_output_parse}}{{/nested.inner}}</p>'''

    def task():
        put_widget(tpl, {
            'open': True,
            'title': 'Title <b>bold?</b>',
            'contents': ['plain <i>text</i>', put_markdown('~~Strikethrough~~'), put_table([['x', 'y']])],
            'nested': {'inner': put_text('deep')},
            'unused': put_text('never shown'),
        })
        put_text('after')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('after')).to_be_visible()
    details = page.locator('.pywebio-widget details')
    expect(details.locator('summary')).to_have_text('Title <b>bold?</b>')
    expect(page.locator('.pywebio-widget b')).to_have_count(0)
    expect(details).to_contain_text('plain <i>text</i>')
    expect(details.get_by_role('deletion')).to_have_text('Strikethrough')
    expect(details.get_by_role('columnheader', name='y')).to_be_visible()
    expect(page.locator('.pywebio-widget .extra')).to_have_text('deep')
    expect(page.get_by_text('never shown')).to_have_count(0)


def test_progressbar_updates_and_auto_closes(serve_app, page):
    steps = queue.Queue()

    def task():
        put_progressbar('bar', label='<b>start</b>')
        put_processbar('closing', 0.2, auto_close=True)
        for value in steps.get():
            set_progressbar('bar', value)
        set_processbar('closing', 1)
        hold()

    page.goto(serve_app(task).url)
    bars = page.get_by_role('progressbar')
    expect(bars).to_have_count(2)
    bar = bars.first
    expect(bar).to_have_text('<b>start</b>')
    expect(bar).to_have_attribute('aria-valuenow', '0')
    expect(bar).to_have_attribute('aria-valuemin', '0')
    expect(bar).to_have_attribute('aria-valuemax', '1')
    expect(bars.last).to_have_text('20.0%')
    steps.put([0.25, 0.5])
    expect(bar).to_have_attribute('aria-valuenow', '0.5')
    expect(bar).to_have_text('50.0%')
    expect(bars).to_have_count(1)  # the auto_close one is gone at 1


def test_loading_spinner_and_its_with_block(serve_app, page):
    release = queue.Queue()

    def task():
        put_loading(shape='grow', color='primary')
        with put_loading():
            put_text('inside')
            release.get()
        put_text('done')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_role('status')).to_have_count(2)
    expect(page.get_by_role('status').first).to_have_text('Loading...')
    expect(page.locator('.spinner-grow.text-primary')).to_have_count(1)
    release.put(True)
    expect(page.get_by_text('done')).to_be_visible()
    expect(page.locator('.spinner-border')).to_have_count(0)
    expect(page.locator('.spinner-grow')).to_have_count(1)


def test_alerts_show_text_and_outputs_and_close(serve_app, page):
    def task():
        put_info('Info <b>text</b>', put_markdown('**strong**'), closable=True)
        put_success('Success')
        put_warning('Warning', closable=True)
        put_error('Error')
        hold()

    page.goto(serve_app(task).url)
    info = page.locator('.alert-info')
    expect(info).to_contain_text('Info <b>text</b>')
    expect(info.locator('strong')).to_have_text('strong')
    expect(page.get_by_role('alert')).to_have_count(2)  # the warning and the error
    expect(page.locator('.alert-success')).to_have_text('Success')
    info.get_by_role('button', name='Close').click()
    expect(page.locator('.alert-info')).to_have_count(0)
    page.locator('.alert-warning').get_by_role('button', name='Close').click()
    expect(page.get_by_role('alert')).to_have_count(1)
    expect(page.locator('.btn-close')).to_have_count(0)


def test_alert_close_button_speaks_chinese(serve_app, new_page):
    def task():
        put_error('出错了', closable=True)
        hold()

    page = new_page(locale='zh-CN')
    page.goto(serve_app(task).url)
    page.get_by_role('button', name='关闭').click()
    expect(page.get_by_role('alert')).to_have_count(0)


def test_buttons_call_back_with_their_values(serve_app, page):
    def task():
        put_button('Single <b>', onclick=lambda: put_text('single clicked'), color='success', outline=True)
        put_button('Off', onclick=lambda: put_text('off clicked'), disabled=True)
        put_buttons([dict(label='Save', value='save-value', color='success'),
                     dict(label='Delete', value='delete-value', color='danger', disabled=True),
                     ('Pair', 3)],
                    onclick=lambda value: put_text('got %r' % (value,)), group=True, small=True)
        put_buttons(['Nothing'], onclick=None)
        hold()

    page.goto(serve_app(task).url)
    single = page.get_by_role('button', name='Single <b>')
    expect(single).to_have_class('btn btn-outline-success')
    single.click()
    expect(page.get_by_text('single clicked')).to_be_visible()

    expect(page.get_by_role('button', name='Off')).to_be_disabled()
    expect(page.get_by_role('button', name='Delete')).to_be_disabled()
    page.get_by_role('button', name='Off').click(force=True)
    page.get_by_role('button', name='Delete').click(force=True)
    page.get_by_role('button', name='Save').click()
    expect(page.get_by_text("got 'save-value'")).to_be_visible()
    page.get_by_role('button', name='Pair').click()
    expect(page.get_by_text('got 3')).to_be_visible()
    page.get_by_role('button', name='Nothing').click()
    put_marker = page.get_by_text('got ')
    expect(put_marker).to_have_count(2)
    expect(page.get_by_text('off clicked')).to_have_count(0)
    expect(page.get_by_text("got 'delete-value'")).to_have_count(0)
    expect(page.get_by_role('group').filter(has_text='Save')).to_have_class('pywebio-buttons-group btn-group')


def test_html_sanitize_and_code_rows(serve_app, page):
    def task():
        put_html('<b>trusted</b><img src="x" onerror="document.title=\'hacked\'">', sanitize=True)
        put_code('\n'.join('line %d' % i for i in range(40)), rows=5)
        put_markdown('*md*', options={'breaks': True})
        put_text('after')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('after')).to_be_visible()
    expect(page.locator('.pywebio-html b')).to_have_text('trusted')
    assert page.locator('.pywebio-html img').get_attribute('onerror') is None
    code = page.locator('pre.pywebio-code')
    height = box(code)['height']
    line = box(page.locator('.pywebio-markdown em'))['height']
    assert height < 12 * line  # about 5 lines, not 40
    assert code.evaluate('e => e.scrollHeight > e.clientHeight')
    assert page.title() != 'hacked'


def test_1x_internal_put_message_for_add_ons(serve_app, page):
    """pywebio_battery's file_picker: ``_put_message(color='secondary', contents=[...])``."""
    from pywebio.output import _put_message

    def task():
        _put_message(color='secondary', contents=['Pick a file', put_markdown('`/tmp`')], closable=True)
        hold()

    page.goto(serve_app(task).url)
    message = page.get_by_role('status').filter(has_text='Pick a file')
    expect(message).to_have_class(re.compile(r'\balert-secondary\b'))
    expect(message.locator('code')).to_have_text('/tmp')
    message.get_by_role('button', name='Close').click()
    expect(message).to_have_count(0)

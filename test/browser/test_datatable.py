"""put_datatable in Chromium: AG Grid shows the records, sorts, filters and selects; callbacks get
the right row ids; datatable_update/_insert/_remove change the rows; nested fields are column
groups; every theme loads; JSFunction runs; all of it offline, and a page without a data table
loads nothing of the grid. The last tests are the protocol's (no browser): events a browser did
not send close the session, a click racing a removal is dropped."""
import asyncio

import pytest
from playwright.sync_api import expect

import pywebio
from pywebio import get_api
from pywebio.input import input
from pywebio.output import (JSFunction, datatable_insert, datatable_remove, datatable_update, put_buttons,
                            put_datatable, put_row, put_scope, put_tabs, put_text, remove, toast, use_scope)
from pywebio.session import eval_js, hold

PEOPLE = [
    {'name': 'Ann', 'age': 31, 'address': {'city': 'Oslo', 'zip': '0150'}},
    {'name': 'Bob', 'age': 25, 'address': {'city': 'Rome', 'zip': '00118'}},
    {'name': 'Cid', 'age': 47, 'address': {'city': 'Lima', 'zip': '15001'}},
]


@pytest.fixture
def page(page):
    """The page; the test fails if the page logs a warning or an error (AG Grid warns about
    options it does not know, for one)."""
    logged = []
    page.on('console', lambda message: message.type in ('warning', 'error') and logged.append(message.text))
    page.on('pageerror', lambda error: logged.append(str(error)))
    yield page
    assert logged == []


@pytest.fixture(params=['guide', '1.x'])
def api(request):
    """Each meaning, chosen explicitly: a program that calls put_datatable, a 1.x name, gets 1.x's."""
    pywebio.set_api(request.param)
    yield request.param
    pywebio.set_api(None)


def open_app(serve_app, page, task, ready='ready'):
    """Open the app and wait for the text ``ready``; returns the URLs the page asked for."""
    asked = []
    page.on('request', lambda request: asked.append(request.url))
    page.goto(serve_app(task).url)
    expect(page.get_by_text(ready, exact=True)).to_be_visible()
    return asked


def body_rows(page):
    """The grid's rows of data (not its header rows), in the order shown."""
    return page.get_by_role('row').filter(has=page.get_by_role('gridcell'))


def test_the_grid_shows_the_records_with_nested_fields_as_column_groups_offline(serve_app, offline):
    def task():
        put_datatable(PEOPLE)
        put_text('ready')
        hold()

    page = offline
    asked = open_app(serve_app, page, task)
    expect(page.get_by_role('grid')).to_be_visible()
    expect(body_rows(page)).to_have_count(3)
    expect(body_rows(page).first).to_contain_text('Ann')
    for text in ('Oslo', '0150', '25', 'Lima'):
        expect(page.get_by_role('gridcell', name=text, exact=True)).to_be_visible()
    for name in ('Name', 'Age', 'Address', 'City', 'Zip'):
        expect(page.get_by_role('columnheader', name=name, exact=True)).to_be_visible()
    # 'Address' is a group over City and Zip
    group = page.get_by_role('columnheader', name='Address', exact=True).bounding_box()
    city = page.get_by_role('columnheader', name='City', exact=True).bounding_box()
    zip_ = page.get_by_role('columnheader', name='Zip', exact=True).bounding_box()
    assert group['y'] + group['height'] <= city['y'] + 1
    assert abs(group['x'] - city['x']) < 2 and abs((group['x'] + group['width']) - (zip_['x'] + zip_['width'])) < 2
    assert [url for url in asked if '/chunks/datatable_grid-' in url]
    assert [url for url in asked if url.endswith('/css/datatable.css')]
    assert [url for url in asked if url.endswith('/css/datatable-balham.css')]


def test_keys_and_values_are_shown_as_text_never_as_html(serve_app, page):
    attack = '<img src=x onerror="document.title = \'pwned\'">'

    def task():
        put_datatable([{'<b>name</b>': attack, 'note': {'<i>x</i>': attack}}])
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    expect(page.get_by_role('columnheader', name='<b>name</b>')).to_be_visible()
    expect(page.get_by_role('columnheader', name='<i>x</i>')).to_be_visible()
    expect(page.get_by_role('gridcell', name=attack)).to_have_count(2)
    page.get_by_role('gridcell', name=attack).first.click()
    expect(page.get_by_text(attack, exact=True)).to_have_count(3)  # the cell content bar too
    assert page.title() != 'pwned'
    expect(page.get_by_role('img')).to_have_count(0)


def test_a_page_without_a_datatable_loads_nothing_of_the_grid(serve_app, offline):
    def task():
        put_text('ready')
        hold()

    page = offline
    asked = open_app(serve_app, page, task)
    assert not [url for url in asked if 'datatable' in url], asked


def test_clicking_a_header_sorts_and_the_column_menu_filters(serve_app, page):
    def task():
        put_datatable(PEOPLE)
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    rows = body_rows(page)
    expect(rows).to_contain_text(['Ann', 'Bob', 'Cid'])
    page.get_by_role('columnheader', name='Age').click()
    expect(rows).to_contain_text(['Bob', 'Ann', 'Cid'])  # 25, 31, 47
    expect(page.get_by_role('columnheader', name='Age')).to_have_attribute('aria-sort', 'ascending')
    page.get_by_role('columnheader', name='Age').click()
    expect(rows).to_contain_text(['Cid', 'Ann', 'Bob'])
    # the column menu, from the keyboard (Ctrl+Enter on a header): its filter
    page.get_by_role('columnheader', name='City').focus()
    page.keyboard.press('Control+Enter')
    page.get_by_label('Filter Value').first.fill('o')  # 'contains': Oslo, Rome
    expect(rows).to_have_count(2)
    expect(rows).to_contain_text(['Ann', 'Bob'])


def test_onselect_and_actions_get_the_positions_of_the_selected_rows(serve_app, page):
    def task():
        put_datatable(PEOPLE, actions=[('Greet', lambda row: put_text('greet %r' % row)), None,
                                       ('Drop', lambda row: put_text('drop %r' % row))],
                      onselect=lambda row: put_text('selected %r' % row))
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    actions = page.get_by_role('group', name='Actions for the selected rows')
    expect(actions).to_be_hidden()  # nothing selected
    page.get_by_role('columnheader', name='Age').click()  # sorted: the ids stay the records' positions
    page.get_by_role('gridcell', name='Cid', exact=True).click()
    expect(page.get_by_text('selected 2', exact=True)).to_be_visible()
    expect(page.get_by_role('status').filter(has_text='1 row selected')).to_be_visible()
    actions.get_by_role('button', name='Drop').click()
    expect(page.get_by_text('drop 2', exact=True)).to_be_visible()
    page.get_by_role('gridcell', name='Bob', exact=True).click()  # single selection: Bob instead
    expect(page.get_by_text('selected 1', exact=True)).to_be_visible()
    expect(actions.get_by_role('separator')).to_have_count(1)
    actions.get_by_role('button', name='Greet').click()
    expect(page.get_by_text('greet 1', exact=True)).to_be_visible()
    page.get_by_role('button', name='Unselect').click()
    expect(actions).to_be_hidden()
    expect(page.get_by_role('status').filter(has_text='0 rows selected')).to_be_visible()


def test_multiple_select_with_an_id_field_of_a_nested_dict_gives_lists_of_string_ids(serve_app, page):
    records = [{'user': {'id': 10 + i, 'name': name}, 'score': i} for i, name in enumerate(['Ann', 'Bob', 'Cid'])]

    def task():
        put_datatable(records, id_field=('user', 'id'), multiple_select=True,
                      actions=[('Mail', lambda rows: put_text('mail %r' % (rows,)))],
                      onselect=lambda rows: put_text('selected %r' % (rows,)))
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    page.get_by_role('gridcell', name='Ann', exact=True).click()
    expect(page.get_by_text("selected ['10']", exact=True)).to_be_visible()
    page.get_by_role('gridcell', name='Cid', exact=True).click()  # a click adds a row
    expect(page.get_by_text("selected ['10', '12']", exact=True)).to_be_visible()
    expect(page.get_by_role('status').filter(has_text='2 rows selected')).to_be_visible()
    page.get_by_role('button', name='Mail').click()
    expect(page.get_by_text("mail ['10', '12']", exact=True)).to_be_visible()


def test_update_insert_and_remove_change_the_rows_shown(serve_app, page, api):
    def task():
        put_datatable(PEOPLE, instance_id='people', onselect=lambda row: put_text('selected %r' % row))
        put_buttons(['cell', 'row', 'insert', 'insert before', 'remove', 'all'], onclick=[
            lambda: datatable_update('people', 'Bergen', row_id=0, field=('address', 'city')),
            lambda: datatable_update('people', {'name': 'Bo', 'age': 26, 'address': {'city': 'Pisa'}}, row_id=1),
            lambda: datatable_insert('people', [{'name': 'Dan', 'age': 19}, {'name': 'Eve', 'age': 52}]),
            lambda: datatable_insert('people', {'name': 'Fay', 'age': 33}, row_id=1),
            lambda: datatable_remove('people', [0, 2]),
            lambda: datatable_update('people', [{'name': 'Gus', 'age': 60}]),
        ])
        put_text('meaning %s' % get_api())
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    expect(page.get_by_text('meaning %s' % api)).to_be_visible()
    rows = body_rows(page)
    page.get_by_role('button', name='cell').click()
    expect(page.get_by_role('gridcell', name='Bergen', exact=True)).to_be_visible()
    expect(page.get_by_role('gridcell', name='Oslo', exact=True)).to_have_count(0)
    page.get_by_role('button', name='row', exact=True).click()
    expect(rows.nth(1)).to_contain_text('Bo26Pisa')
    expect(page.get_by_role('gridcell', name='00118')).to_have_count(0)  # the whole record was replaced
    page.get_by_role('button', name='insert', exact=True).click()
    expect(rows).to_contain_text(['Ann', 'Bo', 'Cid', 'Dan', 'Eve'])
    page.get_by_role('button', name='insert before').click()
    expect(rows).to_contain_text(['Ann', 'Fay', 'Bo', 'Cid', 'Dan', 'Eve'])
    page.get_by_role('gridcell', name='Fay', exact=True).click()  # inserted rows take the next ids: 3, 4, then 5
    expect(page.get_by_text('selected 5', exact=True)).to_be_visible()
    page.get_by_role('button', name='remove').click()
    expect(rows).to_contain_text(['Fay', 'Bo', 'Dan', 'Eve'])
    page.get_by_role('gridcell', name='Dan', exact=True).click()
    expect(page.get_by_text('selected 3', exact=True)).to_be_visible()
    page.get_by_role('button', name='all').click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(['Gus60'])
    page.get_by_role('gridcell', name='Gus', exact=True).click()  # numbered from 0 again
    expect(page.get_by_text('selected 0', exact=True)).to_be_visible()


def test_changes_sent_with_the_table_wait_for_its_grid(serve_app, page):
    def task():
        put_datatable(PEOPLE, instance_id='t', id_field='name')
        datatable_remove('t', 'Ann')
        datatable_insert('t', {'name': 'Ann', 'age': 1})  # the same id again: a new row
        datatable_insert('t', {'name': 'Bob', 'age': 2})  # Bob is there: skipped
        datatable_update('t', 99, row_id='Cid', field='age')
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    expect(body_rows(page)).to_contain_text(['Bob25', 'Cid99', 'Ann1'])
    expect(body_rows(page)).to_have_count(3)


def test_themes_load_their_own_stylesheets(serve_app, page):
    themes = ['alpine', 'alpine-dark', 'balham', 'balham-dark', 'material']

    def task():
        for theme in themes:
            put_datatable(PEOPLE[:1], theme=theme, height=120)
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    expect(page.get_by_role('gridcell', name='Ann', exact=True)).to_have_count(5)
    cells = page.get_by_role('gridcell', name='Ann', exact=True)
    heights = [round(cells.nth(index).bounding_box()['height']) for index in range(5)]
    light_text = [cells.nth(index).evaluate(
        'e => getComputedStyle(e).color.match(/\\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b) > 450')
        for index in range(5)]
    # each theme's own row height (42, 28 and 48 pixels, a cell 1 less: the row's border), and
    # light text on the dark ones
    assert heights == [41, 41, 27, 27, 47]
    assert light_text == [False, True, False, True, False]


def test_a_jsfunction_renders_cells_and_handles_grid_events(serve_app, page):
    def task():
        euros = JSFunction('params', 'return "€ " + params.value.toFixed(2)')
        clicked = JSFunction('event', body='document.title = "clicked " + event.rowIndex')
        put_datatable([{'item': 'tea', 'price': 4.5}, {'item': 'cake', 'price': 12}],
                      column_args={'price': {'cellRenderer': euros}}, grid_args={'onRowClicked': clicked})
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    expect(page.get_by_role('gridcell', name='€ 4.50')).to_be_visible()
    expect(page.get_by_role('gridcell', name='€ 12.00')).to_be_visible()
    page.get_by_role('gridcell', name='cake').click()
    expect(page).to_have_title('clicked 1')


def test_cell_content_bar_auto_height_and_1_8s_javascript_interface(serve_app, page):
    long_text = 'a long note ' * 20

    def task():
        put_datatable([{'id': 'x', 'note': long_text.strip()}, {'id': 'y', 'note': 'short'}], height='auto',
                      instance_id='notes', column_args={'note': {'width': 120}})
        put_text('ready')
        put_text('rows %r' % eval_js('ag_grid_notes_promise.then(grid => grid.api.getDisplayedRowCount())'))
        put_text('field %r' % eval_js('ag_grid_notes_promise.then(grid => grid.path2field(["a", "bc"]))'))
        hold()

    open_app(serve_app, page, task)
    expect(page.get_by_text('rows 2')).to_be_visible()
    expect(page.get_by_text("field 'abc_1_2_2'")).to_be_visible()
    grid = page.get_by_role('grid')
    assert grid.bounding_box()['height'] < 200  # as tall as its two rows
    note = page.get_by_text(long_text.strip(), exact=True)
    expect(note).to_have_count(1)  # the cell, cut to its 120 pixels
    note.click()
    expect(note).to_have_count(2)  # and, whole, the bar under the grid
    assert note.nth(1).bounding_box()['width'] > 2 * note.nth(0).bounding_box()['width']


def test_a_datatable_is_a_normal_output_in_scopes_rows_and_tabs(serve_app, page):
    def task():
        put_scope('place')
        with use_scope('place'):
            put_datatable(PEOPLE[:1], height=150)
        put_row([put_datatable(PEOPLE[1:2], height=150), put_text('beside')])
        put_tabs([{'title': 'First', 'content': 'first tab'},
                  {'title': 'Grid', 'content': put_datatable(PEOPLE[2:], height=150)}])
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    expect(page.get_by_role('gridcell', name='Ann', exact=True)).to_be_visible()
    bob = page.get_by_role('gridcell', name='Bob', exact=True)
    expect(bob).to_be_visible()
    assert abs(bob.bounding_box()['y'] - page.get_by_text('beside').bounding_box()['y']) < 150
    page.get_by_role('tab', name='Grid').click()
    expect(page.get_by_role('gridcell', name='Cid', exact=True)).to_be_visible()
    # a grid hidden in a tab fits its columns once shown: they fill the grid's width
    panel = page.get_by_role('tabpanel', name='Grid')
    header = panel.get_by_role('columnheader', name='Zip', exact=True)
    page.wait_for_function('([header, panel]) => header.getBoundingClientRect().right > '
                           'panel.getBoundingClientRect().right - 40', arg=[header.element_handle(),
                                                                            panel.element_handle()])


def test_removing_a_datatable_lets_its_grid_go(serve_app, page):
    def task():
        put_scope('place')
        with use_scope('place'):
            put_datatable(PEOPLE, instance_id='gone', height=150)
        put_buttons(['remove'], onclick=[lambda: remove('place')])
        put_text('ready')
        hold()

    open_app(serve_app, page, task)
    expect(page.get_by_role('gridcell', name='Ann', exact=True)).to_be_visible()
    assert page.evaluate('typeof window.ag_grid_gone_promise') == 'object'
    page.get_by_role('button', name='remove').click()
    expect(page.get_by_role('grid')).to_have_count(0)
    page.wait_for_function('typeof window.ag_grid_gone_promise === "undefined"')  # the grid was destroyed


def test_a_coroutine_session_puts_a_datatable_and_runs_async_callbacks(serve_app, page):
    async def task():
        async def chosen(row):
            await asyncio.sleep(0)
            put_text('async selected %r' % row)

        put_datatable(PEOPLE, onselect=chosen, instance_id='c')
        datatable_update('c', 'Turin', row_id=1, field=('address', 'city'))
        put_text('ready')
        await hold()

    open_app(serve_app, page, task)
    page.get_by_role('gridcell', name='Turin', exact=True).click()
    expect(page.get_by_text('async selected 1', exact=True)).to_be_visible()


def upstream_18_example():
    """PyWebIO 1.8's put_datatable example (its docs), with 30 people made here instead of fetched
    from fakerapi.it: the same calls, unchanged."""
    data = [{'id': i, 'firstname': 'First%d' % i, 'lastname': 'Last%d' % i, 'email': 'person%d@example.com' % i,
             'phone': '+1-555-01%02d' % i, 'birthday': '1990-01-%02d' % (i % 28 + 1),
             'gender': 'female' if i % 2 else 'male',
             'address': {'id': i, 'street': '%d Main St' % i, 'city': 'City%d' % i, 'zipcode': '%05d' % i,
                         'country': 'Norway', 'latitude': 59.9 + i / 100, 'longitude': 10.7 + i / 100},
             'website': 'http://example.com/%d' % i, 'image': 'http://placeimg.com/640/480/people?%d' % i}
            for i in range(30)]

    put_datatable(
        data,
        actions=[
            ("Edit Email", lambda row_id: datatable_update('user', input("Email"), row_id, "email")),
            ("Insert a Row", lambda row_id: datatable_insert('user', data[0], row_id)),
            None,  # separator
            ("Delete", lambda row_id: datatable_remove('user', row_id)),
        ],
        onselect=lambda row_id: toast(f'Selected row: {row_id}'),
        instance_id='user'
    )
    put_text('ready')


def test_the_upstream_1_8_example_runs_unchanged(serve_app, offline):
    page = offline
    open_app(serve_app, page, upstream_18_example)
    expect(page.get_by_role('columnheader', name='Firstname')).to_be_visible()
    expect(page.get_by_role('columnheader', name='Address', exact=True)).to_be_visible()
    expect(page.get_by_role('columnheader', name='Zipcode')).to_be_visible()
    page.get_by_role('gridcell', name='person2@example.com').click()
    expect(page.get_by_text('Selected row: 2')).to_be_visible()
    page.get_by_role('button', name='Edit Email').click()
    page.get_by_label('Email').fill('new@example.com')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_role('gridcell', name='new@example.com')).to_be_visible()
    expect(page.get_by_role('gridcell', name='person2@example.com')).to_have_count(0)
    page.get_by_role('button', name='Insert a Row').click()  # a copy of row 0, before row 2
    expect(page.get_by_role('gridcell', name='person0@example.com')).to_have_count(2)
    page.get_by_role('button', name='Delete').click()
    expect(page.get_by_role('gridcell', name='new@example.com')).to_have_count(0)


# -- the protocol: what the browser sends is checked (no browser) ----------------------------------

def selection_task(results, **options):
    """A table whose onselect and action 'Go' note their row ids in ``results`` and on the page."""
    def noting(kind):
        def note(row):
            results.append((kind, row))
            put_text('%s %r' % (kind, row))
        return note

    def task():
        put_datatable(PEOPLE, onselect=noting('select'), actions=[('Go', noting('go')), None], instance_id='t',
                      **options)
        put_text('ready')
        hold()
    return task


def datatable_callback(client):
    return client.expect('output', where=lambda c: c['spec']['type'] == 'datatable')['spec']['callback_id']


def test_genuine_events_run_the_callbacks_and_a_click_racing_a_removal_is_dropped(serve_app):
    results = []

    def removing():
        put_datatable(PEOPLE, onselect=lambda row: results.append(('select', row)), instance_id='t')
        datatable_remove('t', 1)
        put_buttons(['more'], onclick=[lambda: put_text('more')])
        hold()

    def replacing():
        put_datatable(PEOPLE, onselect=lambda row: results.append(('select', row)), instance_id='t')
        datatable_update('t', PEOPLE[:2])  # rows 0 and 1 again; 2 is gone
        put_buttons(['more'], onclick=[lambda: put_text('more')])
        hold()

    with serve_app(selection_task(results)).connect() as client:
        callback_id = datatable_callback(client)
        client.send({'event': 'callback', 'task_id': callback_id, 'data': {'rows': [2]}})
        client.send({'event': 'callback', 'task_id': callback_id, 'data': {'action': 0, 'rows': [1]}})
        client.expect('output', where=lambda c: c['spec'].get('content') == 'go 1')
    for changing, gone, kept in ((removing, 1, 0), (replacing, 2, 1)):
        with serve_app(changing).connect() as client:
            callback_id = datatable_callback(client)
            client.send({'event': 'callback', 'task_id': callback_id, 'data': {'rows': [gone]}})  # dropped
            client.send({'event': 'callback', 'task_id': callback_id, 'data': {'rows': [kept]}})
            buttons = client.expect('output', where=lambda c: c['spec']['type'] == 'buttons')
            client.send({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': 0})
            client.expect('output', where=lambda c: c['spec'].get('content') == 'more')
            assert client.close_code is None
    assert results == [('select', 2), ('go', 1), ('select', 0), ('select', 1)]


@pytest.mark.parametrize('data', [
    {'rows': [3]},                  # a row the table never had
    {'rows': [-1]},
    {'rows': []},
    {'rows': [0, 1]},               # two rows without multiple_select
    {'rows': ['0']},                # a string id of a table without id_field
    {'rows': [True]},
    {'rows': 0},
    {'action': 1, 'rows': [0]},     # a separator
    {'action': 5, 'rows': [0]},
    {'action': '0', 'rows': [0]},
    {'action': 0},
    {'rows': [0], 'more': 1},
    None, [], 'rows', 0,
])
def test_forged_datatable_events_close_the_session_only(serve_app, data):
    results = []
    server = serve_app(selection_task(results))
    with server.connect() as other:
        other_id = datatable_callback(other)
        with server.connect() as client:
            client.send({'event': 'callback', 'task_id': datatable_callback(client), 'data': data})
            assert client.wait_closed() == 1003
        other.send({'event': 'callback', 'task_id': other_id, 'data': {'rows': [0]}})
        other.expect('output', where=lambda c: c['spec'].get('content') == 'select 0')
        assert other.close_code is None
    assert results == [('select', 0)]


def test_an_unknown_id_of_an_id_field_table_is_dropped_and_repeats_are_refused(serve_app):
    results = []
    with serve_app(selection_task(results, id_field='name', multiple_select=True)).connect() as client:
        callback_id = datatable_callback(client)
        client.send({'event': 'callback', 'task_id': callback_id, 'data': {'rows': ['Zed']}})  # dropped
        client.send({'event': 'callback', 'task_id': callback_id, 'data': {'rows': ['Bob', 'Ann']}})
        client.expect('output', where=lambda c: c['spec'].get('content') == "select ['Bob', 'Ann']")
        client.send({'event': 'callback', 'task_id': callback_id, 'data': {'rows': ['Bob', 'Bob']}})
        assert client.wait_closed() == 1003
    assert results == [('select', ['Bob', 'Ann'])]


def test_the_records_travel_once_per_column_and_the_output_keeps_none(serve_app):
    kept = []

    def task():
        kept.append(put_datatable(PEOPLE))
        hold()

    with serve_app(task).connect() as client:
        spec = client.expect('output', where=lambda c: c['spec']['type'] == 'datatable')['spec']
    assert spec['columns'] == [['name'], ['age'], ['address', 'city'], ['address', 'zip']]
    assert spec['rows'][1] == ['Bob', 25, 'Rome', '00118']
    assert 'rows' not in kept[0].spec and kept[0].spec['columns'] == spec['columns']

"""1.x layout and widget outputs: wrong arguments raise at once, naming the argument; specs are right."""
import pytest

from pywebio.output import (put_button, put_buttons, put_code, put_column, put_error, put_grid, put_html,
                            put_info, put_loading, put_markdown, put_processbar, put_progressbar, put_row,
                            put_tabs, put_text, put_widget, set_processbar, set_progressbar, span)


@pytest.mark.parametrize('call, error, message', [
    (lambda: put_row('abc'), TypeError, 'put_row(): content must be a list'),
    (lambda: put_row([None, None, 5]), TypeError, 'put_row(): item 2 is 5; give the result of a put_* function'),
    (lambda: put_column(['text']), TypeError, 'wrap text in put_text'),
    (lambda: put_row([], size='1fr; color: red'), ValueError, 'put_row(): size must be CSS grid sizes'),
    (lambda: put_row([], size=3), ValueError, 'size must be CSS grid sizes'),
    (lambda: put_grid([]), TypeError, 'put_grid(): content must be a non-empty list of rows'),
    (lambda: put_grid([[None]], direction='diagonal'), ValueError, "direction must be 'row' or 'column'"),
    (lambda: put_grid(['row']), TypeError, 'put_grid(): row 0 is'),
    (lambda: put_grid([[None, 'x']]), TypeError, 'put_grid(): cell [0][1] is'),
    (lambda: put_grid([[None]], cell_width='}'), ValueError, 'cell_width must be CSS grid sizes'),
    (lambda: span('x', row=0), ValueError, 'span(): row must be a number of rows'),
    (lambda: span('x', col=True), ValueError, 'span(): col must be a number of columns'),
    (lambda: put_tabs([]), TypeError, 'put_tabs(): tabs must be a non-empty list'),
    (lambda: put_tabs([{'title': 'a'}]), TypeError, 'put_tabs(): tab 0 is'),
    (lambda: put_tabs([{'title': None, 'content': 'x'}]), TypeError, 'the title of tab 0 must be a string'),
    (lambda: put_tabs([{'title': 't', 'content': [object()]}]), TypeError, 'tab 0 content item 0'),
    (lambda: put_widget(None, {}), TypeError, 'put_widget(): template must be a string'),
    (lambda: put_widget('', []), TypeError, 'put_widget(): data must be a dict'),
    (lambda: put_widget('', {'a': [object()]}), TypeError, "put_widget(): data['a'][0] is"),
    (lambda: put_widget('', {1: 'x'}), TypeError, 'keys of data must be strings'),
    (lambda: put_loading(shape='square'), ValueError, "put_loading(): shape must be 'border' or 'grow'"),
    (lambda: put_loading(color='red'), ValueError, "put_loading(): color must be one of 'primary'"),
    (lambda: put_progressbar(''), TypeError, 'put_progressbar(): name must be a non-empty string'),
    (lambda: put_progressbar('b', init='half'), TypeError, 'put_progressbar(): init must be a number from 0 to 1'),
    (lambda: put_progressbar('b', label=[3]), TypeError, 'label must be a string or a number'),
    (lambda: set_progressbar('b', None), TypeError, 'set_progressbar(): value must be a number'),
    (lambda: put_button(None, onclick=None), TypeError, 'put_button(): label must be a string'),
    (lambda: put_button('a', onclick='x'), TypeError, 'put_button(): onclick must be a function'),
    (lambda: put_button('a', None, color='red'), ValueError, "put_button(): color must be one of"),
    (lambda: put_buttons([dict(label='a', value=1, color='pink')], None), ValueError, 'the color of button 0 must be'),
    (lambda: put_buttons([dict(label='a', value=1, colour='red')], None), ValueError, "unknown key 'colour'"),
    # 1.8's test 13: "must not be shown"
    (lambda: put_buttons([{'label': 'must not be shown'}], onclick=[lambda: None]), ValueError,
     'button 0 is a dict without a "value" key'),
    (lambda: put_buttons(['a'], None, mutex_mod=True), TypeError, "unexpected keyword argument 'mutex_mod'"),
    (lambda: put_code('x', rows=0), TypeError, 'put_code(): rows must be a number of lines'),
    (lambda: put_markdown('x', options='gfm'), TypeError, 'put_markdown(): options must be a dict'),
])
def test_bad_arguments_raise_before_anything_is_sent(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def output_specs(commands):
    return [c['spec'] for c in commands if c['command'] == 'output']


def test_row_column_and_grid_specs(run_in_session):
    def task():
        put_row([put_text('a'), None, put_text('b')])
        put_column([put_text('c')], size='auto')
        put_grid([[put_text('d'), span(put_text('e'), row=2, col=2)], [None]], cell_width='50px',
                 direction='column')
    a, b, row, c, column, d, e, grid = output_specs(run_in_session(task))
    assert row['type'] == 'row' and row['size'] == '1fr 10px 1fr'
    assert row['items'] == [{'output': a['id']}, None, {'output': b['id']}]
    assert row['box']  # `with put_row():` adds to it
    assert column['type'] == 'column' and column['size'] == 'auto' and column['items'] == [{'output': c['id']}]
    assert grid['cells'] == [{'output': d['id']}, {'cell': {'output': e['id']}, 'rowspan': 2, 'colspan': 2},
                             None]
    # 3 cells wide (the span fills two cells of both lines); as columns, with direction='column'
    assert grid['columns'] == 'repeat(2, 50px)' and grid['rows'] == 'repeat(3, auto)'
    assert grid['direction'] == 'column'


def test_table_spans_and_widget_data(run_in_session):
    from pywebio.output import put_table

    def task():
        put_table([['C']], header=[span('A', row=2), 'B'])
        put_widget('{{#x}}{{& pywebio_output_parse}}{{/x}}', {'x': [put_text('t'), 's', 1.5, {'y': None}]})
    table, text, widget = output_specs(run_in_session(task))
    assert table['header'] == [{'cell': 'A', 'rowspan': 2, 'colspan': 1}, 'B']
    assert widget['data'] == {'x': [{'$output': text['id']}, 's', 1.5, {'y': None}]}


def test_alerts_show_strings_as_text_and_tabs_too(run_in_session):
    def task():
        put_info('<b>x</b>', 3, put_text('t'), closable=True)
        put_error()
        put_tabs([{'title': 'T', 'content': '<b>y</b>'}])
    text, info, error, tabs = output_specs(run_in_session(task))
    assert info['type'] == 'alert' and info['color'] == 'info' and info['closable'] is True
    assert info['contents'] == [{'text': '<b>x</b>'}, {'text': '3'}, {'output': text['id']}]
    assert error['color'] == 'danger' and error['contents'] == []
    assert tabs['tabs'] == [{'title': 'T', 'content': [{'text': '<b>y</b>'}]}]


def test_progressbar_commands_and_unknown_names(run_in_session):
    def task():
        put_processbar('bar', 0.25)
        set_processbar('bar', 0.5, label='half')
        set_progressbar('bar', 1)

    commands = run_in_session(task)
    bar = commands[0]['spec']
    assert bar['type'] == 'progressbar' and bar['value'] == 0.25 and bar['label'] == '25.0%'
    assert bar['auto_close'] is False
    assert [c['spec'] for c in commands[1:]] == [{'id': bar['id'], 'value': 0.5, 'label': 'half'},
                                                 {'id': bar['id'], 'value': 1.0, 'label': '100.0%'}]
    assert {c['command'] for c in commands[1:]} == {'set_progressbar'}

    with pytest.raises(ValueError, match=r"set_progressbar\(\): there is no progress bar named 'nope'.*'bar'"):
        run_in_session(lambda: (put_progressbar('bar'), set_progressbar('nope', 0.5)))


def test_loading_block_removes_the_spinner_and_output_goes_inside(run_in_session):
    def task():
        with put_loading() as spinner:
            put_text('inside')
        put_text('after')
        spinner_spec.append(spinner.spec)

    spinner_spec = []
    commands = run_in_session(task)
    loading, inside, removal, after = commands
    assert loading['spec']['type'] == 'loading' and inside['spec']['scope'] == loading['spec']['box']
    assert removal == {'command': 'remove', 'task_id': None, 'spec': {'id': loading['spec']['id']}}
    assert 'scope' not in after['spec'] and 'before_id' not in after['spec']  # the model forgot the spinner


def test_buttons_specs_and_disabled_clicks(run_in_session):
    def task():
        put_buttons([dict(label='A', value=1, color='danger', disabled=True), 'B'], onclick=print,
                    outline=True, group=True, small=True, serial_mode=True)
        put_button('C', onclick=None, link_style=True)
        put_html('<b>x</b>', sanitize=True)
        put_code('x', rows=3)
        with pytest.warns(UserWarning, match='ignored the keyword argument strip'):
            put_markdown('x', options={'breaks': True}, strip=1)
    buttons, button, html, code, _markdown = output_specs(run_in_session(task))
    assert buttons['buttons'] == [{'label': 'A', 'color': 'danger', 'disabled': True}, {'label': 'B'}]
    assert buttons['outline'] is True and buttons['group'] is True and buttons['small'] is True
    assert buttons['callback_id'] is not None
    assert button['buttons'] == [{'label': 'C'}] and button['callback_id'] is None and button['link_style']
    assert html['sanitize'] is True and code['rows'] == 3

"""put_datatable and its updates: wrong arguments raise at once, naming the argument, and send
nothing; the spec carries the records in compact form (docs/protocol.md, *Data tables*)."""
import datetime
import decimal
import logging
import math

import pytest

from pywebio.output import (JSFunction, datatable_insert, datatable_remove, datatable_update, put_datatable,
                            put_text)

RECORDS = [{'name': 'Ann', 'age': 31}, {'name': 'Bob', 'age': 25}]


@pytest.mark.parametrize('call, error, message', [
    (lambda: put_datatable({'name': 'Ann'}), TypeError, 'put_datatable(): records must be a list of dicts'),
    (lambda: put_datatable('records'), TypeError, 'records must be a list of dicts'),
    (lambda: put_datatable(None), TypeError, 'records must be a list of dicts'),
    (lambda: put_datatable(iter(RECORDS)), TypeError, 'records must be a list of dicts'),
    (lambda: put_datatable([{'a': 1}, ['b', 2]]), TypeError, "record 1 is ['b', 2]; every record must be a dict"),
    (lambda: put_datatable([{'a': {(1, 2): 3}}]), TypeError, 'the keys of record 0 must be strings'),
    (lambda: put_datatable([]), ValueError, 'records is empty, so column_order must name the columns'),
    (lambda: put_datatable(RECORDS, actions='Delete'), TypeError, 'actions must be a list of (label, callback)'),
    (lambda: put_datatable(RECORDS, actions=[('Delete',)]), TypeError, 'action 0 is'),
    (lambda: put_datatable(RECORDS, actions=[None, ('Delete', 'remove')]), TypeError, 'action 1 is'),
    (lambda: put_datatable(RECORDS, actions=[([1], print)]), TypeError, 'the label of action 0 must be a string'),
    (lambda: put_datatable(RECORDS, onselect='toast'), TypeError, 'onselect must be a function'),
    (lambda: put_datatable(RECORDS, id_field=3), TypeError, 'id_field must be a key (a string) or a tuple of keys'),
    (lambda: put_datatable(RECORDS, id_field=()), TypeError, 'id_field must be a key'),
    (lambda: put_datatable(RECORDS, id_field='id'), ValueError, "record 0 has None at id_field 'id'"),
    (lambda: put_datatable([{'id': 1.5}], id_field='id'), TypeError, 'a row id must be a string or an integer'),
    (lambda: put_datatable([{'id': True}], id_field='id'), TypeError, 'a row id must be a string or an integer'),
    (lambda: put_datatable([{'u': {'id': 1}}, {'u': {'id': '1'}}], id_field=('u', 'id')), ValueError,
     "two records have the id '1'"),
    (lambda: put_datatable(RECORDS, height=0), ValueError, 'height must be a positive number of pixels'),
    (lambda: put_datatable(RECORDS, height=None), TypeError, "height must be pixels (an int), a CSS height"),
    (lambda: put_datatable(RECORDS, height=True), TypeError, 'height must be pixels'),
    (lambda: put_datatable(RECORDS, height=''), TypeError, 'height must be pixels'),
    (lambda: put_datatable(RECORDS, theme='quartz'), ValueError, "theme must be one of 'alpine', 'alpine-dark'"),
    (lambda: put_datatable(RECORDS, instance_id=None), TypeError, 'instance_id must be a string'),
    (lambda: put_datatable(RECORDS, enterprise_key=123), TypeError, 'enterprise_key must be a string'),
    (lambda: put_datatable(RECORDS, column_order='name'), TypeError, 'column_order must be a list of keys'),
    (lambda: put_datatable(RECORDS, column_order=['name', 1]), TypeError, "column_order must list the columns' keys"),
    (lambda: put_datatable(RECORDS, column_order={'name': 'x'}), TypeError, "column_order['name'] must be None"),
    (lambda: put_datatable(RECORDS, column_args=['name']), TypeError, 'column_args must be a dict'),
    (lambda: put_datatable(RECORDS, column_args={'name': 100}), TypeError, "column_args['name'] must be a dict"),
    (lambda: put_datatable(RECORDS, column_args={('a', 1): {}}), TypeError, 'a key of column_args must be a key'),
    (lambda: put_datatable(RECORDS, column_args={'age': {'width': {1, 2}}}), TypeError,
     "column_args[0][1]['width'] is {1, 2}; options may hold strings"),
    (lambda: put_datatable(RECORDS, grid_args={'rowHeight': math.nan}), ValueError,
     "grid_args['rowHeight'] is nan; JSON has no such number"),
    (lambda: put_datatable(RECORDS, grid_args=[('pagination', True)]), TypeError, 'grid_args must be a dict'),
    (lambda: put_datatable(RECORDS, grid_args={'a': {2: 'x'}}), TypeError, "the keys of grid_args['a'] must be"),
    (lambda: put_datatable(RECORDS, grid_args={'onGridReady': print}), TypeError, 'JSFunction(...)'),
    (lambda: put_datatable(RECORDS, position='end'), TypeError, 'position must be an int'),
    (lambda: JSFunction(), ValueError, "JSFunction(): give the function's body"),
    (lambda: JSFunction('x', 1), TypeError, 'JSFunction(): the body must be a string'),
    (lambda: JSFunction(2, body='return 1'), TypeError, 'JSFunction(): parameter names must be non-empty strings'),
])
def test_bad_arguments_raise_before_anything_is_sent(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


@pytest.mark.parametrize('call, error, message', [
    (lambda: datatable_update('nope', []), ValueError, "datatable_update(): no data table was put with "
                                                       "instance_id='nope' in this session"),
    (lambda: datatable_insert('', []), TypeError, 'datatable_insert(): instance_id must be the instance_id'),
    (lambda: datatable_remove(None, 1), TypeError, 'datatable_remove(): instance_id must be'),
    (lambda: datatable_update('t', 'x', field='name'), ValueError, "field='name' needs the row_id"),
    (lambda: datatable_update('t', 'x', row_id=0), TypeError, "with a row_id and no field, data is the row's new"),
    (lambda: datatable_update('t', 'x', row_id=1.0, field='name'), TypeError, "a row id is the row's position, an int"),
    (lambda: datatable_update('t', {'a': 1}), TypeError, 'datatable_update(): data must be a list of dicts'),
    (lambda: datatable_update('t', 'x', row_id=0, field=('a', 2)), TypeError, 'field must be a key'),
    (lambda: datatable_insert('t', 'record'), TypeError, 'datatable_insert(): records must be a list of dicts'),
    (lambda: datatable_remove('t', [0, None]), TypeError, 'datatable_remove(): this table has no id_field'),
    (lambda: datatable_update('k', [{'id': 1}, {'id': 1}]), ValueError, "two records have the id '1'"),
    (lambda: datatable_insert('k', {'name': 'no id'}), ValueError, "record 0 has None at id_field 'id'"),
    (lambda: datatable_remove('k', [None]), TypeError, 'a row id of a table with id_field is a string'),
])
def test_bad_arguments_of_the_updates_raise_and_send_nothing(run_in_session, call, error, message):
    def task():
        put_datatable(RECORDS, instance_id='t')
        put_datatable([{'id': 1}], id_field='id', instance_id='k')
        with pytest.raises(error) as info:
            call()
        assert message in str(info.value)
    commands = run_in_session(task)
    assert [c['command'] for c in commands] == ['output', 'output']


def specs(commands, name='output'):
    return [c['spec'] for c in commands if c['command'] == name]


def test_records_travel_in_compact_form_with_json_values(run_in_session):
    when = datetime.date(2024, 5, 1)

    def task():
        put_datatable([
            {'name': 'Ann', 'score': math.nan, 'address': {'city': 'Oslo', 'geo': {'lat': 59.9}}, 'tags': ('a', 'b')},
            {'name': 'Bob', 'score': decimal.Decimal('2.5'), 'when': when, 'address': {'city': 'Rome'}, 7: True},
            {'name': 'Cid', 'score': math.inf, 'address': {}, 'tags': [{'k': float('nan')}]},
        ])
    spec, = specs(run_in_session(task))
    assert spec['type'] == 'datatable'
    assert spec['columns'] == [['name'], ['score'], ['address', 'city'], ['address', 'geo', 'lat'], ['tags'],
                               ['when'], ['7'], ['address']]
    assert spec['rows'] == [
        ['Ann', None, 'Oslo', 59.9, ['a', 'b']],
        ['Bob', 2.5, 'Rome', None, None, '2024-05-01', True],
        ['Cid', None, None, None, [{'k': None}], None, None, None],  # an empty dict is an empty cell
    ]
    assert spec['id_path'] is None and spec['order'] is None and spec['callback_id'] is None
    assert spec['height'] == '600px' and spec['theme'] == 'balham' and spec['cell_content_bar'] is True


def test_records_of_the_same_flat_keys_take_the_fast_way_and_still_convert(run_in_session):
    def task():
        put_datatable([{'a': 1, 'b': 'x'}, {'a': math.nan, 'b': 'y'}, {'a': 2, 'b': {'c': 3}}, {'b': 4, 'a': 5}])
    spec, = specs(run_in_session(task))
    assert spec['columns'] == [['a'], ['b'], ['b', 'c']]
    assert spec['rows'] == [[1, 'x'], [None, 'y'], [2, None, 3], [5, 4]]


def test_options_functions_order_and_callbacks_in_the_spec(run_in_session, caplog):
    def task():
        put_datatable(RECORDS, actions=[('Go', print), None], onselect=print, multiple_select=True,
                      id_field='name', height='auto', theme='alpine-dark', cell_content_bar=False,
                      instance_id='people', column_order={'name': None, 'extra': {'x': None}},
                      column_args={'age': {'cellRenderer': JSFunction('p', 'return p.value')},
                                   ('extra', 'x'): {'width': 10}},
                      grid_args={'pagination': True, 'onGridReady': JSFunction('e', body='e.api.sizeColumnsToFit()'),
                                 'icons': [None, JSFunction('return "x"')]},
                      enterprise_key='KEY')
    with caplog.at_level(logging.WARNING, logger='pywebio.output.datatable'):
        spec, = specs(run_in_session(task))
    assert 'enterprise_key is ignored' in caplog.text
    assert spec['actions'] == ['Go', None] and spec['onselect'] is True and spec['callback_id'].startswith('cb-')
    assert spec['multiple_select'] is True and spec['id_path'] == ['name'] and spec['height'] == 'auto'
    assert spec['theme'] == 'alpine-dark' and spec['cell_content_bar'] is False and spec['instance_id'] == 'people'
    assert spec['order'] == [['name', None], ['extra', [['x', None]]]]
    assert spec['column_args'] == [['age', {'cellRenderer': None}], [['extra', 'x'], {'width': 10}]]
    assert spec['grid_args'] == {'pagination': True, 'onGridReady': None, 'icons': [None, None]}
    assert spec['functions'] == [
        {'where': ['column_args', 0, 1, 'cellRenderer'], 'params': ['p'], 'body': 'return p.value'},
        {'where': ['grid_args', 'onGridReady'], 'params': ['e'], 'body': 'e.api.sizeColumnsToFit()'},
        {'where': ['grid_args', 'icons', 1], 'params': [], 'body': 'return "x"'},
    ]
    assert 'enterprise_key' not in spec


def test_jsfunction_takes_1_8s_arguments_and_a_body_by_name():
    assert (JSFunction('event', 'console.log(event)').params, JSFunction('event', 'console.log(event)').body) == \
        (('event',), 'console.log(event)')
    assert JSFunction('return 1').params == () and JSFunction(body='return 1').body == 'return 1'
    assert JSFunction('a', 'b', body='return a + b').params == ('a', 'b')


def test_height_auto_falls_back_to_600_pixels_past_1000_records(run_in_session, caplog):
    def task():
        put_datatable([{'n': n} for n in range(1001)], height='auto')
        put_datatable([{'n': n} for n in range(3)], height='50vh')
    with caplog.at_level(logging.WARNING, logger='pywebio.output.datatable'):
        many, few = specs(run_in_session(task))
    assert many['height'] == '600px' and few['height'] == '50vh'
    assert 'too many' in caplog.text


def test_the_output_keeps_no_records_and_updates_send_compact_records(run_in_session):
    outputs = []

    def task():
        outputs.append(put_datatable(RECORDS, instance_id='t'))
        put_datatable([{'id': 'a', 'n': 1}], instance_id='k', id_field='id')
        datatable_update('t', [{'name': 'Cid'}])
        datatable_update('t', {'name': 'Dan', 'more': {'x': 1}}, row_id='1')
        datatable_update('t', math.nan, row_id=1, field=('more', 'x'))
        datatable_insert('t', {'name': 'Eve'}, row_id=0)
        datatable_insert('k', [{'id': 7, 'n': 2}])
        datatable_remove('t', 3)
        datatable_remove('k', [7, 'a'])
        put_text('done')
    commands = run_in_session(task)
    assert 'rows' not in outputs[0].spec and outputs[0].spec['columns'] == [['name'], ['age']]
    table, keyed = (spec['id'] for spec in specs(commands)[:2])
    assert specs(commands, 'datatable_update') == [
        {'id': table, 'columns': [['name']], 'rows': [['Cid']]},
        {'id': table, 'row_id': 1, 'columns': [['name'], ['more', 'x']], 'rows': [['Dan', 1]]},
        {'id': table, 'row_id': 1, 'path': ['more', 'x'], 'value': None},
    ]
    assert specs(commands, 'datatable_insert') == [
        {'id': table, 'columns': [['name']], 'rows': [['Eve']], 'before': 0},
        {'id': keyed, 'columns': [['id'], ['n']], 'rows': [[7, 2]], 'before': None},
    ]
    assert specs(commands, 'datatable_remove') == [{'id': table, 'row_ids': [3]}, {'id': keyed, 'row_ids': ['7', 'a']}]


def test_a_later_table_of_the_same_instance_id_takes_the_name(run_in_session):
    def task():
        put_datatable(RECORDS, instance_id='t')
        put_datatable(RECORDS, instance_id='t')
        datatable_remove('t', 0)
    commands = run_in_session(task)
    assert specs(commands, 'datatable_remove') == [{'id': specs(commands)[1]['id'], 'row_ids': [0]}]

"""put_datatable's fast way for many flat records (`_Columns.flat_rows`): it sends exactly what the
record-by-record way sends, and gives way to it whenever a record or a value needs more."""
import collections
import decimal
import json
import math

import pytest

from pywebio.output import put_datatable
from pywebio.output.datatable import FLAT_ROWS_FROM, _Columns, _compact


def records(count=FLAT_ROWS_FROM + 10):
    return [{'id': i, 'name': 'n%d' % i, 'price': i / 4, 'ok': i % 2 == 0, 'note': None if i % 3 else 'x'}
            for i in range(count)]


def one_by_one(batch):
    """What the record-by-record way makes of ``batch``."""
    columns = _Columns()
    rows = [columns.row('put_datatable', number, record) for number, record in enumerate(batch)]
    return columns.paths, rows


def sent(batch):
    paths, rows, columns = _compact('put_datatable', batch)
    assert columns.index == {tuple(path): position for position, path in enumerate(paths)}
    return paths, rows


def test_many_flat_records_take_the_fast_way_and_travel_as_before(run_in_session):
    batch = records()
    paths, rows = sent(batch)
    assert all(type(row) is tuple for row in rows)  # the fast way
    assert json.dumps([paths, rows]) == json.dumps(one_by_one(batch))

    def task():
        put_datatable(batch, id_field='id', onselect=print)
    spec, = [c['spec'] for c in run_in_session(task) if c['command'] == 'output']
    assert json.loads(json.dumps(spec['rows'])) == [list(record.values()) for record in batch]


def test_a_few_records_go_one_by_one():
    paths, rows = sent(records(FLAT_ROWS_FROM - 1))
    assert all(type(row) is list for row in rows)


@pytest.mark.parametrize('value', [math.nan, math.inf, -math.inf, decimal.Decimal('2.5'), {'x': 1}, {}, [1, 2],
                                   ('a',), True, 2 ** 80, 1e308, 'text'])
def test_a_value_that_needs_more_than_the_fast_way_sends_what_one_by_one_sends(value):
    batch = records()
    batch[FLAT_ROWS_FROM]['price'] = value
    assert json.dumps(sent(batch), allow_nan=False) == json.dumps(one_by_one(batch), allow_nan=False)


@pytest.mark.parametrize('change', [
    lambda record: dict(record, more=1),                        # a key more
    lambda record: {k: v for k, v in record.items() if k != 'ok'},  # a key less
    lambda record: collections.OrderedDict(record),             # not a dict itself
    lambda record: {**record, 7: 'seven'},                      # a key that is not a string
])
def test_records_of_other_keys_or_kinds_send_what_one_by_one_sends(change):
    batch = records()
    batch[FLAT_ROWS_FROM] = change(batch[FLAT_ROWS_FROM])
    assert json.dumps(sent(batch)) == json.dumps(one_by_one(batch))


def test_records_of_the_same_keys_in_another_order_take_the_fast_way_and_keep_the_columns():
    batch = records()
    batch[FLAT_ROWS_FROM] = dict(reversed(list(batch[FLAT_ROWS_FROM].items())))
    paths, rows = sent(batch)
    assert all(type(row) is tuple for row in rows)
    assert json.dumps([paths, rows]) == json.dumps(one_by_one(batch))


def test_records_of_one_field_go_one_by_one():
    batch = [{'only': i} for i in range(FLAT_ROWS_FROM)]
    assert sent(batch) == one_by_one(batch)


def test_finite_floats_whose_sum_overflows_still_travel_as_numbers():
    batch = records()
    batch[1]['price'] = batch[2]['price'] = 1e308
    paths, rows = sent(batch)
    assert rows[1][2] == rows[2][2] == 1e308
    assert json.dumps([paths, rows]) == json.dumps(one_by_one(batch))

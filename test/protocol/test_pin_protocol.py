"""pywebio.pin on the wire: reads are one round trip, values are converted like form values, and a
forged or malformed answer closes that one session; unknown names raise clear errors in Python."""
import pytest

from pywebio.output import put_text
from pywebio.pin import (get_pin_values, pin, pin_on_change, pin_update, pin_wait_change, put_input,
                         put_select)


def select_task(results):
    def task():
        put_select('size', [('S', 's'), ('M', 'm'), ('XL', 'xl', False, True)], label='Size')
        put_input('age', type='number', label='Age')
        results.append(get_pin_values(['size', 'age']))
        put_text('read')
        results.append(pin_wait_change('size'))
        put_text('done')
    return task


def answer(client):
    request = client.expect('pin_value')
    assert request['spec'] == {'names': ['size', 'age']}
    return request


def test_one_round_trip_reads_several_typed_values(serve_app):
    results = []
    with serve_app(select_task(results)).connect() as client:
        widget = client.expect('output', where=lambda c: c['spec'].get('type') == 'pin')
        rev = widget['spec']['rev']
        age_rev = client.expect('output')['spec']['rev']
        request = answer(client)
        client.send({'event': 'pin_value', 'task_id': request['task_id'],
                     'data': {'size': {'rev': rev, 'value': [1]}, 'age': {'rev': age_rev, 'value': '42'}}})
        client.expect('output', where=lambda c: c['spec'].get('content') == 'read')
        wait = client.expect('pin_wait')
        assert wait['spec'] == {'names': ['size']}
        client.send({'event': 'pin_change', 'task_id': wait['task_id'],
                     'data': {'name': 'size', 'rev': rev, 'value': [0]}})
        client.expect('output', where=lambda c: c['spec'].get('content') == 'done')
    assert results == [{'size': 'm', 'age': 42}, {'name': 'size', 'value': 's'}]


def test_a_widget_not_on_the_page_reads_as_none(serve_app):
    results = []
    with serve_app(select_task(results)).connect() as client:
        request = answer(client)
        client.send({'event': 'pin_value', 'task_id': request['task_id'], 'data': {'size': None, 'age': None}})
        client.expect('pin_wait')
    assert results == [{'size': None, 'age': None}]


@pytest.mark.parametrize('forged', [
    {'size': [3]}, {'size': [2]}, {'size': [0, 1]}, {'size': ['0']}, {'size': 0},
    {'rev': 999}, {'rev': None}, {'age': 42}, 'missing', 'extra', 'not-a-dict',
])
def test_forged_answers_close_the_session(serve_app, forged):
    results = []
    with serve_app(select_task(results)).connect() as client:
        size_rev = client.expect('output')['spec']['rev']
        age_rev = client.expect('output')['spec']['rev']
        data = {'size': {'rev': size_rev, 'value': [0]}, 'age': {'rev': age_rev, 'value': '1'}}
        if 'size' in forged:
            data['size']['value'] = forged['size']
        elif 'rev' in forged:
            data['size']['rev'] = forged['rev']
        elif 'age' in forged:
            data['age']['value'] = forged['age']
        elif forged == 'missing':
            del data['age']
        elif forged == 'extra':
            data['other'] = None
        else:
            data = ['size']
        request = answer(client)
        client.send({'event': 'pin_value', 'task_id': request['task_id'], 'data': data})
        client.wait_closed()
    assert results == []


def test_a_forged_change_closes_the_session(serve_app):
    results = []
    with serve_app(select_task(results)).connect() as client:
        rev = client.expect('output')['spec']['rev']
        request = answer(client)
        client.send({'event': 'pin_value', 'task_id': request['task_id'], 'data': {'size': None, 'age': None}})
        wait = client.expect('pin_wait')
        client.send({'event': 'pin_change', 'task_id': wait['task_id'],
                     'data': {'name': 'age', 'rev': rev, 'value': '1'}})  # not waited for
        client.wait_closed()
    assert results == [{'size': None, 'age': None}]


def test_a_forged_on_change_callback_closes_the_session(serve_app):
    def task():
        put_select('size', ['a', 'b'], label='Size')
        pin_on_change('size', lambda value: put_text('got %r' % value))
        put_text('ready')
        from pywebio.session import hold
        hold()

    with serve_app(task).connect() as client:
        rev = client.expect('output')['spec']['rev']
        registration = client.expect('pin_on_change')['spec']
        client.send({'event': 'callback', 'task_id': registration['callback_id'], 'data': {'rev': rev, 'value': [1]}})
        client.expect('output', where=lambda c: c['spec'].get('content') == "got 'b'")
        client.send({'event': 'callback', 'task_id': registration['callback_id'], 'data': {'rev': rev, 'value': [5]}})
        client.wait_closed()


def test_an_update_keeps_the_old_revision_readable_until_the_browser_moves_on(serve_app):
    results = []

    def task():
        put_select('size', ['a', 'b'], label='Size')
        pin_update('size', options=['x'])
        results.append(pin.size)

    with serve_app(task).connect() as client:
        old = client.expect('output')['spec']['rev']
        update = client.expect('pin_update')['spec']
        assert update['attributes']['options'] == [{'label': 'x', 'selected': False, 'disabled': False}]
        request = client.expect('pin_value')
        # the browser read the widget before the update reached it: position 1 of the old options
        client.send({'event': 'pin_value', 'task_id': request['task_id'], 'data': {'size': {'rev': old, 'value': [1]}}})
        client.wait_closed()
    assert results == ['b']


def test_unknown_names_raise_clear_errors(serve_app):
    errors = []

    def task():
        put_input('age', label='Age')
        for attempt in (lambda: pin.nope, lambda: pin['nope'], lambda: get_pin_values(['age', 'nope']),
                        lambda: pin_wait_change('nope'), lambda: pin_update('nope', value='1'),
                        lambda: pin_update('age', type='number'), lambda: pin_update('age', colour=1),
                        lambda: put_input('bad name'), lambda: pin_wait_change('age', timeout=-1),
                        lambda: pin_on_change('age')):
            try:
                attempt()
            except Exception as error:
                errors.append((type(error).__name__, str(error)))
        put_text('checked')

    with serve_app(task).connect() as client:
        client.expect('output', where=lambda c: c['spec'].get('content') == 'checked')
    kinds = [kind for kind, _ in errors]
    assert kinds == ['AttributeError', 'KeyError', 'ValueError', 'ValueError', 'ValueError', 'ValueError',
                     'TypeError', 'ValueError', 'ValueError', 'ValueError']
    assert "no pin widget named 'nope'" in errors[0][1] and "put_input('nope')" in errors[0][1]


def test_a_timeout_is_enforced_by_the_server(serve_app):
    results = []

    def task():
        put_input('age', label='Age')
        results.append(pin_wait_change('age', timeout=0.2))
        put_text('timed out')

    with serve_app(task).connect() as client:
        wait = client.expect('pin_wait')
        unwait = client.expect('pin_unwait', timeout=3)  # the browser never answered
        assert unwait['task_id'] == wait['task_id']
        client.expect('output', where=lambda c: c['spec'].get('content') == 'timed out')
    assert results == [None]

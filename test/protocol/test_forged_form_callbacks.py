"""Never trust the browser, 1.x inputs: a form's callback events must match the open form.

A change of a field without onchange, an action of a field without action=, a click of a button
that is not an enabled callback button, or a malformed event closes that session only; an option
position is read against the options input_update sent last."""
import pytest

from pywebio.input import actions, input, input_group, input_update, select
from pywebio.output import put_text


def form_task(results, changes):
    def on_country(value):
        changes.append(value)
        input_update('city', options=['Rome', 'Milan', 'Turin'])

    def task():
        results.append(input_group('All', [
            input('Note', name='note'),
            input('Code', name='code', action=('Gen', lambda set_value: set_value('X1'))),
            select('Country', ['France', 'Italy'], name='country', onchange=on_country),
            select('City', ['Paris', 'Lyon'], name='city'),
            actions('Go', [{'label': 'Go', 'value': 'go'},
                           {'label': 'Peek', 'type': 'callback', 'value': lambda: put_text('peek')},
                           {'label': 'Off', 'type': 'callback', 'value': lambda: put_text('off'), 'disabled': True},
                           {'label': 'Reset', 'type': 'reset'}], name='go'),
        ]))
        put_text('accepted')
    return task


VALID = {'note': 'hi', 'code': 'c', 'country': [1], 'city': [0], 'go': 0}


def callback(client, form, data):
    client.send({'event': 'callback', 'task_id': form['spec']['callback_id'], 'data': data})


def test_genuine_callbacks_run_and_options_follow_input_update(serve_app):
    results, changes = [], []
    with serve_app(form_task(results, changes)).connect() as client:
        form = client.expect('input_group')
        assert [item.get('onchange', False) for item in form['spec']['inputs']] == [False, False, True, False, False]
        callback(client, form, {'change': 'country', 'value': [1]})
        update = client.expect('input_update')
        assert update['task_id'] == form['task_id']
        assert update['spec']['name'] == 'city'
        assert [o['label'] for o in update['spec']['attributes']['options']] == ['Rome', 'Milan', 'Turin']
        callback(client, form, {'action': 'code'})
        assert client.expect('input_update')['spec'] == {'name': 'code', 'attributes': {'value': 'X1'}}
        callback(client, form, {'button': 'go', 'index': 1})
        assert client.expect('output')['spec']['content'] == 'peek'
        client.submit(form, {**VALID, 'city': [2]})  # Turin: only in the new options
        client.expect('destroy_form')
    assert changes == ['Italy']
    assert results == [{'note': 'hi', 'code': 'c', 'country': 'Italy', 'city': 'Turin', 'go': 'go'}]


@pytest.mark.parametrize('data', [
    {'change': 'note', 'value': 'x'},          # a field without onchange
    {'change': 'nope', 'value': 'x'},          # a field that does not exist
    {'change': 'country', 'value': [5]},       # an option that does not exist
    {'change': 'country', 'value': [0, 1]},    # two options of a single select
    {'change': 'country'},                     # no value
    {'action': 'note'},                        # a field without action=
    {'button': 'go', 'index': 0},              # a submit button is not a callback button
    {'button': 'go', 'index': 2},              # a disabled callback button
    {'button': 'go', 'index': 3},              # a reset button
    {'button': 'go', 'index': 9},
    {'button': 'go', 'index': True},
    {'button': 'note', 'index': 0},            # not an actions item
    {'action': 'code', 'change': 'country'},   # two at once
    {'change': ['country'], 'value': [0]},
    0, None, 'change', [],
])
def test_forged_form_callbacks_close_the_session_only(serve_app, data):
    results, changes = [], []
    server = serve_app(form_task(results, changes))
    with server.connect() as other:
        other_form = other.expect('input_group')
        with server.connect() as client:
            callback(client, client.expect('input_group'), data)
            client.wait_closed()
        other.submit(other_form, VALID)  # the other session is unharmed
        other.expect('destroy_form')
    assert changes == []
    assert results == [{'note': 'hi', 'code': 'c', 'country': 'Italy', 'city': 'Paris', 'go': 'go'}]


def test_an_option_position_past_the_new_options_is_refused(serve_app):
    results = []

    def task():
        results.append(select('Pick', ['a', 'b', 'c'], onchange=lambda v: input_update(options=['x'])))

    with serve_app(task).connect() as client:
        form = client.expect('input_group')
        callback(client, form, {'change': 'data', 'value': [0]})
        client.expect('input_update')
        client.submit(form, {'data': [2]})  # existed before the update, not after
        client.wait_closed()
    assert results == []


def test_a_form_without_callbacks_has_no_callback_id_and_a_closed_form_forgets_its_own(serve_app):
    def task():
        input('Plain')
        select('Pick', ['a', 'b'], onchange=lambda v: put_text('changed %r' % v))
        put_text('done')

    with serve_app(task).connect() as client:
        plain = client.expect('input_group')
        assert plain['spec']['callback_id'] is None
        client.submit(plain, {'data': ''})
        pick = client.expect('input_group')
        callback(client, pick, {'change': 'data', 'value': [1]})
        assert client.expect('output')['spec']['content'] == "changed 'b'"
        client.submit(pick, {'data': [0]})
        client.expect('output', where=lambda c: c['spec'].get('content') == 'done')
        callback(client, pick, {'change': 'data', 'value': [1]})  # too late: dropped, not fatal
        client.wait_closed()
        assert client.close_code != 1003


def test_async_onchange_in_a_coroutine_session_may_call_input_update(serve_app):
    import asyncio
    results = []

    async def on_pick(value):
        await asyncio.sleep(0)
        input_update(help_text='picked %s' % value)

    async def task():
        results.append(await select('Pick', ['a', 'b'], onchange=on_pick))

    with serve_app(task).connect() as client:
        form = client.expect('input_group')
        callback(client, form, {'change': 'data', 'value': [1]})
        assert client.expect('input_update')['spec'] == {'name': 'data', 'attributes': {'help_text': 'picked b'}}
        client.submit(form, {'data': [1]})
        client.expect('destroy_form')
    assert results == ['b']

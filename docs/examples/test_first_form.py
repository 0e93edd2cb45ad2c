"""Tests of first_form.py: run them with ``python -m pytest test_first_form.py``."""
from pywebio.testing import serve

from first_form import main


def texts(client):
    """The text outputs the page shows, up to the end of the session."""
    shown = []
    while (command := client.next_command()) is not None:
        if command['command'] == 'output' and command['spec']['type'] == 'text':
            shown.append(command['spec']['content'])
    return shown


def test_greets_the_visitor_by_name():
    with serve(main) as server, server.connect() as client:
        name_form = client.expect('input_group')        # the first input() is on the page
        client.submit(name_form, {'data': 'Ann'})        # values are sent as the browser sends them
        age_form = client.expect('input_group')
        client.submit(age_form, {'data': '41'})
        assert 'Hello, Ann! Next year you will be 42.' in texts(client)


def test_refuses_an_impossible_age():
    with serve(main) as server, server.connect() as client:
        client.submit(client.expect('input_group'), {'data': 'Bo'})
        age_form = client.expect('input_group')
        client.submit(age_form, {'data': '200'})
        feedback = client.expect('update_input')         # the form stays, with a message
        assert feedback['spec']['invalid_feedback'] == 'Nobody is that old.'
        client.submit(age_form, {'data': '7'})           # the same form, corrected
        assert 'Hello, Bo! Next year you will be 8.' in texts(client)

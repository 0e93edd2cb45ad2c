"""Upstream's 18.pin_test.py: every pin widget with its 1.x arguments, `pin_update`, ``pin.x =``,
reading pins (awaited in the coroutine app), `pin_on_change` callbacks and a `pin_wait_change`
loop until each widget has changed once; each value read, waited for and called back must agree.
Two apps, thread and coroutine, running one generator. After each change it says which widget it
saw, so that the visitor (the test) changes the next one only then: a change made while nothing
waits is not reported, in 1.x as here."""
import pywebio
from pywebio import start_server
from pywebio.output import put_text
from pywebio.pin import (pin, pin_on_change, pin_update, pin_wait_change, put_actions, put_checkbox, put_input,
                         put_radio, put_select, put_textarea)
from pywebio.utils import run_as_function, to_coroutine

PASSED = 'All-assert-passed'
NAMES = ['input', 'textarea', 'code', 'select', 'select_multiple', 'checkbox', 'checkbox_inline', 'radio',
         'radio_inline', 'actions']


def target():
    options = ['A', 'B', 'C']
    put_input('input', label='input')
    put_textarea('textarea', label='textarea', rows=3, code=None, maxlength=10, minlength=20, value=None,
                 placeholder='placeholder', readonly=False, help_text='help_text')
    put_textarea('code', label='code', rows=4, code=True, maxlength=10, minlength=20, value=None,
                 placeholder='placeholder', readonly=False, help_text='help_text')
    put_select('select', options=options, label='Input pin widget')
    put_select('select_multiple', options=options, label='select-multiple', multiple=True, value=None,
               help_text='help_text')
    put_checkbox('checkbox', options=options, label='checkbox', inline=False, value=None, help_text='help_text')
    put_checkbox('checkbox_inline', options=options, label='checkbox_inline', inline=True, value=None,
                 help_text='help_text')
    put_radio('radio', options=options, label='radio', inline=False, value=None, help_text='help_text')
    put_radio('radio_inline', options=options, label='radio_inline', inline=True, value='B', help_text='help_text')
    put_actions('actions', buttons=['action_a', 'action_b'], label='actions')

    pin_update('input', help_text='This is help text')
    pin_update('select_multiple', value=['B', 'C'])
    pin.radio = 'B'
    assert (yield pin['radio']) == (yield pin.radio) == 'B'

    waited, called = {}, {}
    for name in NAMES:
        pin_on_change(name, lambda value, name=name: called.__setitem__(name, value))
    while len(waited) != len(NAMES):
        change = yield pin_wait_change(*NAMES)
        waited[change['name']] = change['value']
        put_text('seen %s' % change['name'])
    for name in NAMES:
        assert (yield pin[name]) == waited.get(name) == called.get(name), name
        put_text(name, waited.get(name), called.get(name))
    put_text(PASSED)


def thread_target():
    run_as_function(target())


async def coro_target():
    await to_coroutine(target())


if __name__ == '__main__':
    pywebio.enable_debug()
    start_server([thread_target, coro_target], port=0, host='127.0.0.1', auto_open_webbrowser=False, cdn=False)

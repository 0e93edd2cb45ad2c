"""Scopes on the server: what put_* sends for scope=/position=, and the errors a program gets."""
import pytest

from pywebio import set_api
from pywebio.output import (Output, clear, get_scope, popup, put_collapse, put_html, put_scope, put_table,
                            put_text, remove, set_anchor, set_scope, use_scope)


def specs(commands):
    return [c['spec'] for c in commands if c['command'] == 'output']


def test_positions_become_a_box_and_the_output_to_go_before(run_in_session):
    def task():
        put_scope('s')
        a = put_text('a', scope='s')
        put_text('b', scope='s')
        put_text('top', scope='s', position=0)
        put_text('before last', scope='s', position=-2)
        put_text('end', scope='s', position=-1)
        assert a.id == 2
    out = specs(run_in_session(task))
    assert out[0]['type'] == 'scope' and out[0]['box'] == 's' and 'scope' not in out[0]
    assert [(o['content'], o['scope'], o.get('before_id')) for o in out[1:]] == [
        ('a', 's', None), ('b', 's', None), ('top', 's', 2), ('before last', 's', 3), ('end', 's', None)]


def test_use_scope_creates_the_scope_once_and_puts_into_it(run_in_session):
    seen = []

    def task():
        with use_scope('x') as name:
            seen.append((name, get_scope()))
            put_text('1')
        with use_scope('x', clear=True):
            put_text('2')
        seen.append(get_scope())
    commands = run_in_session(task)
    assert seen == [('x', 'x'), 'ROOT']
    assert [c['command'] for c in commands] == ['output', 'output', 'clear', 'output']
    assert commands[3]['spec']['scope'] == 'x'


@pytest.mark.parametrize('call, error, message', [
    (lambda: put_text('x', scope='nope'), ValueError, "no scope named 'nope'"),
    (lambda: put_text('x', position=1), IndexError, "position 1 is outside scope 'ROOT', which holds 0 outputs"),
    (lambda: put_text('x', position=-3), IndexError, 'position -3 is outside'),
    (lambda: put_text('x', position='top'), TypeError, 'position must be an int'),
    (lambda: put_text('x', scope='s', after='a'), ValueError, 'cannot be combined with scope='),
    (lambda: clear('nope'), ValueError, "no scope named 'nope'"),
    (lambda: remove(scope='nope'), ValueError, "no anchor named 'nope'"),
    (lambda: remove(), ValueError, 'root scope is the page itself'),
    (lambda: (set_anchor('m'), use_scope('m').__enter__()), ValueError, "'m' is an anchor, not a scope"),
    (lambda: use_scope('nope', create_scope=False).__enter__(), ValueError, "no scope named 'nope'"),
    (lambda: (put_scope('s'), put_scope('t', scope='s'), put_scope('t')) and None, None, None),
    (lambda: put_collapse('t', [object()]), TypeError, 'content item 0'),
    (lambda: put_text('x').__enter__(), TypeError, 'cannot be used with "with"'),
    (lambda: set_scope('s', if_exist='replace'), ValueError, "if_exist must be None, 'remove' or 'clear'"),
])
def test_bad_placement_gets_a_clear_error(call, error, message, run_in_session):
    if error is None:
        run_in_session(call)  # replacing an existing scope by name is fine
        return
    with pytest.raises(error, match=message):
        run_in_session(call)


def test_clearing_a_scope_forgets_the_names_inside_it(run_in_session):
    def task():
        with use_scope('outer'):
            put_scope('inner')
            put_text('named', anchor='n')
        clear('outer')
        for call in (lambda: put_text('x', scope='inner'), lambda: put_text('x', after='n')):
            with pytest.raises(ValueError):
                call()
        put_scope('inner')  # the name is free again
    run_in_session(task)


def test_a_removed_current_scope_is_reported(run_in_session):
    def task():
        with use_scope('gone'):
            remove()
            with pytest.raises(ValueError, match="the current scope 'gone' is no longer on the page"):
                put_text('x')
    run_in_session(task)


def test_containers_collect_output_of_a_with_block(run_in_session):
    def task():
        with put_collapse('c') as collapse:
            inner = get_scope()
            put_text('inside')
        with popup('p') as handle:
            put_text('in popup')
        return collapse, inner, handle
    out = specs(run_in_session(task))
    assert out[0]['type'] == 'collapse' and out[1]['scope'] == out[0]['box']
    assert out[2]['scope'].startswith('popup-')


def test_the_1x_switch_makes_strings_text(run_in_session):
    def task():
        put_table([['<b>x</b>']], header=['h'])
        put_scope('s', ['<i>y</i>'])
    set_api('1.x')
    try:
        out = specs(run_in_session(task))
    finally:
        set_api(None)  # back to choosing per program
    assert out[0]['rows'] == [[{'text': '<b>x</b>'}]]
    assert out[1]['type'] == 'text' and out[1]['content'] == '<i>y</i>'
    guide = specs(run_in_session(task))
    assert guide[0]['rows'] == [['<b>x</b>']] and guide[1]['type'] == 'html'


def test_set_api_refuses_unknown_names():
    with pytest.raises(ValueError, match="api must be 'guide' or '1.x'"):
        set_api('2.0')


def test_outputs_are_output_objects(run_in_session):
    def task():
        assert isinstance(put_html('<b>x</b>').style('color: red'), Output)
    commands = run_in_session(task)
    assert commands[-1] == {'command': 'style', 'task_id': None, 'spec': {'id': 1, 'css': 'color: red'}}

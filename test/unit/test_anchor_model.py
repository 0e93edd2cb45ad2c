"""The server's model of the page (boxes and named places), alone and as the output functions drive it."""
import pytest

from pywebio._page import ROOT, PageModel
from pywebio.output import (clear_after, clear_before, clear_range, put_markdown, put_text, remove,
                            scroll_to, set_anchor)


def model_of(*names):
    """A model whose ROOT box holds outputs 1, 2, ... named ``names`` (None: unnamed)."""
    model = PageModel()
    for number, name in enumerate(names, 1):
        model.insert(ROOT, number - 1, number)
        if name is not None:
            model.name(number, name, ROOT)
    return model


def test_positions_count_from_the_top_and_from_the_end():
    model = model_of('a', None, 'c')
    assert [model.index_at('f', ROOT, p) for p in (0, 1, 3, -1, -2, -4)] == [0, 1, 3, 3, 2, 0]
    for outside in (4, -5):
        with pytest.raises(IndexError, match=r"position %d is outside scope 'ROOT', which holds 3 outputs" % outside):
            model.index_at('f', ROOT, outside)


def test_moving_an_output_into_a_container_takes_it_out_of_its_box():
    model = model_of('a', None, 'c')
    model.own_box(9, 'inner', ROOT)
    model.insert(ROOT, 3, 9)

    class Moved:
        def __init__(self, id, box):
            self.id, self._box = id, box
    model.move_into(9, [Moved(3, ROOT)])
    assert model.boxes[ROOT] == [1, 2, 9] and model.parent[3] == 9
    model.remove(9)
    assert 'c' not in model.names and 'inner' not in model.boxes and model.anchor_names() == ['a']


@pytest.mark.parametrize('clear, left', [
    (lambda m: m.clear(ROOT, 0, 2), ['c', 'd', 'e']),
    (lambda m: m.clear(ROOT, 3), ['a', 'b', 'c']),
    (lambda m: m.clear(ROOT, 1, 3), ['a', 'd', 'e']),
    (lambda m: m.remove(3), ['a', 'b', 'd', 'e']),
])
def test_clearing_drops_the_names_in_the_cleared_part(clear, left):
    model = model_of('a', 'b', 'c', 'd', 'e')
    clear(model)
    assert model.anchor_names() == left
    assert all(name in model.names for name in left) and len(model.names) == len(left)


def test_require_names_the_missing_anchor_and_lists_the_existing_ones():
    with pytest.raises(ValueError, match=r"clear_after\(\): there is no anchor named 'nope'.*'a', 'b'"):
        model_of('a', 'b').require('clear_after', 'nope')


def test_guide_example_sends_placements_in_order(run_in_session):
    def task():
        set_anchor('top')
        put_text('A')
        put_text('B', anchor='b')
        put_text('C', after='top')
        put_text('D', before='b')
    commands = run_in_session(task)
    assert commands[0] == {'command': 'set_anchor', 'task_id': None, 'spec': {'name': 'top', 'id': 1}}
    assert [(c['spec']['content'], c['spec'].get('anchor'), c['spec'].get('before'), c['spec'].get('after'))
            for c in commands[1:]] == [('A', None, None, None), ('B', 'b', None, None),
                                       ('C', None, None, 'top'), ('D', None, 'b', None)]


@pytest.mark.parametrize('call', [
    lambda: put_text('x', before='nope'),
    lambda: put_markdown('x', after='nope'),
    lambda: clear_before('nope'),
    lambda: clear_after('nope'),
    lambda: clear_range('nope', 'a'),
    lambda: clear_range('a', 'nope'),
    lambda: remove('nope'),
    lambda: scroll_to('nope'),
])
def test_an_unknown_anchor_raises_value_error_naming_it(call, run_in_session):
    def task():
        set_anchor('a')
        call()
    with pytest.raises(ValueError, match="no anchor named 'nope'"):
        run_in_session(task)


def test_anchors_disappear_when_cleared_or_removed_and_can_be_made_again(run_in_session):
    errors = []

    def expect_missing(call):
        try:
            call()
        except ValueError as error:
            errors.append(str(error))

    def task():
        put_text('A', anchor='a')
        set_anchor('s')
        put_text('B', anchor='b')
        set_anchor('e')
        put_text('C', anchor='c')
        clear_range('s', 'e')
        expect_missing(lambda: remove('b'))
        clear_after('e')
        expect_missing(lambda: scroll_to('c'))
        clear_before('s')
        expect_missing(lambda: put_text('x', after='a'))
        put_text('A2', anchor='a')  # a new anchor of the old name goes at the end
        remove('s')
        expect_missing(lambda: clear_before('s'))

    commands = run_in_session(task)
    assert len(errors) == 4 and all('no anchor named' in e for e in errors)
    assert commands[-1]['command'] == 'remove' and commands[-1]['spec']['anchor'] == 's'
    assert 'before' not in commands[-2]['spec'] and commands[-2]['spec']['anchor'] == 'a'


def test_clear_range_of_anchors_in_reverse_order_removes_nothing(run_in_session):
    # upstream v0.3.0's test/template.py: clear_range('A3', 'A2') after clear_range('A1', 'A2')
    def task():
        set_anchor('a')
        put_text('kept')
        set_anchor('b')
        clear_range('b', 'a')
        put_text('kept too', before='b')
    commands = run_in_session(task)
    assert [c['command'] for c in commands].count('clear_range') == 0
    assert commands[-1]['spec']['content'] == 'kept too'


def test_replacing_an_anchor_cannot_also_move_it(run_in_session):
    def task():
        set_anchor('top')
        put_text('x', anchor='x')
        put_text('y', anchor='x', after='top')
    with pytest.raises(ValueError, match=r"replaces it in place.*remove\('x'\)"):
        run_in_session(task)

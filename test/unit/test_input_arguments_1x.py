"""1.x arguments of the input functions: wrong ones raise at once and name themselves."""
import pytest

from pywebio.input import (DATETIME, DATETIME_LOCAL, FLOAT, NUMBER, actions, checkbox, file_upload, input,
                           input_group, input_update, radio, select, slider, textarea)


def check(value):
    return None


@pytest.mark.parametrize('call', [
    lambda: input('x', name='x', validate=check, valid_func=check),
    lambda: textarea('x', name='x', validate=check, valid_func=check),
    lambda: select('x', ['a'], name='x', validate=check, valid_func=check),
    lambda: checkbox('x', ['a'], name='x', validate=check, valid_func=check),
    lambda: radio('x', ['a'], name='x', validate=check, valid_func=check),
    lambda: slider('x', name='x', validate=check, valid_func=check),
    lambda: file_upload('x', name='x', validate=check, valid_func=check),
    lambda: input_group('g', [input('x', name='x')], validate=check, valid_func=check),
])
def test_validate_and_valid_func_together_is_a_type_error_that_says_so(call):
    with pytest.raises(TypeError, match='validate= or valid_func=, not both'):
        call()


def test_validate_becomes_the_items_valid_func():
    for item in (input('x', name='x', validate=check), select('x', ['a'], name='x', validate=check),
                 slider('x', name='x', validate=check), textarea('x', name='x', validate=check)):
        assert item.valid_func is check


@pytest.mark.parametrize('call, error, message', [
    (lambda: input('x', name='x', lable='Name'), TypeError, "unexpected keyword argument 'lable'"),
    (lambda: input('x', name='x', validte=check), TypeError, "unexpected keyword argument 'validte'"),
    (lambda: select('x', ['a'], name='x', onchnage=check), ValueError, "'onchnage' is an event handler"),
    (lambda: input('x', name='x', validate='nope'), TypeError, 'validate must be a function'),
    (lambda: input('x', name='x', onchange='nope'), TypeError, 'onchange must be a function'),
    (lambda: input('x', name='x', action='nope'), TypeError, 'action must be a (label, callback) pair'),
    (lambda: input('x', name='x', action=('Go', 'nope')), TypeError, 'action must be a (label, callback) pair'),
    (lambda: input('x', name='x', onclick='alert(1)'), ValueError, 'event handler'),
    (lambda: input('x', name='x', maxlength=[3]), TypeError, 'maxlength must be a string, number or bool'),
    (lambda: input('x', type=NUMBER, name='x', value='4x'), TypeError, 'a number or a numeric string'),
    (lambda: actions('x', [{'label': 'A', 'type': 'callback', 'value': 1}], name='x'), TypeError,
     'its value must be a function'),
    (lambda: actions('x', [{'label': 'A', 'type': 'later'}], name='x'), ValueError, "'callback'"),
    (lambda: actions('x', [{'label': 'A', 'colour': 'red'}], name='x'), ValueError, "unknown key(s) 'colour'"),
    (lambda: actions('x', [('A', 1, 'reset', False, 'extra')], name='x'), ValueError,
     'must be (label, value[, type[, disabled]])'),
    (lambda: file_upload('x', name='x', max_size='10Q'), ValueError, 'max_size'),
    (lambda: file_upload('x', name='x', max_total_size=-1), ValueError, 'max_total_size'),
    (lambda: input_update('x', value=1), RuntimeError, 'must be called in one of its callbacks'),
])
def test_wrong_arguments_name_themselves(call, error, message):
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)


def test_real_html_attributes_still_work_everywhere():
    assert input('x', name='x', min=1, max=9, step=2, pattern='[0-9]+', autocomplete='off',
                 data_role='age', aria_label='Age').spec['attrs'] == {
        'min': 1, 'max': 9, 'step': 2, 'pattern': '[0-9]+', 'autocomplete': 'off', 'data-role': 'age',
        'aria-label': 'Age'}
    assert textarea('x', name='x', spellcheck='false').spec['attrs'] == {'spellcheck': 'false'}
    assert select('x', ['a'], name='x', native=False, size=3).spec['attrs'] == {'size': 3}
    assert file_upload('x', name='x', capture='user').spec['attrs'] == {'capture': 'user'}


def test_0x_numeric_strings_and_1x_names():
    assert input('x', type=NUMBER, name='x', value='42').spec['value'] == 42
    assert input('x', type=FLOAT, name='x', value=' 1.5 ').spec['value'] == 1.5
    assert DATETIME == DATETIME_LOCAL


def test_file_sizes_and_actions_specs():
    spec = file_upload('x', name='x', max_size='10M', max_total_size='1.5K', multiple=True).spec
    assert (spec['max_size'], spec['max_total_size'], spec['multiple']) == (10 * 1024 ** 2, 1536, True)
    spec = actions('x', ['A', ('B', 2), {'label': 'C', 'type': 'callback', 'value': print, 'color': 'danger'},
                         {'label': 'D', 'type': 'cancel', 'disabled': True}], name='x').spec
    assert spec['buttons'] == [
        {'label': 'A', 'type': 'submit', 'disabled': False, 'color': None},
        {'label': 'B', 'type': 'submit', 'disabled': False, 'color': None},
        {'label': 'C', 'type': 'callback', 'disabled': False, 'color': 'danger'},
        {'label': 'D', 'type': 'cancel', 'disabled': True, 'color': None}]
    # 1.x's tuple form: (label, value[, type[, disabled]]), as its test template writes a reset button
    spec = actions('x', [('Reset', 'reset', 'reset'), ('Off', 'off', 'submit', True)], name='x').spec
    assert spec['buttons'] == [
        {'label': 'Reset', 'type': 'reset', 'disabled': False, 'color': None},
        {'label': 'Off', 'type': 'submit', 'disabled': True, 'color': None}]


def test_pywebio_input_does_not_import_a_platform_module():
    import ast

    import pywebio.input
    with open(pywebio.input.__file__, encoding='utf-8') as source:
        tree = ast.parse(source.read())
    modules = [node.module or '' for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    modules += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [m for m in modules if 'platform' in m]


def test_a_list_value_of_a_single_choice_selects_that_option_as_0x_and_1x_do():
    for item in (select('s', ['a', 'b', 'c'], name='s', value=['b']), radio('r', ['a', 'b'], name='r', value=['b'])):
        assert [option['selected'] for option in item.spec['options']][:2] == [False, True]
    assert [o['selected'] for o in select('s', [('t', (1, 2)), 'x'], name='s', value=(1, 2)).spec['options']] == \
        [False, False]  # a tuple value names values, as 1.x reads it

"""Wrong arguments raise at once, with a message that says what is wrong."""
import pytest

from pywebio.input import NUMBER, input, input_group
from pywebio.output import put_buttons, put_text
from pywebio.platform.tornado import webio_handler
from pywebio.platform.utils import make_origin_checker, parse_size


@pytest.mark.parametrize('call, message', [
    (lambda: input('Age', type='numbr'), 'type must be one of'),
    (lambda: input(['Age']), 'label must be a string or a number'),
    (lambda: input('Age', type=NUMBER, value='three'), 'a number or a numeric string'),
    (lambda: input('Age', type=NUMBER, value=3.5), 'must be an int'),
    (lambda: input('Age', valid_func='nope'), 'valid_func must be a function'),
    (lambda: input('Age', name=''), 'name must be a non-empty string'),
    (lambda: input_group('G', []), 'non-empty list'),
    (lambda: input_group('G', ['not an input']), "item 0 is 'not an input'"),
    (lambda: input_group('G', [input('a', name='x'), input('b', name='x')]), "two items are named 'x'"),
    (lambda: put_text('a', sep=1), 'sep must be a string'),
    (lambda: put_buttons([], onclick=print), 'non-empty list'),
    (lambda: put_buttons(['A'], onclick='x'), 'onclick must be a function'),
    (lambda: put_buttons(['A', 'B'], onclick=[print]), 'list of 2 functions'),
    (lambda: put_buttons([('A', 1, 2)], onclick=print), '(label, value) pair'),
    (lambda: webio_handler(42), 'not start_server(main())'),
    (lambda: make_origin_checker('http://a.com'), 'not a string'),
    (lambda: parse_size('12 parsecs'), 'a size must be'),
])
def test_bad_arguments_raise_clear_errors(call, message):
    with pytest.raises((TypeError, ValueError), match=None) as info:
        call()
    assert message in str(info.value)


def test_input_with_name_returns_an_item_instead_of_blocking():
    item = input('Your age', name='age', type=NUMBER)
    assert item.name == 'age' and item.spec['type'] == 'number'


def test_parse_size_units():
    assert parse_size('16M') == 16 * 1024 * 1024
    assert parse_size('512k') == 512 * 1024
    assert parse_size(100) == 100


@pytest.mark.parametrize('allowed, origin, host, expected', [
    (None, 'http://app.test:8080', 'app.test:8080', True),
    (None, 'http://evil.test', 'app.test:8080', False),
    (['https://*.example.com'], 'https://tools.example.com', 'api.test', True),
    (['https://*.example.com'], 'http://tools.example.com', 'api.test', False),
    (['example.com:8080'], 'http://example.com:8080', 'api.test', True),
    (['example.com:8080'], 'http://example.com:9090', 'api.test', False),
])
def test_origin_patterns(allowed, origin, host, expected):
    assert make_origin_checker(allowed)(origin, host) is expected


def test_check_origin_function_admits_what_patterns_do_not():
    is_allowed = make_origin_checker(check_origin=lambda origin: origin.endswith('.trusted'))
    assert is_allowed('http://a.trusted', 'api.test')
    assert not is_allowed('http://a.untrusted', 'api.test')


def test_an_item_says_what_it_is_and_warns_when_never_placed(caplog):
    import gc

    from pywebio.input import select
    item = select('Gift', ['keyboard', 'ipad'], name='gift')
    assert "an item for input_group()" in repr(item) and 'without name=' in repr(item)
    del item
    gc.collect()
    assert any("never put in a group" in record.getMessage() for record in caplog.records)


def test_input_refuses_event_handler_attributes():
    with pytest.raises(ValueError, match='event handlers'):
        input('x', onclick='alert(1)')
    assert input('x', name='x', maxlength=3, data_test='y').spec['attrs'] == {'maxlength': 3, 'data-test': 'y'}

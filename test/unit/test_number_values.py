"""NUMBER and FLOAT fields read the text a browser's number field holds, and nothing else.

A browser's ``<input type=number>`` holds an HTML valid floating-point number or nothing, so
Python's wider literal syntax (``1_000``, ``inf``, ``0x10``, other scripts' digits) is answered
like a typing mistake, with the field's message; and no text makes the server slow or crash.
"""
import time

import pytest

from pywebio._form import InvalidValue, browser_number, messages_for
from pywebio.input import FLOAT, NUMBER, input, slider
from pywebio.session.base import ProtocolError

MESSAGES = messages_for('en')


def field(kind, **options):
    item = input('Amount', name='amount', type=kind, **options)
    item.placed = True  # read here, never shown
    return item


def submitted(kind, raw, **options):
    """What input() returns for ``raw``, or the message the person sees."""
    try:
        return field(kind, **options).parse(raw, MESSAGES)
    except InvalidValue as message:
        return str(message)


@pytest.mark.parametrize('raw, value', [
    ('42', 42), ('-7', -7), ('0', 0), ('-0', 0), ('007', 7), ('1e3', 1000), ('2.0', 2), ('1.5e1', 15),
    ('12345678901234567890123', 12345678901234567890123),  # exact, beyond a double's precision
    ('1' + '0' * 300, 10 ** 300), ('0' * 5000 + '5', 5), ('5' + '0' * 5000 + 'e-5000', 5),
])
def test_number_returns_the_whole_number_a_browser_field_holds(raw, value):
    result = submitted(NUMBER, raw)
    assert result == value and type(result) is int


@pytest.mark.parametrize('raw', [
    '1.5', '1e-1', '1_000', ' 42', '42 ', '+42', '0x10', 'inf', 'nan', '1.', '.', '-', '1e', 'e3',
    '١٢٣', '１２', '4x', '1' * 400, '1e309', '1e999999', '9' * 5000,
])
def test_number_answers_other_text_with_its_message(raw):
    assert submitted(NUMBER, raw) == 'Please enter an integer.'


@pytest.mark.parametrize('raw, value', [
    ('1.5', 1.5), ('-.5', -0.5), ('.5', 0.5), ('6.02E23', 6.02e23), ('1e-400', 0.0), ('42', 42.0),
])
def test_float_returns_the_float_a_browser_field_holds(raw, value):
    result = submitted(FLOAT, raw)
    assert result == value and type(result) is float


@pytest.mark.parametrize('raw', ['1_000.5', ' 1.5', 'inf', '-Infinity', 'nan', '0x1p3', '１.５', '1e999999',
                                 '1e' + '9' * 5000])
def test_float_answers_other_text_with_its_message(raw):
    assert submitted(FLOAT, raw) == 'Please enter a number.'


def test_an_empty_number_field_is_none_or_required():
    assert submitted(NUMBER, '') is None
    assert submitted(FLOAT, '', required=True) == 'This field is required.'


def test_an_onchange_reading_of_bad_text_is_none():
    item = field(NUMBER)
    assert item.parse_change('1_000', MESSAGES) is None
    assert item.parse_change('12', MESSAGES) == 12


def test_huge_text_is_read_in_linear_time():
    million = 10 ** 6
    cases = [(NUMBER, '1' * million, 'Please enter an integer.'),  # beyond a double: a browser empties it
             (NUMBER, '1' + '0' * million + 'e-1000000', 1),
             (NUMBER, '0' * million + '1e' + '0' * million + '3', 1000),
             (FLOAT, '1e' + '9' * million, 'Please enter a number.')]
    started = time.perf_counter()
    assert [submitted(kind, raw) for kind, raw, _ in cases] == [expected for _, _, expected in cases]
    # int() of a million digits raises in Python 3.11 (its 4300-digit limit) and takes seconds before
    assert time.perf_counter() - started < 2


def test_a_slider_takes_only_a_browser_number():
    item = slider('Volume', name='volume', min_value=0, max_value=10)
    item.placed = True
    assert item.parse('7', MESSAGES) == 7
    for forged in ('1_0', ' 5', 'nan', '５'):
        with pytest.raises(ProtocolError):
            item.parse(forged, MESSAGES)


@pytest.mark.parametrize('value, expected', [('42', 42), (' 1e3 ', 1000), ('-1.5', -1.5)])
def test_a_numeric_string_as_the_initial_value_reads_the_same_way(value, expected):
    assert field(FLOAT if '.' in value else NUMBER, value=value).spec['value'] == expected


@pytest.mark.parametrize('value', ['1_000', 'inf', '0x10', '١٢٣'])
def test_a_python_only_literal_as_the_initial_value_is_refused(value):
    with pytest.raises(TypeError, match='a number or a numeric string'):
        field(NUMBER, value=value)


def test_the_parser_says_what_is_wrong():
    with pytest.raises(ValueError, match='not a whole number'):
        browser_number('1.5', integer=True)
    with pytest.raises(ValueError, match='beyond the range of a double'):
        browser_number('1e309')
    with pytest.raises(ValueError, match='not a number as a browser writes one'):
        browser_number('1_000')

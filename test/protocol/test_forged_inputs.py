"""Never trust the browser: forged or malformed submissions never return an unoffered value."""
import json

import pytest

from pywebio.input import FLOAT, NUMBER, actions, checkbox, file_upload, input, input_group, radio, select
from pywebio.output import put_text


def chunk(name='data', file=0, offset=0, size=3, filename='f.bin', mime_type='', last_modified=None):
    """An upload chunk's description (docs/protocol.md, *Uploading files*)."""
    return {'field': name, 'file': file, 'offset': offset, 'size': size, 'filename': filename,
            'mime_type': mime_type, 'last_modified': last_modified}


def group_task(results):
    def task():
        results.append(input_group('All', [
            select('Size', [('S', 's'), ('M', 'm'), ('XL', 'xl', False, True)], name='size'),
            checkbox('Extras', ['a', 'b'], name='extras'),
            radio('Pay', ['cash', 'card'], name='pay'),
            actions('Go', [('Go', 'go'), {'label': 'Reset', 'type': 'reset'}], name='go'),
            input('Note', name='note'),
        ]))
        put_text('accepted')
    return task


VALID = {'size': [0], 'extras': [1], 'pay': [0], 'go': 0, 'note': 'hi'}


def test_a_valid_submission_returns_python_values(serve_app):
    results = []
    with serve_app(group_task(results)).connect() as client:
        client.submit(client.expect('input_group'), VALID)
        client.expect('destroy_form')
    assert results == [{'size': 's', 'extras': ['b'], 'pay': 'cash', 'go': 'go', 'note': 'hi'}]


@pytest.mark.parametrize('field, forged', [
    ('size', [3]), ('size', [2]), ('size', [0, 1]), ('size', ['0']), ('size', 0),
    ('extras', [1, 1]), ('extras', [True]), ('pay', [0, 1]), ('pay', [-1]),
    ('go', 1), ('go', 7), ('go', 'go'), ('note', 5), ('note', None),
])
def test_forged_values_close_the_session_and_return_nothing(serve_app, field, forged):
    results = []
    with serve_app(group_task(results)).connect() as client:
        form = client.expect('input_group')
        client.submit(form, {**VALID, field: forged})
        client.wait_closed()
    assert results == []


def test_cancelling_a_form_that_cannot_be_cancelled_closes_the_session(serve_app):
    results = []
    with serve_app(group_task(results)).connect() as client:
        client.submit(client.expect('input_group'), None)
        client.wait_closed()
    assert results == []


def upload_task(results, **options):
    def task():
        results.append(file_upload('File', **options))
    return task


def test_server_refuses_a_file_over_max_size_even_if_the_browser_is_bypassed(serve_app):
    """A declared size over the limit is refused at the first chunk, before a byte is kept; the
    submission that claims the file anyway gets the field's message; a smaller file then goes."""
    results = []
    with serve_app(upload_task(results, max_size='1K')).connect() as client:
        form = client.expect('input_group')
        status, answer = client.upload(form, chunk(size=2048, filename='big.bin'), b'x' * 1024)
        assert (status, answer) == (413, {'error': 'The file "big.bin" is larger than 1 KB.'})
        client.submit(form, {'data': [{'filename': 'big.bin', 'mime_type': '', 'size': 2048}]})
        message = client.expect('update_input')['spec']['invalid_feedback']
        assert message == 'The file "big.bin" is larger than 1 KB.'
        entry = client.upload_file(form, 'data', b'ok', filename='small.bin', mime_type='text/plain')
        client.submit(form, {'data': [entry]})
        client.expect('destroy_form')
    # a client that sends no last_modified (it is optional) gets None there
    assert results == [{'filename': 'small.bin', 'content': b'ok', 'mime_type': 'text/plain', 'last_modified': None,
                        'size': 2}]


def test_a_byte_past_the_declared_size_is_never_kept_and_ends_the_session(serve_app):
    """A page that declares a size within the limit and sends more is forged: the chunk that
    passes the declared size is refused whole (nothing of it stored), and the session ends."""
    results = []
    with serve_app(upload_task(results, max_size='1K')).connect() as client:
        form = client.expect('input_group')
        assert client.upload(form, chunk(size=1024), b'x' * 1000) == (200, {'stored': 1000})
        status, answer = client.upload(form, chunk(size=1024, offset=1000), b'x' * 25)
        assert status == 400 and 'passes its declared size' in answer['error']
        client.wait_closed()
        assert client.close_code == 1003
    assert results == []


@pytest.mark.parametrize('requests, files', [
    ([], [{'filename': 'a', 'mime_type': '', 'size': 3}]),  # no bytes for a declared file
    ([(chunk(), b'abc')], [{'filename': 'a', 'mime_type': '', 'size': 3}]),  # another file than sent
    ([(chunk(size=4), b'abc')], [{'filename': 'f.bin', 'mime_type': '', 'size': 4}]),  # not all of it
    ([(chunk(file=1), b'abc')], [{'filename': 'f.bin', 'mime_type': '', 'size': 3}]),  # file 1 first
    ([(chunk(name='other'), b'abc')], [{'filename': 'f.bin', 'mime_type': '', 'size': 3}]),  # not a file field
    ([(chunk(size=1), b'a'), (chunk(file=1, size=1), b'b')], [{'filename': 'f.bin', 'mime_type': '', 'size': 1},
                                                              {'filename': 'f.bin', 'mime_type': '', 'size': 1}]),
    ([({'field': 'data'}, b'')], [{'filename': 'f.bin', 'mime_type': '', 'size': 3}]),  # a broken header
    ([(dict(chunk(), file=True), b'abc')], [{'filename': 'f.bin', 'mime_type': '', 'size': 3}]),
])
def test_forged_uploads_close_the_session(serve_app, requests, files):
    results = []
    with serve_app(upload_task(results)).connect() as client:
        form = client.expect('input_group')
        for header, body in requests:
            client.upload(form, header, body)
        if client.close_code is None:
            client.submit(form, {'data': files})
        client.wait_closed()
    assert results == []


def test_a_wrong_secret_or_an_unknown_key_stores_nothing_and_harms_nobody(serve_app):
    results = []
    with serve_app(upload_task(results)).connect() as client:
        form = client.expect('input_group')
        assert client.upload(form, chunk(), b'abc', secret='x' * 43)[0] == 403
        assert client.upload(dict(form, spec={'upload': dict(form['spec']['upload'], key='0.nope')}),
                             chunk(), b'abc')[0] == 404
        assert client.upload(form, chunk(offset=None), b'') == (200, {'stored': 0})  # nothing was kept
        entry = client.upload_file(form, 'data', b'abc', filename='f.bin')
        client.submit(form, {'data': [entry]})
        client.expect('destroy_form')
        assert client.upload(form, chunk(), b'abc')[0] == 404  # the form is gone
    assert [r['content'] for r in results] == [b'abc']


def test_the_total_of_many_files_is_refused_at_the_file_that_crosses_it(serve_app):
    """max_total_size refuses the first file whose declared size crosses it, whatever file it
    is; files that fill the limit exactly are accepted."""
    results = []
    with serve_app(upload_task(results, multiple=True, max_total_size='1K')).connect() as client:
        form = client.expect('input_group')
        for file in range(4):  # 4 x 200 bytes, then a fifth of 225: the 1,025th byte
            assert client.upload(form, chunk(file=file, size=200), b'z' * 200)[0] == 200
        status, answer = client.upload(form, chunk(file=4, size=225), b'z' * 100)
        assert (status, answer) == (413, {'error': 'The files are larger than 1 KB in total.'})
        client.submit(form, {'data': [{'filename': 'f.bin', 'mime_type': '', 'size': 200}] * 4 +
                             [{'filename': 'f.bin', 'mime_type': '', 'size': 225}]})
        assert client.expect('update_input')['spec']['invalid_feedback'] == 'The files are larger than 1 KB in total.'
        entries = [client.upload_file(form, 'data', bytes([file]) * 128, index=file) for file in range(8)]
        client.submit(form, {'data': entries})  # 8 x 128 bytes: exactly 1 KB
        client.expect('destroy_form')
    assert [f['content'] for f in results[0]] == [bytes([i]) * 128 for i in range(8)]


def test_without_max_total_size_the_default_limit_holds_for_many_files(serve_app, monkeypatch):
    monkeypatch.setattr('pywebio._form.DEFAULT_UPLOAD_LIMIT', 1000)
    results = []
    with serve_app(upload_task(results, multiple=True)).connect() as client:
        form = client.expect('input_group')
        for file in range(10):
            client.upload_file(form, 'data', b'q' * 100, index=file)
        status, answer = client.upload(form, chunk(file=10, size=100), b'q' * 100)  # crosses 1,000
        assert (status, answer) == (413, {'error': 'The files are larger than 1000 bytes in total.'})
    assert results == []


def test_chunks_in_any_order_within_the_window_and_where_to_go_on_from(serve_app):
    """What a page with chunks in flight, and a dropped connection, send: chunks may arrive out of
    order within the window (the answer says where the bytes without a gap end), a chunk sent
    again changes nothing, and one past the window, or after the page asks about another file,
    is answered 409 with the offset to send from."""
    results = []
    window = 8 * 960 * 1024
    size = window + 10
    with serve_app(upload_task(results, max_size='8M')).connect() as client:
        form = client.expect('input_group')
        assert client.upload(form, chunk(size=size), b'abc') == (200, {'stored': 3})
        assert client.upload(form, chunk(size=size), b'abc') == (200, {'stored': 3})  # sent again
        assert client.upload(form, chunk(size=size, offset=6), b'ghi') == (200, {'stored': 3})  # ahead
        assert client.upload(form, chunk(size=size, offset=window + 4), b'x') == (409, {'stored': 3})
        assert client.upload(form, chunk(size=size, offset=None), b'') == (200, {'stored': 3})
        assert client.upload(form, chunk(size=7, offset=None), b'') == (200, {'stored': 0})  # another file
        assert client.upload(form, chunk(size=size, offset=3), b'def') == (200, {'stored': 9})  # the gap filled
        rest = bytes(range(256)) * (window // 256 + 1)
        for offset in range(9, size, 960 * 1024):
            status, answer = client.upload(form, chunk(size=size, offset=offset), rest[offset - 9:min(size, offset + 960 * 1024) - 9])
            assert status == 200
        assert answer == {'stored': size}
        client.submit(form, {'data': [{'filename': 'f.bin', 'mime_type': '', 'size': size}]})
        client.expect('destroy_form')
        client.wait_closed()  # the task has ended: it has put what it got in results
    assert results[0]['content'] == b'abcdefghi' + rest[:size - 9]


def test_number_fields_take_only_what_a_browser_number_field_holds(serve_app):
    """Python's literals and other scripts' digits get the field's message, as a typing mistake
    would; huge text neither crashes nor stalls the session; a browser's own forms are read exactly."""
    results = []

    def task():
        results.append(input_group('Numbers', [input('Count', name='count', type=NUMBER),
                                               input('Ratio', name='ratio', type=FLOAT)]))
    with serve_app(task).connect() as client:
        form = client.expect('input_group')
        for count, ratio, name, message in [
                ('1_000', '1.5', 'count', 'Please enter an integer.'),
                ('١٢٣', '1.5', 'count', 'Please enter an integer.'),
                ('9' * 5000, '1.5', 'count', 'Please enter an integer.'),
                ('12', 'inf', 'ratio', 'Please enter a number.'),
                ('12', '1e999999', 'ratio', 'Please enter a number.')]:
            client.submit(form, {'count': count, 'ratio': ratio})
            feedback = client.expect('update_input', where=lambda command: command['spec']['invalid_feedback'])
            assert (feedback['spec']['name'], feedback['spec']['invalid_feedback']) == (name, message)
        client.submit(form, {'count': '1e3', 'ratio': '-.5'})
        client.expect('destroy_form')
    assert results == [{'count': 1000, 'ratio': -0.5}]


def test_a_submission_with_a_field_the_form_does_not_have_closes_the_session(serve_app):
    results = []
    with serve_app(group_task(results)).connect() as client:
        client.submit(client.expect('input_group'), {**VALID, 'is_admin': True})
        client.wait_closed()
    assert results == []

"""Never trust the browser: forged or malformed submissions never return an unoffered value."""
import json

import pytest

from pywebio.input import FLOAT, NUMBER, actions, checkbox, file_upload, input, input_group, radio, select
from pywebio.output import put_text


def chunk_frame(task_id, name, file=0, offset=0, content=b'', filename='f.bin'):
    header = json.dumps({'event': 'file_chunk', 'task_id': task_id,
                         'data': {'name': name, 'file': file, 'offset': offset, 'filename': filename}}).encode()
    return len(header).to_bytes(4, 'big') + header + content


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
    results = []
    with serve_app(upload_task(results, max_size='1K')).connect() as client:
        form = client.expect('input_group')
        task_id = form['task_id']
        client.send_raw(chunk_frame(task_id, 'data', content=b'x' * 1024, filename='big.bin'))
        client.send_raw(chunk_frame(task_id, 'data', offset=1024, content=b'x' * 1024, filename='big.bin'))
        client.submit(form, {'data': [{'filename': 'big.bin', 'mime_type': '', 'size': 2048}]})
        message = client.expect('update_input')['spec']['invalid_feedback']
        assert message == 'The file "big.bin" is larger than 1 KB.'
        client.send_raw(chunk_frame(task_id, 'data', content=b'ok', filename='small.bin'))
        client.submit(form, {'data': [{'filename': 'small.bin', 'mime_type': 'text/plain', 'size': 2}]})
        client.expect('destroy_form')
    # a client that sends no last_modified (it is optional) gets None there
    assert results == [{'filename': 'small.bin', 'content': b'ok', 'mime_type': 'text/plain', 'last_modified': None,
                        'size': 2}]


@pytest.mark.parametrize('frames, files', [
    ([], [{'filename': 'a', 'mime_type': '', 'size': 3}]),  # no bytes for a declared file
    ([('data', 0, 0, b'abc')], [{'filename': 'a', 'mime_type': '', 'size': 4}]),  # wrong size
    ([('data', 0, 5, b'abc')], [{'filename': 'a', 'mime_type': '', 'size': 3}]),  # gap
    ([('data', 1, 0, b'abc')], [{'filename': 'a', 'mime_type': '', 'size': 3}]),  # file 1 first
    ([('other', 0, 0, b'abc')], [{'filename': 'a', 'mime_type': '', 'size': 3}]),  # not a file field
    ([('data', 0, 0, b'a'), ('data', 1, 0, b'b')], [{'filename': 'a', 'mime_type': '', 'size': 1},
                                                     {'filename': 'b', 'mime_type': '', 'size': 1}]),
])
def test_forged_uploads_close_the_session(serve_app, frames, files):
    results = []
    with serve_app(upload_task(results)).connect() as client:
        form = client.expect('input_group')
        for name, file, offset, content in frames:
            client.send_raw(chunk_frame(form['task_id'], name, file, offset, content))
        client.submit(form, {'data': files})
        client.wait_closed()
    assert results == []


def test_chunks_beyond_the_limit_are_not_stored(serve_app):
    """The server stops storing a file at its limit: only the message comes back."""
    results = []
    with serve_app(upload_task(results, max_size='4K')).connect() as client:
        form = client.expect('input_group')
        for index in range(64):  # 2 MB sent against a 4 KB limit
            client.send_raw(chunk_frame(form['task_id'], 'data', offset=index * 32768,
                                        content=b'y' * 32768))
        client.submit(form, {'data': [{'filename': 'f', 'mime_type': '', 'size': 64 * 32768}]})
        assert 'larger than 4 KB' in client.expect('update_input')['spec']['invalid_feedback']
    assert results == []


def test_the_total_of_many_files_is_counted_as_their_chunks_arrive(serve_app):
    """max_total_size refuses the chunk that crosses it, whatever file it is for; the next
    submission counts afresh, and files that fill the limit exactly are accepted."""
    results = []
    with serve_app(upload_task(results, multiple=True, max_total_size='1K')).connect() as client:
        form = client.expect('input_group')
        for file in range(5):  # 4 x 200 bytes, then 100 + 125: the 1,025th byte is in the fifth file
            for offset in (0, 100):
                size = 125 if (file, offset) == (4, 100) else 100
                client.send_raw(chunk_frame(form['task_id'], 'data', file, offset, b'z' * size))
        # sizes no file has: a forgery if the server had kept the bytes, so only a refusal while
        # the chunks arrived lets the form answer with the message
        client.submit(form, {'data': [{'filename': 'f%d' % i, 'mime_type': '', 'size': 1} for i in range(5)]})
        assert client.expect('update_input')['spec']['invalid_feedback'] == 'The files are larger than 1 KB in total.'
        for file in range(8):  # 8 x 128 bytes: exactly 1 KB
            for offset in (0, 64):
                client.send_raw(chunk_frame(form['task_id'], 'data', file, offset, bytes([file]) * 64))
        client.submit(form, {'data': [{'filename': 'f%d' % i, 'mime_type': '', 'size': 128} for i in range(8)]})
        client.expect('destroy_form')
    assert [f['content'] for f in results[0]] == [bytes([i]) * 128 for i in range(8)]


def test_without_max_total_size_the_default_limit_holds_for_many_files(serve_app, monkeypatch):
    monkeypatch.setattr('pywebio._form.DEFAULT_UPLOAD_LIMIT', 1000)
    results = []
    with serve_app(upload_task(results, multiple=True)).connect() as client:
        form = client.expect('input_group')
        for file in range(11):  # the eleventh file of 100 bytes crosses 1,000
            client.send_raw(chunk_frame(form['task_id'], 'data', file, 0, b'q' * 100))
        client.submit(form, {'data': [{'filename': 'f', 'mime_type': '', 'size': 100}] * 11})
        message = client.expect('update_input')['spec']['invalid_feedback']
        assert message == 'The files are larger than 1000 bytes in total.'
    assert results == []


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

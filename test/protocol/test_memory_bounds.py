"""Security #23, hole 3: the memory a session can pin. A browser that uploads and never submits
is refused at the bound of uploads held (in memory, and on disk: 507 at the first chunk past it);
one that floods events behind a slow callback or ``valid_func`` is closed with 1008 at the bound
(docs/reliability.md, *Bounds*); the server's memory stays within the bound, and the other
sessions never notice.

The attacks run as the review ran them: real WebSocket (and HTTP long-poll) clients against a
server in a process of its own (test/apps/bounded_app.py, with process budgets of 24 MiB), whose
resident memory is read from /proc. The slow callbacks wait on gates the test opens, so nothing
here sleeps and hopes.
"""
import json
import os

import pytest

from pywebio.session import bounds
from pywebio.testing import WebIOClient, upload_request
from test.helpers import APPS, listening_port, start_program, stop_program, wait_for
from test.protocol.test_http_transport import HttpClient

MiB = bounds.MiB
CHUNK = 960 * 1024  # what the page sends per request of the upload endpoint
NO_ROOM = 'The server has no room for this file now. Please try again later.'

pytestmark = pytest.mark.skipif(not os.path.exists('/proc/self/status'), reason='reads RSS from /proc')


def rss(pid):
    """The resident memory of process ``pid``, in bytes."""
    with open('/proc/%d/status' % pid) as status:
        line = next(line for line in status if line.startswith('VmRSS:'))
    return int(line.split()[1]) * 1024


class Server:
    def __init__(self, platform, spool):
        self.spool = spool
        self.process = start_program(APPS / 'bounded_app.py', args=[platform], env={'PYWEBIO_UPLOAD_DIR': str(spool)})
        self.port = listening_port(self.process)

    def spooled(self):
        """The spool files on disk (not the lock files of the process directories)."""
        return [path for path in self.spool.glob('*/*') if path.name != '.lock']

    def connect(self, app):
        return WebIOClient('ws://127.0.0.1:%d/io?app=%s' % (self.port, app))

    def held(self):
        """(upload bytes, event bytes, events) the process holds, as its `held` app reports."""
        with self.connect('held') as client:
            return tuple(map(int, client.expect('output')['spec']['content'].split()))

    def rss(self):
        return rss(self.process.pid)

    def greets(self):
        """A bystander: a new session answers as usual."""
        with self.connect('greet') as client:
            client.submit(client.expect('input_group'), {'data': 'Bo'})
            return client.expect('output')['spec']['content'] == 'Hello, Bo'

    def open_gate(self, name):
        with self.connect('open_gate') as client:
            client.submit(client.expect('input_group'), {'data': name})
            assert client.expect('output')['spec']['content'] == 'opened ' + name


@pytest.fixture(scope='module')
def server(tmp_path_factory):
    started = Server('tornado', tmp_path_factory.mktemp('spool'))
    yield started
    stop_program(started.process)


def park(send, size, file_size):
    """Upload ``size`` bytes in files of ``file_size`` through ``send(chunk, body)`` and never
    submit; the status of the last request."""
    for index in range(size // file_size):
        for offset in range(0, file_size, CHUNK):
            status, answer = send({'field': 'data', 'file': index, 'offset': offset, 'size': file_size,
                                   'filename': 'f', 'mime_type': '', 'last_modified': None},
                                  b'u' * min(CHUNK, file_size - offset))
            if status != 200:
                return status, answer
    return 200, None


@pytest.mark.parametrize('file_size', [MiB, 8 * MiB], ids=['in memory', 'on disk'])
def test_parked_uploads_are_bounded_by_the_process_budget(server, file_size):
    """Three sessions park 8 MiB each (their form's declared bound) and never submit: the process
    budget of 24 MiB is full, so the fourth is refused at its first chunk (507, the field's
    message), and its session goes on; the parked ones and a new session carry on, and a parked
    one's bytes go back when it submits or leaves. Files of 1 MiB are held in memory, larger
    ones on disk: neither grows the server's memory by the files' size."""
    before = server.rss()
    parked = [server.connect('upload') for _ in range(3)]
    forms = [client.expect('input_group') for client in parked]
    for client, form in zip(parked, forms):
        assert park(lambda chunk, body: client.upload(form, chunk, body), 8 * MiB, file_size) == (200, None)
    wait_for(lambda: server.held()[0] == 24 * MiB, what='24 MiB of parked uploads')
    with server.connect('upload') as over:
        form = over.expect('input_group')
        assert park(lambda chunk, body: over.upload(form, chunk, body), file_size, file_size) == (507, {'error': NO_ROOM})
        assert over.close_code is None  # refused a file, not ended
    grown = server.rss() - before
    bound = 24 * MiB + 40 * MiB if file_size <= MiB else 40 * MiB  # on disk: not even the 24 MiB
    assert grown < bound, 'RSS grew by %.0f MiB' % (grown / MiB)
    assert len(server.spooled()) == (3 if file_size > MiB else 0)
    assert server.greets()
    parked[0].submit(forms[0], {'data': [{'filename': 'f', 'mime_type': '', 'size': file_size, 'last_modified': None}]
                                * (8 * MiB // file_size)})
    assert parked[0].expect('output')['spec']['content'] == 'got %d bytes' % (8 * MiB)
    parked[1].close()
    wait_for(lambda: server.held()[0] == 8 * MiB, what='a submitted and a closed upload given back')
    parked[2].close()
    wait_for(lambda: server.held() == (0, 0, 0), what='everything given back')
    assert server.spooled() == []


@pytest.mark.parametrize('app', ['clicks', 'async_clicks'])
def test_a_click_flood_behind_a_slow_callback_closes_at_1000_waiting(server, app):
    """10 MB of clicks, as in the review: the session closes when 1,000 wait; a bystander, and
    the slow callback's own session until then, are served."""
    before = server.rss()
    with server.connect(app) as flooder:
        buttons = flooder.expect('output', where=lambda c: c['spec'].get('type') == 'buttons')
        click = json.dumps({'event': 'callback', 'task_id': buttons['spec']['callback_id'], 'data': 0})
        for _ in range(1100):
            flooder.send_raw(click[:-1] + ' ' * 9000 + '}')  # 9 KB a click: 10 MB in all
        assert flooder.wait_closed() == 1008
        assert flooder.close_reason == 'over a limit: 1000 events waiting in one session'
    assert server.rss() - before < 40 * MiB
    assert server.greets()
    server.open_gate(app)
    wait_for(lambda: server.held()[1:] == (0, 0), what='the clicks given back')


def test_an_unknown_envelope_key_closes_at_once_with_1003(server):
    """A submission with a 15 MiB extra key is refused as it arrives: nothing waits in memory."""
    with server.connect('submissions') as client:
        form = client.expect('input_group')
        client.send({'event': 'form_submit', 'task_id': form['task_id'], 'data': {'text': 'a'},
                     'pad': 'x' * (15 * MiB)})
        assert client.wait_closed() == 1003
        assert client.close_reason.startswith("invalid message: an event with keys the protocol does not have: 'pad'")


def submit_flood(client, count, size=MiB):
    form = client.expect('input_group')
    for _ in range(count):
        client.submit(form, {'text': 'x' * size})


def test_a_submission_flood_behind_a_slow_valid_func_is_bounded(server):
    """Submissions of 1 MiB behind a valid_func that does not return: one session closes at its
    own bound (16 MiB waiting); two that stay under it fill the process budget (24 MiB), and the
    third that would pass it is the one closed. The two carry on once valid_func answers."""
    before = server.rss()
    with server.connect('submissions') as greedy:
        submit_flood(greedy, 20)
        assert greedy.wait_closed() == 1008
        assert greedy.close_reason == 'over a limit: 16 MiB of events waiting in one session'
    wait_for(lambda: server.held()[1] == 0, what='the closed session gives its events back')
    patient = [server.connect('submissions') for _ in range(2)]
    for client in patient:  # 10 wait in each (11, if the task has not taken the first yet)
        submit_flood(client, 11)
    wait_for(lambda: server.held()[1] >= 20 * MiB, what='20 MiB of submissions waiting')
    with server.connect('submissions') as third:
        submit_flood(third, 12)
        assert third.wait_closed() == 1008
        assert third.close_reason == 'over a limit: 24 MiB of events waiting in all sessions'
    grown = server.rss() - before
    assert grown < 24 * MiB + 60 * MiB, 'RSS grew by %.0f MiB' % (grown / MiB)
    assert server.greets()
    server.open_gate('valid')
    for client in patient:  # every submission answered, none lost, the session still open
        for _ in range(11):
            assert client.expect('update_input')['spec']['invalid_feedback'] == 'no'
        client.close()
        assert client.close_code == 1000
    wait_for(lambda: server.held() == (0, 0, 0), what='everything given back')


def test_parked_uploads_over_http_long_polling(tmp_path):
    """The same bound over the HTTP transport: past the process budget, the upload endpoint
    refuses the file (507) and the session goes on."""
    http = Server('tornado_http', tmp_path)
    try:
        for index in range(4):
            if index == 3:
                wait_for(lambda: http_held(http.port) == 24 * MiB, what='24 MiB of parked uploads')
            api = 'http://127.0.0.1:%d/io' % http.port
            client = HttpClient(api + '?app=upload')
            client.open()
            form = next(c for c in client.commands_until('input_group') if c['command'] == 'input_group')
            target = form['spec']['upload']

            def send(chunk, body):
                return upload_request(api, target['key'], target['secret'], chunk, body)
            outcome = park(send, 8 * MiB, 8 * MiB)
        assert outcome == (507, {'error': NO_ROOM})
        assert http_held(http.port) == 24 * MiB  # the other three keep theirs
        assert len(http.spooled()) == 3
    finally:
        stop_program(http.process)


def http_held(port):
    """The upload bytes the process holds, read over HTTP long-polling."""
    client = HttpClient('http://127.0.0.1:%d/io?app=held' % port)
    client.open()
    output = next(c for c in client.commands_until('close_session') if c['command'] == 'output')
    return int(output['spec']['content'].split()[0])

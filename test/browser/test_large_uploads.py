"""Large files in Chromium: a gigabyte streamed to disk with a progress bar, Cancel, a drop in the
middle that resumes, refusals shown at the field, parallel sessions, and spool files that never
outlive their session or their process (docs/protocol.md, *Uploading files*)."""
import hashlib
import os
import re
import signal
import subprocess
import sys
import threading

import pytest
from playwright.sync_api import expect

from pywebio.input import file_upload, input, input_group
from pywebio.output import put_text
from pywebio.session import bounds
from pywebio.session.uploads import TaskUploads
from pywebio.testing import WebIOClient
from test.flaky_network import FlakyProxy
from test.helpers import ROOT, listening_port, wait_for

MiB = 1024 * 1024
BLOCK = os.urandom(4 * MiB)


def make_file(path, size):
    """``size`` bytes that do not compress (a random block, each copy made different), and their SHA-256."""
    digest = hashlib.sha256()
    with open(path, 'wb') as file:
        for index, offset in enumerate(range(0, size, len(BLOCK))):
            block = (index.to_bytes(8, 'big') + BLOCK[8:])[:size - offset]
            file.write(block)
            digest.update(block)
    return digest.hexdigest()


def sha256_of(file):
    digest = hashlib.sha256()
    for block in iter(lambda: file.read(MiB), b''):
        digest.update(block)
    return digest.hexdigest()


def rss():
    with open('/proc/self/status') as status:
        return int(next(line for line in status if line.startswith('VmRSS:')).split()[1]) * 1024


@pytest.fixture
def spool(tmp_path, monkeypatch):
    """The spool directory of the servers this test starts in this process: the spool files."""
    directory = tmp_path / 'spool'
    monkeypatch.setenv('PYWEBIO_UPLOAD_DIR', str(directory))
    return lambda: sorted(path for path in directory.glob('*/*') if path.name != '.lock')


def test_a_gigabyte_streams_to_disk_with_a_progress_bar(serve_app, page, tmp_path, spool):
    """1 GiB, read by the app as a file on disk: the form shows its progress (bytes and percent,
    for a screen reader too), the server's memory grows by a few chunks, not the file, and the
    file is deleted once the session ends."""
    page.set_default_timeout(120_000)
    source = tmp_path / 'video.bin'
    expected = make_file(source, 1024 * MiB)
    got = []
    paths = []
    peak = [0]
    sampling = threading.Event()

    def task():
        value = file_upload('Your video', max_size='2G', as_file=True)
        paths.append(value['path'])
        got.append((value['filename'], value['size'], sha256_of(value['file'])))
        put_text('Received %s' % value['filename'])
        input_group('Keep the session open', [file_upload('Another', name='another')])

    def sample():
        while not sampling.wait(0.05):
            peak[0] = max(peak[0], rss())

    page.goto(serve_app(task).url)
    page.get_by_label('Your video').set_input_files(str(source))
    before = rss()
    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        page.get_by_role('button', name='Submit').click()
        progress = page.get_by_role('progressbar', name='Upload progress')
        expect(progress).to_have_attribute('aria-valuetext', re.compile(r' of 1 GB \(\d+%\)$'))
        expect(page.get_by_role('button', name='Cancel upload')).to_be_enabled()
        expect(page.get_by_text('Received video.bin')).to_be_visible(timeout=120_000)
    finally:
        sampling.set()
        sampler.join()
    assert got == [('video.bin', 1024 * MiB, expected)]
    grown = peak[0] - before
    assert grown < 64 * MiB, 'the server grew by %.0f MiB while receiving 1 GiB' % (grown / MiB)
    assert [str(path) for path in spool()] == paths  # the app's file, on disk, while the session lasts
    page.close()  # the person leaves: the session ends, and its files with it
    wait_for(lambda: spool() == [], what='the spool file deleted with its session')
    wait_for(lambda: bounds.UPLOAD_DISK_BYTES.used == 0, what='the disk bytes given back')


def test_cancel_stops_the_upload_and_frees_its_bytes(serve_app, page, tmp_path, spool):
    got = []

    def task():
        got.append(file_upload('A file', max_size='1G')['content'])
        put_text('got %d bytes' % len(got[-1]))

    source = tmp_path / 'big.bin'
    make_file(source, 256 * MiB)
    small = tmp_path / 'small.txt'
    small.write_bytes(b'just this')
    server = serve_app(task)
    with FlakyProxy(server.port, upload_rate=32 * MiB) as proxy:  # about 8 s: time to press Cancel
        page.goto(proxy.url)
        page.get_by_label('A file').set_input_files(str(source))
        page.get_by_role('button', name='Submit').click()
        wait_for(lambda: len(spool()) == 1 and spool()[0].stat().st_size > 8 * MiB, what='the upload under way')
        page.get_by_role('button', name='Cancel upload').click()
        field = page.get_by_label('A file')
        expect(page.get_by_text('Upload cancelled.')).to_be_visible()
        expect(field).to_have_attribute('aria-invalid', 'true')
        wait_for(lambda: spool() == [], what='the cancelled upload deleted on the server')
        wait_for(lambda: bounds.UPLOAD_DISK_BYTES.used == 0, what='its disk bytes given back')
        expect(page.get_by_role('progressbar')).to_have_count(0)
        field.set_input_files(str(small))  # the form is still there, and takes another file
        page.get_by_role('button', name='Submit').click()
        expect(page.get_by_text('got 9 bytes')).to_be_visible()
    assert got == [b'just this']


def test_a_drop_in_the_middle_resumes_from_what_the_server_stored(serve_app, page, tmp_path, monkeypatch):
    """The proxy cuts every connection in the middle of a 96 MiB upload: the page goes on from
    the last chunk the server stored, not from zero, and the file arrives intact."""
    stored = []
    receive = TaskUploads.receive

    def counting(self, chunk, body):
        status, answer = receive(self, chunk, body)
        if status == 200 and body:
            stored.append((chunk['offset'], len(body)))
        return status, answer

    monkeypatch.setattr(TaskUploads, 'receive', counting)
    got = []

    def task():
        value = file_upload('A file', max_size='128M', as_file=True)
        got.append(sha256_of(value['file']))
        put_text('got %d bytes' % value['size'])

    source = tmp_path / 'big.bin'
    expected = make_file(source, 96 * MiB)
    server = serve_app(task)
    with FlakyProxy(server.port, upload_rate=24 * MiB) as proxy:
        page.goto(proxy.url)
        page.get_by_label('A file').set_input_files(str(source))
        page.get_by_role('button', name='Submit').click()
        wait_for(lambda: sum(size for _, size in stored) > 32 * MiB, what='a third of the upload')
        proxy.cut('rst')
        expect(page.get_by_text('got %d bytes' % (96 * MiB))).to_be_visible(timeout=60_000)
    assert got == [expected]
    offsets = [offset for offset, _ in stored]
    assert offsets.count(0) == 1  # never restarted from zero...
    # ...and went twice at most what was past the resume point at the cut: the page's window of
    # 8 chunks (7 of them stored beyond a gap, the usual case), and the requests in flight (5),
    # which Chromium may itself send again after a reset on a kept-alive connection before the
    # page asks where to go on from (a loaded CI machine once stored 9 chunks twice)
    chunk = 960 * 1024
    resent = sum(size for _, size in stored) - 96 * MiB
    assert 0 <= resent <= (8 + 5) * chunk, resent / chunk


def test_the_server_refuses_a_file_it_has_no_room_for_at_its_first_chunk(serve_app, page, tmp_path, spool,
                                                                         monkeypatch):
    """A disk too full to hold a file (here: one that must keep more free than any disk has), and
    the server refuses it at its first chunk: the field says so in the page's language, nothing
    is kept, and the form stays usable. (The process's and the session's disk bounds refuse the
    same way: test/protocol/test_memory_bounds.py.)"""
    monkeypatch.setattr('pywebio.session.uploads.DISK_MARGIN', 1 << 60)
    got = []

    def task():
        got.append(file_upload('A file')['size'])
        put_text('got %d bytes' % got[-1])

    source = tmp_path / 'big.bin'
    make_file(source, 8 * MiB)
    page.goto(serve_app(task).url)
    field = page.get_by_label('A file')
    field.set_input_files(str(source))
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('The server has no room for this file now. Please try again later.')).to_be_visible()
    expect(field).to_have_attribute('aria-invalid', 'true')
    assert spool() == [] and bounds.UPLOAD_DISK_BYTES.used == 0
    smaller = tmp_path / 'smaller.bin'  # kept in memory: no disk needed
    make_file(smaller, MiB)
    field.set_input_files(str(smaller))
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('got %d bytes' % MiB)).to_be_visible()


def test_a_validation_message_does_not_make_the_person_send_the_file_again(serve_app, page, tmp_path,
                                                                           monkeypatch):
    stored = []
    receive = TaskUploads.receive

    def counting(self, chunk, body):
        status, answer = receive(self, chunk, body)
        stored.append(len(body) if status == 200 else 0)
        return status, answer

    monkeypatch.setattr(TaskUploads, 'receive', counting)

    def task():
        data = input_group('Report', [file_upload('Attachment', name='file'),
                                      input('Title', name='title')],
                           validate=lambda d: ('title', 'Give it a title.') if not d['title'] else None)
        put_text('%s: %d bytes' % (data['title'], data['file']['size']))

    source = tmp_path / 'report.bin'
    make_file(source, 20 * MiB)
    page.goto(serve_app(task).url)
    page.get_by_label('Attachment').set_input_files(str(source))
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Give it a title.')).to_be_visible(timeout=30_000)
    sent_once = sum(stored)
    page.get_by_label('Title').fill('Q3')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Q3: %d bytes' % (20 * MiB))).to_be_visible(timeout=30_000)
    assert sum(stored) == sent_once  # the second submission sent no byte again
    # (the first sent every byte; a busy machine may make it retry a chunk or two)
    assert 20 * MiB <= sent_once <= 20 * MiB + 8 * 960 * 1024, sent_once


def test_two_sessions_upload_at_the_same_time(serve_app, new_page, tmp_path):
    got = {}

    def task():
        value = file_upload('A file', max_size='1G', as_file=True)
        got[value['filename']] = sha256_of(value['file'])
        put_text('got %s' % value['filename'])

    server = serve_app(task)
    pages, expected = [], {}
    for name in ('first.bin', 'second.bin'):
        expected[name] = make_file(tmp_path / name, 160 * MiB)
        page = new_page()
        page.set_default_timeout(60_000)
        page.goto(server.url)
        page.get_by_label('A file').set_input_files(str(tmp_path / name))
        pages.append(page)
    for page in pages:
        page.get_by_role('button', name='Submit').click()
    for page, name in zip(pages, expected):
        expect(page.get_by_text('got %s' % name)).to_be_visible(timeout=60_000)
    assert got == expected


def test_a_server_deletes_what_a_crashed_one_left(tmp_path):
    """A server killed in the middle of an upload leaves its spool file; the next one to start
    deletes it (its directory's lock died with the process), and leaves a live server's alone."""
    spool = tmp_path / 'spool'
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'PYWEBIO_UPLOAD_DIR': str(spool), 'PYTHONUNBUFFERED': '1'}

    def start():
        return subprocess.Popen([sys.executable, str(ROOT / 'test' / 'apps' / 'deploy_app.py')], env=env,
                                text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    crashed, live = start(), start()
    try:
        ports = [listening_port(crashed), listening_port(live)]
        for port in ports:
            with WebIOClient('ws://127.0.0.1:%d/io?app=upload' % port) as client:
                form = client.expect('input_group')
                status, answer = client.upload(form, {'field': 'data', 'file': 0, 'offset': 0, 'size': 4 * MiB,
                                                      'filename': 'f', 'mime_type': '', 'last_modified': None},
                                               b'x' * (512 * 1024))
                assert (status, answer) == (200, {'stored': 512 * 1024})
                if port == ports[0]:
                    os.killpg(crashed.pid, signal.SIGKILL)  # in the middle of the upload
                    crashed.wait(10)
                    left = [path for path in spool.glob('*/*') if path.name != '.lock']
                    assert len(left) == 1 and left[0].stat().st_size == 512 * 1024
                    leftover = left[0]
                else:
                    held = [path for path in spool.glob('*/*') if path.name != '.lock' and path != leftover]
                    assert len(held) == 1  # the live server's own upload, under way
                    restarted = start()
                    try:
                        listening_port(restarted)
                        wait_for(lambda: not leftover.exists(), what="the crashed server's spool file deleted")
                        assert held[0].exists()  # a live server's files are its own
                    finally:
                        os.killpg(restarted.pid, signal.SIGKILL)
    finally:
        for process in (crashed, live):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


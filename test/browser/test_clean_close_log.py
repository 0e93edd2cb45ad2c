"""What the log says when a page closes: a tab closed cleanly ends its session without the line
meant for a detached session that sent more than its page can get back ("ending a detached
session: it has sent more than ... bytes its page does not have"); that line is still logged when
it is true."""
import logging
import threading
import time

import pytest
from playwright.sync_api import expect

from pywebio.exceptions import SessionClosedException
from pywebio.output import put_text
from pywebio.platform import resume
from pywebio.session import defer_call, hold
from test.helpers import serve_platform, wait_for

TOO_MUCH = 'it has sent more than'


def resume_lines(caplog):
    return [record.getMessage() for record in caplog.records if record.name == 'pywebio.platform.resume']


@pytest.mark.parametrize('reconnect_timeout', [60, 0])
def test_a_page_closed_cleanly_logs_no_overflow(serve_app, page, caplog, reconnect_timeout):
    caplog.set_level(logging.DEBUG, logger='pywebio')
    ended = []

    def task():
        defer_call(lambda: ended.append(True))
        put_text('hello there')
        hold()

    server = serve_app(task, reconnect_timeout=reconnect_timeout)
    page.goto(server.url)
    expect(page.get_by_text('hello there')).to_be_visible()
    page.close()  # the tab closes: the page leaves, and its session ends
    wait_for(lambda: ended, timeout=10)
    time.sleep(0.5)  # the last commands of the ending session reach the (detached) outbox
    assert [line for line in resume_lines(caplog) if TOO_MUCH in line] == []


def test_a_detached_session_that_sends_too_much_still_says_so(monkeypatch, caplog):
    """The control: a page that dropped (no leave) while its session outputs more than is kept."""
    caplog.set_level(logging.INFO, logger='pywebio')
    monkeypatch.setattr(resume, 'MAX_KEPT_BYTES', 10_000)
    dropped, closed = threading.Event(), []

    def task():
        dropped.wait(10)
        try:
            for i in range(100_000):
                put_text('line %d' % i)
                time.sleep(0.0001)
        except SessionClosedException:
            closed.append(True)

    with serve_platform('tornado', task) as server, server.connect() as client:
        client.drop()
        dropped.set()
        wait_for(lambda: closed, timeout=10)
    assert [line for line in resume_lines(caplog) if TOO_MUCH in line] == [
        'ending a detached session: it has sent more than 10000 bytes its page does not have']

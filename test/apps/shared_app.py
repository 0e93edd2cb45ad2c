"""A server of several processes sharing through the Redis at ``PYWEBIO_REDIS_URL`` (argv:
[PROCESSES]): the ``index`` app says which process serves it and waits; the ``announce`` app
broadcasts what is typed, and counts the announcements in a shared value."""
import os
import sys

from pywebio import start_server
from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import hold
from pywebio.shared import Value, broadcast

announcements = Value('announcements', default=0)


def index():
    put_text('process %d' % os.getpid())
    hold()


def announce():
    put_text('process %d' % os.getpid())
    while True:
        text = input('Announcement')
        broadcast('%s (number %d)' % (text, announcements.update(lambda n: n + 1)))


start_server({'index': index, 'announce': announce}, port=0, host='127.0.0.1',
             processes=int(sys.argv[1]) if len(sys.argv) > 1 else 2)

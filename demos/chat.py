"""Chat room: everyone who opens the page talks to everyone else, live, even when the server
runs several processes or machines.

The room is a `pywebio.shared.Channel`: each visitor's session subscribes to it and shows every
message as it comes, after the last ten said before it joined, and publishes what its visitor
types. Alone, the channel lives in the server's memory; with ``--redis`` (or the environment
variable ``PYWEBIO_REDIS_URL``) it lives in Redis, and visitors served by different processes
(``--processes 2``) or machines meet there.

Run it with ``python demos/chat.py`` and open http://localhost:8080/ in two tabs (``--port`` to
change it; ``--processes 2 --redis redis://127.0.0.1:6379/0`` to scale it).
"""
import argparse

from pywebio import start_server
from pywebio.input import TEXT, input
from pywebio.output import put_markdown, put_scope, put_scrollable, put_text, toast
from pywebio.session import defer_call
from pywebio.shared import Channel, SharedUnavailable

room = Channel('chat', history=200)  # the room remembers the last 200 messages


def show(message):
    put_text('%(who)s: %(text)s' % message, scope='messages')


def say(who, text):
    try:
        room.publish({'who': who, 'text': text})
    except SharedUnavailable:
        toast('The chat room cannot be reached right now: try again in a moment', color='error')


def chat():
    put_markdown('## Chat room\nEveryone on this page sees what you write.')
    with put_scrollable(height=300, keep_bottom=True):
        put_scope('messages')
    name = input('Your name', required=True, help_text='Shown beside your messages')
    room.subscribe(show, history=10)  # the last few messages before joining, then each new one
    say('📢', '%s joined' % name)
    defer_call(lambda: say('📢', '%s left' % name))
    while True:
        say(name, input('Message', type=TEXT, placeholder='Say something', required=True))


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--port', type=int, default=8080)
    parser.add_argument('--host', default='')
    parser.add_argument('--processes', type=int, default=1)
    parser.add_argument('--redis', default=None, help='a Redis URL, such as redis://127.0.0.1:6379/0')
    args = parser.parse_args()
    start_server(chat, port=args.port, host=args.host, processes=args.processes, redis_url=args.redis)

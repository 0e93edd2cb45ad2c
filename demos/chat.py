"""Chat room: everyone who opens the page talks to everyone else, live.

Each visitor's session runs in its own thread; the messages are shared by all of them. A thread
registered with the session (``register_thread``) waits for new messages and shows them, while
the session's own thread waits for what its visitor types.

Run it with ``python demos/chat.py`` and open http://localhost:8080/ in two tabs (``--port`` to
change it).
"""
import argparse
import threading

from pywebio import start_server
from pywebio.exceptions import SessionException
from pywebio.input import TEXT, input
from pywebio.output import put_markdown, put_scope, put_scrollable, put_text
from pywebio.session import defer_call, register_thread

MAX_KEPT = 200  # the room remembers this many messages


class Room:
    """The messages of the room, and a condition that wakes every reader when one is said."""

    def __init__(self):
        self.messages = []       # (name, text)
        self.first_number = 0    # the number of messages[0] since the room opened
        self.changed = threading.Condition()

    def say(self, name, text):
        with self.changed:
            self.messages.append((name, text))
            if len(self.messages) > MAX_KEPT:
                self.messages.pop(0)
                self.first_number += 1
            self.changed.notify_all()

    def count(self):
        """How many messages were said since the room opened."""
        with self.changed:
            return self.first_number + len(self.messages)

    def wait_after(self, number, timeout=None):
        """The messages said from number ``number`` on (waiting for one if there are none), and the next number."""
        with self.changed:
            self.changed.wait_for(lambda: self.first_number + len(self.messages) > number, timeout)
            start = max(number - self.first_number, 0)
            return self.messages[start:], self.first_number + len(self.messages)


room = Room()


def chat():
    put_markdown('## Chat room\nEveryone on this page sees what you write.')
    with put_scrollable(height=300, keep_bottom=True):
        put_scope('messages')
    name = input('Your name', required=True, help_text='Shown beside your messages')
    room.say('📢', '%s joined' % name)
    defer_call(lambda: room.say('📢', '%s left' % name))

    left = threading.Event()
    defer_call(left.set)

    def show_messages():
        seen = max(room.count() - 10, 0)  # the last few messages before joining
        try:
            while not left.is_set():
                messages, seen = room.wait_after(seen, timeout=1)
                for who, text in messages:
                    put_text('%s: %s' % (who, text), scope='messages')
        except SessionException:
            pass  # the visitor left while a message was on its way

    reader = threading.Thread(target=show_messages, daemon=True)
    register_thread(reader)
    reader.start()

    while True:
        text = input('Message', type=TEXT, placeholder='Say something', required=True)
        room.say(name, text)


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(chat, port=parser.parse_args().port)

"""Sessions: every visitor runs main() in a thread of its own; they share the module's globals."""
import threading
import time

from pywebio import start_server
from pywebio.input import input
from pywebio.output import put_text
from pywebio.session import defer_call, hold, register_thread

online = set()  # one Python process serves every session: this set is shared by all of them


def count_down(seconds):
    """Runs in a thread of its own; register_thread() let it write to the visitor's page."""
    for left in range(seconds, 0, -1):
        put_text('%d...' % left)
        time.sleep(0.2)
    put_text('Lift off!')


def main():
    name = input("What's your name?")
    online.add(name)
    defer_call(lambda: online.discard(name))  # runs when the session ends: tab closed or reloaded
    put_text('Welcome, %s. Online now: %s' % (name, ', '.join(sorted(online))))

    thread = threading.Thread(target=count_down, args=(3,))
    register_thread(thread)  # before start(): output calls in the thread go to this session
    thread.start()
    hold()  # keep the session open after main() has nothing more to do


if __name__ == '__main__':
    start_server(main, port=8080)

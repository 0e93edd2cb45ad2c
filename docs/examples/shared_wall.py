"""A wall that every visitor writes on and reads, live: sessions meet through pywebio.shared,
in one process or, with Redis, in many."""
from pywebio import start_server
from pywebio.input import input
from pywebio.output import put_text
from pywebio.shared import Channel, Value

wall = Channel('wall', history=20)   # newcomers see the last 20 notes first
visits = Value('visits', default=0)  # one number for every session


def main():
    number = visits.update(lambda n: n + 1)  # atomic: two visitors never get the same number
    put_text('You are visitor number %d.' % number)
    wall.subscribe(lambda note: put_text('📌 %s' % note))  # every note, in order, as it comes
    while True:
        wall.publish(input('A note for everyone'))


if __name__ == '__main__':
    # several processes or machines: add processes=2, redis_url='redis://127.0.0.1:6379/0'
    start_server(main, port=8080)

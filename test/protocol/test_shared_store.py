"""`pywebio.shared`, one suite for both stores: every test runs against this process's memory and
against a real Redis (`test.redis_server`), and must see the same behaviour."""
import threading
import time

import pytest

from pywebio import shared
from pywebio.shared import Channel, SharedUnavailable, SubscriptionClosed, Value
from pywebio.testing import WebIOClient


@pytest.fixture(params=['memory', 'redis'])
def store(request, tmp_path):
    if request.param == 'redis':
        redis_server = request.getfixturevalue('redis_server')
        shared.configure(redis_server.url)
    else:
        shared.configure('')
    yield request.param
    shared.configure(None)


def test_a_subscriber_gets_every_message_in_publishing_order(store):
    chat = Channel('order')
    first, second = chat.subscribe(), chat.subscribe()

    def publish(writer):
        for number in range(50):
            chat.publish([writer, number])

    writers = [threading.Thread(target=publish, args=(writer,)) for writer in 'ab']
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    got = [first.get(timeout=5) for _ in range(100)]
    assert [second.get(timeout=5) for _ in range(100)] == got  # one order for everyone
    for writer in 'ab':
        assert [number for who, number in got if who == writer] == list(range(50))
    with pytest.raises(TimeoutError):
        first.get(timeout=0.2)


def test_a_newcomer_gets_the_history_then_the_live_messages(store):
    news = Channel('news', history=3)
    for number in range(5):
        news.publish(number)
    assert news.recent() == [2, 3, 4]
    assert news.recent(2) == [3, 4]
    newcomer = news.subscribe()
    news.publish(5)
    assert [newcomer.get(timeout=5) for _ in range(4)] == [2, 3, 4, 5]
    assert [news.subscribe(history=1).get(timeout=5)] == [5]
    assert Channel('news-without-history').recent() == []


def test_subscribing_while_others_publish_loses_and_repeats_nothing(store):
    busy = Channel('busy', history=1000)
    stop = threading.Event()
    published = []

    def publish():
        number = 0
        while not stop.is_set() and number < 3000:
            busy.publish(number)
            published.append(number)
            number += 1

    writer = threading.Thread(target=publish)
    writer.start()
    while len(published) < 200:
        time.sleep(0.001)
    before = len(published)
    late = busy.subscribe(history=1000, backlog=10_000)
    after = len(published)  # at most one more was in the channel when subscribe() returned
    # on a busy machine this thread may wake only when the writer has (nearly) done its 3,000
    while len(published) < before + 400 and writer.is_alive():
        time.sleep(0.001)
    stop.set()
    writer.join()
    got = []
    while True:
        try:
            got.append(late.get(timeout=1))
        except TimeoutError:
            break
    assert got == list(range(got[0], published[-1] + 1))  # in order, no gap, no repeat, to the end
    assert got[0] <= max(after + 1 - 1000, 0)  # the history came first


def test_a_reader_that_does_not_keep_up_loses_the_oldest_and_counts_them(store):
    flood = Channel('flood')
    slow = flood.subscribe(backlog=10)
    for number in range(25):
        flood.publish(number)
    deadline = time.monotonic() + 5
    while slow.dropped < 15 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert slow.dropped == 15
    assert [slow.get(timeout=5) for _ in range(10)] == list(range(15, 25))


def test_a_closed_subscription_stops_iterating_and_receives_nothing(store):
    room = Channel('closing')
    sub = room.subscribe()
    room.publish('one')
    got = []

    def read():
        for message in sub:
            got.append(message)

    reader = threading.Thread(target=read)
    reader.start()
    deadline = time.monotonic() + 5
    while not got and time.monotonic() < deadline:
        time.sleep(0.01)
    sub.close()
    reader.join(5)
    assert not reader.is_alive() and got == ['one']
    room.publish('two')
    with pytest.raises(SubscriptionClosed):
        sub.get(timeout=1)


def test_messages_are_copies_of_json_data(store):
    room = Channel('copies')
    sub = room.subscribe()
    message = {'who': 'ann', 'tags': ('a', 'b'), 'n': 1.5, 'ok': True, 'none': None, 'text': 'ü €'}
    room.publish(message)
    message['who'] = 'changed after'
    assert sub.get(timeout=5) == {'who': 'ann', 'tags': ['a', 'b'], 'n': 1.5, 'ok': True, 'none': None,
                                  'text': 'ü €'}


def test_values_are_shared_and_updated_atomically(store):
    counter = Value('counter', default=0)
    assert counter.get() == 0

    def add():
        for _ in range(100):
            counter.update(lambda n: n + 1)

    adders = [threading.Thread(target=add) for _ in range(4)]
    for adder in adders:
        adder.start()
    for adder in adders:
        adder.join()
    assert Value('counter').get() == 400
    counter.set({'board': [None] * 9})
    assert counter.get() == {'board': [None] * 9}
    counter.delete()
    assert counter.get() == 0 and Value('counter').get() is None
    news = Channel('counter-news')
    sub = news.subscribe()
    assert counter.update(lambda n: news.publish(n + 1) or n + 1) == 1  # a change may publish
    assert sub.get(timeout=5) == 1


def test_wrong_arguments_say_what_is_wrong(store):
    with pytest.raises(TypeError, match='JSON data'):
        Channel('errors').publish({1, 2})
    with pytest.raises(ValueError, match='more than the 65536 allowed'):
        Channel('errors').publish('x' * 70_000)
    with pytest.raises(TypeError, match='non-empty str'):
        Channel('')
    with pytest.raises(ValueError, match='200'):
        Value('v' * 201)
    with pytest.raises(ValueError, match='history'):
        Channel('errors', history=-1)
    with pytest.raises(ValueError, match='backlog'):
        Channel('errors').subscribe(backlog=0)
    with pytest.raises(TypeError, match='JSON data'):
        Value('errors').update(lambda value: object())


def test_redis_that_is_gone_raises_at_once_and_delivery_resumes_when_it_is_back(redis_server):
    shared.configure(redis_server.url)
    try:
        room = Channel('outage', history=10)
        sub = room.subscribe()
        room.publish('before')
        assert sub.get(timeout=5) == 'before'
        redis_server.stop()
        started = time.monotonic()
        with pytest.raises(SharedUnavailable, match='Redis at redis://127.0.0.1:%d/0 is unreachable'
                           % redis_server.port):
            room.publish('during')
        assert time.monotonic() - started < 5
        with pytest.raises(SharedUnavailable):
            Value('outage').update(lambda n: (n or 0) + 1)
        redis_server.start()
        room.publish('after')  # a new connection: no setting, no restart of the app
        assert sub.get(timeout=10) == 'after'
    finally:
        shared.configure(None)


# -- in sessions: a server, and protocol-level clients ------------------------------------

def texts_until(client, count, command='output'):
    """The contents of the next ``count`` commands of kind ``command`` the client receives."""
    return [client.expect(command, timeout=10)['spec']['content'] for _ in range(count)]


def test_thread_sessions_meet_through_a_channel_callback(store, serve_app):
    from pywebio.input import input
    from pywebio.output import put_text
    room = Channel('thread-room', history=5)

    def task():
        room.subscribe(lambda message: put_text('%(who)s: %(text)s' % message))
        who = input('Your name')
        while True:
            room.publish({'who': who, 'text': input('Message')})

    server = serve_app(task)
    with server.connect() as ann, server.connect() as bob:
        ann.submit(ann.expect('input_group'), {'data': 'Ann'})
        bob.submit(bob.expect('input_group'), {'data': 'Bob'})
        ann.submit(ann.expect('input_group'), {'data': 'hello'})
        assert texts_until(bob, 1) == ['Ann: hello']
        assert texts_until(ann, 1) == ['Ann: hello']
        with server.connect() as cid:  # a newcomer sees the history first
            assert texts_until(cid, 1) == ['Ann: hello']


def test_coroutine_sessions_await_the_same_api(store, serve_app):
    from pywebio.input import input
    from pywebio.output import put_text
    room = Channel('coroutine-room', history=5)
    visits = Value('coroutine-visits', default=0)

    async def task():
        number = await visits.update(lambda n: n + 1)
        sub = await room.subscribe()
        await room.publish('visitor %d came' % number)
        async for message in sub:
            put_text(message)
            if message.endswith('2 came'):
                break
        put_text('bye, %s' % await input('Name'))

    server = serve_app(task)
    with server.connect() as first:
        assert texts_until(first, 1) == ['visitor 1 came']
        with server.connect() as second:
            assert texts_until(second, 2) == ['visitor 1 came', 'visitor 2 came']
            assert texts_until(first, 1) == ['visitor 2 came']
            first.submit(first.expect('input_group'), {'data': 'Ann'})
            assert texts_until(first, 1) == ['bye, Ann']


def test_a_coroutine_session_subscribes_with_an_async_callback(store, serve_app):
    import asyncio
    from pywebio.output import put_text
    from pywebio.session import hold
    room = Channel('async-callbacks')

    async def show(message):
        await asyncio.sleep(0)
        put_text('got %s' % message)

    async def task():
        await room.subscribe(show)
        put_text('subscribed')
        await hold()

    server = serve_app(task)
    with server.connect() as client:
        assert texts_until(client, 1) == ['subscribed']
        for number in range(3):
            room.publish(number)
        assert texts_until(client, 3) == ['got 0', 'got 1', 'got 2']


def test_a_broadcast_reaches_every_session_as_a_toast_or_its_callback(store, serve_app):
    from pywebio.output import put_text
    from pywebio.session import hold

    def task():
        hold()

    def listener():
        shared.on_broadcast(lambda message: put_text('heard %s' % message))
        put_text('ready')
        hold()

    server = serve_app({'index': task, 'listener': listener})
    with server.connect() as plain, WebIOClient(server.ws_url + '?app=listener') as listening:
        assert texts_until(listening, 1) == ['ready']
        shared.broadcast('Maintenance at noon')
        toast = plain.expect('toast', timeout=10)['spec']
        assert toast['content'] == 'Maintenance at noon'
        assert texts_until(listening, 1) == ['heard Maintenance at noon']
        shared.broadcast({'not': 'text'})  # no toast for data
        assert texts_until(listening, 1) == ["heard {'not': 'text'}"]
        shared.broadcast('Back at one')
        assert plain.next_command(timeout=10)['spec']['content'] == 'Back at one'  # nothing between


def test_a_session_that_ends_ends_its_subscriptions(store, serve_app):
    from pywebio.output import put_text
    room = Channel('ending')
    subscriptions = []
    ended = threading.Event()

    def task():
        sub = room.subscribe()
        subscriptions.append(sub)
        put_text('subscribed')
        try:
            for message in sub:
                put_text(message)
        finally:
            ended.set()

    server = serve_app(task)
    client = server.connect()
    assert texts_until(client, 1) == ['subscribed']
    room.publish('one')
    assert texts_until(client, 1) == ['one']
    client.close()
    assert ended.wait(10)  # the task's wait raised SessionClosedException
    assert subscriptions[0].closed


# -- across processes ------------------------------------------------------------------------

def count_in_another_process(url, times):
    from pywebio import shared as child_shared
    child_shared.configure(url)
    counter = Value('across')
    for _ in range(times):
        counter.update(lambda n: (n or 0) + 1)


def test_updates_from_several_processes_are_atomic(redis_server):
    import multiprocessing
    context = multiprocessing.get_context('spawn')  # fresh interpreters: no state shared but Redis
    workers = [context.Process(target=count_in_another_process, args=(redis_server.url, 150)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    shared.configure(redis_server.url)
    try:
        assert Value('across').get() == 450
    finally:
        shared.configure(None)


def test_a_broadcast_from_one_process_reaches_the_sessions_of_the_other(run_app, redis_server):
    from test.helpers import APPS, listening_port
    server = run_app(APPS / 'shared_app.py', args=[2], env={'PYWEBIO_REDIS_URL': redis_server.url})
    port = listening_port(server)
    url = 'ws://127.0.0.1:%d/io' % port
    listeners, seen = [], set()
    while len(seen) < 2 and len(listeners) < 40:  # a session in each process
        client = WebIOClient(url)
        listeners.append(client)
        seen.add(client.expect('output')['spec']['content'])
    assert len(seen) == 2
    with WebIOClient(url + '?app=announce') as announcer:
        announcer.expect('output')
        announcer.submit(announcer.expect('input_group'), {'data': 'Tea is ready'})
        for client in listeners:
            assert client.expect('toast', timeout=10)['spec']['content'] == 'Tea is ready (number 1)'
    for client in listeners:
        client.close()


def test_waiting_messages_are_bounded_in_size_per_subscription_and_per_process(store, monkeypatch):
    from pywebio.shared import delivery
    big = Channel('big')
    waiting_before = delivery.waiting_chars()  # of other tests' subscriptions in this process
    slow = big.subscribe(backlog=1000)
    text = 'x' * 60_000
    for _ in range(100):  # 6 MB of JSON text for a reader that does not read
        big.publish(text)
    deadline = time.monotonic() + 10
    while slow.dropped + len(slow._queue) < 100 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert slow._chars <= delivery.MAX_BACKLOG_CHARS and slow.dropped >= 30
    monkeypatch.setattr(delivery, 'PROCESS_BACKLOG_CHARS', delivery.waiting_chars() + 100_000)
    other = big.subscribe(history=0)
    for _ in range(3):
        big.publish(text)
    deadline = time.monotonic() + 10
    while other.dropped + len(other._queue) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(other._queue) == 1 and other.dropped == 2  # the process had room for one more
    slow.close()
    other.close()
    assert delivery.waiting_chars() == waiting_before  # closing gives everything back


def test_entries_another_program_wrote_to_redis_are_skipped_and_the_reader_goes_on(redis_server, serve_app):
    import redis
    from pywebio.output import put_text
    from pywebio.session import hold
    shared.configure(redis_server.url)
    try:
        room = Channel('foreign', history=5)
        blocking = room.subscribe()

        def task():
            room.subscribe(lambda message: put_text('got %s' % message), history=0)
            put_text('subscribed')
            hold()

        server = serve_app(task)
        with server.connect() as client:
            assert texts_until(client, 1) == ['subscribed']
            raw = redis.Redis.from_url(redis_server.url)
            raw.xadd('pywebio:channel:foreign', {'m': 'not json {'})
            raw.xadd('pywebio:channel:foreign', {'other': 'field'})
            raw.xadd('pywebio:broadcast', {'m': '{broken'})
            raw.set('pywebio:value:foreign', 'not json')
            room.publish('after them')
            assert blocking.get(timeout=10) == 'after them'
            assert texts_until(client, 1) == ['got after them']  # no "action failed" toast before it
            assert room.recent() == ['after them']
            with pytest.raises(ValueError, match='not JSON'):
                Value('foreign').get()
            shared.broadcast('still listening')
            assert client.expect('toast', timeout=10)['spec']['content'] == 'still listening'
    finally:
        shared.configure(None)

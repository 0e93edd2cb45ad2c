"""Raw HTTP/1.1 clients of the long-polling transport (docs/protocol.md), for attacks that need
hundreds of requests held open at once: test/protocol/test_long_polls.py and the ``longpolls``
check of bench/reliability.py."""
import asyncio
import concurrent.futures
import json
import time

__all__ = ['run_in_own_loop', 'raw_request', 'read_response', 'open_session', 'take_form', 'first_commands_wait', 'held_polls',
           'answered_within']


async def raw_request(port, method, headers=(), body=b''):
    """Send one HTTP/1.1 request on a fresh connection; return (reader, writer) to read it later."""
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    lines = ['%s /io HTTP/1.1' % method, 'Host: 127.0.0.1:%d' % port, 'Connection: close',
             'Content-Length: %d' % len(body), *('%s: %s' % header for header in headers)]
    writer.write(('\r\n'.join(lines) + '\r\n\r\n').encode() + body)
    await writer.drain()
    return reader, writer


async def read_response(reader, writer):
    """(status, JSON body) of a response on a ``Connection: close`` connection."""
    try:
        raw = await reader.read()
    finally:
        writer.close()
    head, _, body = raw.partition(b'\r\n\r\n')
    status = int(head.split(b' ', 2)[1])
    return status, (json.loads(body) if body.startswith(b'{') else body)


async def open_session(port):
    reader, writer = await raw_request(port, 'POST')
    raw = await reader.read()
    writer.close()
    for line in raw.split(b'\r\n'):
        if line.lower().startswith(b'webio-session-id:'):
            return line.split(b':', 1)[1].strip().decode()
    raise AssertionError('no session id in %r' % raw[:300])


async def take_form(port, session_id):
    """Poll ``session_id`` until its form has come; return the number of commands it has (its
    next poll must wait for something new)."""
    ack = 0
    while True:
        status, reply = await read_response(*await raw_request(
            port, 'GET', [('WebIO-Session-ID', session_id), ('WebIO-Ack', ack)]))
        assert status == 200, (status, reply)
        ack = reply['seq']
        if any(command['command'] == 'input_group' for command in reply['commands']):
            return ack


async def first_commands_wait(port):
    """A bystander: open a session and poll until its form comes; return the seconds it took."""
    started = time.monotonic()
    await take_form(port, await open_session(port))
    return time.monotonic() - started


async def held_polls(port, sessions, polls):
    """Open ``sessions`` sessions, take their forms, and send ``polls`` concurrent polls for each,
    which must wait for something new: the connections, open, to read later."""
    held = []
    for _ in range(sessions):
        session_id = await open_session(port)
        ack = await take_form(port, session_id)
        held += await asyncio.gather(*(raw_request(port, 'GET', [('WebIO-Session-ID', session_id),
                                                                  ('WebIO-Ack', ack)]) for _ in range(polls)))
    return held


async def answered_within(polls, seconds):
    """How many of ``polls`` were answered (200) within ``seconds``; closes them all."""
    async def answered(poll):
        try:
            status, _ = await asyncio.wait_for(read_response(*poll), seconds)
            return status == 200
        except asyncio.TimeoutError:
            poll[1].close()
            return False
    return sum(await asyncio.gather(*(answered(poll) for poll in polls)))


def run_in_own_loop(coroutine, timeout=120):
    """Run ``coroutine`` to its end on a fresh event loop of a thread of its own, and return what
    it returns: a test may run after another that left an event loop set as running in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=timeout)

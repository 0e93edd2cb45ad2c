"""Long polls held open cannot starve anyone (security issue #23, hole 2), on a real server.

The review held 520 concurrent polls on one session id of the Tornado HTTP transport, and a new
visitor waited 17.8 s for its page (0.02 s normally); 1,600 polls queued over several sessions
delayed another session's poll by 41 s. Each poll took a thread of a shared pool for 20 s. Here
the same attacks run with raw HTTP connections against a server process, and a bystander opens a
session and is answered as usual; a session keeps one waiting poll, and on Tornado a waiting
poll holds no thread.
"""

import pytest

from test.helpers import APPS, listening_port, start_program, stop_program
from test.long_poll_client import answered_within, first_commands_wait, held_polls, run_in_own_loop

#: What a bystander may wait for its first commands while the attack runs (0.02 s normally;
#: 17.8 s before the fix): a bound far from both, so that a busy machine does not fail it.
BYSTANDER_WAIT = 3.0


@pytest.fixture(scope='module', params=['tornado_http', 'flask'])
def server(request):
    """A thread-based app over long-polling on ``request.param``: ``(port, pid)``."""
    process = start_program(APPS / 'long_poll_app.py', args=[request.param, 'thread'])
    try:
        yield listening_port(process), process.pid
    finally:
        stop_program(process)


@pytest.mark.parametrize('sessions, polls', [(1, 520), (16, 100)], ids=['520 on one session', '1600 on 16'])
def test_held_polls_leave_one_waiting_per_session_and_a_new_visitor_is_not_delayed(server, sessions, polls):
    port, _ = server

    async def attack():
        held = await held_polls(port, sessions, polls)
        wait = await first_commands_wait(port)
        # every poll but the newest of each session is answered at once: one waits per session
        return wait, await answered_within(held, 5)

    wait, answered = run_in_own_loop(attack())
    assert wait < BYSTANDER_WAIT, 'a new visitor waited %.1f s behind %d held polls' % (wait, sessions * polls)
    assert answered == sessions * (polls - 1), '%d of %d polls were answered at once (expected %d)' % (
        answered, sessions * polls, sessions * (polls - 1))


def threads_of(pid):
    with open('/proc/%d/status' % pid) as status:
        return int(next(line for line in status if line.startswith('Threads:')).split()[1])


def test_a_waiting_poll_holds_no_thread_on_tornado():
    """300 sessions of a coroutine-based app, each with a poll waiting for commands: the server
    holds no more threads than with none (before: a thread of a 512-thread pool each)."""
    process = start_program(APPS / 'long_poll_app.py', args=['tornado_http', 'async'])
    try:
        port = listening_port(process)

        async def attack():
            idle = threads_of(process.pid)
            polls = await held_polls(port, 300, 1)
            # the server reads requests in order: once it has answered a bystander that came
            # after them, it has taken every poll (and answered none: nothing new came)
            wait = await first_commands_wait(port)
            waiting = threads_of(process.pid)
            unanswered = 300 - await answered_within(polls, 0.5)
            return idle, waiting, wait, unanswered

        idle, waiting, wait, unanswered = run_in_own_loop(attack())
        assert unanswered == 300

        assert waiting <= idle + 2, 'threads went from %d to %d with 300 polls waiting' % (idle, waiting)
        assert wait < BYSTANDER_WAIT
    finally:
        stop_program(process)

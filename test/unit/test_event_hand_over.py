"""How a transport's loop waits for session threads (pywebio.platform.utils.EventHandOver)."""
import threading

from pywebio.platform.utils import ANSWER_WAIT, STALL_BUDGET, CoalescedFlush, EventHandOver


class NeverAnswered:
    """A thread still busy (sleeping, waiting for a database...) when the loop gives up."""

    def __init__(self, log):
        self.log = log

    def wait(self, timeout):
        self.log.append(timeout)
        return False

    def was_quick(self, limit):
        return False


class QuickAnswer(NeverAnswered):
    def wait(self, timeout):
        self.log.append(timeout)
        return True

    def was_quick(self, limit):
        return True


class FakeSession:
    def __init__(self, answer_type, log):
        self.answer_type, self.log, self.events = answer_type, log, []

    def send_client_event(self, event, size=None):
        self.events.append(event)
        return self.answer_type(self.log)


class IdleLoop:
    """A loop that never runs what is scheduled on it: only the hand-over's own flushes count."""

    def call_soon(self, func):
        pass

    call_soon_threadsafe = call_soon


def hand_over_for(session, flushed):
    return EventHandOver(CoalescedFlush(IdleLoop(), lambda: flushed.append(session)))


def test_a_quick_session_is_waited_for_and_its_reply_flushed_at_once():
    waits, flushed = [], []
    session = FakeSession(QuickAnswer, waits)
    hand_over = hand_over_for(session, flushed)
    for number in range(5):
        hand_over(session, {'event': 'form_submit', 'n': number})
    assert len(session.events) == 5 and waits == [ANSWER_WAIT] * 5 and flushed == [session] * 5


def test_a_slow_session_is_not_waited_for_again():
    waits, flushed = [], []
    session = FakeSession(NeverAnswered, waits)
    hand_over = hand_over_for(session, flushed)
    for number in range(5):
        hand_over(session, {'event': 'form_submit', 'n': number})
    assert len(session.events) == 5 and len(waits) == 1


def test_many_slow_sessions_at_once_cost_the_loop_its_stall_budget_at_most():
    waits, flushed = [], []
    sessions = [FakeSession(NeverAnswered, waits) for _ in range(200)]

    def loop():  # a loop thread of its own: the budget is per loop thread
        for session in sessions:  # 200 new connections, each with a task that will be slow
            hand_over_for(session, flushed)(session, {'event': 'form_submit'})

    thread = threading.Thread(target=loop)
    thread.start()
    thread.join()
    assert all(len(session.events) == 1 for session in sessions)
    budgeted = round(STALL_BUDGET / ANSWER_WAIT)
    # the budget is per second: a second may have begun during the test, never two
    assert budgeted <= len(waits) <= 2 * budgeted

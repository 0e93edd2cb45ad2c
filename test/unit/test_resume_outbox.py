"""The numbered command frames a session keeps for a page that may resume (pywebio.platform.resume)."""
import json

from pywebio.platform.resume import Outbox


def command(i):
    return {'command': 'output', 'task_id': None, 'spec': {'type': 'text', 'content': str(i)}}


def contents(frames):
    return [c['spec']['content'] for frame in frames for c in json.loads(frame)]


def test_the_page_gets_exactly_the_commands_after_its_number_even_inside_a_frame():
    outbox = Outbox()
    outbox.add([command(1), command(2), command(3)])
    outbox.add([command(4)])
    assert contents(outbox.frames_after(0)) == ['1', '2', '3', '4']
    assert contents(outbox.frames_after(2)) == ['3', '4']  # the rest of a frame it had begun
    assert outbox.frames_after(4) == []
    assert outbox.frames_after(5) is None  # never sent
    assert outbox.frames_after(1) is None  # acknowledged (2) and let go: no going back


def test_acknowledged_frames_are_let_go():
    outbox = Outbox()
    outbox.add([command(1)])
    outbox.add([command(2)])
    outbox.acknowledge(1)
    assert contents(outbox.frames_after(1)) == ['2']
    outbox.acknowledge(2)
    assert outbox.kept_bytes == 0


def test_past_the_bound_the_oldest_go_and_the_page_cannot_resume_until_it_has_them():
    outbox = Outbox(max_bytes=300)
    for i in range(1, 6):
        outbox.add([command(i)])
    assert outbox.kept_bytes <= 300
    assert not outbox.complete
    assert outbox.frames_after(0) is None
    outbox.acknowledge(outbox.let_go)
    assert outbox.complete
    assert contents(outbox.frames_after(outbox.let_go)) == [str(i) for i in range(outbox.let_go + 1, 6)]


def test_a_session_that_cannot_resume_keeps_nothing():
    outbox = Outbox(keep=False)
    outbox.add([command(1)])
    assert outbox.sent == 1 and outbox.kept_bytes == 0 and not outbox.complete

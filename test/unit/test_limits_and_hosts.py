"""Session limits and the Host check: argument errors, what counts as one client, which Host
names a loopback server answers."""
import pytest

from pywebio.platform import aiohttp, django, fastapi, flask, tornado, tornado_http
from pywebio.platform.hosts import make_host_check
from pywebio.platform.limits import Admission, ServerBusy, client_key


def task():
    pass


ENTRIES = [tornado.webio_handler, tornado_http.webio_handler, aiohttp.webio_handler, fastapi.webio_routes,
           flask.webio_view, django.webio_view]


@pytest.mark.parametrize('entry', ENTRIES)
@pytest.mark.parametrize('name, value', [
    ('max_sessions', -1), ('max_sessions', 0), ('max_sessions', '10'), ('max_sessions', 2.5),
    ('max_sessions', True), ('max_sessions_per_ip', -5), ('max_sessions_per_ip', '3'),
])
def test_a_bad_limit_raises_value_error_naming_it(entry, name, value):
    with pytest.raises(ValueError, match=name):
        entry(task, **{name: value})


@pytest.mark.parametrize('entry', ENTRIES)
def test_allowed_hosts_must_be_a_list_of_names(entry):
    with pytest.raises(TypeError, match=r"allowed_hosts must be a list of host names, not a string: use \['a.com'\]"):
        entry(task, allowed_hosts='a.com')
    with pytest.raises(TypeError, match='allowed_hosts must hold host names'):
        entry(task, allowed_hosts=[None])


@pytest.mark.parametrize('address, key', [
    ('203.0.113.7', '203.0.113.7'),
    ('::ffff:203.0.113.7', '203.0.113.7'),      # IPv4 written as IPv6: the same client
    ('2001:db8::1', '2001:db8::/64'),           # one machine's /64 is one client
    ('2001:db8::abcd:1', '2001:db8::/64'),
    ('127.0.0.1', None), ('::1', None),         # a proxy on this machine: not limited per address
    ('', None), ('/run/app.sock', None),
])
def test_what_counts_as_one_client(address, key):
    assert client_key(address) == key


def test_a_slot_is_released_once_however_often_it_is_released():
    admission = Admission()
    first = admission.admit('203.0.113.7', 2, 1)
    with pytest.raises(ServerBusy, match='your address'):
        admission.admit('203.0.113.7', 2, 1)
    second = admission.admit('198.51.100.1', 2, 1)
    with pytest.raises(ServerBusy, match='too many sessions, try'):
        admission.admit('198.51.100.2', 2, None)
    first.release()
    first.release()  # the task ended and the browser left: one session, one slot
    assert admission.open_sessions() == 1
    admission.admit('203.0.113.7', 2, 1)
    second.release()
    assert admission.open_sessions() == 1


def test_loopback_servers_answer_loopback_names_only():
    allows = make_host_check(None, '127.0.0.1')
    for host in ('localhost:8080', 'LOCALHOST', '127.0.0.1:1', '127.1.2.3', '[::1]:8080', 'app.localhost:80'):
        assert allows(host), host
    for host in ('evil.example:8080', 'localhost.evil.example', '10.0.0.5:8080', '', '[2001:db8::1]:80'):
        assert not allows(host), host
    assert make_host_check(None, 'localhost') is not None and make_host_check(None, '::1') is not None


def test_allowed_hosts_adds_names_and_star_turns_the_check_off():
    allows = make_host_check(['tools.example.com', '*.example.org'], '127.0.0.1')
    assert allows('tools.example.com:443') and allows('a.example.org') and allows('localhost:1')
    assert not allows('example.org') and not allows('evil.example')
    assert make_host_check(['*'], '127.0.0.1') is None
    assert make_host_check(None, '') is None and make_host_check(None, '0.0.0.0') is None  # all interfaces
    assert make_host_check(['a.com'], '0.0.0.0')('a.com')  # a list turns the check on anywhere


def test_a_flood_of_refusals_logs_one_warning(caplog):
    admission = Admission()
    admission.admit('203.0.113.7', 1, None)
    with caplog.at_level('DEBUG', logger='pywebio.platform.limits'):
        for _ in range(50):
            with pytest.raises(ServerBusy):
                admission.admit('203.0.113.7', 1, None)
    warnings = [record for record in caplog.records if record.levelname == 'WARNING']
    assert len(warnings) == 1 and 'too many sessions' in warnings[0].getMessage()


def test_a_session_that_cannot_be_made_gives_its_slot_back(monkeypatch):
    """Out of threads under a flood, say: the failure must not cost the server a slot for good."""
    from pywebio.platform import utils
    from pywebio.session.threadbased import ThreadBasedSession

    def no_thread(*args, **kwargs):
        raise RuntimeError("can't start new thread")
    monkeypatch.setattr(ThreadBasedSession, '__init__', no_thread)
    admission = Admission()
    slot = admission.admit('203.0.113.7', 1, None)
    with pytest.raises(RuntimeError):
        utils.new_session(lambda: None, None, lambda session: None, lambda session: None, slot=slot)
    admission.admit('203.0.113.7', 1, None)  # the one slot is free again: no ServerBusy

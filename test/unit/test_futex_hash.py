"""Session threads ask Linux for a futex hash wide enough for them (see pywebio.session.futex_hash)."""
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent('''
    import ctypes, threading
    from pywebio.session import futex_hash
    release = threading.Event()
    threads = [threading.Thread(target=release.wait) for _ in range(300)]
    for thread in threads:
        thread.start()
    futex_hash.widen_for_threads(threading.active_count())
    slots = ctypes.CDLL(None).prctl(78, 2, 0, 0, 0)  # PR_FUTEX_HASH, PR_FUTEX_HASH_GET_SLOTS
    release.set()
    print(slots, futex_hash._unsupported)
''')


def test_the_futex_hash_grows_to_four_slots_per_thread_where_the_kernel_has_one_per_process():
    out = subprocess.run([sys.executable, '-c', PROBE], capture_output=True, text=True, timeout=60,
                         check=True).stdout.split()
    slots, unsupported = int(out[0]), out[1] == 'True'
    if sys.platform.startswith('linux') and not unsupported:
        assert slots == 2048  # 301 threads: the next power of two above 4 per thread
    else:  # an older kernel or another system: nothing was changed, and nothing failed
        assert slots == -1 or not sys.platform.startswith('linux')


def test_few_threads_leave_the_kernel_default_alone():
    from pywebio.session import futex_hash
    before = futex_hash._slots
    futex_hash.widen_for_threads(3)
    assert futex_hash._slots == before

"""Scopes and layout in Chromium: do they slow rendering down? Against plain put_text, in the same run.

Run it from the repository root (it needs Playwright and Debian's Chromium, as the tests do)::

    python bench/layout_bench.py                 # 5 rounds
    python bench/layout_bench.py --rounds 9

Three bursts, each in a fresh session, timed from just before the first ``put_*`` call (Python's
wall clock) to the first animation frame in which the page holds the burst's last output (the
browser's wall clock, same machine):

- **plain**: 10,000 ``put_text('line %d')`` at the end of the page (the baseline);
- **scope**: the same 10,000 lines into a named scope, ``put_text(..., scope='log')``;
- **rows**: 1,000 ``put_row([put_text(a), put_text(b)])``, i.e. 3,000 outputs of which 2,000 are
  moved into the rows in the same frame.

Each round runs the three in turn (so the machine's drift weighs on all alike); the table gives
the median of the rounds and its ratio to the plain median. The target is 1.2x or less for both.
"""
import argparse
import os
import statistics
import sys
import threading
import time
from typing import Callable, Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from playwright.sync_api import sync_playwright  # noqa: E402

from pywebio.output import put_row, put_scope, put_text  # noqa: E402
from pywebio.session import hold  # noqa: E402
from pywebio.testing import serve  # noqa: E402

CHROMIUM = os.environ.get('PYWEBIO_TEST_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']

# window.lastShown resolves with the wall-clock time (ms) of the first animation frame whose page
# holds output number `id` (outputs are numbered from 1 in a session: docs/protocol.md).
WAIT_FOR_OUTPUT = '''id => { window.lastShown = new Promise(resolve => {
    const check = () => {
        if (document.getElementById('pywebio-output-' + id)) resolve(performance.timeOrigin + performance.now());
        else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
}); }'''

LINES = 10_000
ROWS = 1_000


def plain() -> None:
    for i in range(LINES):
        put_text('line %d' % i)


def into_scope() -> None:
    for i in range(LINES):
        put_text('line %d' % i, scope='log')


def rows() -> None:
    for i in range(ROWS):
        put_row([put_text('left %d' % i), put_text('right %d' % i)])


def scope_first() -> None:
    put_scope('log')


# name -> (what runs before the clock starts, the burst, the id of its last output)
SCENARIOS: Dict[str, tuple] = {
    'plain put_text': (None, plain, LINES),
    'put_text into a scope': (scope_first, into_scope, 1 + LINES),
    'put_row of two put_text': (None, rows, 3 * ROWS),
}


def measure(browser, setup: Callable[[], None], burst: Callable[[], None], last_id: int) -> float:
    go = threading.Event()
    timing: Dict[str, float] = {}

    def task():
        if setup is not None:
            setup()
        go.wait()
        timing['start'] = time.time()
        burst()
        hold()

    with serve(task) as server:
        page = browser.new_page()
        page.goto(server.url)
        page.wait_for_function('document.readyState === "complete"')
        if setup is not None:
            page.wait_for_function("document.getElementById('pywebio-output-1') !== null")
        page.evaluate(WAIT_FOR_OUTPUT, last_id)
        go.set()
        shown_at = page.evaluate('window.lastShown') / 1000
        page.close()
    return shown_at - timing['start']


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rounds', type=int, default=5)
    args = parser.parse_args()
    times: Dict[str, List[float]] = {name: [] for name in SCENARIOS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        measure(browser, *SCENARIOS['plain put_text'])  # warm up the server, the browser and the caches
        for _ in range(args.rounds):
            for name, scenario in SCENARIOS.items():
                times[name].append(measure(browser, *scenario))
        version = browser.version
        browser.close()

    print('Chromium %s, Python %s, %d CPUs; median of %d rounds' % (version, sys.version.split()[0],
                                                                   os.cpu_count() or 0, args.rounds))
    print()
    baseline = statistics.median(times['plain put_text'])
    rows_out = [('burst', 'outputs', 'to last output (median)', 'min', 'max', 'ratio to plain')]
    for name, values in times.items():
        count = {'plain put_text': LINES, 'put_text into a scope': LINES, 'put_row of two put_text': 3 * ROWS}[name]
        median = statistics.median(values)
        rows_out.append((name, '{:,}'.format(count), '%.3f s' % median, '%.3f s' % min(values),
                         '%.3f s' % max(values), '%.2fx' % (median / baseline)))
    widths = [max(len(row[i]) for row in rows_out) for i in range(len(rows_out[0]))]
    for index, row in enumerate(rows_out):
        print('  '.join(cell.rjust(width) if i else cell.ljust(width) for i, (cell, width) in enumerate(zip(row, widths))))
        if index == 0:
            print('  '.join('-' * width for width in widths))


if __name__ == '__main__':
    main()

"""Output speed: how long a burst of ``put_text()`` takes to show in Chromium, and its bytes on the wire.

Run it from the repository root (it needs Playwright and Debian's Chromium, as the tests do)::

    python bench/output_bench.py                  # 10,000 and 100,000 outputs
    python bench/output_bench.py --counts 1000    # a quick look

For each count N it serves a task that waits for a signal, then calls ``put_text('line %d' % i)``
N times. It reports:

- **time to last line**: from just before the first ``put_text`` call (Python's wall clock) to
  the first animation frame in which the page holds the last line (the browser's wall clock, same
  machine), so it covers Python, the server, the WebSocket and rendering;
- **frames**: how many WebSocket messages carried the burst;
- **bytes/output**: the JSON the server sent, per output, as received (uncompressed), and as
  permessage-deflate compresses it. The deflate figure is computed here by compressing the received
  frames with the server's own compressor (``SharedDeflater``: level 6, 15-bit window, each frame
  on its own; frames under 1 KiB go uncompressed); whether the browser negotiated
  permessage-deflate is printed.

The **baseline**, measured in the same page before the PyWebIO run, is the same N ``<p>`` elements
made by plain JavaScript in one loop and appended to the output area, timed to the next animation
frame; its bytes are the bare text of the lines, one per line. The ratios are PyWebIO / baseline.
"""
import argparse
import os
import sys
import threading
import time
from typing import Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from playwright.sync_api import sync_playwright  # noqa: E402

from pywebio.output import put_text  # noqa: E402
from pywebio.platform.tornado_deflate import COMPRESS_FROM_BYTES, SharedDeflater  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, 'bench'))
from targets import target  # noqa: E402
from pywebio.session import hold  # noqa: E402
from pywebio.testing import serve  # noqa: E402

CHROMIUM = os.environ.get('PYWEBIO_TEST_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']

# window.lastLineShown resolves with the wall-clock time (ms) of the first animation frame whose
# page holds output number `id` (outputs are numbered from 1 in a session: docs/protocol.md).
WAIT_FOR_LAST_LINE = '''id => { window.lastLineShown = new Promise(resolve => {
    const check = () => {
        if (document.getElementById('pywebio-output-' + id)) resolve(performance.timeOrigin + performance.now());
        else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
}); }'''

# The baseline: N <p> made by plain JS and appended one by one, timed to the next animation frame.
PLAIN_JS_APPEND = '''n => new Promise(resolve => {
    const area = document.getElementById('output-container');
    const start = performance.now();
    for (let i = 0; i < n; i++) {
        const p = document.createElement('p');
        p.textContent = 'line ' + i;
        area.appendChild(p);
    }
    window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'});
    requestAnimationFrame(() => {
        const elapsed = performance.now() - start;
        area.replaceChildren();
        resolve(elapsed);
    });
})'''


def deflated_sizes(messages: List[bytes]) -> List[int]:
    """Sizes of ``messages`` on the wire as PyWebIO's server sends them to a browser that
    negotiated permessage-deflate (the server's own code, `pywebio.platform.tornado_deflate`)."""
    deflater = SharedDeflater(15, 6, 8)
    return [len(deflater.compress(m)) if len(m) >= COMPRESS_FROM_BYTES else len(m) for m in messages]


def measure(browser, count: int) -> Dict[str, float]:
    go = threading.Event()
    timing: Dict[str, float] = {}
    last_line = 'line %d' % (count - 1)

    def task():
        go.wait()
        timing['start'] = time.time()
        for i in range(count):
            put_text('line %d' % i)
        timing['python'] = time.time() - timing['start']
        hold()

    frames: List[bytes] = []
    handshake: Dict[str, str] = {}
    with serve(task) as server:
        page = browser.new_page()
        page.on('websocket', lambda ws: ws.on(
            'framereceived', lambda payload: frames.append(payload.encode() if isinstance(payload, str) else payload)))
        cdp = page.context.new_cdp_session(page)
        cdp.send('Network.enable')
        cdp.on('Network.webSocketHandshakeResponseReceived',
               lambda event: handshake.update({k.lower(): v for k, v in event['response']['headers'].items()}))
        page.goto(server.url)
        page.wait_for_function('document.readyState === "complete"')
        while not handshake:
            page.wait_for_timeout(10)

        baseline_ms = page.evaluate(PLAIN_JS_APPEND, count)
        page.evaluate(WAIT_FOR_LAST_LINE, count)
        go.set()
        shown_at = page.evaluate('window.lastLineShown') / 1000
        while not any(last_line.encode() in frame for frame in frames[-3:]):
            page.wait_for_timeout(10)  # let the last frame events reach Python
        page.close()

    raw = sum(len(f) for f in frames)
    deflated = sum(deflated_sizes(frames))
    text = [('line %d\n' % i).encode() for i in range(count)]
    base_raw = sum(len(t) for t in text)
    base_deflated = sum(deflated_sizes([b''.join(text)]))
    return {
        'count': count, 'frames': len(frames), 'seconds': shown_at - timing['start'],
        'python_seconds': timing['python'], 'baseline_seconds': baseline_ms / 1000,
        'raw': raw / count, 'deflated': deflated / count,
        'base_raw': base_raw / count, 'base_deflated': base_deflated / count,
        'deflate': 'permessage-deflate' in handshake.get('sec-websocket-extensions', ''),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--counts', type=int, nargs='+', default=[10_000, 100_000])
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = [measure(browser, count) for count in args.counts]
        version = browser.version
        browser.close()

    print('Chromium %s, Python %s, %d CPUs; permessage-deflate negotiated: %s'
          % (version, sys.version.split()[0], os.cpu_count() or 0,
             'yes' if all(r['deflate'] for r in results) else 'NO'))
    print()
    header = ('outputs', 'frames', 'put_text loop', 'to last line', 'plain JS', 'ratio',
              'B/output raw', 'B/output deflate', 'text B/line raw', 'text B/line deflate', 'ratio deflate')
    rows = [header]
    for r in results:
        rows.append((
            '{:,}'.format(r['count']), str(r['frames']), '%.2f s' % r['python_seconds'],
            '%.2f s' % r['seconds'], '%.3f s' % r['baseline_seconds'],
            '%.1fx' % (r['seconds'] / r['baseline_seconds']),
            '%.1f' % r['raw'], '%.2f' % r['deflated'], '%.1f' % r['base_raw'], '%.2f' % r['base_deflated'],
            '%.1fx' % (r['deflated'] / r['base_deflated'])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        print('  '.join(cell.rjust(width) for cell, width in zip(row, widths)))
        if index == 0:
            print('  '.join('-' * width for width in widths))
    print()
    for r in results:
        target('render: %s put_text, last line visible / plain JavaScript' % '{:,}'.format(r['count']),
               r['seconds'] / r['baseline_seconds'], 1.2, 'x')


if __name__ == '__main__':
    main()

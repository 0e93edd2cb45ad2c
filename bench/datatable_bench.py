"""Data tables: how fast ``put_datatable`` shows and sorts N records in Chromium, against plain JS on the same grid.

Run it from the repository root (it needs Playwright and Debian's Chromium, as the tests do)::

    python bench/datatable_bench.py                                  # 1,000, 100,000 and 1,000,000 records
    python bench/datatable_bench.py --counts 1000 100000 --rounds 1  # a quicker look

The records have 6 fields: an int ``id``, two short strings (``name``, ``city``), a float
``price`` (distinct values in a shuffled order), a date string and a longer string (``note``,
about 45 characters). For each count N, two kinds of server run, each in a process of its own
(this script with ``--serve``, so that its memory is its own) and opened in a fresh browser
context:

- **PyWebIO**: the task shows a one-row table first (so that the grid's chunk and stylesheets are
  loaded, as for any table after a page's first), then waits for a signal and calls
  ``put_datatable(records)`` (height 600 px, theme balham: the defaults). The records are made,
  and the garbage collector has run, before the clock starts;
- **baseline** (the physical limit): a static page of a bare Tornado server that imports ``Grid``
  from the very chunk PyWebIO serves (pywebio/html/js/chunks/datatable_grid-*.js, AG Grid
  Community 28.2.1), with the same stylesheets, page layout, one-row table first, height and
  theme. Its plain JavaScript fetches the records as a JSON array of row objects, AG Grid's
  natural input, prepared before the clock starts and sent uncompressed, and makes
  ``new Grid(div, {columnDefs, defaultColDef, rowData})`` with the columns and default column
  options PyWebIO gives (sortable, filterable, resizable, wrapped headers).

It reports, for each, the median of ``--rounds`` runs (the two pages alternate):

- **first rows**: from just before ``put_datatable`` (Python's wall clock, in the server process)
  or just before ``fetch`` (the page's) to the first animation frame in which the grid's first
  row shows its ``id`` cell (the browser's wall clock, ``performance.timeOrigin + now()``, same
  machine); the time ``put_datatable`` took to return is printed beside it (the server's loop
  encodes the frame's JSON holding the interpreter's lock, so the call may return only after);
- **all rows**: the same, to the first animation frame in which the grid has all N rows (its
  ``aria-rowcount``): a large table shows its first rows before it makes the others;
- **sort**: a click on the *Price* header (a real mouse click), from the ``click`` event to the
  first animation frame in which the first row is the record of the lowest price;
- **bytes/record**: the WebSocket frames that carried the table, as received (uncompressed), and
  as permessage-deflate compresses them (the server's own compressor, as in output_bench.py);
  for the baseline, the JSON of row objects, raw and compressed the same way;
- **JS heap**: the page's ``JSHeapUsedSize`` (CDP ``Performance.getMetrics``) once the grid has
  every row, after a forced garbage collection (CDP ``HeapProfiler.collectGarbage``);
- **server RSS**: the server process's resident memory growth (``/proc/PID/status``) from just
  before the signal to after the sort (the page has acknowledged the command by then), and its
  peak (``VmHWM``, reset before the signal).

The ratios are PyWebIO / baseline. Targets: 100,000 records visible within 2 s and within 1.5x of
the baseline; 1,000,000 records without the tab crashing (the page's ``crash`` event). The load
average is printed before and after: the figures are wall-clock times on a shared machine.
Playwright's driver receives a copy of every WebSocket frame (its ``websocket`` events), a cost
the baseline's HTTP response does not have.
"""
import argparse
import gc
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
from typing import Any, Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, 'bench'))

from output_bench import deflated_sizes  # noqa: E402

CHROMIUM = os.environ.get('PYWEBIO_TEST_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']

FIELDS = ('id', 'name', 'city', 'price', 'date', 'note')
FIRST = ('Ann', 'Bob', 'Cid', 'Dora', 'Eve', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Mo')
LAST = ('Smith', 'Berg', 'Rossi', 'Quispe', 'Tanaka', 'Novak', 'Okafor', 'Silva', 'Nguyen', 'Meyer', 'Haddad')
CITIES = ('Oslo', 'Rome', 'Lima', 'Kyoto', 'Accra', 'Quito', 'Porto', 'Graz', 'Hue', 'Cork', 'Brno')
WORDS = ('quiet', 'river', 'amber', 'signal', 'harbor', 'velvet', 'orbit', 'maple', 'cinder', 'lantern', 'meadow')
WARM_UP = {'id': -1, 'name': 'warm up', 'city': '-', 'price': 0.0, 'date': '2000-01-01', 'note': '-'}
PRIME = 1_000_003  # > every count: price(i) is distinct for i < PRIME


def price(i: int) -> float:
    return ((i + 1) * 7919 % PRIME) / 100


def record(i: int) -> Dict[str, Any]:
    return {
        'id': i,
        'name': '%s %s' % (FIRST[i % len(FIRST)], LAST[i * 7 % len(LAST)]),
        'city': CITIES[i * 3 % len(CITIES)],
        'price': price(i),
        'date': '20%02d-%02d-%02d' % (i % 25, i % 12 + 1, i % 28 + 1),
        'note': ' '.join(WORDS[(i >> shift) % len(WORDS)] for shift in (0, 3, 6, 9, 12, 15)),
    }


def field(key: str) -> str:
    """The grid's field (and column id) of a top-level key, as PyWebIO names it (path2field)."""
    return '%s_%d_1' % (key, len(key))


# -- the servers: this script with --serve, in a process of its own -----------------------------

def serve(kind: str, count: int) -> None:
    import tornado.web

    from pywebio import STATIC_PATH
    from pywebio.platform.tornado import BackgroundServer, make_application, webio_handler

    records = [record(i) for i in range(count)]
    gc.collect()  # the collector's debt for making the records is not put_datatable's
    go = threading.Event()
    timing: Dict[str, float] = {}

    class Go(tornado.web.RequestHandler):
        def post(self) -> None:
            go.set()

    class Timing(tornado.web.RequestHandler):
        def get(self) -> None:
            self.write(timing)

    if kind == 'pywebio':
        from pywebio.output import put_datatable
        from pywebio.session import hold

        def task() -> None:
            put_datatable([WARM_UP], height=80)
            go.wait()
            timing['start'] = time.time()
            put_datatable(records)
            timing['returned'] = time.time()
            hold()

        app = make_application(webio_handler(task))
    else:
        body = json.dumps(records, separators=(',', ':')).encode()
        del records
        chunk = grid_chunk()

        class Page(tornado.web.RequestHandler):
            def get(self) -> None:
                self.write(BASELINE_PAGE.replace('CHUNK', chunk).replace('FIELDS', json.dumps(FIELDS))
                           .replace('WARM_UP', json.dumps(WARM_UP)))

        class Records(tornado.web.RequestHandler):
            def get(self) -> None:
                self.set_header('Content-Type', 'application/json')
                self.write(body)

            def compute_etag(self) -> None:
                return None  # rather than hash the whole body each time

        app = tornado.web.Application([
            (r'/bench/page', Page), (r'/bench/records.json', Records),
            (r'/(.*)', tornado.web.StaticFileHandler, {'path': STATIC_PATH})])
    app.add_handlers(r'.*', [(r'/bench/go', Go), (r'/bench/timing', Timing)])
    server = BackgroundServer(app, port=0, host='127.0.0.1').start()
    print('Listening on http://127.0.0.1:%d/' % server.port, flush=True)
    threading.Event().wait()


def grid_chunk() -> str:
    """The URL path of the chunk of AG Grid the page imports (its name has a hash of its content)."""
    from pywebio import STATIC_PATH
    names = [name for name in os.listdir(os.path.join(STATIC_PATH, 'js', 'chunks'))
             if name.startswith('datatable_grid-')]
    assert len(names) == 1, names
    return '/js/chunks/' + names[0]


BASELINE_PAGE = '''<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AG Grid, plain</title>
<link rel="stylesheet" href="/css/pywebio.css">
<link rel="stylesheet" href="/css/datatable.css"><link rel="stylesheet" href="/css/datatable-balham.css">
</head><body>
<main class="container py-4"><div id="output-container" class="markdown-body">
<div class="pywebio-datatable">
  <div id="warm" class="pywebio-datatable-grid ag-theme-balham" style="height: 80px"></div></div>
<div class="pywebio-datatable">
  <div id="grid" class="pywebio-datatable-grid ag-theme-balham" style="height: 600px"></div></div>
</div></main>
<script type="module">
import { Grid } from 'CHUNK';
const header = (key) => key.charAt(0).toUpperCase() + key.slice(1);
const columnDefs = FIELDS.map((key) => ({ headerName: header(key), field: key }));
const defaultColDef = {
  sortable: true, filter: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true };
new Grid(document.getElementById('warm'), { columnDefs, defaultColDef, rowData: [WARM_UP] });
// resolves with the wall-clock time (ms) just before the fetch
window.showRecords = () => {
  const start = performance.timeOrigin + performance.now();
  fetch('/bench/records.json').then((response) => response.json()).then((rowData) => {
    new Grid(document.getElementById('grid'), { columnDefs, defaultColDef, rowData });
  });
  return start;
};
</script></body></html>
'''


class Server:
    """A server of `serve` in its own process, and its memory."""

    def __init__(self, kind: str, count: int) -> None:
        from test.helpers import listening_port, start_program
        self.process = start_program(os.path.abspath(__file__), ['--serve', kind, str(count)])
        self.url = 'http://127.0.0.1:%d/' % listening_port(self.process, timeout=600)

    def memory(self, name: str) -> int:
        """VmRSS or VmHWM, in bytes."""
        with open('/proc/%d/status' % self.process.pid) as status:
            return int(next(line for line in status if line.startswith(name + ':')).split()[1]) * 1024

    def reset_peak(self) -> None:
        with open('/proc/%d/clear_refs' % self.process.pid, 'w') as refs:
            refs.write('5')  # VmHWM := VmRSS

    def post(self, path: str) -> None:
        urllib.request.urlopen(urllib.request.Request(self.url + path, data=b'', method='POST')).read()

    def timing(self) -> Dict[str, float]:
        return json.loads(urllib.request.urlopen(self.url + 'bench/timing').read())

    def stop(self) -> None:
        from test.helpers import stop_program
        stop_program(self.process)


# -- in the page --------------------------------------------------------------------------------

# Wall-clock times (ms) of the first animation frames in which the grid in `root` shows...
# window.shown: ...as its first row the one with `text` in its cell of column `column`;
# window.allShown: ...that it has `count` rows (its aria-rowcount counts the header row too).
# window.clicked is the time of the next click event. Both promises reject after `limit` ms.
WAIT_FOR_ROWS = '''([root, column, text, count, limit]) => {
    window.clicked = null;
    window.addEventListener('click', () => { window.clicked = performance.timeOrigin + performance.now(); },
                            {capture: true, once: true});
    const cell = root + ' .ag-center-cols-container [row-index="0"] [col-id="' + column + '"]';
    const until = performance.now() + limit;
    const when = (shows, what) => new Promise((resolve, reject) => {
        const check = () => {
            if (shows()) resolve(performance.timeOrigin + performance.now());
            else if (performance.now() > until) reject(new Error(what + ' did not show in ' + root));
            else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
    });
    window.shown = when(() => document.querySelector(cell)?.textContent === text, 'row ' + text);
    window.allShown = when(() => Number(document.querySelector(root + ' .ag-root')?.getAttribute('aria-rowcount'))
                                 === count + 1, count + ' rows');
}'''


def measure(browser, kind: str, count: int, limit: float) -> Dict[str, Any]:
    """One run of ``kind`` ('pywebio' or 'baseline'), in a fresh server and browser context."""
    column = field if kind == 'pywebio' else (lambda key: key)
    root = '#pywebio-output-2' if kind == 'pywebio' else '#grid'
    lowest = str(min(range(count), key=price))
    server = Server(kind, count)
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(limit)
    crashed: List[bool] = []
    page.on('crash', lambda _: crashed.append(True))
    frames: List[bytes] = []
    page.on('websocket', lambda ws: ws.on(
        'framereceived', lambda payload: frames.append(payload.encode() if isinstance(payload, str) else payload)))
    cdp = context.new_cdp_session(page)
    handshake: Dict[str, str] = {}
    cdp.send('Network.enable')
    cdp.on('Network.webSocketHandshakeResponseReceived',
           lambda event: handshake.update({k.lower(): v for k, v in event['response']['headers'].items()}))
    cdp.send('Performance.enable')
    result: Dict[str, Any] = {'crashed': False}
    try:
        page.goto(server.url + ('' if kind == 'pywebio' else 'bench/page'))
        warm = '#pywebio-output-1' if kind == 'pywebio' else '#warm'
        page.locator(warm + ' .ag-center-cols-container [row-index="0"]').wait_for()
        while kind == 'pywebio' and not handshake:
            page.wait_for_timeout(10)
        cdp.send('Network.disable')  # or Chromium copies the table's frames to this session too
        rss_before = server.memory('VmRSS')
        server.reset_peak()
        frames.clear()
        page.evaluate(WAIT_FOR_ROWS, [root, column('id'), '0', count, limit])
        if kind == 'pywebio':
            server.post('bench/go')
            shown_at, all_at = page.evaluate('Promise.all([window.shown, window.allShown])')
            timing = server.timing()
            while 'returned' not in timing:
                time.sleep(0.05)
                timing = server.timing()
            start = timing['start']
            result['returned'] = timing['returned'] - start
        else:
            start = page.evaluate('window.showRecords()') / 1000
            shown_at, all_at = page.evaluate('Promise.all([window.shown, window.allShown])')
        result['first_rows'] = shown_at / 1000 - start
        result['all_rows'] = all_at / 1000 - start
        page.wait_for_timeout(500)  # the grid's own work after its frame (column widths...)
        cdp.send('HeapProfiler.collectGarbage')
        result['heap'] = next(metric['value'] for metric in cdp.send('Performance.getMetrics')['metrics']
                              if metric['name'] == 'JSHeapUsedSize')

        page.evaluate(WAIT_FOR_ROWS, [root, column('id'), lowest, count, limit])
        # near the top left of the header's label: a wrapped header text may reach below the header
        page.click('%s .ag-header-cell[col-id="%s"] .ag-header-cell-label' % (root, column('price')),
                   position={'x': 4, 'y': 4})
        result['sort'] = (page.evaluate('window.shown') - page.evaluate('window.clicked')) / 1000
        page.wait_for_timeout(1500)  # the page acknowledges commands within a second
        result['rss'] = server.memory('VmRSS') - rss_before
        result['rss_peak'] = server.memory('VmHWM') - rss_before
    except Exception:
        if not crashed:
            raise
        result['crashed'] = True
    finally:
        context.close()
        server.stop()
    if kind == 'pywebio':
        result['frames'] = [frame for frame in frames if b'"datatable"' in frame]
        result['deflate'] = 'permessage-deflate' in handshake.get('sec-websocket-extensions', '')
    return result


def wire_bytes(kind: str, count: int, frames: List[bytes]) -> Dict[str, float]:
    """Bytes per record, raw and deflated, of the frames that carried the table (PyWebIO), or of
    the JSON of row objects (the baseline)."""
    if kind == 'baseline':
        frames = [json.dumps([record(i) for i in range(count)], separators=(',', ':')).encode()]
    return {'frames': len(frames), 'raw': sum(map(len, frames)) / count,
            'deflated': sum(deflated_sizes(frames)) / count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--counts', type=int, nargs='+', default=[1_000, 100_000, 1_000_000])
    parser.add_argument('--rounds', type=int, default=3, help='runs of each page per count (the median is shown)')
    parser.add_argument('--serve', nargs=2, metavar=('KIND', 'COUNT'), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return
    from playwright.sync_api import sync_playwright
    load = os.getloadavg()[0]
    results: Dict[int, Dict[str, Dict[str, Any]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for count in args.counts:
            limit = max(60_000, count * 0.3)  # ms: 5 minutes for a million records
            runs: Dict[str, List[Dict[str, Any]]] = {'baseline': [], 'pywebio': []}
            for round_ in range(args.rounds):
                for kind in ('baseline', 'pywebio') if round_ % 2 == 0 else ('pywebio', 'baseline'):
                    runs[kind].append(measure(browser, kind, count, limit))
            results[count] = {kind: summary(kind, count, kind_runs) for kind, kind_runs in runs.items()}
        version = browser.version
        browser.close()
    report(results, version, args.rounds, (load, os.getloadavg()[0]))


def summary(kind: str, count: int, runs: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The median of each figure over the runs that did not crash; the bytes of the first run."""
    survived = [run for run in runs if not run['crashed']]
    figures: Dict[str, Any] = {'crashes': len(runs) - len(survived), 'runs': len(runs)}
    if survived:
        for key in ('first_rows', 'all_rows', 'sort', 'heap', 'rss', 'rss_peak', 'returned'):
            if key in survived[0]:
                figures[key] = statistics.median(run[key] for run in survived)
        figures.update(wire_bytes(kind, count, survived[0].get('frames', [])))
        figures['deflate'] = all(run.get('deflate', True) for run in survived)
    return figures


def report(results: Dict[int, Dict[str, Dict[str, Any]]], version: str, rounds: int, load: tuple) -> None:
    print('Chromium %s, Python %s, %d CPUs (load average %.1f before, %.1f after); permessage-deflate '
          'negotiated: %s; median of %d runs' % (
              version, sys.version.split()[0], os.cpu_count() or 0, load[0], load[1],
              'yes' if all(r['pywebio'].get('deflate', True) for r in results.values()) else 'NO', rounds))
    print()
    header = ('records', 'page', 'put_datatable', 'first rows', 'ratio', 'all rows', 'ratio', 'sort', 'ratio',
              'frames', 'B/record raw', 'B/record deflate', 'JS heap', 'server RSS', 'RSS peak')
    rows = [header]

    def mib(value: float) -> str:
        return '%.1f MiB' % (value / 2 ** 20)

    for count, pair in results.items():
        base = pair['baseline']
        for name, r in (('AG Grid, plain', base), ('PyWebIO', pair['pywebio'])):
            if r['crashes']:
                rows.append(('{:,}'.format(count), name, 'CRASHED in %d of %d runs' % (r['crashes'], r['runs']))
                            + ('',) * (len(header) - 3))
                if 'first_rows' not in r:
                    continue
            ours = r is not base and 'first_rows' in base

            def ratio(key: str) -> str:
                return '%.2fx' % (r[key] / base[key]) if ours else ''

            rows.append((
                '{:,}'.format(count), name, '%.2f s' % r['returned'] if 'returned' in r else '',
                '%.2f s' % r['first_rows'], ratio('first_rows'), '%.2f s' % r['all_rows'], ratio('all_rows'),
                '%.3f s' % r['sort'], ratio('sort'), str(r['frames']), '%.1f' % r['raw'], '%.2f' % r['deflated'],
                mib(r['heap']), '' if r is base else mib(r['rss']), '' if r is base else mib(r['rss_peak'])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        print('  '.join(cell.rjust(width) for cell, width in zip(row, widths)))
        if index == 0:
            print('  '.join('-' * width for width in widths))
    print()
    print('Targets:')
    if 100_000 in results and 'first_rows' in results[100_000]['pywebio']:
        ours, base = results[100_000]['pywebio'], results[100_000]['baseline']
        seconds, ratio = ours['first_rows'], ours['first_rows'] / base['first_rows']
        print('  100,000 records visible within 2 s:   %.2f s  %s' % (seconds, 'PASS' if seconds <= 2 else 'FAIL'))
        print('  ... and within 1.5x of the baseline:  %.2fx   %s' % (ratio, 'PASS' if ratio <= 1.5 else 'FAIL'))
    if 1_000_000 in results:
        crashes = results[1_000_000]['pywebio']['crashes']
        print('  1,000,000 records without the tab crashing: %s  %s' % (
            'crashed in %d runs' % crashes if crashes else 'no crash', 'FAIL' if crashes else 'PASS'))
    if not {100_000, 1_000_000} & set(results):
        print('  (they are about 100,000 and 1,000,000 records: not in this run)')


if __name__ == '__main__':
    main()

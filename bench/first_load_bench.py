"""First load: what the browser downloads, and how long it takes, until the first form shows.

Run from the repository root (needs Playwright and Debian's Chromium, as the tests do)::

    python bench/first_load_bench.py

Serves ``input('Your name')`` with `start_server`'s application on 127.0.0.1 and opens it in a
fresh headless Chromium several times. It reports the requests made and the bytes transferred
(as compressed on the wire, from the browser's resource timing: ``transferSize``, headers
included) until the form is visible, and the time from navigation to the form being visible.
The baseline, measured in the same run, is a bare static page with one ``<input>``, served by
Tornado the same way.
"""
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import tornado.web  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from pywebio.input import input  # noqa: E402
from pywebio.platform.tornado import BackgroundServer, make_application, webio_handler  # noqa: E402

ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync']
RUNS = 5


class BarePage(tornado.web.RequestHandler):
    def get(self):
        self.write('<!doctype html><title>bare</title><label>Your name <input></label>')


def measure(browser, url, label):
    times, sizes, requests = [], [], []
    for _ in range(RUNS):
        context = browser.new_context()
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.get_by_label(label).wait_for(state='visible')
        times.append((time.perf_counter() - start) * 1000)
        entries = page.evaluate('''() => [performance.getEntriesByType("navigation")[0],
                                         ...performance.getEntriesByType("resource")]
                                         .map(e => e.transferSize)''')
        sizes.append(sum(entries))
        requests.append(len(entries))
        context.close()
    return statistics.median(times), statistics.median(sizes), max(requests)


def main():
    app = make_application(webio_handler(lambda: input('Your name')))
    app.add_handlers(r'.*', [(r'/bare', BarePage)])
    server = BackgroundServer(app).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path='/usr/bin/chromium', args=ARGS)
            bare = measure(browser, server.url + 'bare', 'Your name')
            ours = measure(browser, server.url, 'Your name')
            browser.close()
    finally:
        server.stop()
    print('%-9s %12s %10s %9s' % ('page', 'first form', 'bytes', 'requests'))
    for name, (ms, size, count) in (('bare', bare), ('pywebio', ours)):
        print('%-9s %10.1fms %8.1fKB %9d' % (name, ms, size / 1000, count))
    print('ratio     time %.2fx bare page' % (ours[0] / bare[0]))


if __name__ == '__main__':
    main()

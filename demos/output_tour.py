"""Output tour: every kind of output, placed with scopes and layout.

Run it with ``python demos/output_tour.py`` and open http://localhost:8080/ (``--port`` to change it).
"""
import argparse
import time

from pywebio import start_server
from pywebio.output import (put_buttons, put_code, put_collapse, put_column, put_file, put_grid, put_info,
                            put_markdown, put_progressbar, put_row, put_scope, put_scrollable, put_table,
                            put_tabs, put_text, popup, set_progressbar, span, toast, use_scope)
from pywebio.session import hold


def output_tour():
    put_markdown('''
    # Output tour
    Everything below was put by a few lines of Python: text, **markdown**, tables, code, files,
    layout, tabs and more.
    ''', lstrip=True)

    put_table([
        ['Output', 'Example'],
        ['text', put_text('Shown as text: <b> stays as typed')],
        ['code', put_code('print("hello")', language='python')],
        ['file', put_file('hello.txt', b'hello from the output tour\n')],
        [span('a cell two columns wide', col=2)],
    ])

    put_row([
        put_column([put_text('A row holds columns;'), put_text('each column stacks its items.')]),
        None,
        put_grid([[put_text('1'), put_text('2')], [put_text('3'), put_text('4')]], cell_width='40px'),
    ], size='1fr 20px auto')

    put_tabs([
        {'title': 'Scopes', 'content': put_text('Named places on the page that later output can go into.')},
        {'title': 'Popups', 'content': put_buttons(['Open a popup'], onclick=lambda _: popup(
            'A popup', [put_text('Popups hold any output.'), put_info('Press Escape to close it.')]))},
    ])

    with put_collapse('A collapsed section'):
        put_text('Opened with its button; screen readers hear whether it is open.')

    with put_scrollable(height=120, keep_bottom=True):
        for i in range(1, 21):
            put_text('log line %d' % i)

    put_scope('clock')

    def show_time():
        with use_scope('clock', clear=True):
            put_text('The time on the server: %s' % time.strftime('%H:%M:%S'))

    show_time()
    put_buttons(['Refresh the time', 'Say hello'],
                onclick=[show_time, lambda: toast('Hello!', color='success')])

    put_progressbar('work', label='Working...')
    for step in range(1, 11):
        time.sleep(0.05)
        set_progressbar('work', step / 10, label='%d%%' % (step * 10))
    hold()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(output_tour, port=parser.parse_args().port)

"""A program written for PyWebIO 1.x the way upstream 1.8's demos are: no switch, no hold().

It makes the calls whose meaning differs in the guide: an indented Markdown table (1.x removes the
common indentation), a string in a table cell (1.x: text), and a task that returns with a button
on the page (1.x keeps the session while callbacks exist). Run: ``python api_1x_program.py``.
"""
from pywebio import start_server
from pywebio.output import put_buttons, put_markdown, put_row, put_table, put_text, use_scope


def main():
    put_markdown("""
    # Body mass index

    | BMI | Category |
    | --- | --- |
    | below 18.5 | Underweight |
    | 18.5 to 25 | Normal |
    """)
    put_table([['Note', 'Value'], ['raw', '<b>bold?</b>']])
    put_row([put_text('left cell'), put_text('right cell')])
    with use_scope('count'):
        put_text('clicks: 0')
    clicks = []

    def add(_):
        clicks.append(1)
        with use_scope('count', clear=True):
            put_text('clicks: %d' % len(clicks))

    put_buttons(['Add'], onclick=add)


if __name__ == '__main__':
    start_server(main, port=0, host='127.0.0.1')

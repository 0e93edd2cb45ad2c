"""A program of the user's guide: a table whose cells are HTML strings and buttons with callbacks
(the guide's "组合输出" and "事件回调" examples). The guide's meaning: the session ends when main()
returns, as the guide says (it asks for hold() to keep the buttons). Run: ``python api_guide_program.py``.
"""
from functools import partial

from pywebio import start_server
from pywebio.output import put_buttons, put_markdown, put_table, put_text


def edit_row(choice, row):
    put_text("You click %s button ar row %s" % (choice, row))


def main():
    put_table([
        ['Type', 'Content'],
        ['html', 'X<sup>2</sup>'],
        ['text', put_text('<hr/>')],
        ['markdown', put_markdown('`Awesome PyWebIO!`')],
    ])
    put_table([
        ['Idx', 'Actions'],
        [1, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=1))],
        [2, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=2))],
    ])


if __name__ == '__main__':
    start_server(main, port=0, host='127.0.0.1')

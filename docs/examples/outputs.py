"""Outputs: text, a table, Markdown, buttons and a popup."""
from pywebio import start_server
from pywebio.output import popup, put_buttons, put_markdown, put_table, put_text
from pywebio.session import hold

FRUIT = [
    ['Apple', 3, '$0.50'],
    ['Banana', 12, '$0.25'],
    ['Cherry', 40, '$0.10'],
]


def show_details(name):
    """Called when a button is clicked, with the button's value."""
    popup('About the %s' % name, [
        put_text('We have %d of them in stock.' % next(row[1] for row in FRUIT if row[0] == name)),
    ])


def main():
    put_markdown('# Fruit stand\nToday\'s prices, **fresh** from the market.')
    put_table(FRUIT, header=['Fruit', 'Stock', 'Price'])
    put_text('Click a fruit to see how many are left:')
    put_buttons([row[0] for row in FRUIT], onclick=show_details)
    hold()  # keep the session open so that the buttons keep working


if __name__ == '__main__':
    start_server(main, port=8080)

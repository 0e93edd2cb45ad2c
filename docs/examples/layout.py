"""Layout: two columns side by side, and a scope whose content is replaced on every click."""
from pywebio import start_server
from pywebio.output import put_buttons, put_markdown, put_row, put_scope, put_text, use_scope
from pywebio.session import hold


def main():
    clicks = 0

    def add_one(_):
        nonlocal clicks
        clicks += 1
        with use_scope('counter', clear=True):  # replace what the scope shows
            put_text('Clicked %d times' % clicks)

    put_row([
        put_markdown('### Left\nA row puts its items side by side.'),
        put_markdown('### Right\nEach item gets an equal share of the width.'),
    ])
    put_scope('counter', put_text('Not clicked yet'))  # a named place on the page
    put_buttons(['Add one'], onclick=add_one)
    hold()  # keep the session open so that the button keeps working


if __name__ == '__main__':
    start_server(main, port=8080)

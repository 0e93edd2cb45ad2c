"""Markdown previewer: type Markdown on the left, see it rendered on the right.

The editor is a pin widget (``pywebio.pin``): the program waits for its changes with
``pin_wait_change`` and redraws the preview in a scope.

Run it with ``python demos/markdown_preview.py`` and open http://localhost:8080/ (``--port`` to
change it).
"""
import argparse

from pywebio import start_server
from pywebio.output import put_markdown, put_row, put_scope, use_scope
from pywebio.pin import pin, pin_wait_change, put_textarea

START = '''# Hello

Write **Markdown** here; the preview follows when you leave the field.

- lists
- `code`
- [links](https://www.python.org)
'''


def markdown_preview():
    put_markdown('## Markdown previewer')
    put_row([
        put_textarea('source', label='Markdown', value=START, rows=14),
        None,
        put_scope('preview'),
    ], size='1fr 20px 1fr')

    while True:
        with use_scope('preview', clear=True):
            put_markdown(pin.source or '*(empty)*')
        pin_wait_change('source')


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(markdown_preview, port=parser.parse_args().port)

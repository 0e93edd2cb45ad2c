"""The calls of upstream PyWebIO 1.8.3's demos/markdown_previewer.py, in a program of our own: a pin
code editor in Markdown mode, `pin_wait_change` in a loop, the preview drawn again in a scope, a
download of what was typed.

Run: ``python test/compat/demos18/markdown_previewer.py``
(upstream: ``python demos/markdown_previewer.py``, port 8080)."""
from pywebio import start_server
from pywebio.output import put_buttons, put_markdown, use_scope
from pywebio.pin import pin, pin_wait_change, put_textarea
from pywebio.session import download, set_env


def main():
    """Markdown Previewer"""
    set_env(output_animation=False)

    put_markdown("""# Markdown Live Preview
    Type Markdown below and see it rendered.
    ## Write your Markdown
    """)
    put_textarea('md_text', rows=18, code={'mode': 'markdown'})

    put_buttons(['Download content'], lambda _: download('saved.md', pin.md_text.encode('utf8')), small=True)

    put_markdown('## Preview')
    while True:
        change_detail = pin_wait_change('md_text')
        with use_scope('md', clear=True):
            put_markdown(change_detail['value'], sanitize=False)


if __name__ == '__main__':
    start_server(main, port=0, debug=True, host='127.0.0.1')

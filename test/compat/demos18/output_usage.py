"""The calls of upstream PyWebIO 1.8.3's demos/output_usage.py, in a program of our own: code shown
with a Run button that `exec`s it into an anonymous scope, buttons in a table, `onclick` of any
output, nested scopes styled by their ``#pywebio-scope-NAME`` ids, `position=`, `clear`, `remove`,
`scroll_to`, layout and `style`, all from a coroutine session.

The image is a data: URL (upstream's is on python.org: nothing here leaves the machine).

Run: ``python test/compat/demos18/output_usage.py`` (upstream: ``python demos/output_usage.py``, port 8080)."""
import datetime
from functools import partial

from pywebio import start_server
from pywebio.output import clear, put_button, put_buttons, put_code, put_grid, put_html, put_image, put_markdown, \
    put_table, put_text, remove, scroll_to, set_scope, toast, use_scope
# what the code of the Run buttons calls too (it runs in this module's globals)
from pywebio.output import close_popup, popup, put_column, put_file, put_row  # noqa: F401
from pywebio.session import info as session_info

LOGO = ('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="%23306998"/><text x="10" y="26" fill="%23ffd43b">python</text></svg>')


def t(eng, chinese):
    """English or Chinese, after the browser's language"""
    return chinese if 'zh' in session_info.user_language else eng


def code_block(code, strip_indent=4):
    if strip_indent:
        lines = (
            i[strip_indent:] if (i[:strip_indent] == ' ' * strip_indent) else i
            for i in code.splitlines()
        )
        code = '\n'.join(lines)
    code = code.strip('\n')

    def run_code(code, scope):
        with use_scope(scope):
            exec(code, globals())

    with use_scope() as scope:
        put_code(code, 'python')
        put_buttons([{'label': t('Run', '运行'), 'value': '', 'color': 'success'}],
                    onclick=[partial(run_code, code=code, scope=scope)], small=True)


async def main():
    """PyWebIO Output Usage

    The output functions of PyWebIO.
    """
    put_markdown(t("""# PyWebIO Output demo

    The output functions are defined in `pywebio.output`.
    """, """# PyWebIO 输出演示

    PyWebIO的输出函数都定义在 `pywebio.output` 模块中。
    """))

    code_block(r"""
    put_text("Hello world!")

    put_table([
        ['Commodity', 'Price'],
        ['Apple', '5.5'],
        ['Banana', '7'],
    ])

    put_markdown('~~Strikethrough~~')

    put_file('hello_word.txt', b'hello word!')
    """)

    put_markdown(t(r"""### Combined Output
    `put_xxx()` calls as table cells:
    """, r"""### 组合输出
    """))

    code_block(r"""
    put_table([
        ['Type', 'Content'],
        ['html', put_html('X<sup>2</sup>')],
        ['text', '<hr/>'],  # equal to ['text', put_text('<hr/>')]
        ['buttons', put_buttons(['A', 'B'], onclick=toast)],
        ['markdown', put_markdown('`Awesome PyWebIO!`')],
        ['file', put_file('hello.text', b'hello world')],
        ['table', put_table([['A', 'B'], ['C', 'D']])]
    ])
    """)

    code_block(r"""
    popup('Popup title', [
        put_html('<h3>Popup Content</h3>'),
        'plain html: <br/>',  # equal to put_text('plain html: <br/>')
        put_table([['A', 'B'], ['C', 'D']]),
        put_buttons(['close_popup()'], onclick=lambda _: close_popup())
    ])
    """)

    put_markdown(t(r"""### Callback
    ```python
    put_table([[1, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=1))]])
    ```
    """, r"""### 事件回调
    """))

    @use_scope('table-callback')
    def edit_row(choice, row):
        put_markdown("> You click `%s` button ar row `%s`" % (choice, row))

    put_table([
        ['Idx', 'Actions'],
        [1, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=1))],
        [2, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=2))],
        [3, put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=3))],
    ])
    set_scope('table-callback')

    @use_scope('button-callback')
    def btn_click(btn_val):
        put_markdown("> You click `%s` button" % btn_val)

    put_buttons(['A', 'B', 'C'], onclick=btn_click)
    put_button("Click me", onclick=lambda: toast("Clicked"))
    set_scope('button-callback')

    put_image(LOGO).onclick(lambda: toast('You click the image'))
    put_table([
        ['Commodity', 'Price'],
        ['Apple', put_text('5.5').onclick(lambda: toast('You click the text'))],
    ])

    put_markdown(t(r"""### Output Scope
    ```python
    with use_scope('A'):
        put_text('Text in scope A')
        with use_scope('B'):
            put_text('Text in scope B')
    with use_scope('C'):
        put_text('Text in scope C')
    ```
    """, r"""### 输出域Scope
    """))
    with use_scope('A'):
        put_text('Text in scope A')

        with use_scope('B'):
            put_text('Text in scope B')

    with use_scope('C'):
        put_text('Text in scope C')

    put_html("""<style>
    #pywebio-scope-A {border: 1px solid red;}
    #pywebio-scope-B {border: 1px solid blue;margin:2px}
    #pywebio-scope-C {border: 1px solid green;margin-top:2px}
    </style><br/>""")

    put_grid([
        [put_code("put_text('A', scope='A')", 'python'), None,
         put_buttons([t('Run', '运行')], [lambda: put_text('A', scope='A')])],
        [put_code("put_text('B', scope='B')", 'python'), None,
         put_buttons([t('Run', '运行')], [lambda: put_text('B', scope='B')])],
        [put_code("put_text('C', scope='C')", 'python'), None,
         put_buttons([t('Run', '运行')], [lambda: put_text('C', scope='C')])],
    ], cell_widths='1fr 10px auto')

    put_buttons([('position=%s' % i, i) for i in [1, 2, 3, -1, -2, -3]],
                lambda i: put_text(datetime.datetime.now(), position=i, scope='A'), small=True)

    put_grid([
        [put_code("clear('B')  # Clear content of Scope B", 'python'), None, put_buttons(['运行'], [lambda: clear('B')])],
        [put_code("remove('C')  # Remove Scope C", 'python'), None, put_buttons(['运行'], [lambda: remove('C')])],
        [put_code("scroll_to('A')  # Scroll the page to position of Scope A", 'python'), None,
         put_buttons(['运行'], [lambda: scroll_to('A')])],
    ], cell_widths='1fr 10px auto')

    put_markdown(t(r"""### Layout""", r"""### 布局"""))

    code_block(r"""
    put_row([
        put_column([
            put_code('A'),
            put_row([
                put_code('B1'), None,  # %s
                put_code('B2'), None,
                put_code('B3'),
            ]),
            put_code('C'),
        ]), None,
        put_code('D'), None,
        put_code('E')
    ])
    """ % t('None represents the space between the output', 'None 表示输出之间的空白'))

    put_markdown(t(r"""### Style""", r"""### 样式"""))

    code_block(r"""
    put_text('Red').style('color: red')

    put_table([
        ['A', 'B'],
        ['C', put_text('Red').style('color: red')],
    ])
    """, strip_indent=4)

    put_markdown(t("""----
    That is all for the output functions.
    """, """----
    PyWebIO的输出演示到这里就结束了。
    """))


if __name__ == '__main__':
    start_server(main, debug=True, port=0, host='127.0.0.1')

"""v0.3.0's demos/output_usage.py: every kind of output, buttons whose callbacks put output in
place of an anchor, and `hold()`."""
from pywebio import start_server
from pywebio.output import *
from pywebio.session import hold


def main():
    set_auto_scroll_bottom(False)
    set_title("PyWebIO输出演示")

    put_markdown("""# PyWebIO 输入演示

    PyWebIO的输出函数都定义在 `pywebio.output` 模块中，可以使用 `from pywebio.output import *` 引入。

    ### 基本输出
    PyWebIO提供了一些便捷函数来输出表格、链接等格式:
    ```python
    put_text("Hello world!")

    put_table([
        ['商品', '价格'],
        ['苹果', '5.5'],
        ['香蕉', '7'],
    ])

    put_markdown('~~删除线~~')

    put_file('hello_word.txt', b'hello word!')
    ```
    """, strip_indent=4)
    put_text("Hello world!")
    put_table([
        ['商品', '价格'],
        ['苹果', '5.5'],
        ['香蕉', '7'],
    ])
    put_markdown('~~删除线~~')
    put_file('hello_word.txt', b'hello word!')

    put_markdown(r"""### 输出事件回调
    PyWebIO允许你输出一些控件，当控件被点击时执行提供的回调函数:
    ```python
    from functools import partial

    def edit_row(choice, row):
        put_markdown("> You click`%s` button ar row `%s`" % (choice, row))

    put_table([
        ['Idx', 'Actions'],
        [1, table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=1))],
        [2, table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=2))],
        [3, table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=3))],
    ])
    ```
    """, strip_indent=4)

    from functools import partial

    def edit_row(choice, row):
        put_markdown("> You click `%s` button ar row `%s`" % (choice, row), anchor='table-callback')

    put_table([
        ['Idx', 'Actions'],
        [1, table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=1))],
        [2, table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=2))],
        [3, table_cell_buttons(['edit', 'delete'], onclick=partial(edit_row, row=3))],
    ])
    set_anchor('table-callback')

    put_markdown(r"""当然，PyWebIO还支持单独的按钮控件:
    ```python
    def btn_click(btn_val):
        put_markdown("> You click `%s` button" % btn_val)

    put_buttons(['A', 'B', 'C'], onclick=btn_click)
    ```
    """, strip_indent=4)

    def btn_click(btn_val):
        put_markdown("> You click `%s` button" % btn_val, anchor='button-callback')

    put_buttons(['A', 'B', 'C'], onclick=btn_click)
    set_anchor('button-callback')

    put_markdown(r"""### 锚点
    你可以调用 `set_anchor(name)` 对当前输出位置进行标记。

    以下代码展示了在输出函数中使用锚点:
    ```python
    set_anchor('top')
    put_text('A')
    put_text('B', anchor='b')
    put_text('C', after='top')
    put_text('D', before='b')
    ```
    以上代码将输出:

        C
        A
        D
        B

    """, strip_indent=4)

    put_markdown(r"""### 页面环境设置
    #### 输出区外观
    可以通过调用 `set_output_fixed_height(True)` 来开启输出区固定高度。

    #### 设置页面标题

    调用 `set_title(title)` 可以设置页面标题。

    #### 自动滚动

    通过调用 `set_auto_scroll_bottom(False)` 来关闭自动滚动。

    """, strip_indent=4)
    hold()


if __name__ == '__main__':
    start_server(main, debug=True, port=0, host='127.0.0.1')  # upstream: port=8080, all interfaces

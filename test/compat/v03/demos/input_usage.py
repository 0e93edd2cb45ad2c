"""v0.3.0's demos/input_usage.py: every kind of input, each after the Markdown that explains it."""
from pywebio import start_server
from pywebio.input import *
from pywebio.output import *


def main():
    set_auto_scroll_bottom(False)
    set_title("PyWebIO输入演示")

    put_markdown("""# PyWebIO 输入演示

    在[这里](https://github.com/wang0618/PyWebIO/blob/master/demos/input_usage.py)可以获取本Demo的源码。

    PyWebIO的输入函数都定义在 `pywebio.input` 模块中，可以使用 `from pywebio.input import *` 引入。

    ### 基本输入
    首先是一些基本类型的输入

    #### 文本输入
    ```python
    name = input("What's your name?")
    ```
    """, lstrip=True)
    put_text("这样一行代码的效果如下：", anchor='input-1')
    name = input("What's your name?")
    put_markdown("`name = %r`" % name, anchor='input-1')

    put_markdown("""PyWebIO的输入函数是同步的，在表单被提交之前，输入函数不会返回。
    #### 其他类型的输入:
    ```python
    password = input("Input password", type=PASSWORD)
    gift = select('Which gift you want?', ['keyboard', 'ipad'])
    agree = checkbox("用户协议", options=['I agree to terms and conditions'])
    text = textarea('Text Area', rows=3, placeholder='Some text')
    img = file_upload("Select a image:", accept="image/*")
    ```
    """, lstrip=True)
    password = input("Input password", type=PASSWORD)
    put_markdown("`password = %r`" % password)
    gift = select('Which gift you want?', ['keyboard', 'ipad'])
    put_markdown("`gift = %r`" % gift)
    agree = checkbox("用户协议", options=['I agree to terms and conditions'])
    put_markdown("`agree = %r`" % agree)
    text = textarea('Text Area', rows=3, placeholder='Some text')
    put_markdown("`text = %r`" % text)
    img = file_upload("Select a image:", accept="image/*", help_text='可以直接选择"提交"')
    put_markdown("`img = %r`" % img)

    put_markdown("""#### 输入选项
    输入函数可指定的参数非常丰富：
    ```python
    input('This is label', type=TEXT, placeholder='This is placeholder',
          help_text='This is help text', required=True,
          datalist=['candidate1', 'candidate2', 'candidate2'])
    ```
    """, strip_indent=4)
    input('This is label', type=TEXT, placeholder='This is placeholder',
          help_text='This is help text', required=True,
          datalist=['candidate1', 'candidate2', 'candidate2'])

    put_markdown("""我们可以为输入指定校验函数，校验函数校验通过时返回None，否则返回错误消息:
    ```python
    def check_age(p):
        if p < 10:
            return 'Too young!!'
        if p > 60:
            return 'Too old!!'

    age = input("How old are you?", type=NUMBER, valid_func=check_age)
    ```
    """, strip_indent=4)

    def check_age(p):  # None when valid, else the error to show
        if p < 10:
            return 'Too young!!'
        if p > 60:
            return 'Too old!!'

    age = input("How old are you?", type=NUMBER, valid_func=check_age, help_text='尝试输入一些非法值，比如"8"、"65"')
    put_markdown('`age = %r`' % age)

    put_markdown(r"""PyWebIO 的 `textarea()` 还支持使用 [Codemirror](https://codemirror.net/) 实现代码风格的编辑区:
    ```python
    code = textarea('Code Edit', code={
        'mode': "python",
        'theme': 'darcula',
    }, value='import something\n# Write your python code')
    ```
        """, strip_indent=4)

    code = textarea('Code Edit', code={
        'mode': "python",
        'theme': 'darcula',
    }, value='import something\n# Write your python code')

    put_markdown("Your code:\n```python\n%s\n```" % code)

    put_markdown(r"""### 输入组
    `input_group()` 接受单项输入组成的列表作为参数，输入组中同样支持设置校验函数，其接受整个表单数据作为参数。

    ```python
    def check_form(data):
        if len(data['name']) > 6:
            return ('name', '名字太长！')
        if data['age'] <= 0:
            return ('age', '年龄不能为负数！')

    data = input_group("Basic info", [
        input('Input your name', name='name'),
        input('Input your age', name='age', type=NUMBER, valid_func=check_age)
    ], valid_func=check_form)
    ```
    """, strip_indent=4)

    def check_form(data):  # None when valid, else (name of the input, error)
        if len(data['name']) > 6:
            return ('name', '名字太长！')
        if data['age'] <= 0:
            return ('age', '年龄不能为负数！')

    data = input_group("Basic info", [
        input('Input your name', name='name'),
        input('Input your age', name='age', type=NUMBER, valid_func=check_age)
    ], valid_func=check_form)

    put_markdown("`data = %r`" % data)


if __name__ == '__main__':
    start_server(main, debug=True, port=0, host='127.0.0.1')  # upstream: port=8080, all interfaces

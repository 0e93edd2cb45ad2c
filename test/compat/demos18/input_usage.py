"""The calls of upstream PyWebIO 1.8.3's demos/input_usage.py, in a program of our own: every kind
of input one after another (text, password, select, checkbox, textarea, file, a code editor),
`validate` on an input and on a group, `datalist`, Markdown with code blocks in between.

Run: ``python test/compat/demos18/input_usage.py`` (upstream: ``python demos/input_usage.py``, port 8080)."""
import json

from pywebio import start_server
from pywebio.input import NUMBER, PASSWORD, TEXT, checkbox, file_upload, input, input_group, select, textarea
from pywebio.output import put_code, put_markdown, put_text
from pywebio.session import info as session_info, set_env


def t(eng, chinese):
    """English or Chinese, after the browser's language"""
    return chinese if 'zh' in session_info.user_language else eng


def main():
    """PyWebIO Input Usage

    The input functions of PyWebIO, one by one.
    """
    set_env(auto_scroll_bottom=True)

    put_markdown(t("""# PyWebIO Input Example

    The input functions are defined in `pywebio.input`.

    #### Text input
    ```python
    name = input("What's your name?")
    ```
    """, """# PyWebIO 输入演示

    #### 文本输入
    ```python
    name = input("What's your name?")
    ```
    """))
    put_text(t("The results of the above example are as follows:", "这样一行代码的效果如下："))
    name = input("What's your name?")
    put_markdown("`name = %r`" % name)

    put_markdown(t("""
    #### Other types of input
    ```python
    password = input("Input password", type=PASSWORD)
    gift = select('Which gift you want?', ['keyboard', 'ipad'])
    ```
    """, """
    #### 其他类型的输入:
    ```python
    password = input("Input password", type=PASSWORD)
    gift = select('Which gift you want?', ['keyboard', 'ipad'])
    ```
    """))
    password = input("Input password", type=PASSWORD)
    put_markdown("`password = %r`" % password)
    gift = select('Which gift you want?', ['keyboard', 'ipad'])
    put_markdown("`gift = %r`" % gift)
    agree = checkbox(t("User Term", "用户协议"), options=['I agree to terms and conditions'])
    put_markdown("`agree = %r`" % agree)
    text = textarea('Text Area', rows=3, placeholder='Some text')
    put_markdown("`text = %r`" % text)
    img = file_upload("Select a image:", accept="image/*",
                      help_text=t('You can just click "Submit" button', '可以直接选择"提交"'))
    if img is None:
        put_markdown("`img = %r`" % img)
    else:
        img['content'] = '...'
        img.pop('dataurl', None)
        put_code(json.dumps(img, indent=4, ensure_ascii=False).replace('"..."', '...'), 'json')

    put_markdown(t("""#### Parameter of input functions
    """, """#### 输入选项
    """))
    input('This is label', type=TEXT, placeholder='This is placeholder',
          help_text='This is help text', required=True,
          datalist=['candidate1', 'candidate2', 'candidate2'])

    put_markdown(t("""`validate` gives a check: it returns `None` when the value passes, else the error message:""",
                   """我们可以为输入指定校验函数，校验函数校验通过时返回`None`，否则返回错误消息:"""), strip_indent=4)

    def check_age(p):  # None when the value passes, else the error message
        if p < 10:
            return 'Too young!!'
        if p > 60:
            return 'Too old!!'

    age = input("How old are you?", type=NUMBER, validate=check_age,
                help_text=t('Try to input some illegal values, such as "8", "65"', '尝试输入一些非法值，比如"8"、"65"'))
    put_markdown('`age = %r`' % age)

    put_markdown(r"""
    ```python
    code = textarea('Code Edit', code={'mode': "python", 'theme': 'darcula'}, value='import something')
    ```
    """)
    code = textarea('Code Edit', code={
        'mode': "python",  # the language
        'theme': 'darcula',  # the editor's theme
    }, value='import something\n# Write your python code')

    put_markdown("Your code:\n```python\n%s\n```" % code)

    put_markdown(t("""### Input Group
    `input_group()` returns a dict of the values by name; its `validate` checks them together:""",
                   """### 输入组
    `input_group()` 接受单项输入组成的列表作为参数
    """))

    def check_form(data):  # (input name, error message) when a value fails
        if len(data['name']) > 6:
            return ('name', 'Name too long!')
        if data['age'] <= 0:
            return ('age', 'Age can not be negative!')

    data = input_group("Basic info", [
        input('Input your name', name='name'),
        input('Input your age', name='age', type=NUMBER, validate=check_age)
    ], validate=check_form)

    put_markdown("`data = %r`" % data)

    put_markdown(t("""----
    That is all for the input functions.
    """, """----
    PyWebIO的输入演示到这里就结束了。
    """))


if __name__ == '__main__':
    start_server(main, debug=True, port=0, host='127.0.0.1')

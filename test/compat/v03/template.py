"""The calls that PyWebIO v0.3.0's numbered test programs share (its test/template.py), for the
programs beside this file: the same functions with the same arguments in the same order, so that
the same visitor's steps (test/compat/drive_v03.py) apply. Upstream's Selenium functions are not
here: the driver does what they did."""
import asyncio
import json
import os
import threading
import time
from functools import partial
from os import path

from pywebio.input import *
from pywebio.output import *
from pywebio.session import *

here_dir = path.dirname(path.abspath(__file__))
ASSETS = path.join(here_dir, '..', 'assets')  # img.png and helloworld.txt
#: where set_defer_call's functions write (upstream: test_defer.tmp in the working directory)
DEFER_FILE = os.environ.get('PYWEBIO_V03_DEFER_FILE', 'test_defer.tmp')


def basic_output():
    set_anchor('top')

    for n in range(3):
        put_text('text_%s' % n)

    put_text('测试空格:20空格:[%s]结束' % (' ' * 20))

    for n in range(3):
        put_text('inline_text_%s' % n, inline=True)

    put_markdown("""### put_markdown 测试
    `行内代码`

    无序列表：
    - 北京
    - 上海
    - 天津

    有序列表：
    1. 北京
    2. 上海
    3. 天津

    [链接](./#)
    ~~删除线~~
    """, lstrip=True, anchor='put_markdown')

    put_text('<hr/>:')
    put_html("<hr/>", anchor='put_html')

    put_text('table:')
    put_table([['Name', 'Gender', 'Address'], ['Wang', 'M', 'China'], ['Liu', 'W', 'America']])
    put_table([['Wang', 'M', 'China'], ['Liu', 'W', 'America']], header=['Name', 'Gender', 'Address'])
    put_table([{"Course": "OS", "Score": "80"}, {"Course": "DB", "Score": "93"}],
              header=["Course", "Score"], anchor='put_table')

    with open(path.join(ASSETS, 'img.png'), 'rb') as f:
        img_data = f.read()
    put_table([
        ['Type', 'Content'],
        ['text', put_text('<hr/>', inline=True)],
        ['html', 'X<sup>2</sup>'],
        ['buttons', put_buttons(['A', 'B'], onclick=None)],
        ['markdown', put_markdown('`awesome PyWebIO!`\n - 1\n - 2\n - 3')],
        ['file', put_file('hello.text', b'')],
        ['image', put_image(img_data)],
        ['table', put_table([['A', 'B'], [put_markdown('`C`'), put_markdown('`D`')]])],
    ])

    put_text('code:')
    put_code(json.dumps(dict(name='pywebio', author='wangweimin'), indent=4), 'json', anchor='scroll_basis')

    put_text('move ⬆ code block to screen ... :')
    put_buttons(buttons=[('BOTTOM', BOTTOM), ('TOP', TOP), ('MIDDLE', MIDDLE)],
                onclick=lambda pos: scroll_to('scroll_basis', pos), anchor='scroll_basis_btns')

    def edit_row(choice, row):
        put_text("You click %s button at row %s" % (choice, row), after='table_cell_buttons')

    put_table([['Idx', 'Actions']] + [
        [str(row), put_buttons(['edit', 'delete'], onclick=partial(edit_row, row=row))] for row in (1, 2, 3)
    ], anchor='table_cell_buttons')

    put_buttons(['A', 'B', 'C'], onclick=partial(put_text, after='put_buttons'), anchor='put_buttons')

    put_image(img_data, anchor='put_image1')
    put_image(img_data, width="30px", anchor='put_image2')
    put_image(img_data, height="50px", anchor='put_image3')

    put_file('hello_word.txt', b'hello word!', anchor='put_file')

    put_markdown('### 锚点')

    put_text('anchor A1', anchor='A1')
    put_text('new anchor A1', anchor='A1')
    put_text('anchor A2', anchor='A2')
    put_text('anchor A3', anchor='A3')

    put_text('after=A1', after='A1')
    put_text('after=A2', after='A2')
    put_text('before=A1', before='A1')
    put_text('before=A3', before='A3')
    put_text('after=A3', after='A3')

    clear_range('A1', "A2")
    clear_range('A3', 'A2')
    clear_after('A3')

    put_text('before=top', before='top')
    clear_before('top')
    put_text('before=top again', before='top')

    put_text('to remove', anchor='to_remove')
    remove('to_remove')

    info = get_info()

    from aiohttp.web import BaseRequest
    from django.http import HttpRequest
    from flask import Request
    from tornado.httputil import HTTPServerRequest
    request_class = dict(tornado=HTTPServerRequest, flask=Request, django=HttpRequest, aiohttp=BaseRequest)
    request_ok = isinstance(info.request, request_class.get(info.backend))
    if not request_ok:
        print('Error: request check error: backend %s, request type %s, class %s' %
              (info.backend, type(info.request).__name__, info.request))
    agent = info.user_agent
    put_markdown(rf"""### 会话信息
    ```
    * `user_agent`:
        * `is_mobile` (bool): {agent.is_mobile}
        * `is_tablet` (bool): {agent.is_tablet}
        * `is_pc` (bool): {agent.is_pc}
        * `is_touch_capable` (bool): {agent.is_touch_capable}

        * `browser.family` (str): {agent.browser.family}

        * `os.family` (str): {agent.os.family}
        * `os.version` (tuple): {agent.os.version}
        * `os.version_string` (str): {agent.os.version_string}

        * `device.family` (str): {agent.device.family}
        * `device.brand` (str): {agent.device.brand}
        * `device.model` (str): {agent.device.model}
    * `user_language` (str): {info.user_language}
    * `server_host` (str): {info.server_host}
    * `origin` (str): {info.origin or 'http://' + info.server_host}
    * `user_ip` (str): {info.user_ip}
    * `request type check` (str): {request_ok}
    ```
    """, strip_indent=4)


def background_output():
    put_text("Background output", anchor='background')

    def count():
        for n in range(20):
            put_text('%s ' % n, inline=True, after='background')

    thread = threading.Thread(target=count)
    register_thread(thread)
    thread.start()


async def coro_background_output():
    put_text("Background output", anchor='background')

    async def count():
        for n in range(20):
            put_text('%s ' % n, inline=True, after='background')

    return run_async(count())


def basic_input():
    age = yield input("How old are you?", type=NUMBER)
    put_markdown(f'`{repr(age)}`')

    password = yield input("Input password", type=PASSWORD)
    put_markdown(f'`{repr(password)}`')

    gift = yield select('Which gift you want?', ['keyboard', 'ipad'])
    put_markdown(f'`{repr(gift)}`')

    agree = yield checkbox("用户协议", options=['I agree to terms and conditions'])
    put_markdown(f'`{repr(agree)}`')

    text = yield textarea('Text Area', rows=3, placeholder='Some text')
    put_markdown(f'`{repr(text)}`')

    img = yield file_upload("Select a image:", accept="image/*")
    put_image(img['content'], title=img['filename'])

    res = yield input('This is label', type=TEXT, placeholder='This is placeholder,required=True',
                      help_text='This is help text', required=True)
    put_markdown(f'`{repr(res)}`')

    def check_age(p):  # None when valid, else the error to show
        if p < 10:
            return 'Too young!!'
        if p > 60:
            return 'Too old!!'

    age = yield input("How old are you?", type=NUMBER, valid_func=check_age, help_text='age in [10, 60]')
    put_markdown(f'`{repr(age)}`')

    code = yield textarea('Code Edit', code={'mode': "python", 'theme': 'darcula'},
                          value='import something\n# Write your python code')
    put_markdown(f'`{repr(code)}`')

    info = yield input_group("Cancelable", [
        input('Input your name', name='name'),
        input('Input your age', name='age', type=NUMBER, valid_func=check_age, help_text='age in [10, 60]')
    ], cancelable=True)
    put_markdown(f'`{repr(info)}`')

    def check_form(data):  # None when valid, else (name of the input, error)
        if len(data['password']) > 6:
            return ('password', 'password太长！')

    check_item_data = []

    def check_item(data):
        check_item_data.append(repr(data))

    def choices(selected_first):
        return [
            {'label': '标签0' + (',selected' if selected_first else ''), 'value': '0', 'selected': selected_first},
            {'label': '标签1,disabled', 'value': '1', 'disabled': True},
        ]

    info = yield input_group('Input group', [
        input('Text', type=TEXT, datalist=['data-%s' % n for n in range(10)], name='text',
              required=True, help_text='required=True', valid_func=check_item),
        input('Number', type=NUMBER, value="42", name='number', valid_func=check_item),
        input('Float', type=FLOAT, name='float', valid_func=check_item),
        input('Password', type=PASSWORD, name='password', valid_func=check_item),

        textarea('Textarea', rows=3, maxlength=20, name='textarea',
                 help_text='rows=3, maxlength=20', valid_func=check_item),

        textarea('Code', name='code', code={'lineNumbers': False, 'indentUnit': 2},
                 value='import something\n# Write your python code', valid_func=check_item),

        select('select-multiple', choices(True) + [
            ('标签2,selected', '2', True), ('标签3', '3'), ('标签4,disabled', '4', False, True), '标签5,selected',
        ], name='select-multiple', multiple=True, value=['标签5,selected'], required=True,
            help_text='required至少选择一项', valid_func=check_item),

        select('select', choices(False) + [
            ('标签2', '2', False), ('标签3', '3'), ('标签4,disabled', '4', False, True), '标签5,selected',
        ], name='select', value=['标签5,selected'], valid_func=check_item),

        checkbox('checkbox-inline', [
            {'label': '标签0,selected', 'value': '0', 'selected': False},
            {'label': '标签1,disabled', 'value': '1', 'disabled': True},
            ('标签2,selected', '2', True), ('标签3', '3'), ('标签4,disabled', '4', False, True), '标签5,selected',
        ], inline=True, name='checkbox-inline', value=['标签5,selected', '标签0', '标签0,selected'],
            valid_func=check_item),

        checkbox('checkbox', choices(True) + [
            ('标签2,selected', '2', True), ('标签3', '3'), ('标签4,disabled', '4', False, True), '标签5',
        ], name='checkbox', valid_func=check_item),

        radio('radio-inline', choices(False) + [
            ('标签2', '2', False), ('标签3', '3'), ('标签4,disabled', '4', False, True), '标签5,selected',
        ], inline=True, name='radio-inline', value='标签5,selected', valid_func=check_item),

        radio('radio', choices(False) + [
            ('标签2', '2', False), ('标签3', '3'), ('标签4,disabled', '4', False, True), '标签5,selected',
        ], inline=False, name='radio', value='标签5,selected', valid_func=check_item),

        file_upload('file_upload', name='file_upload'),

        actions('actions', [
            {'label': '提交', 'value': 'submit'},
            ('提交2', 'submit2'),
            '提交3',
            {'label': 'disabled', 'disabled': True},
            ('重置', 'reset', 'reset'),
            {'label': '取消', 'type': 'cancel'},
        ], name='actions', help_text='actions'),
    ], valid_func=check_form)

    put_text('`valid_func()` log:')
    put_code(json.dumps(sorted(set(check_item_data)), indent=4, ensure_ascii=False), 'json')

    put_text('Form result:')
    if info:
        put_code(json.dumps([repr(item) for item in sorted(info.items())], indent=4, ensure_ascii=False), 'json')


def background_input():
    def ask():
        time.sleep(1)
        res = input('background')
        put_markdown(f'`background: {repr(res)}`')

    thread = threading.Thread(target=ask)
    register_thread(thread)
    thread.start()

    res = input('front')
    put_markdown(f'`front: {repr(res)}`')


async def coro_background_input():
    async def ask():
        await asyncio.sleep(1)
        res = await input('background')
        put_markdown(f'`background: {repr(res)}`')

    run_async(ask())

    res = await input('front')
    put_markdown(f'`front: {repr(res)}`')


async def flask_coro_background_input():
    async def ask():
        await run_asyncio_coroutine(asyncio.sleep(1))
        res = await input('background')
        put_markdown(f'`background: {repr(res)}`')

    run_async(ask())

    res = await input('front')
    put_markdown(f'`front: {repr(res)}`')


def set_defer_call():
    def deferred_1():
        with open(DEFER_FILE, 'w') as f:
            f.write('deferred_1')

    def deferred_2():
        with open(DEFER_FILE, 'a') as f:
            f.write('deferred_2')

    defer_call(deferred_1)
    defer_call(deferred_2)

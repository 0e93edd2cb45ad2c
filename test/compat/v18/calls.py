"""The calls of PyWebIO 1.8.3's test template, made by programs of our own.

Upstream's numbered test programs (test/N.*.py of PyWebIO v1.8.3) all run one template: outputs
of every kind, output from a background thread or coroutine, every kind of input, then inputs
from the foreground and a background thread or coroutine at once, and `defer_call`. The entry
programs beside this module run these functions the way upstream's run its template, so that a
1.x program's way of using the API is exercised on every platform; the calls, their argument
shapes and their order are upstream's, the content is ours. test/compat/drive.py answers them
(it drives upstream's own programs too), so the labels and texts it looks for must stay as they
are here.

The programs import this module as upstream's import theirs: it sits beside them, in the
script's folder, which Python puts first on ``sys.path``.
"""
import asyncio
import json
import os
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

# the request classes of every backend, for `request_type_ok`: imported as the program starts
# (upstream's template imports them in its first session), so that a session opens at once
from aiohttp.web import BaseRequest
from django.http import HttpRequest
from flask import Request
from starlette.websockets import WebSocket
from tornado.httputil import HTTPServerRequest

from pywebio.input import (FLOAT, NUMBER, PASSWORD, TEXT, actions, checkbox, file_upload, input, input_group, radio,
                           select, textarea)
from pywebio.output import (Position, PopupSize, clear, close_popup, output, popup, put_button, put_buttons, put_code,
                            put_collapse, put_column, put_file, put_grid, put_html, put_image, put_link, put_loading,
                            put_markdown, put_processbar, put_row, put_scope, put_scrollable, put_table, put_text,
                            remove, scroll_to, set_processbar, set_scope, span, toast, use_scope)
from pywebio.session import defer_call, eval_js, register_thread, run_async, run_asyncio_coroutine, set_env

ASSETS = Path(__file__).resolve().parents[1] / 'assets'
IMAGE = ASSETS / 'img.png'

#: The file `set_defer_call`'s functions write when the session ends; the test names one of its
#: own (upstream's wrote ``test_defer.tmp`` in the working directory, here the repository's root).
DEFER_FILE_VARIABLE = 'PYWEBIO_COMPAT_DEFER_FILE'

#: How long a background thread or coroutine waits before its input (upstream's wait 1 s): long
#: enough for the foreground's input to be shown first, so that the background's comes on top of
#: it, the order in which `drive.background_inputs` answers them; short, as every test waits it.
BACKGROUND_DELAY = 0.3


def basic_output():
    """Every kind of output, in upstream's order: the page a 1.x program draws."""
    set_env(title='PyWebIO 1.8.3 calls')
    set_scope('top')

    put_markdown('## Text')
    for number in range(3):
        put_text('text_%s' % number)
    put_text('twenty spaces kept: [%s] end' % (' ' * 20))
    for number in range(3):
        put_text('inline_%s' % number, inline=True)
    # indented as a 1.x program indents it, inside a function: 1.x strips the common indent
    put_markdown("""### Markdown
    Some `inline code`.

    A list:
    - apples
    - pears

    Numbered:
    1. one
    2. two

    [a link](./#) and ~~struck text~~
    """)
    put_link('a link', '#')
    put_text('a rule, as HTML:')
    put_html('<hr/>')

    put_markdown('## Styles')
    put_text('Crimson').style('color:crimson')
    put_markdown('~~crimson struck~~').style('color:crimson')
    put_table([
        ['plain', 'styled'],
        ['text', put_text('Crimson').style('color:crimson')],
    ])
    put_collapse('styled collapse', [
        put_text('indented').style('margin-left:20px'),
        put_markdown('~~struck~~').style('margin-left:20px'),
    ], open=True)

    put_markdown('## Tables')
    put_table([
        ['Fruit', 'Colour', 'Price'],
        ['Apple', 'red', '3'],
        ['Pear', 'green', '4'],
    ])
    put_table([
        ['Apple', 'red', '3'],
        ['Pear', 'green', '4'],
    ], header=['Fruit', 'Colour', 'Price'])
    put_table([
        {'City': 'Oslo', 'Rain': '763'},
        {'City': 'Lima', 'Rain': '6'},
    ], header=['City', 'Rain'])
    put_table([
        {'City': 'Oslo', 'Rain': '763'},
        {'City': 'Lima', 'Rain': '6'},
    ], header=[('Town', 'City'), ('Rain (mm)', 'Rain')])

    image_bytes = IMAGE.read_bytes()
    put_table([
        ['Kind', 'Cell'],
        ['text', '<b>shown as text</b>'],
        ['html', put_html('E = mc<sup>2</sup>')],
        ['buttons', put_buttons(['A', 'B'], onclick=put_text, small=True)],
        ['markdown', put_markdown('`code` and a list:\n - x\n - y')],
        ['file', put_file('empty.txt', b'')],
        ['image', put_image(image_bytes)],
        ['table', put_table([
            ['A', 'B'],
            [put_markdown('`a`'), put_markdown('`b`')],
        ])],
    ])

    put_markdown('## Code and scrolling')
    with use_scope('scroll_basis'):
        put_code(json.dumps({'project': 'compat runner', 'calls': 'PyWebIO 1.8.3'}, indent=4), 'json')
    put_text('bring the code above into view:')
    with use_scope('scroll_basis_btns'):
        put_buttons(buttons=[
            ('BOTTOM', Position.BOTTOM),
            ('TOP', Position.TOP),
            ('MIDDLE', Position.MIDDLE),
        ], onclick=lambda position: scroll_to('scroll_basis', position))

    def open_popup():
        popup('Popup title', [
            put_html('<h4>In a popup</h4>'),
            'a plain string: <br/>',
            put_table([
                ['Kind', 'Cell'],
                ['html', put_html('H<sub>2</sub>O')],
                ['text', '<i>shown as text</i>'],
                ['buttons', put_buttons(['A', 'B'], onclick=put_text)],
                ['markdown', put_markdown('**bold**')],
                ['file', put_file('empty.txt', b'')],
                ['table', put_table([['A', 'B'], ['C', 'D']])],
            ]),
            put_buttons(['close_popup()'], onclick=lambda _: close_popup()),
        ], size=PopupSize.NORMAL)

    with use_scope('popup_btn'):
        put_buttons([('popup()', '')], onclick=[open_popup])

    def on_row(choice, row):
        put_text('You click %s button at row %s' % (choice, row), scope='table_cell_buttons')

    with use_scope('table_cell_buttons'):
        put_table([
            ['Idx', 'Actions'],
            ['1', put_buttons(['edit', 'delete'], onclick=partial(on_row, row=1))],
            ['2', put_buttons(['edit', 'delete'], onclick=partial(on_row, row=2))],
            ['3', put_buttons(['edit', 'delete'], onclick=partial(on_row, row=3))],
        ])

    with use_scope('put_buttons'):
        put_buttons(['A', 'B', 'C'], onclick=partial(put_text, scope='put_buttons'))

    put_button('click me', onclick=lambda: toast('Clicked'), color='success', outline=True)

    put_markdown('## Images and files')
    put_image(image_bytes)
    from PIL.Image import open as open_image
    put_image(open_image(IMAGE), width='30px')
    put_image('/image/apple-touch-icon.png', height='50px')  # a URL: one the server itself serves, not the web
    put_file('hello.txt', b'hello, world')

    put_collapse('Collapse', [
        'a plain string',
        put_markdown('~~struck~~'),
        put_table([
            ['Item', 'Price'],
            ['Tea', '2.5'],
            ['Cake', '4'],
        ]),
    ], open=True)
    put_collapse('one string', 'its content', open=True)
    put_scrollable('a line\n' * 20, height=50, keep_bottom=True)

    put_markdown('## Scopes')
    with use_scope('scope1'):
        put_text('cleared at once')
        clear()
        put_text('A')  # A
        put_text('B', position=0)  # B A
        put_text('C', position=-2)  # B C A
        with use_scope('scope2'):
            put_text('in scope2')
            put_text('in scope2 again')
        put_text('D', position=1)  # B D C A, then scope2
    put_text('before=top again', scope='top')
    with use_scope('to_remove'):
        put_text('to remove')
    remove('to_remove')

    put_session_info()

    put_markdown('## Layout')
    put_row([
        put_column([
            put_code('A'),
            put_row([
                put_code('B1'), None,
                put_code('B2'), None,
                put_code('B3'),
            ]),
            put_code('C'),
        ]), None,
        put_code('python'), None,
        put_code('python\n' * 20).style('max-height:200px;'),
    ])
    put_grid([
        [put_code('(%s, %s)' % (row, column)).style('margin-right:10px;') for column in range(4)]
        for row in range(5)
    ], direction='column')
    put_row([put_code(number).style('margin-right:10px;') for number in range(4)], 'repeat(auto-fill, 25%)')

    put_markdown('## Spans')
    cell = lambda text: put_code(text).style('margin-right:10px;')  # noqa: E731 (as 1.x programs write it)
    put_grid([
        [span(cell('A'), col=2), None],
        [span(cell('C'), row=2, col=2), span(cell('D'), row=2)],
        [],
    ], cell_width='1fr', cell_height='1fr')
    put_table([
        ['C'],
        [span('E', col=2)],
    ], header=[span('A', row=2), 'B'])

    put_processbar('processbar', 0.3)
    set_processbar('processbar', 0.6)
    put_loading()

    put_markdown('## output() and put_scope()')
    hobbies = output(put_text('Chess'))
    put_table([
        ['Name', 'Hobbies'],
        ['Ann', hobbies],
    ])
    hobbies.reset(put_text('Rowing'))
    hobbies.append(put_text('Baking'), put_text('Hiking'))
    hobbies.insert(0, put_markdown('**Chess**'))

    put_table([
        ['Name', 'Hobbies'],
        ['Bob', put_scope('hobby', content=put_text('Chess'))],
    ])
    with use_scope('hobby', clear=True):
        put_text('Rowing')  # the scope now holds Rowing only
    with use_scope('hobby'):
        put_text('Baking')
        put_text('Hiking')
    put_markdown('**Chess**', scope='hobby', position=0)


def request_type_ok(info) -> bool:
    """Whether ``session.info.request`` is the request class of the session's backend, as upstream
    checks it (it printed an error line, and went on, when it was not)."""
    classes = {
        'tornado': HTTPServerRequest,
        'flask': Request,
        'django': HttpRequest,
        'aiohttp': BaseRequest,
        'starlette': WebSocket,
    }
    return isinstance(info.request, classes.get(info.backend, ()))


def put_session_info():
    """Every field of ``session.info`` 1.x programs read, in a code block (the test reads some)."""
    from pywebio import session
    info = session.info
    request_ok = request_type_ok(info)
    if not request_ok:
        print('Error: session.info.request of backend %s is a %s: %r'
              % (info.backend, type(info.request).__name__, info.request), flush=True)
    agent = info.user_agent
    put_markdown(rf"""## Session info
    ```
    user_agent.is_mobile: {agent.is_mobile}
    user_agent.is_tablet: {agent.is_tablet}
    user_agent.is_pc: {agent.is_pc}
    user_agent.is_touch_capable: {agent.is_touch_capable}
    user_agent.browser.family: {agent.browser.family}
    user_agent.os.family: {agent.os.family}
    user_agent.os.version: {agent.os.version}
    user_agent.os.version_string: {agent.os.version_string}
    user_agent.device.family: {agent.device.family}
    user_agent.device.brand: {agent.device.brand}
    user_agent.device.model: {agent.device.model}
    user_language: {info.user_language}
    server_host: {info.server_host}
    origin: {info.origin or 'http://' + info.server_host}
    user_ip: {info.user_ip}
    backend: {info.backend}
    request type check: {request_ok}
    ```
    """)


def background_output():
    """Output from a registered thread, into a scope the foreground set."""
    put_text('Output from the background:')
    set_scope('background')

    def count():
        for number in range(20):
            put_text('%s ' % number, inline=True, scope='background')

    thread = threading.Thread(target=count)
    register_thread(thread)
    thread.start()


async def coro_background_output():
    """`background_output` for a coroutine session: a `run_async` coroutine; returns its handle."""
    put_text('Output from the background:')
    set_scope('background')

    async def count():
        for number in range(20):
            put_text('%s ' % number, inline=True, scope='background')

    return run_async(count())


def check_age(age):
    """A validate function: None when the value is fine, else the error to show."""
    if age < 10:
        return 'Too young!!'
    if age > 60:
        return 'Too old!!'


def basic_input():
    """Every kind of input, as a generator: each form is ``yield``-ed, so that the thread sessions
    run it with ``run_as_function`` and the coroutine sessions await ``to_coroutine`` of it."""
    total = yield eval_js('''(function(){
        for (var i = 0; i <= limit; i++)
            a += i;
        return a;
    })()''', a=0, limit=100)
    assert total == 5050, total

    age = yield input('How old are you?', type=NUMBER)
    put_markdown(f'`{age!r}`')

    password = yield input('Input password', type=PASSWORD)
    put_markdown(f'`{password!r}`')

    gift = yield select('Which gift do you want?', ['keyboard', 'ipad'])
    put_markdown(f'`{gift!r}`')

    agreed = yield checkbox('Terms', options=['I agree to terms and conditions'])
    put_markdown(f'`{agreed!r}`')

    text = yield textarea('Text Area', rows=3, placeholder='Some text')
    put_markdown(f'`{text!r}`')

    image = yield file_upload('Select a image:', accept='image/*', max_size=10 ** 7)
    put_image(image['content'], title=image['filename'])

    text = yield input('This is label', type=TEXT, placeholder='a placeholder; required=True',
                       help_text='a help text', required=True)
    put_markdown(f'`{text!r}`')

    cancelled = yield input_group('cancel test', [input(name='cancel')], cancelable=True)
    put_markdown(f'`{cancelled!r}`')

    age = yield input('How old are you?', type=NUMBER, validate=check_age, help_text='age in [10, 60]')
    put_markdown(f'`{age!r}`')

    code = yield textarea('Code Edit', code={
        'mode': 'python',
        'theme': 'darcula',
    }, value='import something\n# Write your python code')
    put_markdown(f'`{code!r}`')

    person = yield input_group('Cancelable', [
        input('Input your name', name='name'),
        input('Input your age', name='age', type=NUMBER, validate=check_age, help_text='age in [10, 60]'),
    ], cancelable=True)
    put_markdown(f'`{person!r}`')

    def fill_in(set_value):
        set_value('set from action')

    value = yield input('Input action', action=('Set value', fill_in))
    assert value == 'set from action', value

    def check_group(data):
        """A form's validate function: None, or (field name, error)."""
        if len(data['password']) > 6:
            return ('password', 'password太长！')

    validated = []

    def note_value(value):
        validated.append(repr(value))

    # option lists of every shape: dicts, (label, value[, selected[, disabled]]) tuples, strings
    result = yield input_group('Input group', [
        input('Text', type=TEXT, datalist=['item-%s' % n for n in range(10)], name='text',
              required=True, help_text='required=True', validate=note_value),
        input('Number', type=NUMBER, value='42', name='number', validate=note_value),
        input('Float', type=FLOAT, name='float', validate=note_value),
        input('Password', type=PASSWORD, name='password', validate=note_value),
        textarea('Textarea', rows=3, maxlength=20, name='textarea',
                 help_text='rows=3, maxlength=20', validate=note_value),
        textarea('Code', name='code', code={
            'lineNumbers': False,
            'indentUnit': 2,
        }, value='import something\n# Write your python code', validate=note_value),
        select('select-multiple', [
            {'label': 'one,selected', 'value': '1', 'selected': True},
            {'label': 'two,disabled', 'value': '2', 'disabled': True},
            ('three,selected', '3', True),
            ('four', '4'),
            ('five,disabled', '5', False, True),
            'six,selected',
        ], name='select-multiple', multiple=True, value=['six,selected'], required=True,
            help_text='required: pick one at least', validate=note_value),
        select('select', [
            {'label': 'one', 'value': '1', 'selected': False},
            {'label': 'two,disabled', 'value': '2', 'disabled': True},
            ('three', '3', False),
            ('four', '4'),
            ('five,disabled', '5', False, True),
            'six,selected',
        ], name='select', value=['six,selected'], validate=note_value),
        checkbox('checkbox-inline', [
            {'label': 'one,selected', 'value': '1', 'selected': False},
            {'label': 'two,disabled', 'value': '2', 'disabled': True},
            ('three,selected', '3', True),
            ('four', '4'),
            ('five,disabled', '5', False, True),
            'six,selected',
        ], inline=True, name='checkbox-inline', value=['six,selected', 'one', 'one,selected'],
            validate=note_value),  # 'one' and 'one,selected' are labels, not values: 1.x ignores them
        checkbox('checkbox', [
            {'label': 'one,selected', 'value': '1', 'selected': True},
            {'label': 'two,disabled', 'value': '2', 'disabled': True},
            ('three,selected', '3', True),
            ('four', '4'),
            ('five,disabled', '5', False, True),
            'six',
        ], name='checkbox', validate=note_value),
        radio('radio-inline', [
            {'label': 'one', 'value': '1', 'selected': False},
            {'label': 'two,disabled', 'value': '2', 'disabled': True},
            ('three', '3', False),
            ('four', '4'),
            ('five,disabled', '5', False, True),
            'six,selected',
        ], inline=True, name='radio-inline', value='six,selected', validate=note_value),
        radio('radio', [
            {'label': 'one', 'value': '1', 'selected': False},
            {'label': 'two,disabled', 'value': '2', 'disabled': True},
            ('three', '3', False),
            ('four', '4'),
            ('five,disabled', '5', False, True),
            'six,selected',
        ], inline=False, name='radio', value='six,selected', validate=note_value),
        file_upload('file_upload', name='file_upload', max_size='10m'),
        actions('actions', [
            {'label': '提交', 'value': 'submit'},
            ('提交2', 'submit2'),
            '提交3',
            {'label': 'disabled', 'disabled': True},
            ('重置', 'reset', 'reset'),
            {'label': '取消', 'type': 'cancel'},
        ], name='actions', help_text='actions'),
    ], validate=check_group)

    put_text('validate() saw:')
    put_code(json.dumps(sorted(set(validated)), indent=4, ensure_ascii=False), 'json')
    put_text('Form result:')
    if result:
        put_code(json.dumps([repr(item) for item in sorted(result.items())], indent=4, ensure_ascii=False), 'json')


def background_input():
    """An input from a registered thread while the foreground waits on its own."""
    def ask():
        time.sleep(BACKGROUND_DELAY)
        answer = input('background')
        put_markdown(f'`background: {answer!r}`')

    thread = threading.Thread(target=ask)
    register_thread(thread)
    thread.start()

    answer = input('front')
    put_markdown(f'`front: {answer!r}`')


async def coro_background_input():
    """`background_input` for a coroutine session: the background is a `run_async` coroutine."""
    async def ask():
        await asyncio.sleep(BACKGROUND_DELAY)
        answer = await input('background')
        put_markdown(f'`background: {answer!r}`')

    run_async(ask())

    answer = await input('front')
    put_markdown(f'`front: {answer!r}`')


async def flask_coro_background_input():
    """`coro_background_input` under an HTTP server, whose coroutine sessions do not run in an
    asyncio loop of their own: the sleep goes through `run_asyncio_coroutine`."""
    async def ask():
        await run_asyncio_coroutine(asyncio.sleep(BACKGROUND_DELAY))
        answer = await input('background')
        put_markdown(f'`background: {answer!r}`')

    run_async(ask())

    answer = await input('front')
    put_markdown(f'`front: {answer!r}`')


def defer_file() -> str:
    return os.environ.get(DEFER_FILE_VARIABLE) or os.path.join(tempfile.gettempdir(), 'pywebio_compat_defer.tmp')


def set_defer_call():
    """Two functions to run when the session ends, in the order given: the first writes the
    file, the second appends to it."""
    def first():
        with open(defer_file(), 'w') as file:
            file.write('deferred_1')

    def second():
        with open(defer_file(), 'a') as file:
            file.write('deferred_2')

    defer_call(first)
    defer_call(second)

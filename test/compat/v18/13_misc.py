"""Upstream's 13.misc.py: a list of two apps, a coroutine one (with `seo`) and a thread one (a
partial, titled by its docstring), each running the same generator of miscellaneous calls: session
storage (`data`, `local`), `eval_js` of a Promise, `pywebio.utils`, popups as call, decorator and
context manager, scopes (auto-named, decorator, clear), tabs, toasts with a click callback,
`go_app`, a callback that raises, an image from ``static_dir=STATIC_PATH + '/image'``, containers
used with ``with``, and a last form. Debug mode (the reloader) and a reconnect timeout."""
import asyncio
import random
from functools import partial

import pywebio
from pywebio import STATIC_PATH, start_server
from pywebio.input import actions, input, input_group
from pywebio.output import (clear, close_popup, get_scope, popup, put_buttons, put_collapse, put_column, put_file,
                            put_html, put_image, put_info, put_link, put_markdown, put_table, put_tabs, put_text,
                            remove, toast, use_scope)
from pywebio.platform import seo
from pywebio.session import data, eval_js, get_info, go_app, local, run_async, run_js
from pywebio.utils import (get_free_port, get_function_name, iscoroutinefunction, isgeneratorfunction, run_as_function,
                           to_coroutine, wait_host_port)


def goods_table():
    return put_table([['Commodity', 'Price'], ['Apple', '5.5'], ['Banana', '7']])


def target():
    store = data()
    assert store.missing is None
    store.count = 1
    store.count += 1
    assert store.count == 2
    local.name, local.age = 'Ann', 31
    assert len(local) == 3 and local['age'] is local.age and local.unknown is None
    local[7] = 'seven'
    del local['name']
    del local.count
    assert sorted(map(str, local)) == ['7', 'age'] and 'nope' not in local and 'age' in local
    assert local._dict == {'age': 31, 7: 'seven'}

    token = random.randint(1, 10 ** 6)
    answer = yield eval_js('''new Promise((resolve, reject) => {
        setTimeout(() => {
            resolve(token);
        }, 1);
    });''', token=token)
    assert answer == token
    put_text('eval_js promise: ok')

    async def coroutine_function(**kwargs):
        pass

    def generator_function(**kwargs):
        yield
    assert iscoroutinefunction(partial(coroutine_function, a=1))
    assert isgeneratorfunction(partial(generator_function, a=1))
    assert get_function_name(partial(coroutine_function, a=1)) == 'coroutine_function'
    get_free_port()

    try:
        yield put_buttons([{'label': 'never shown: it has no value'}], onclick=[lambda: None])
    except Exception:
        put_text('a button without a value was refused')
    put_table([['Idx', 'Actions'], ['1', put_buttons(['edit', 'delete'], onclick=lambda _: None)]])

    popup('first popup', 'text content')

    @popup('Decorated popup')
    def show_popup():
        put_html('<h3>Decorated content</h3>')
        put_text('html: <br/>')
    show_popup()
    with popup('Context popup') as scope:
        put_html('<h3>cleared at once</h3>')
        clear(scope)
        put_buttons(['clear()'], onclick=lambda _: clear(scope))
    popup('last popup', 'text content')
    close_popup()

    with use_scope() as name:
        put_text('never seen')
    remove(name)
    with use_scope('test') as name:
        put_text('current scope name:%s' % name)
    with use_scope('test', clear=True):
        put_text('clear previous scope content')

    @use_scope('test')
    def scoped(text):
        put_text(text)
    scoped('first from scoped()')
    scoped('second from scoped()')

    put_tabs([
        {'title': 'Text', 'content': 'Hello world'},
        {'title': 'Markdown', 'content': put_markdown('~~Strikethrough~~')},
        {'title': 'More content', 'content': [goods_table(), put_link('pywebio', 'https://github.com/pywebio/PyWebIO')]},
    ])
    try:
        put_column([put_text('A'), 'not an output'])
    except Exception:
        put_text('a string in put_column was refused')

    toast('Awesome PyWebIO!!', duration=0)
    toast('You have new messages', duration=0, onclick=lambda: put_text('ToastClicked'))
    run_js('void 0')
    assert get_scope() == 'ROOT'
    with use_scope('go_app'):
        put_buttons(['Go thread App'], [lambda: go_app('threadbased', new_window=False)])
    with use_scope('error'):
        put_buttons(['Raise error'], [lambda: 1 / 0])
    put_image('/static/favicon_open_32.png')
    with put_info():
        goods_table()
        put_markdown('~~Strikethrough~~')
        put_file('hello_word.txt', b'hello word!')
    with put_collapse('outer', open=True):
        goods_table()
        with put_collapse('inner', open=True):
            goods_table()
        put_file('hello_word.txt', b'hello word!')
    result = yield input_group('test input popup', [
        input('username', name='user'),
        actions('', ['Login', 'Register', 'Forget'], name='action'),
    ])
    put_text('form: %s %s' % (result['user'], result['action']))


@seo('corobased-session', 'This is corobased-session test')
async def corobased():
    port = int(get_info().server_host.rsplit(':', 1)[1])
    await wait_host_port(port=port, host='127.0.0.1')

    async def forever():
        while True:
            await asyncio.sleep(1)
    run_async(forever())
    await to_coroutine(target())


def threadbased():
    """threadbased-session
    This is threadbased-session test
    """
    print('free port', get_free_port())
    run_as_function(target())


if __name__ == '__main__':
    pywebio.enable_debug()
    start_server([corobased, partial(threadbased)], port=0, host='127.0.0.1', debug=True, cdn=False,
                 static_dir=STATIC_PATH + '/image', reconnect_timeout=10)

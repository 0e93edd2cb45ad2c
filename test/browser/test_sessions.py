"""Session features in Chromium: coroutine examples of the guide, session info, run_js and eval_js."""
import user_agents
from playwright.sync_api import expect

from pywebio.exceptions import JavaScriptError
from pywebio.output import put_text
from pywebio.session import eval_js, info, run_js

from test.apps import guide_coroutines

SESSION_OVER = 'The session has ended. Reload the page to start a new one.'


def test_guide_say_hello_in_chromium(serve_app, page):
    page.goto(serve_app(guide_coroutines.say_hello).url)
    page.get_by_label("what's your name?").fill('Ann')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Hello, Ann')).to_be_visible()
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)


def test_guide_counter_with_run_async(serve_app, page):
    page.goto(serve_app(guide_coroutines.counter_main).url)
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER, timeout=20_000)
    lines = page.locator('#output-container').inner_text().split()
    assert lines == ['Bye,', 'bye'] + [str(i) for i in range(10)]


def test_session_info_describes_the_real_browser(serve_app, new_page):
    page = new_page(locale='zh-CN')

    def task():
        agent = info.user_agent
        put_text('browser=%s mobile=%s' % (agent.browser.family, agent.is_mobile))
        put_text('language=%s backend=%s protocol=%s' % (info.user_language, info.backend, info.protocol))
        put_text('ip=%s host=%s origin=%s' % (info.user_ip, info.server_host, info.origin))
        put_text('request=%s' % type(info.request).__name__)

    server = serve_app(task)
    page.goto(server.url)
    family = user_agents.parse(page.evaluate('navigator.userAgent')).browser.family
    assert 'Chrome' in family  # 'HeadlessChrome' in headless mode
    expect(page.get_by_text('browser=')).to_have_text('browser=%s mobile=False' % family)
    expect(page.get_by_text('language=')).to_have_text('language=zh-CN backend=tornado protocol=websocket')
    host = '127.0.0.1:%d' % server.port
    expect(page.get_by_text('ip=')).to_have_text('ip=127.0.0.1 host=%s origin=http://%s' % (host, host))
    expect(page.get_by_text('request=')).to_have_text('request=HTTPServerRequest')


def test_run_js_and_eval_js(serve_app, page):
    def task():
        run_js('document.title = title', title='Set by run_js')
        put_text('width', eval_js('window.innerWidth'))
        put_text('sum', eval_js('a + b', a=40, b=2))
        put_text('promise', eval_js('new Promise(resolve => setTimeout(() => resolve(word), 10))', word='kept'))
        # statements, as 1.x ran the code through JavaScript's eval (its test 13 ends with ';')
        put_text('statements', eval_js('''new Promise((resolve, reject) => {
            setTimeout(() => { resolve(val); }, 1);
        });''', val=1234))
        put_text('last value', eval_js('let x = 6; x * 7'))
        put_text('object', eval_js('{a: 1, b: [2]}') == {'a': 1, 'b': [2]})  # an expression first
        try:
            eval_js('no_such_variable + 1')
        except JavaScriptError as error:
            put_text('error', 'ReferenceError' in str(error))

    page.set_viewport_size({'width': 777, 'height': 500})
    page.goto(serve_app(task).url)
    expect(page.get_by_text('error True')).to_be_visible()
    expect(page).to_have_title('Set by run_js')
    expect(page.get_by_text('width 777')).to_be_visible()
    expect(page.get_by_text('sum 42')).to_be_visible()
    expect(page.get_by_text('promise kept')).to_be_visible()
    expect(page.get_by_text('statements 1234')).to_be_visible()
    expect(page.get_by_text('last value 42')).to_be_visible()
    expect(page.get_by_text('object True')).to_be_visible()

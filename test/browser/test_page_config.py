"""Page configuration (`pywebio.config`, `seo`), themes and `set_env` in Chromium."""
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
import tornado.web
from playwright.sync_api import expect

import pywebio
from pywebio import STATIC_PATH
from pywebio.input import (actions, checkbox, file_upload, input, input_group, radio, select, slider,
                           textarea)
from pywebio.output import put_buttons, put_code, put_markdown, put_table, put_text
from pywebio.platform import seo
from pywebio.platform.tornado import BackgroundServer, webio_handler
from pywebio.session import hold, set_env

AXE = Path(__file__).parents[2] / 'webiojs' / 'node_modules' / 'axe-core' / 'axe.min.js'


@pytest.fixture(autouse=True)
def no_global_config():
    """Each test starts and ends without a global configuration (it is process-wide)."""
    pywebio.config()
    yield
    pywebio.config()


@pytest.fixture
def mounted():
    """``mounted(task)``: the guide's mounting, index.html as a static file at /tool/; returns its URL."""
    servers = []

    def start(task):
        app = tornado.web.Application([
            (r'/tool/io', webio_handler(task)),
            (r'/tool/(.*)', tornado.web.StaticFileHandler, {'path': STATIC_PATH, 'default_filename': 'index.html'}),
        ])
        server = BackgroundServer(app, port=0, host='127.0.0.1').start()
        servers.append(server)
        return 'http://127.0.0.1:%d/tool/' % server.port

    yield start
    for server in servers:
        server.stop()


def record_requests(page):
    urls = []
    page.on('request', lambda request: urls.append(request.url))
    return urls


def outside_requests(urls):
    return [url for url in urls if urlparse(url).scheme in ('http', 'https', 'ws', 'wss')
            and urlparse(url).hostname != '127.0.0.1']


def showcase():
    put_text('Plain text')
    put_markdown('# Title\n\nSome *markdown* with a [link](https://example.com) and `code`.\n\n'
                 '| a | b |\n|---|---|\n| 1 | 2 |')
    put_table([['Name', 'Value'], ['x', '1']], header=None)
    put_code('def f(x):\n    return "text"  # comment', 'python')
    put_buttons(['Primary', 'Other'], onclick=lambda _: None)


def body_style(page):
    return page.evaluate('''() => { const style = getComputedStyle(document.body);
        return {background: style.backgroundColor, font: style.fontFamily}; }''')


# -- themes ---------------------------------------------------------------------------------------

def test_default_page_loads_only_the_default_stylesheet(serve_app, page):
    def task():
        put_text('hello')
        hold()

    urls = record_requests(page)
    page.goto(serve_app(task).url)
    expect(page.get_by_text('hello')).to_be_visible()
    stylesheets = [url for url in urls if url.endswith('.css')]
    assert [urlparse(url).path for url in stylesheets] == ['/css/pywebio.css']
    assert body_style(page)['background'] == 'rgb(255, 255, 255)'


#: What a person sees change with each theme (the default: white page, system fonts, blue buttons).
THEME_LOOKS = {
    'dark': {'background': 'rgb(33, 37, 41)'},
    'sketchy': {'font': 'Neucha'},
    'minty': {'button': 'rgb(120, 194, 173)', 'heading': 'Montserrat'},
    'yeti': {'font': 'Open Sans', 'button': 'rgb(0, 140, 186)'},
}


def look(page):
    return page.evaluate('''() => {
        const style = (element) => getComputedStyle(element);
        const first = (family) => family.split(',')[0].replace(/"/g, '').trim();
        return {background: style(document.body).backgroundColor, font: first(style(document.body).fontFamily),
                heading: first(style(document.querySelector('h1')).fontFamily),
                button: style(document.querySelector('.btn-primary')).backgroundColor};
    }''')


@pytest.mark.parametrize('theme', sorted(THEME_LOOKS))
def test_each_theme_loads_locally_and_changes_the_look(serve_app, page, theme):
    @pywebio.config(theme=theme)
    def task():
        showcase()
        hold()

    urls = record_requests(page)
    page.goto(serve_app(task).url)
    expect(page.get_by_role('button', name='Primary')).to_be_visible()
    expect(page.locator('.hljs-keyword').first).to_be_visible()
    assert 'css/pywebio-%s.css' % theme in page.evaluate(
        '[...document.styleSheets].map(sheet => sheet.href).join(" ")')
    assert not any(url.endswith('/css/pywebio.css') for url in urls)  # one theme, one stylesheet
    seen = look(page)
    assert {key: seen[key] for key in THEME_LOOKS[theme]} == THEME_LOOKS[theme]
    assert outside_requests(urls) == []


def test_dark_theme_has_no_colour_contrast_violations(serve_app, page):
    colours = ['primary', 'secondary', 'success', 'danger', 'warning', 'info', 'light', 'dark']

    @pywebio.config(theme='dark')
    def task():
        showcase()
        put_buttons([{'label': colour, 'value': colour, 'color': colour} for colour in colours],
                    onclick=lambda _: None)
        put_buttons([{'label': 'outline ' + colour, 'value': colour, 'color': colour} for colour in colours],
                    onclick=lambda _: None, outline=True)
        put_buttons(['as link'], onclick=lambda _: None, link_style=True)
        input_group('Every field', [
            input('Text', name='text', placeholder='type here', help_text='Some help'),
            input('Number', type='number', name='number'),
            input('Password', type='password', name='password'),
            select('Select', ['a', 'b'], name='select'),
            checkbox('Checkbox', ['c1', 'c2'], name='checkbox'),
            radio('Radio', ['r1', 'r2'], name='radio'),
            textarea('Textarea', name='textarea', placeholder='many lines'),
            file_upload('File', name='file'),
            slider('Slider', name='slider', value=5),
            actions('Actions', ['Save', {'label': 'Reset', 'type': 'reset'}], name='actions'),
        ], cancelable=True)

    page.goto(serve_app(task).url)
    expect(page.get_by_role('slider', name='Slider')).to_be_visible()
    expect(page.get_by_role('button', name='as link')).to_be_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate('''async () => {
        const result = await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}});
        return {violations: result.violations.map(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)),
                passes: result.passes.length};
    }''')
    assert result['violations'] == []
    assert result['passes'] == 1  # the rule ran and checked the page's text


# -- config and seo -------------------------------------------------------------------------------

def test_config_applies_title_description_code_and_styles_to_the_rendered_page(serve_app, page):
    @pywebio.config(title='My <tool>', description='Says "hello"', js_code='window.fromConfig = 42;',
                    css_style='.pywebio-text { letter-spacing: 3px }',
                    css_file='data:text/css,body%7Bmargin-left:7px%7D',
                    js_file=['data:text/javascript,window.fromFile%3D%27loaded%27'])
    def task():
        put_text('hello')
        hold()

    page.goto(serve_app(task).url)
    expect(page).to_have_title('My <tool>')
    expect(page.locator('meta[name="description"]')).to_have_attribute('content', 'Says "hello"')
    expect(page.get_by_text('hello')).to_have_css('letter-spacing', '3px')
    expect(page.locator('body')).to_have_css('margin-left', '7px')
    assert page.evaluate('[window.fromConfig, window.fromFile]') == [42, 'loaded']


def test_a_mounted_page_gets_the_config_from_the_session(mounted, page):
    @pywebio.config(title='Mounted tool', description='From the session', theme='dark',
                    js_code='window.ranOnce = (window.ranOnce || 0) + 1;',
                    css_style='.pywebio-text { letter-spacing: 3px }')
    def task():
        put_text('hello')
        hold()

    urls = record_requests(page)
    page.goto(mounted(task))
    expect(page.get_by_text('hello')).to_have_css('letter-spacing', '3px')
    expect(page).to_have_title('Mounted tool')
    expect(page.locator('meta[name="description"]')).to_have_attribute('content', 'From the session')
    page.wait_for_function('getComputedStyle(document.body).backgroundColor !== "rgb(255, 255, 255)"')
    assert any(urlparse(url).path == '/tool/css/pywebio-dark.css' for url in urls)
    assert page.evaluate('window.ranOnce') == 1


def test_the_rendered_page_ignores_the_session_config(serve_app, page):
    @pywebio.config(js_code='window.ranOnce = (window.ranOnce || 0) + 1;')
    def task():
        put_text('hello')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('hello')).to_be_visible()
    assert page.evaluate('window.ranOnce') == 1  # once, from the HTML; the page_config command is ignored


def test_decorator_values_win_over_the_global_config(serve_app, page):
    pywebio.config(title='Global title', theme='dark', css_style='.pywebio-text { letter-spacing: 3px }')

    @pywebio.config(title='App title')
    def configured():
        put_text('configured')
        hold()

    def plain():
        put_text('plain')
        hold()

    page.goto(serve_app(configured).url)
    expect(page).to_have_title('App title')
    expect(page.get_by_text('configured')).to_have_css('letter-spacing', '3px')  # the global style too
    assert 'pywebio-dark.css' in page.evaluate('[...document.styleSheets].map(s => s.href).join(" ")')
    page.goto(serve_app(plain).url)
    expect(page).to_have_title('Global title')


def test_config_used_as_a_decorator_leaves_the_global_config_alone(serve_app, page):
    @pywebio.config(title='Only this app')
    def task():
        put_text('hello')
        hold()

    def other():
        put_text('other')
        hold()

    page.goto(serve_app(other).url)
    expect(page).to_have_title('PyWebIO')


def test_seo_as_decorator_and_with_app(serve_app, page):
    @seo('SEO title', 'SEO description')
    def decorated():
        put_text('hello')
        hold()

    def bound():
        put_text('bound')
        hold()

    page.goto(serve_app(decorated).url)
    expect(page).to_have_title('SEO title')
    expect(page.locator('meta[name="description"]')).to_have_attribute('content', 'SEO description')
    configured = seo('Bound', app=bound)  # a configured copy, as in 1.x: bound itself is unchanged
    page.goto(serve_app(configured).url)
    expect(page).to_have_title('Bound')
    page.goto(serve_app(bound).url)
    expect(page).to_have_title('PyWebIO')


def test_the_docstring_gives_the_title_and_description(serve_app, page):
    def task():
        """Unit converter

        Converts between units."""
        put_text('hello')
        hold()

    page.goto(serve_app(task).url)
    expect(page).to_have_title('Unit converter')
    expect(page.locator('meta[name="description"]')).to_have_attribute('content', 'Converts between units.')


def test_the_manifest_is_served_merged_or_off(serve_app, page):
    @pywebio.config(title='Notes', manifest={'theme_color': '#123456'})
    def task():
        put_text('hello')
        hold()

    @pywebio.config(manifest=False)
    def without():
        put_text('hello')
        hold()

    page.goto(serve_app(task).url)
    href = page.locator('link[rel="manifest"]').get_attribute('href')
    response = page.request.get(page.evaluate('href => new URL(href, location.href).href', href))
    assert response.ok and response.headers['content-type'].startswith('application/manifest+json')
    manifest = json.loads(response.text())
    assert manifest['name'] == 'Notes' and manifest['theme_color'] == '#123456'
    assert manifest['start_url'] == '.' and manifest['display'] == 'standalone'

    server = serve_app(without)
    page.goto(server.url)
    expect(page.get_by_text('hello')).to_be_visible()
    expect(page.locator('link[rel="manifest"]')).to_have_count(0)
    assert page.request.get(server.url + '?pywebio_manifest').status == 404


def test_unknown_names_raise_clear_errors():
    with pytest.raises(ValueError, match="unknown theme 'solar'.*default, dark, sketchy, minty, yeti"):
        pywebio.config(theme='solar')
    with pytest.raises(TypeError, match='js_file'):
        pywebio.config(js_file=3)


@pytest.mark.parametrize('origins', [['ftp://files.example.com'], ['https://api.example.com/io'], [3],
                                     ['https://user:secret@api.example.com'], ['api.example.com']])
def test_api_origins_must_be_origins(origins):
    with pytest.raises((ValueError, TypeError), match=r"api_origins must be .*'https://api.example.com'"):
        pywebio.config(api_origins=origins)


def test_api_origins_are_written_into_the_rendered_page():
    from pywebio.platform.page import render_page

    @pywebio.config(api_origins=['wss://API.example.com:8443', 'https://b.example.com'])
    def app():
        pass

    assert '<meta name="pywebio-api-origins" content="wss://api.example.com:8443 https://b.example.com">' \
        in render_page(app)
    assert 'pywebio-api-origins' not in render_page(None)  # the page's own host only


# -- set_env --------------------------------------------------------------------------------------

def test_set_env_title_and_unknown_settings(serve_app, page):
    def task():
        set_env(title='From set_env')
        try:
            set_env(output_animation=True, colour='red')
        except TypeError as error:
            put_text(str(error))
        hold()

    page.goto(serve_app(task).url)
    expect(page).to_have_title('From set_env')
    expect(page.get_by_text("set_env() got unknown setting 'colour'")).to_be_visible()


def test_set_env_output_max_width_changes_the_content_width(serve_app, page):
    def task():
        put_text('wide enough to measure')
        put_buttons(['narrow'], onclick=lambda _: set_env(output_max_width='400px'))
        hold()

    page.set_viewport_size({'width': 1280, 'height': 800})
    page.goto(serve_app(task).url)
    main = page.get_by_role('main')
    expect(main).to_be_visible()
    assert main.bounding_box()['width'] > 1000
    page.get_by_role('button', name='narrow').click()
    page.wait_for_function('document.querySelector("main").getBoundingClientRect().width <= 400')


def test_set_env_auto_scroll_bottom_off_keeps_the_page_still(serve_app, page):
    def task():
        set_env(auto_scroll_bottom=False)
        for i in range(150):
            put_text('line %d' % i)
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('line 149')).to_be_attached()
    expect(page.get_by_text('line 0', exact=True)).to_be_in_viewport()
    expect(page.get_by_text('line 149')).not_to_be_in_viewport()


def test_set_env_input_auto_focus(serve_app, page):
    def task():
        input('Focused')
        set_env(input_auto_focus=False)
        input('Not focused')

    page.goto(serve_app(task).url)
    expect(page.get_by_label('Focused')).to_be_focused()
    page.get_by_label('Focused').fill('x')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_label('Not focused')).to_be_visible()
    expect(page.get_by_label('Not focused')).not_to_be_focused()


def test_set_env_input_panel_fixed_pins_forms_at_the_bottom(serve_app, page):
    def task():
        set_env(input_panel_fixed=True, input_panel_init_height=200, input_panel_min_height=150)
        for i in range(100):
            put_text('line %d' % i)
        input('Pinned')

    page.set_viewport_size({'width': 800, 'height': 600})
    page.goto(serve_app(task).url)
    field = page.get_by_label('Pinned')
    expect(field).to_be_in_viewport()
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    expect(page.get_by_text('line 0', exact=True)).to_be_in_viewport()
    expect(field).to_be_in_viewport()  # still visible, over the output
    panel = page.locator('#input-container').bounding_box()
    assert panel['height'] == pytest.approx(200, abs=1)
    assert panel['y'] + panel['height'] == pytest.approx(600, abs=1)


def test_one_function_configured_as_several_apps_keeps_each_config(serve_app, page):
    """1.x's demos/theme.py: ``{theme: config(theme=theme, title=...)(page)}`` for every theme,
    on top of an ``@config(css_style=...)`` of the function itself. Each app keeps its own."""
    @pywebio.config(css_style='p { letter-spacing: 3px; }')
    def themed_page():
        """The plain page"""
        put_text('one function, many themes')
        hold()

    apps = {theme: pywebio.config(theme=theme, title='PyWebIO %s theme' % theme)(themed_page)
            for theme in ('dark', 'minty')}
    apps['plain'] = themed_page
    url = serve_app(apps).url
    for theme in ('dark', 'minty'):
        page.goto(url + '?app=' + theme)
        expect(page.get_by_text('one function, many themes')).to_have_css('letter-spacing', '3px')
        expect(page).to_have_title('PyWebIO %s theme' % theme)
        assert 'css/pywebio-%s.css' % theme in page.evaluate(
            '[...document.styleSheets].map(sheet => sheet.href).join(" ")')
    page.goto(url + '?app=plain')
    expect(page).to_have_title('The plain page')

"""How a plain page looks in Chromium, at a desktop (1280x800) and a phone (390x844) size: where a
new form is scrolled to, the contrast of check boxes and of highlighted code, the gap between
outputs, and axe-core on every demo page.

Set PYWEBIO_LOOK_SHOTS to a folder to get a screenshot of each demo page at each size there."""
import base64
import importlib.util
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

import pywebio
from pywebio.input import checkbox, input, input_group, radio, select, textarea
from pywebio.output import (put_buttons, put_code, put_image, put_info, put_markdown, put_scope, put_table,
                            put_text, set_auto_scroll_bottom)
from pywebio.session import hold

AXE = Path(__file__).parents[2] / 'webiojs' / 'node_modules' / 'axe-core' / 'axe.min.js'

SIZES = {'desktop': {'width': 1280, 'height': 800}, 'phone': {'width': 390, 'height': 844}}

THEMES = ('default', 'dark', 'sketchy', 'minty', 'yeti')

#: after the next two animation frames: the page has scrolled where it is going to
SETTLED = '() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))'


@pytest.fixture(autouse=True)
def no_global_config():
    pywebio.config()
    yield
    pywebio.config()


def sized_page(new_page, size):
    page = new_page()
    page.set_viewport_size(SIZES[size])
    return page


def settle(page):
    page.wait_for_function(SETTLED)


# -- colours --------------------------------------------------------------------------------------

def rgba(text):
    """'rgb(1, 2, 3)' or 'rgba(1, 2, 3, 0.5)' as (r, g, b, a)."""
    parts = [float(part) for part in re.findall(r'[\d.]+', text)]
    return tuple(parts) if len(parts) == 4 else (*parts, 1.0)


def over(colour, background):
    """`colour` painted over the opaque `background`."""
    r, g, b, a = colour
    return tuple(a * c + (1 - a) * base for c, base in zip((r, g, b), background[:3])) + (1.0,)


def luminance(colour):
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour, background):
    """WCAG contrast ratio of two CSS colours; `colour` may be translucent, `background` is opaque."""
    background = rgba(background)
    lighter, darker = sorted((luminance(over(rgba(colour), background)), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def run_axe(page, **options):
    page.add_script_tag(path=str(AXE))
    return page.evaluate('''async (options) => {
        const result = await axe.run(document, options);
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }''', options)


def serious(violations):
    return [violation for violation in violations if violation['impact'] in ('serious', 'critical')]


# -- a new form is scrolled into view -------------------------------------------------------------

def text_above():
    put_markdown('# A page with text above its form\n\n' + '\n\n'.join(
        'Paragraph %d: some words that come before the question.' % n for n in range(1, 13)))
    put_text('The text right above the form')


def small_form():
    text_above()
    input_group('A small form', [input('Name', name='name'), select('Colour', ['red', 'blue'], name='colour'),
                                 checkbox('Extras', ['milk', 'sugar'], name='extras')])
    hold()


def tall_form():
    text_above()
    input_group('A tall form', [input('Field %d' % n, name='f%d' % n) for n in range(1, 17)])
    hold()


def quiet_small_form():
    set_auto_scroll_bottom(False)
    small_form()


def form_boxes(page):
    return page.evaluate('''() => {
        const box = (element) => { const r = element.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
        return {form: box(document.querySelector('form')), legend: box(document.querySelector('form legend')),
                focused: box(document.activeElement), focusedTag: document.activeElement.tagName,
                view: document.documentElement.clientHeight, scrollY: window.scrollY};
    }''')


@pytest.mark.parametrize('size', sorted(SIZES))
@pytest.mark.parametrize('task', [small_form, quiet_small_form], ids=['auto_scroll', 'no_auto_scroll'])
def test_a_form_that_fits_is_shown_whole(serve_app, new_page, size, task):
    page = sized_page(new_page, size)
    page.goto(serve_app(task).url)
    expect(page.get_by_label('Name')).to_be_focused()
    settle(page)
    seen = form_boxes(page)
    assert seen['scrollY'] > 0  # the text above is longer than the window: the page did scroll
    assert 0 <= seen['form']['top'] and seen['form']['bottom'] <= seen['view'], seen
    assert 0 <= seen['legend']['top'], seen
    assert 0 <= seen['focused']['top'] and seen['focused']['bottom'] <= seen['view'], seen


@pytest.mark.parametrize('size', sorted(SIZES))
def test_a_form_taller_than_the_window_shows_its_top(serve_app, new_page, size):
    page = sized_page(new_page, size)
    page.goto(serve_app(tall_form).url)
    expect(page.get_by_label('Field 1', exact=True)).to_be_focused()
    settle(page)
    seen = form_boxes(page)
    assert seen['form']['bottom'] - seen['form']['top'] > seen['view']
    assert 0 <= seen['form']['top'] <= 32, seen  # its top at the top, with a little room
    assert 0 <= seen['legend']['top'], seen
    assert 0 <= seen['focused']['top'] and seen['focused']['bottom'] <= seen['view'], seen


# -- contrast -------------------------------------------------------------------------------------

def every_control():
    put_code('def f(x):\n    return "text"  # comment', 'python')
    input_group('Every choice', [
        checkbox('Boxes', ['one', 'two'], name='boxes', value=['two']),
        radio('Radios', ['a', 'b'], name='radios'),
    ])


@pytest.mark.parametrize('theme', THEMES)
def test_unchecked_checkboxes_and_radios_have_a_3_to_1_border(serve_app, page, theme):
    page.goto(serve_app(pywebio.config(theme=theme)(every_control)).url)
    expect(page.get_by_text('Radios')).to_be_visible()
    expect(page.get_by_role('radio', name='a')).to_be_attached()
    seen = page.evaluate('''() => {
        const page = getComputedStyle(document.body).backgroundColor;
        // sketchy draws the box in the input's ::before (the input itself is 0 by 0)
        const drawn = (input) => input.getBoundingClientRect().width > 0 ? getComputedStyle(input)
            : getComputedStyle(input, '::before');
        return [...document.querySelectorAll('.form-check-input:not(:checked)')].map(input => ({
            type: input.type, focused: input === document.activeElement, border: drawn(input).borderTopColor,
            width: drawn(input).borderTopWidth, page}));
    }''')
    assert {item['type'] for item in seen} == {'checkbox', 'radio'}
    for item in seen:
        ratio = contrast(item['border'], item['page'])
        assert ratio >= 3 and item['width'] != '0px', (theme, item, ratio)
    assert any(item['focused'] for item in seen)  # the first box has the focus: measured too


CODE_TOKENS = '''() => {
    // one span of every token class the theme's stylesheet colours, inside a real put_code block
    const classes = new Set();
    for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) {
        if (rule.selectorText && rule.style && rule.style.color) {
            for (const name of rule.selectorText.match(/\\.hljs-[\\w-]+/g) || []) classes.add(name.slice(1));
        }
    }
    const code = document.querySelector('.pywebio-code code.hljs');
    const pre = code.closest('pre');
    const seen = [];
    for (const name of classes) {
        const span = document.createElement('span');
        span.className = name;
        span.textContent = name;
        code.appendChild(span);
        const own = getComputedStyle(span).backgroundColor;
        const opaque = own !== 'rgba(0, 0, 0, 0)';
        seen.push({token: name, colour: getComputedStyle(span).color,
                   background: opaque ? own : getComputedStyle(pre).backgroundColor});
    }
    return seen;
}'''


@pytest.mark.parametrize('theme', THEMES)
def test_every_code_token_colour_has_aa_contrast(serve_app, page, theme):
    def task():
        put_code('def f(x):\n    return "text"  # comment', 'python')
        put_markdown('```js\nconst answer = 42; // comment\n```')
        hold()

    page.goto(serve_app(pywebio.config(theme=theme)(task)).url)
    expect(page.locator('.pywebio-code .hljs-keyword').first).to_be_visible()
    expect(page.locator('.pywebio-markdown .hljs-keyword').first).to_be_visible()
    seen = page.evaluate(CODE_TOKENS)
    assert len(seen) > 20
    low = [(item['token'], item['colour'], round(contrast(item['colour'], item['background']), 2))
           for item in seen if contrast(item['colour'], item['background']) < 4.5]
    assert low == []
    violations = run_axe(page, runOnly={'type': 'rule', 'values': ['color-contrast']})
    assert violations == []


# -- vertical rhythm ------------------------------------------------------------------------------

PIXEL = ('data:image/png;base64,' + base64.b64encode(bytes.fromhex(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000'
    '1f15c4890000000d49444154789c6360f8cfc0f01f0005fe02fea7d8a7e70000000049454e44ae426082')).decode())


def rhythm():
    put_markdown('A markdown table:\n\n| a | b |\n|---|---|\n| 1 | 2 |')
    put_table([['Name', 'Value'], ['x', '1']])
    put_text('Some text')
    put_text('More text')
    put_code('print("hi")', 'python')
    put_table([['Another', 'table']])
    put_buttons(['A button'], onclick=lambda _: None)
    put_info('An alert')
    put_image(PIXEL, width='40px', height='40px', title='a square')
    put_markdown('Markdown text with **bold**.')
    put_buttons(['One', 'Two'], onclick=lambda _: None, group=True)
    with put_scope('box'):
        put_text('Text in a scope')
        put_table([['in', 'scope']])
    put_text('The end')
    hold()


@pytest.mark.parametrize('size', sorted(SIZES))
def test_consecutive_outputs_have_one_gap(serve_app, new_page, size):
    page = sized_page(new_page, size)
    page.goto(serve_app(rhythm).url)
    expect(page.get_by_text('The end')).to_be_visible()
    gaps = page.evaluate('''() => {
        const outputs = [...document.querySelectorAll('#output-container > .pywebio-chunk > *')];
        const gaps = [];
        for (let i = 1; i < outputs.length; i++) {
            const above = outputs[i - 1], below = outputs[i];
            gaps.push({pair: above.className + ' / ' + below.className,
                       gap: below.getBoundingClientRect().top - above.getBoundingClientRect().bottom});
        }
        const scope = document.querySelector('.pywebio-scope').children;
        gaps.push({pair: 'in a scope', gap: scope[1].getBoundingClientRect().top - scope[0].getBoundingClientRect().bottom});
        return gaps;
    }''')
    assert len(gaps) == 13
    tables = gaps[0]
    assert tables['pair'] == 'pywebio-markdown pywebio-sanitized / pywebio-table table table-bordered'
    assert tables['gap'] > 0
    assert [gap for gap in gaps if abs(gap['gap'] - tables['gap']) > 0.5] == []
    assert tables['gap'] == 16


# -- every demo page: axe-core and screenshots ----------------------------------------------------

DEMOS = Path(__file__).parents[2] / 'demos'


def demo(name):
    spec = importlib.util.spec_from_file_location('demo_' + name, DEMOS / (name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_pages():
    """(name, app, query) of every demo page as it first opens."""
    pages = [(name, lambda name=name: getattr(demo(name), name), '')
             for name in ('bmi', 'input_tour', 'output_tour', 'chat', 'markdown_preview', 'tictactoe', 'charts')]
    pages += [('theme_' + theme, lambda: demo('themes').APPS, '?app=theme_' + theme) for theme in THEMES]
    return pages


#: what shows that a demo page has drawn what it opens with
READY = {
    'bmi': lambda page: page.get_by_label('Your height (cm)'),
    'input_tour': lambda page: page.get_by_label('Your name'),
    'output_tour': lambda page: page.get_by_text('The time on the server:'),
    'chat': lambda page: page.get_by_label('Your name'),
    'markdown_preview': lambda page: page.get_by_role('heading', name='Hello'),
    'tictactoe': lambda page: page.get_by_text('Waiting for a second player...'),
    'charts': lambda page: page.locator('canvas').first,
}


@pytest.mark.parametrize('size', sorted(SIZES))
@pytest.mark.parametrize('name, app, query', demo_pages(), ids=[name for name, _, _ in demo_pages()])
def test_demo_page_has_no_serious_accessibility_violations(serve_app, new_page, size, name, app, query):
    page = sized_page(new_page, size)
    page.goto(serve_app(app()).url + query)
    ready = READY.get(name, lambda page: page.get_by_label('A slider'))
    expect(ready(page)).to_be_visible(timeout=20_000)
    expect(page.locator('.pywebio-code .hljs-string').first.or_(page.locator('body:not(:has(.pywebio-code))'))) \
        .to_be_attached()  # highlighted code is coloured before it is checked
    settle(page)
    overflow = page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    shots = os.environ.get('PYWEBIO_LOOK_SHOTS')
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / ('%s-%s.png' % (name, size))), full_page=True)
    assert overflow <= 0, 'the page is wider than the window'
    found = serious(run_axe(page))
    assert found == [], '\n'.join('%s (%s): %s' % (v['id'], v['impact'], '; '.join(v['nodes'])) for v in found)

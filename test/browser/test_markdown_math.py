"""put_markdown(..., math=True) in Chromium: $...$ and $$...$$ are typeset by KaTeX, with its own
fonts, offline; dollars that are not math by pandoc's rule, escaped dollars and code stay as
written, and such a page, like one without math=True, never loads KaTeX; cleaning still holds
(no script, no javascript: link through \\href); invalid TeX shows as error-coloured source; math
works in put_table cells and put_row items under both API meanings (the `api` fixture of
test/browser/conftest.py). The last tests need no browser: the keyword's type, and what the
server sends."""
import re

import pytest
from playwright.sync_api import expect

from pywebio.output import put_markdown, put_row, put_table, put_text
from pywebio.session import hold
from pywebio.testing import serve

#: what KaTeX brings: js/chunks/math_katex-*.js, css/katex.css, css/fonts/KaTeX_*.woff2
KATEX = re.compile('katex', re.IGNORECASE)
TEX_SOURCES = 'annotation[encoding="application/x-tex"]'


def open_app(serve_app, page, *outputs):
    """Serve a task that calls each of ``outputs`` then shows 'ready'; open it and wait for that
    text. Returns the URLs the page asked for and the errors it logged (both still growing)."""
    asked, errors = [], []
    page.on('request', lambda request: asked.append(request.url))
    page.on('console', lambda message: message.type in ('warning', 'error') and errors.append(message.text))
    page.on('pageerror', lambda error: errors.append(str(error)))

    def task():
        for output in outputs:
            output()
        put_text('ready')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('ready', exact=True)).to_be_visible()
    return asked, errors


def font_loaded(page, family):
    """Wait until the page has loaded the font face ``family`` (a KaTeX font, from css/katex.css)."""
    page.wait_for_function('''family => [...document.fonts].some(
        face => face.family.replace(/"/g, '') === family && face.status === 'loaded')''', arg=family)


def test_inline_and_display_math_are_typeset_offline_with_the_library_s_own_fonts(serve_app, offline):
    page = offline
    asked, errors = open_app(serve_app, page, lambda: put_markdown(r'''
        Euler: $e^{i\pi} + 1 = 0$, for any $\alpha$.

        $$
        \sum_{n=1}^\infty \frac{1}{n^2} = \frac{\pi^2}{6}
        $$

        In a sentence: $$x^2$$ too.
        ''', strip_indent=8, math=True))
    formulas = page.get_by_role('math')
    expect(formulas).to_have_count(4)
    expect(page.locator(TEX_SOURCES)).to_have_text(
        [r'e^{i\pi} + 1 = 0', r'\alpha', r'\sum_{n=1}^\infty \frac{1}{n^2} = \frac{\pi^2}{6}', 'x^2'])
    drawn = page.locator('.katex-html')  # what the eye sees (the MathML is for screen readers)
    expect(drawn.nth(0)).to_contain_text('π')
    expect(drawn.nth(1)).to_have_text('α')
    expect(drawn.nth(2)).to_contain_text('∑')
    expect(page.get_by_text('Euler:')).not_to_contain_text('$')
    # the two $$ formulas are displayed: centred blocks of their own
    expect(page.locator('.katex-display')).to_have_count(2)
    block = page.locator('.katex-display').first.bounding_box()
    text = page.get_by_text('Euler:').bounding_box()
    assert block['width'] >= text['width'] - 1
    # KaTeX's fonts come from the library, and load with the network cut
    font_loaded(page, 'KaTeX_Main')
    font_loaded(page, 'KaTeX_Math')
    fonts = [url for url in asked if url.endswith('.woff2')]
    assert fonts and all(re.search(r'/css/fonts/KaTeX_[\w-]+\.woff2$', url) for url in fonts), fonts
    assert [url for url in asked if '/js/chunks/math_katex-' in url]
    assert [url for url in asked if url.endswith('/css/katex.css')]
    assert errors == []


def test_a_block_of_display_math_keeps_lines_that_look_like_markdown(serve_app, page):
    open_app(serve_app, page, lambda: put_markdown(r'''
        Right after a line of text:
        $$
        a
        + b
        - c
        > d
        1. e
        $$
        and on.

        - in a list: $x_1$
        - $$y_1$$

        > quoted
        > $$
        > z
        > $$
        ''', strip_indent=8, math=True))
    expect(page.locator(TEX_SOURCES)).to_have_text(['a\n+ b\n- c\n> d\n1. e', 'x_1', 'y_1', 'z'])
    expect(page.locator('.katex-display')).to_have_count(3)
    expect(page.get_by_role('listitem')).to_have_count(2)
    expect(page.get_by_role('blockquote')).to_have_count(1)
    expect(page.get_by_role('paragraph').filter(has_text='and on.')).to_have_text('and on.')


def test_dollars_that_are_not_math_stay_text_and_the_page_loads_no_katex(serve_app, offline):
    page = offline
    asked, errors = open_app(serve_app, page, lambda: put_markdown(r'''
        It costs $5 and $10.

        From $20,000 to $30,000.

        Spaces inside: $ 5 $ and $x $ and $ y$.

        Escaped: \$x\$ and \$HOME$ here.

        In code: `$x^2$` and `$$y$$`.

        ```
        $$z$$ and $w$
        ```
        ''', strip_indent=8, math=True))
    for text in ('It costs $5 and $10.', 'From $20,000 to $30,000.', 'Spaces inside: $ 5 $ and $x $ and $ y$.',
                 'Escaped: $x$ and $HOME$ here.', 'In code: $x^2$ and $$y$$.'):
        expect(page.get_by_role('paragraph').filter(has_text=text)).to_have_text(text)
    expect(page.locator('code')).to_have_text(['$x^2$', '$$y$$', '$$z$$ and $w$'])
    expect(page.get_by_role('math')).to_have_count(0)
    assert not [url for url in asked if KATEX.search(url)], asked
    assert errors == []


def test_without_math_true_dollars_are_text_and_the_page_loads_no_katex(serve_app, offline):
    page = offline
    asked, errors = open_app(serve_app, page,
                             lambda: put_markdown('Default: $x^2$ and $$y$$'),
                             lambda: put_markdown(r'Off: $\alpha$', math=False))
    expect(page.get_by_text('Default: $x^2$ and $$y$$', exact=True)).to_be_visible()
    expect(page.get_by_text(r'Off: $\alpha$', exact=True)).to_be_visible()
    expect(page.get_by_role('math')).to_have_count(0)
    assert not [url for url in asked if KATEX.search(url)], asked
    assert errors == []


def test_cleaning_holds_around_and_inside_math(serve_app, page):
    open_app(serve_app, page, lambda: put_markdown(
        '$x$<img src="data:," onerror="document.title = \'pwned\'">\n\n'
        "Link: $\\href{javascript:document.title = 'pwned'}{click}$ and $\\url{javascript:alert(1)}$\n\n"
        '<span class="pywebio-math" data-display="false">\\href{javascript:alert(1)}{forged}</span>',
        math=True))
    expect(page.locator(TEX_SOURCES)).to_have_count(4)
    expect(page.get_by_role('link')).to_have_count(0)
    expect(page.locator('a')).to_have_count(0)
    expect(page.locator('[onerror]')).to_have_count(0)
    # with trust: false, \href and \url show as their names, in the error colour
    expect(page.locator('.katex-html').filter(has_text='\\href')).to_have_count(2)
    expect(page.locator('.katex-html').filter(has_text='\\url')).to_have_count(1)
    page.get_by_role('img').click()  # an error event, had the handler stayed
    assert page.title() != 'pwned'


def test_invalid_tex_shows_its_source_in_the_error_colour_and_the_rest_renders(serve_app, page):
    asked, errors = open_app(serve_app, page,
                             lambda: put_markdown(r'Before $\frac{1$ middle $x^2$ after. $$\begin{x}$$', math=True),
                             lambda: put_text('next output'))
    bad = page.get_by_title(re.compile('^ParseError'))
    expect(bad).to_have_text([r'\frac{1', r'\begin{x}'])
    expect(page.locator(TEX_SOURCES)).to_have_text(['x^2'])
    paragraph = page.get_by_role('paragraph').filter(has_text='Before')
    expect(paragraph).to_contain_text('middle')
    expect(paragraph).to_contain_text('after.')
    expect(page.get_by_text('next output', exact=True)).to_be_visible()
    red, green, blue = map(int, re.findall(r'\d+', bad.first.evaluate('e => getComputedStyle(e).color'))[:3])
    assert red > 150 and green < 100 and blue < 100
    assert errors == []


def test_math_in_table_cells_and_rows_under_both_meanings(serve_app, page, api):
    asked, errors = open_app(
        serve_app, page,
        lambda: put_table([['Area', put_markdown(r'$\pi r^2$', math=True)],
                           ['Sum', put_markdown('$$a+b$$', math=True, sanitize=False)]], header=['What', 'Formula']),
        lambda: put_row([put_markdown(r'Root: $\sqrt{2}$', math=True), put_markdown('Not: $x$')]))
    cells = page.get_by_role('cell')
    expect(cells.filter(has=page.get_by_role('math'))).to_have_count(2)
    expect(page.get_by_role('row').filter(has_text='Area').locator(TEX_SOURCES)).to_have_text(r'\pi r^2')
    expect(page.get_by_role('row').filter(has_text='Sum').locator('.katex-display')).to_have_count(1)
    expect(page.get_by_text('Root:').locator(TEX_SOURCES)).to_have_text(r'\sqrt{2}')
    expect(page.get_by_text('Not: $x$', exact=True)).to_be_visible()
    expect(page.get_by_role('math')).to_have_count(3)
    assert errors == []


@pytest.mark.parametrize('value', ['yes', 1, 0, None, [True]])
def test_math_that_is_not_a_bool_raises_type_error(value):
    with pytest.raises(TypeError, match=r'put_markdown\(\): math must be True or False, got '):
        put_markdown('$x$', math=value)


def test_the_spec_has_math_only_when_asked():
    def task():
        put_markdown('$x$', math=True)
        put_markdown('$x$')
        put_markdown('$x$', math=False)
        hold()

    with serve(task) as server, server.connect() as client:
        specs = [client.expect('output')['spec'] for _ in range(3)]
    assert [spec.get('math') for spec in specs] == [True, None, None]
    assert all(spec['content'] == '$x$' and spec['sanitize'] is True for spec in specs)


def test_math_reads_left_to_right_on_a_right_to_left_page(serve_app, new_page):
    page = new_page(locale='fa-IR')  # Persian: the page is laid out right to left
    server = serve_app(lambda: (put_markdown(r'فرمول $a+b$ و $$c = d$$', math=True), hold()))
    page.goto(server.url)
    expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    for formula, first, last in (('.katex:not(.katex-display .katex)', 'a', 'b'), ('.katex-display', 'c', 'd')):
        html = page.locator(formula).locator('.katex-html')
        expect(html).to_be_visible()
        left_of = html.evaluate('''(html, [first, last]) => {
            const box = (text) => [...html.querySelectorAll('.mord')].find((e) => e.textContent === text)
                .getBoundingClientRect();
            return box(first).right <= box(last).left;
        }''', [first, last])
        assert left_of, '%s: %s is not left of %s' % (formula, first, last)

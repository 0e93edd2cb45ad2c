"""1.x scopes, content containers and output objects in Chromium, beside the guide's anchors."""
import threading

import pytest
from playwright.sync_api import expect

from pywebio.output import (OutputPosition, clear, clear_after, get_scope, output, popup, put_buttons, put_collapse,
                            put_scope, put_scrollable, put_table, put_text, remove, scroll_to, set_anchor,
                            style, toast, use_scope)
from pywebio.session import hold


def paragraphs(page):
    return page.get_by_role('main').get_by_role('paragraph')


def use_scope_as_context_and_decorator():
    with use_scope('a'):
        put_text('A1')
    put_text('root')
    with use_scope('a'):  # an existing scope: output goes to its end
        put_text('A2')

    @use_scope('b', clear=True)
    def show(n):
        put_text('B%d' % n)
    show(1)
    show(2)  # clear=True: only the newest stays


def positions_from_the_top_and_the_end():
    with use_scope('s'):
        put_text('2')
        put_text('4')
    put_text('0', scope='s', position=OutputPosition.TOP)
    put_text('3', scope='s', position=-2)
    put_text('1', scope='s', position=1)
    put_text('5', scope='s', position=-1)


def nested_scopes_and_get_scope():
    with use_scope('outer'):
        put_text('outer is %s' % get_scope())
        with use_scope('inner'):
            put_text('inner in %s' % get_scope(-2))
        put_text('back in %s' % get_scope())
    put_text('root is %s' % get_scope())
    put_text('x', scope='inner', position=0)


def clear_and_remove():
    put_scope('keep', [put_text('k1'), put_text('k2')])
    put_scope('gone', [put_text('g1')])
    put_text('after')
    clear('keep')
    put_text('k3', scope='keep')
    remove('gone')


def anchors_inside_scopes():
    with use_scope('s'):
        put_text('a')
        set_anchor('mark')
        put_text('b')
        put_text('c')
    put_text('in between', after='mark')
    clear_after('mark')
    put_text('new last', scope='s')
    put_text('before the scope', before='s')


def unnamed_scope_and_strings_in_put_scope():
    with use_scope() as name:
        put_text('in %s' % ('a new scope' if name.startswith('scope-') else name))
    put_scope('html', ['<p>from <b>HTML</b></p>'])


@pytest.mark.parametrize('scenario, shown', [
    (use_scope_as_context_and_decorator, ['A1', 'A2', 'root', 'B2']),
    (positions_from_the_top_and_the_end, ['0', '1', '2', '3', '4', '5']),
    (nested_scopes_and_get_scope, ['outer is outer', 'x', 'inner in outer', 'back in outer', 'root is ROOT']),
    (clear_and_remove, ['k3', 'after']),
    (anchors_inside_scopes, ['before the scope', 'a', 'new last']),
    (unnamed_scope_and_strings_in_put_scope, ['in a new scope', 'from HTML']),
])
def test_scopes(serve_app, page, scenario, shown):
    def task():
        scenario()
        put_text('end')
        hold()

    page.goto(serve_app(task).url)
    expect(paragraphs(page)).to_have_text(shown + ['end'])


def test_scope_errors_are_raised_in_python_and_the_page_goes_on(serve_app, page):
    def task():
        put_scope('s', [put_text('one')])
        for call in (lambda: put_text('x', scope='nope'),
                     lambda: put_text('x', scope='s', position=3),
                     lambda: put_text('x', scope='s', position=-3),
                     lambda: clear('nope'),
                     lambda: remove(scope='nope')):
            try:
                call()
            except (ValueError, IndexError) as error:
                put_text(type(error).__name__ + (': named' if "'nope'" in str(error) or "'s'" in str(error) else ''))
        put_text('end')
        hold()

    page.goto(serve_app(task).url)
    expect(paragraphs(page)).to_have_text(['one', 'ValueError: named', 'IndexError: named', 'IndexError: named',
                                           'ValueError: named', 'ValueError: named', 'end'])


def test_style_and_onclick_on_any_output(serve_app, page):
    clicks = []

    def task():
        put_text('Red').style('color: rgb(255, 0, 0)')
        style([put_text('Bold 1'), put_text('Bold 2')], 'font-weight: 700')
        put_text('Click me').onclick(lambda: (clicks.append(1), put_text('clicked %d' % len(clicks))))
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('Red')).to_have_css('color', 'rgb(255, 0, 0)')
    expect(page.get_by_text('Bold 2')).to_have_css('font-weight', '700')
    clickable = page.get_by_role('button', name='Click me')
    clickable.click()
    expect(page.get_by_text('clicked 1')).to_be_visible()
    clickable.focus()
    page.keyboard.press('Enter')
    expect(page.get_by_text('clicked 2')).to_be_visible()


def test_collapse_is_a_disclosure_button_and_takes_more_output(serve_app, page):
    def task():
        put_collapse('Details', [put_text('first line')])
        with put_collapse('Open one', open=True):
            put_text('put inside with "with"')
        put_text('later into the first', scope=None)
        hold()

    page.goto(serve_app(task).url)
    details = page.get_by_role('button', name='Details')
    expect(details).to_have_attribute('aria-expanded', 'false')
    expect(page.get_by_text('first line')).to_be_hidden()
    details.click()
    expect(details).to_have_attribute('aria-expanded', 'true')
    expect(page.get_by_text('first line')).to_be_visible()
    expect(page.get_by_role('button', name='Open one')).to_have_attribute('aria-expanded', 'true')
    expect(page.get_by_text('put inside with "with"')).to_be_visible()


def test_scrollable_keeps_to_the_bottom_and_is_reachable_by_keyboard(serve_app, page):
    more = threading.Event()

    def task():
        with put_scrollable(height=120, keep_bottom=True) as area:
            for i in range(30):
                put_text('line %d' % i)
        more.wait(10)
        with area:
            put_text('line 30')
        hold()

    page.goto(serve_app(task).url)
    region = page.get_by_role('region', name='Scrollable content')
    expect(region).to_have_attribute('tabindex', '0')
    expect(page.get_by_text('line 29')).to_be_attached()
    assert region.evaluate('e => e.clientHeight') <= 120
    more.set()
    expect(page.get_by_text('line 30')).to_be_in_viewport()
    page.wait_for_function('''() => { const e = document.querySelector('[role=region]');
        return e.scrollHeight - e.scrollTop - e.clientHeight < 2; }''')


def test_popup_as_a_context_manager_and_scroll_to_a_scope(serve_app, page):
    def task():
        put_scope('far')
        for i in range(60):
            put_text('filler %d' % i)
        put_text('target', scope='far')
        scroll_to(scope='far', position='top')
        with popup('Working'):
            put_text('inside the popup')
            put_table([['a cell']])
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='Working')
    expect(dialog.get_by_text('inside the popup')).to_be_visible()
    expect(dialog.get_by_role('table').get_by_text('a cell')).to_be_visible()
    # the scope is at the top of the window, though the page had grown below it
    page.wait_for_function('''() => { const target = [...document.querySelectorAll('p')].find(p => p.textContent === 'target');
        return Math.abs(target.getBoundingClientRect().top) < 2; }''')
    expect(page.get_by_text('filler 59')).not_to_be_in_viewport()


def test_output_objects_move_into_tables_and_popups(serve_app, page):
    def task():
        cell = put_scope('in-cell', [put_text('scoped')])
        put_table([['kind', 'content'], ['scope', cell]])
        put_text('added later', scope='in-cell')
        put_buttons(['Toast'], onclick=lambda _: toast('hello'))
        hold()

    page.goto(serve_app(task).url)
    cell = page.get_by_role('row').filter(has=page.get_by_role('cell', name='scope', exact=True))
    expect(cell).to_contain_text('scoped')
    expect(cell).to_contain_text('added later')


def test_1x_output_placeholder_can_be_reset_appended_and_inserted_into(serve_app, page):
    def task():
        hobby = output(put_text('Coding'))
        put_table([['Name', 'Hobbies'], ['Wang', hobby]])
        hobby.append(put_text('Music'), put_text('Drawing'))
        hobby.insert(0, put_text('Reading'))
        put_text('first state done')
        go_on.wait(10)
        hobby.reset(put_text('Painting'))
        put_text('reset done')
        hold()

    go_on = threading.Event()
    page.goto(serve_app(task).url)
    row = page.get_by_role('row').filter(has=page.get_by_role('cell', name='Wang', exact=True))
    expect(page.get_by_text('first state done')).to_be_visible()
    expect(row.get_by_role('paragraph')).to_have_text(['Reading', 'Coding', 'Music', 'Drawing'])
    go_on.set()
    expect(page.get_by_text('reset done')).to_be_visible()
    expect(row.get_by_role('paragraph')).to_have_text(['Painting'])

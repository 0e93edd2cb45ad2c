"""Anchors, clearing, scrolling and page settings in Chromium: the page shows what the server's model says."""
import threading

import pytest
from playwright.sync_api import expect

from pywebio.output import (clear_after, clear_before, clear_range, put_markdown, put_text, remove,
                            scroll_to, set_anchor, set_auto_scroll_bottom, set_output_fixed_height,
                            set_title)
from pywebio.session import hold


def guide_example():
    set_anchor('top')
    put_text('A')
    put_text('B', anchor='b')
    put_text('C', after='top')
    put_text('D', before='b')


def replace_in_place():
    put_text('A', anchor='a')
    put_text('B')
    put_text('A2', anchor='a')


def before_and_after_a_replaced_anchor():
    put_text('A', anchor='a')
    put_text('B')
    put_text('A2', anchor='a')
    put_text('X', before='a')
    put_text('Y', after='a')


def output_replaces_a_mark():
    set_anchor('m')
    put_text('A')
    put_text('M', anchor='m')
    put_text('N', after='m')


def set_anchor_again_moves_the_name():
    put_text('A', anchor='x')
    set_anchor('x')
    put_text('B')
    put_text('C', before='x')
    put_text('A2', after='x')


def clear_before_keeps_the_anchor_and_what_follows():
    put_text('A')
    put_text('B', anchor='b')
    set_anchor('x')
    put_text('C')
    clear_before('x')
    put_text('D')


def clear_after_keeps_what_comes_before():
    put_text('A')
    set_anchor('x')
    put_text('B')
    put_text('C', anchor='c')
    clear_after('x')
    put_text('D')


def clear_range_is_exclusive():
    put_text('A')
    put_text('S', anchor='s')
    put_text('B')
    put_text('C', anchor='c')
    put_text('E', anchor='e')
    put_text('F')
    clear_range('s', 'e')
    put_text('G', after='s')


def remove_takes_the_output_and_its_anchor():
    put_text('A', anchor='a')
    put_text('B')
    remove('a')
    put_text('A', anchor='a')


def unknown_anchor_raises_in_python():
    put_text('A', anchor='a')
    remove('a')
    for call in (lambda: put_text('X', before='a'), lambda: clear_after('a'), lambda: scroll_to('a')):
        try:
            call()
        except ValueError as error:
            put_text('ValueError' if "no anchor named 'a'" in str(error) else 'wrong message')


@pytest.mark.parametrize('scenario, shown', [
    (guide_example, ['C', 'A', 'D', 'B']),
    (replace_in_place, ['A2', 'B']),
    (before_and_after_a_replaced_anchor, ['X', 'A2', 'Y', 'B']),
    (output_replaces_a_mark, ['M', 'N', 'A']),
    (set_anchor_again_moves_the_name, ['A', 'C', 'A2', 'B']),
    (clear_before_keeps_the_anchor_and_what_follows, ['C', 'D']),
    (clear_after_keeps_what_comes_before, ['A', 'D']),
    (clear_range_is_exclusive, ['A', 'S', 'G', 'E', 'F']),
    (remove_takes_the_output_and_its_anchor, ['B', 'A']),
    (unknown_anchor_raises_in_python, ['ValueError'] * 3),
])
def test_anchors(serve_app, page, scenario, shown):
    def task():
        scenario()
        put_text('end')

    page.goto(serve_app(task).url)
    expect(page.get_by_role('main').get_by_role('paragraph')).to_have_text(shown + ['end'])


def test_anchors_across_frames_and_with_other_outputs(serve_app, page):
    go_on = threading.Event()

    def task():
        set_anchor('top')
        put_markdown('**first frame**', anchor='md')
        go_on.wait(10)
        put_text('before md', before='md')
        put_text('after top', after='top')
        clear_range('top', 'md')
        put_text('last')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('first frame')).to_be_visible()
    go_on.set()
    expect(page.get_by_role('main').get_by_role('paragraph')).to_have_text(['first frame', 'last'])


def line_in_view_center(page, text):
    """Wait until the line with this text is around the middle of the window."""
    page.wait_for_function('''text => {
        const line = [...document.querySelectorAll('p')].find(p => p.textContent === text);
        if (!line) return false;
        const box = line.getBoundingClientRect(), middle = window.innerHeight / 2;
        return Math.abs(box.top + box.height / 2 - middle) < 40;
    }''', arg=text)


def test_scroll_to_top_middle_and_bottom(serve_app, page):
    step = threading.Semaphore(0)

    def task():
        set_anchor('top')
        for i in range(100):
            put_text('line %d' % i, anchor='line %d' % i if i == 50 else None)
        scroll_to('top')
        step.acquire()
        scroll_to('line 50', position='middle')
        step.acquire()
        scroll_to('top', position='bottom')
        hold()

    page.emulate_media(reduced_motion='reduce')  # scroll at once instead of smoothly: a faster test
    page.goto(serve_app(task).url)
    expect(page.get_by_text('line 0', exact=True)).to_be_in_viewport()
    expect(page.get_by_text('line 99')).not_to_be_in_viewport()
    step.release()
    line_in_view_center(page, 'line 50')
    step.release()
    expect(page.get_by_text('line 0', exact=True)).to_be_in_viewport()


def test_auto_scroll_follows_new_output_while_at_the_bottom_only(serve_app, page):
    steps = [threading.Event() for _ in range(3)]

    def task():
        for i in range(100):
            put_text('line %d' % i)
        steps[0].wait(10)
        for i in range(100, 150):
            put_text('line %d' % i)
        steps[1].wait(10)
        for i in range(150, 200):
            put_text('line %d' % i)
        steps[2].wait(10)
        set_auto_scroll_bottom(False)
        for i in range(200, 300):
            put_text('line %d' % i)
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('line 99')).to_be_in_viewport()
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")  # the person scrolls up to read
    steps[0].set()
    expect(page.get_by_text('line 149')).to_be_attached()
    expect(page.get_by_text('line 149')).not_to_be_in_viewport()
    expect(page.get_by_text('line 0', exact=True)).to_be_in_viewport()

    page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    steps[1].set()
    expect(page.get_by_text('line 199')).to_be_in_viewport()  # back at the bottom: it follows again
    steps[2].set()
    expect(page.get_by_text('line 299')).to_be_attached()
    expect(page.get_by_text('line 299')).not_to_be_in_viewport()  # turned off


def test_fixed_height_output_area_scrolls_inside_itself(serve_app, page):
    def task():
        set_output_fixed_height(True)
        for i in range(200):
            put_text('line %d' % i)
        hold()

    page.set_viewport_size({'width': 800, 'height': 600})
    page.goto(serve_app(task).url)
    area = page.get_by_role('region', name='Output')
    expect(area).to_be_visible()
    expect(area.get_by_text('line 199')).to_be_in_viewport()
    assert area.bounding_box()['height'] < 600
    assert page.evaluate('document.documentElement.scrollHeight') <= 600 + 1  # the page itself does not grow


def test_set_title(serve_app, page):
    def task():
        set_title('BMI calculator')
        hold()

    page.goto(serve_app(task).url)
    expect(page).to_have_title('BMI calculator')


def test_long_pages_keep_order_and_anchors_across_many_outputs(serve_app, page):
    def task():
        for i in range(1200):
            put_text(str(i), anchor='a%d' % i if i in (10, 700, 1100) else None)
        clear_range('a10', 'a1100')  # 11 to 1099, and anchor a700 with them
        put_text('after 10', after='a10')
        clear_before('a10')
        put_text('end')

    page.goto(serve_app(task).url)
    expect(page.get_by_role('main').get_by_role('paragraph')).to_have_text(
        ['10', 'after 10'] + [str(i) for i in range(1100, 1200)] + ['end'])


def test_inline_text_stays_on_one_line_however_long_the_page(serve_app, page):
    def task():
        for _ in range(499):
            put_text('', inline=True)
        put_text('left', inline=True)
        put_text('right', inline=True)
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_text('right')).to_be_visible()
    left, right = page.get_by_text('left').bounding_box(), page.get_by_text('right').bounding_box()
    assert left['y'] == right['y'] and right['x'] > left['x']

"""Popups and toasts in Chromium: the guide's popup, how a popup closes, and toasts."""
from playwright.sync_api import expect

from pywebio.output import clear, close_popup, popup, put_buttons, put_html, put_table, put_text, toast
from pywebio.session import hold


def test_guide_popup_with_outputs_closes_from_its_button(serve_app, page):
    def task():
        popup('popup title', 'popup html content')  # the guide's first example; replaced at once
        popup('Popup title', [
            '<h3>Popup Content</h3>',
            put_text('html: <br/>'),
            put_table([['A', 'B'], ['C', 'D']]),
            put_buttons(['close_popup()'], onclick=lambda _: close_popup())
        ])
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='Popup title')
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute('aria-modal', 'true')
    expect(page.get_by_role('dialog')).to_have_count(1)  # one popup at a time
    expect(dialog.get_by_role('heading', name='Popup Content', level=3)).to_be_visible()
    expect(dialog.get_by_text('html: <br/>', exact=True)).to_be_visible()
    expect(dialog.get_by_role('table').get_by_role('cell')).to_have_text(['C', 'D'])
    expect(dialog).to_be_focused()
    dialog.get_by_role('button', name='close_popup()').click()
    expect(page.get_by_role('dialog')).to_have_count(0)
    expect(page.get_by_text('html: <br/>')).to_have_count(0)  # its content went with it


def opener_task(**options):
    def task():
        def show(_):
            popup('Settings', [put_text('Inside')], **options)
        put_buttons(['Open'], onclick=show)
        hold()
    return task


def test_close_button_escape_and_backdrop_close_a_closable_popup(serve_app, page):
    page.goto(serve_app(opener_task()).url)
    opener = page.get_by_role('button', name='Open')
    dialog = page.get_by_role('dialog', name='Settings')

    opener.click()
    dialog.get_by_role('button', name='Close').click()
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()  # focus goes back where it was

    opener.click()
    expect(dialog).to_be_visible()
    page.keyboard.press('Escape')
    expect(dialog).to_have_count(0)

    opener.click()
    expect(dialog).to_be_visible()
    dialog.get_by_text('Inside').click()  # a click inside does not close it
    expect(dialog).to_be_visible()
    page.mouse.click(5, 5)  # the backdrop
    expect(dialog).to_have_count(0)


def test_popup_without_implicit_close_ignores_the_backdrop(serve_app, page):
    page.goto(serve_app(opener_task(implicit_close=False)).url)
    page.get_by_role('button', name='Open').click()
    dialog = page.get_by_role('dialog', name='Settings')
    expect(dialog).to_be_visible()
    page.mouse.click(5, 5)
    expect(dialog).to_be_visible()
    page.keyboard.press('Escape')
    expect(dialog).to_have_count(0)


def test_popup_that_is_not_closable_closes_only_from_python(serve_app, page):
    def task():
        popup('Working', [put_text('Please wait'), put_buttons(['Done'], onclick=lambda _: close_popup())],
              closable=False)
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='Working')
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role('button', name='Close')).to_have_count(0)
    page.keyboard.press('Escape')
    page.mouse.click(5, 5)
    expect(dialog).to_be_visible()
    dialog.get_by_role('button', name='Done').click()
    expect(dialog).to_have_count(0)


def test_popup_close_button_speaks_chinese(serve_app, new_page):
    page = new_page(locale='zh-CN')

    def task():
        popup('标题', '<p>内容</p>', size='small')
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='标题')
    dialog.get_by_role('button', name='关闭').click()
    expect(dialog).to_have_count(0)


def test_popup_sizes(serve_app, page):
    widths = {}

    def task():
        def show(size):
            popup(size, 'x', size=size)
        put_buttons(['large', 'normal', 'small'], onclick=show)
        hold()

    page.set_viewport_size({'width': 1400, 'height': 800})
    page.goto(serve_app(task).url)
    for size in ('large', 'normal', 'small'):
        page.get_by_role('button', name=size, exact=True).click()
        dialog = page.get_by_role('dialog', name=size)
        expect(dialog).to_be_visible()
        widths[size] = dialog.get_by_role('heading').locator('..').bounding_box()['width']  # the header
        page.keyboard.press('Escape')
        expect(dialog).to_have_count(0)
    assert widths['large'] > widths['normal'] > widths['small']


def test_toasts_show_text_go_away_and_call_back(serve_app, page):
    def task():
        toast('<b>Saved</b>', duration=0.5)
        toast('Click me', duration=0, position='right', onclick=lambda: put_text('toast clicked'))
        toast('Stays', duration=0, position='left', color='success')
        toast('Failed', duration=0, color='error')
        hold()

    page.goto(serve_app(task).url)
    saved = page.get_by_role('status').filter(has_text='<b>Saved</b>')  # text, not HTML
    expect(saved).to_be_visible()
    expect(page.get_by_role('alert')).to_have_text('Failed')
    expect(saved).to_have_count(0)  # gone after half a second

    page.get_by_role('button', name='Click me').click()
    expect(page.get_by_text('toast clicked')).to_be_visible()
    expect(page.get_by_text('Click me')).to_have_count(0)

    stays = page.get_by_role('status').filter(has_text='Stays')
    expect(stays).to_be_visible()
    stays.get_by_role('button', name='Close').click()
    expect(stays).to_have_count(0)


def test_when_the_session_ends_popup_buttons_are_disabled_but_it_still_closes(serve_app, page):
    def task():
        popup('Last words', [put_buttons(['Too late'], onclick=lambda _: None)])

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='Last words')
    expect(dialog.get_by_role('button', name='Too late')).to_be_disabled()
    dialog.get_by_role('button', name='Close').click()
    expect(dialog).to_have_count(0)
    expect(page.get_by_role('status')).to_contain_text('The session has ended')


def test_1x_popup_scope_by_with_and_as_a_decorator(serve_app, page):
    """1.8's test 13: ``with popup(...) as s`` gives the popup's scope name (for clear(s) and
    scope=s), and ``@popup(...)`` opens the popup and puts the function's output into it."""
    def task():
        with popup('Popup title') as s:
            put_html('<h3>Popup Content</h3>')
            clear(s)
            put_buttons(['clear()'], onclick=lambda _: clear(s))
        put_text('Also here', scope=s)
        put_text('scope name is text: %s' % isinstance(s, str))
        hold()

    page.goto(serve_app(task).url)
    dialog = page.get_by_role('dialog', name='Popup title')
    expect(dialog.get_by_text('Also here')).to_be_visible()
    expect(dialog.get_by_role('heading', name='Popup Content')).to_have_count(0)
    expect(page.get_by_text('scope name is text: True')).to_be_visible()
    dialog.get_by_role('button', name='clear()').click()
    expect(dialog.get_by_text('Also here')).to_have_count(0)


def test_decorated_popup_shows_the_functions_output(serve_app, page):
    def task():
        @popup('Decorated')
        def show_more(text):
            put_text(text)
        show_more('from the decorated function')
        hold()

    page.goto(serve_app(task).url)
    expect(page.get_by_role('dialog', name='Decorated').get_by_text('from the decorated function')).to_be_visible()

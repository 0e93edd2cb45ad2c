"""The page in the visitor's language, or the app's choice: 7 languages, Persian right to left,
``config(language=...)`` for the apps and ``set_env(language=...)`` for one session."""
import threading
import urllib.request

import pytest
import tornado.web
from playwright.sync_api import expect

import pywebio
from pywebio import STATIC_PATH
from pywebio.input import checkbox, input, input_group
from pywebio.output import put_buttons, put_text
from pywebio.platform.tornado import BackgroundServer, webio_handler
from pywebio.session import hold, set_env

#: Each language's form buttons (Submit, Reset, Cancel) and "This field is required.", with the
#: code the page puts in <html lang>, for a browser of that locale.
LANGUAGES = {
    'en-US': ('en', 'Submit', 'Reset', 'Cancel', 'This field is required.'),
    'zh-CN': ('zh', '提交', '重置', '取消', '此项为必填项。'),
    'ru-RU': ('ru', 'Отправить', 'Сбросить', 'Отмена', 'Заполните это поле.'),
    'de-DE': ('de', 'Absenden', 'Zurücksetzen', 'Abbrechen', 'Dies ist ein Pflichtfeld.'),
    'fa-IR': ('fa', 'ارسال', 'بازنشانی', 'لغو', 'پر کردن این فیلد الزامی است.'),
    'kk-KZ': ('kk', 'Жіберу', 'Тазарту', 'Болдырмау', 'Бұл өрісті толтыру міндетті.'),
    'uz-UZ': ('uz', 'Yuborish', 'Tozalash', 'Bekor qilish', 'Bu maydonni toʻldirish shart.'),
}

#: The toast of a callback that raised, as the server says it (pywebio/_languages.py).
ACTION_FAILED = {'en': 'The action failed because of an error.', 'de': 'Die Aktion ist wegen eines Fehlers fehlgeschlagen.',
                 'ru': 'Действие не выполнено из-за ошибки.', 'kk': 'Әрекет қатеге байланысты орындалмады.'}


@pytest.fixture(autouse=True)
def no_global_config():
    """Each test starts and ends without a global configuration (it is process-wide)."""
    pywebio.config()
    yield
    pywebio.config()


def form_task():
    input_group('Form', [input('Name', name='name', required=True)], cancelable=True)


def fails():
    raise RuntimeError('on purpose')


def expect_buttons(page, code):
    """The form's three buttons are in language ``code``, and so is <html lang>."""
    _, submit, reset, cancel, _ = next(words for words in LANGUAGES.values() if words[0] == code)
    for name in (submit, reset, cancel):
        expect(page.get_by_role('button', name=name, exact=True)).to_be_visible()
    expect(page.locator('html')).to_have_attribute('lang', code)


@pytest.mark.parametrize('locale', sorted(LANGUAGES))
def test_the_browser_language_names_the_buttons_and_messages(serve_app, new_page, locale):
    code, submit, reset, cancel, required = LANGUAGES[locale]
    page = new_page(locale=locale)
    page.goto(serve_app(form_task).url)
    expect_buttons(page, code)
    page.get_by_role('button', name=submit, exact=True).click()  # empty: the browser's own check
    expect(page.get_by_text(required, exact=True)).to_be_visible()
    expect(page.locator('html[dir=rtl]')).to_have_count(1 if code == 'fa' else 0)


def test_an_unsupported_language_gets_english(serve_app, new_page):
    page = new_page(locale='ja-JP')
    page.goto(serve_app(form_task).url)
    expect_buttons(page, 'en')


def test_the_first_language_the_page_has_wins(serve_app, browser):
    """navigator.languages: Japanese (not there), Austrian German (de), English. (The server
    chooses the same way from Accept-Language: test/unit/test_language_tables.py.)"""
    context = browser.new_context(locale='ja-JP')
    context.add_init_script("Object.defineProperty(navigator, 'languages', {get: () => ['ja-JP', 'de-AT', 'en']})")
    try:
        page = context.new_page()
        page.goto(serve_app(form_task).url)
        expect_buttons(page, 'de')
    finally:
        context.close()


def test_persian_is_laid_out_right_to_left(serve_app, new_page):
    page = new_page(locale='fa-IR')
    page.set_viewport_size({'width': 1000, 'height': 700})

    def task():
        input_group('Form', [input('Name', name='name'), checkbox('Options', ['One'], name='options')],
                    cancelable=True)

    page.goto(serve_app(task).url)
    expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    submit, reset, cancel = (page.get_by_role('button', name=name, exact=True).bounding_box()
                             for name in ('ارسال', 'بازنشانی', 'لغو'))
    # the buttons run from the right: Submit first, then Reset, then Cancel to its left
    assert submit['x'] > reset['x'] > cancel['x']
    form = page.locator('form').bounding_box()
    label = page.locator('label', has_text='Name').bounding_box()
    field = page.get_by_label('Name').bounding_box()
    # the label starts at the field's right edge, near the form's right side, far from its left
    assert abs((label['x'] + label['width']) - (field['x'] + field['width'])) < 2
    assert label['x'] - form['x'] > form['width'] / 2
    # Bootstrap's RTL stylesheet: a checkbox stands to the right of its label (the LTR build
    # floats it to the left, whatever the page's direction)
    box = page.get_by_role('checkbox', name='One').bounding_box()
    text = page.locator('label', has_text='One').bounding_box()
    assert box['x'] > text['x'] + text['width'] - 1
    assert page.evaluate('[...document.styleSheets].some(sheet => (sheet.href || "").endsWith("/css/pywebio.rtl.css"))')


def test_config_language_overrides_the_browser_and_is_in_the_rendered_page(serve_app, new_page):
    @pywebio.config(language='de')
    def task():
        put_buttons(['Fail'], onclick=lambda _: fails())
        form_task()

    server = serve_app(task)
    html = urllib.request.urlopen(server.url).read().decode()
    assert '<html lang="de" data-pywebio-language="de"' in html  # right from the first paint
    page = new_page(locale='zh-CN')
    page.goto(server.url)
    expect_buttons(page, 'de')
    page.get_by_role('button', name='Fail').click()  # the server's own words follow the app's choice
    expect(page.get_by_role('alert').filter(has_text=ACTION_FAILED['de'])).to_be_visible()


def test_config_accepts_1x_kz_for_kazakh(serve_app, page):
    pywebio.config(language='kz')  # every app

    page.goto(serve_app(form_task).url)
    expect_buttons(page, 'kk')


def test_a_mounted_page_takes_config_language_from_the_session(new_page):
    @pywebio.config(language='fa', theme='dark')
    def task():
        form_task()

    app = tornado.web.Application([
        (r'/tool/io', webio_handler(task)),
        (r'/tool/(.*)', tornado.web.StaticFileHandler, {'path': STATIC_PATH, 'default_filename': 'index.html'}),
    ])
    server = BackgroundServer(app, port=0, host='127.0.0.1').start()
    try:
        page = new_page(locale='en-US')
        page.goto('http://127.0.0.1:%d/tool/' % server.port)
        expect_buttons(page, 'fa')
        expect(page.locator('html')).to_have_attribute('dir', 'rtl')
        # the theme and the direction in one stylesheet, the only one left once it has loaded
        page.wait_for_function('''() => [...document.querySelectorAll('link[rel=stylesheet]')]
            .map(link => new URL(link.href).pathname).join() === '/tool/css/pywebio-dark.rtl.css' ''')
    finally:
        server.stop()


def test_set_env_language_is_per_session(serve_app, new_page):
    switched = threading.Event()

    def task():
        put_buttons(['Fail'], onclick=lambda _: fails())
        name = input('Name')
        if name == 'switch':
            set_env(language='ru')
            switched.set()
            input('Again')
            set_env(language=None)  # the browser's again
            input('Back')
        else:
            switched.wait(10)
            input('Later')

    server = serve_app(task)
    english, german = new_page(locale='en-US'), new_page(locale='de-DE')
    english.goto(server.url)
    german.goto(server.url)
    expect(german.get_by_role('button', name='Absenden')).to_be_visible()
    english.get_by_label('Name').fill('switch')
    english.get_by_role('button', name='Submit').click()
    expect_buttons_of_input(english, 'Again', 'ru', 'Отправить')
    english.get_by_role('button', name='Fail').click()
    expect(english.get_by_role('alert').filter(has_text=ACTION_FAILED['ru'])).to_be_visible()
    # the other session, at the same time, keeps its own language in its next form
    german.get_by_label('Name').fill('stay')
    german.get_by_role('button', name='Absenden').click()
    expect_buttons_of_input(german, 'Later', 'de', 'Absenden')
    english.get_by_label('Again').fill('x')
    english.get_by_role('button', name='Отправить').click()
    expect_buttons_of_input(english, 'Back', 'en', 'Submit')


def expect_buttons_of_input(page, label, code, submit):
    expect(page.get_by_label(label)).to_be_visible()
    expect(page.get_by_role('button', name=submit, exact=True)).to_be_visible()
    expect(page.locator('html')).to_have_attribute('lang', code)


def test_set_env_to_persian_turns_the_page_right_to_left(serve_app, page):
    def task():
        input('Name')
        set_env(language='fa')
        input('Again')

    page.goto(serve_app(task).url)
    page.get_by_label('Name').fill('x')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_role('button', name='ارسال')).to_be_visible()
    expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    page.wait_for_function('''() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .map(link => new URL(link.href).pathname).join() === '/css/pywebio.rtl.css' ''')
    submit, reset = (page.get_by_role('button', name=name, exact=True).bounding_box() for name in ('ارسال', 'بازنشانی'))
    assert submit['x'] > reset['x']


@pytest.mark.parametrize('call', [lambda: pywebio.config(language='ja'), lambda: set_env(language='klingon')])
def test_an_unknown_language_raises_naming_the_languages(call):
    with pytest.raises(ValueError, match=r"unknown language .*the languages are en, zh, ru, de, fa, kk, uz"):
        call()

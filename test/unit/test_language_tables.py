"""The languages of PyWebIO's own words, on the server (pywebio/_languages.py) and in the page
(webiojs/src/languages/): the same languages, the same texts where both say them, and the same
choice of language."""
import re
from pathlib import Path

import pytest

import pywebio
from pywebio._form import upload_refusals
from pywebio._languages import (LANGUAGES, browser_language, check_language, human_size, language_of,
                                messages_for, preferred_languages, say)
from pywebio.platform.page import page_config_command, render_page
from pywebio.platform.utils import build_session_info
from pywebio.session.base import Session, error_toast_command

PAGE_LANGUAGES = Path(__file__).parents[2] / 'webiojs' / 'src' / 'languages'

#: The server's keys that the page has too, by the page's name for them.
SHARED = {'decimalSign': '_decimal', 'digits': '_digits', 'datetimeLocal': 'datetime-local',
          'tooLong': 'too_long', 'tooShort': 'too_short', 'fileTooLarge': 'file_too_large',
          'filesTooLarge': 'files_too_large', 'sizeB': 'size_b', 'sizeKB': 'size_kb', 'sizeMB': 'size_mb',
          'sizeGB': 'size_gb', **{key: key for key in ('required', 'integer', 'number', 'url', 'date', 'time', 'color')}}


@pytest.fixture(autouse=True)
def no_global_config():
    pywebio.config()
    yield
    pywebio.config()


def page_words(language):
    """The words of webiojs/src/languages/LANGUAGE.ts, by key (one ``key: 'text',`` a line)."""
    text = (PAGE_LANGUAGES / ('%s.ts' % language)).read_text(encoding='utf-8')
    return dict(re.findall(r"^  (\w+): '((?:[^'\\]|\\.)*)',$", text, re.MULTILINE))


def test_the_page_and_the_server_have_the_same_languages():
    assert sorted(path.stem for path in PAGE_LANGUAGES.glob('*.ts')) == sorted(LANGUAGES)


@pytest.mark.parametrize('language', LANGUAGES)
def test_the_page_and_the_server_say_the_same_words(language):
    page, server = page_words(language), messages_for(language)
    assert set(page) == set(page_words('en'))
    assert set(server) == set(messages_for('en'))
    assert {key: page[key] for key in SHARED} == {key: server[name] for key, name in SHARED.items()}


def test_languages_are_named_by_their_primary_subtag_and_kz_is_kazakh():
    assert [check_language('config', tag) for tag in ('de-AT', 'zh-TW', 'zh_Hant', 'KK', 'kz', 'uz-Latn', None)] == \
        ['de', 'zh', 'zh', 'kk', 'kk', 'uz', None]
    with pytest.raises(ValueError, match=r"config\(\): unknown language 'pt-BR'; the languages are "
                                         r"en, zh, ru, de, fa, kk, uz \('kz' for 'kk'\)"):
        check_language('config', 'pt-BR')
    with pytest.raises(TypeError):
        check_language('set_env', 7)


def test_the_server_takes_the_first_language_it_has_from_accept_language():
    info = build_session_info(user_agent='', accept_language='ja-JP, en;q=0.8, de-AT;q=0.9, fr;q=0, *;q=0.1',
                              host='', origin='', user_ip='', request=None, backend='test', protocol='websocket')
    assert info.user_language == 'ja-JP'  # 1.x's: the first one, as it is
    assert info.user_languages == ['ja-JP', 'de-AT', 'en'] == preferred_languages('ja-JP,de-AT;q=0.9,en;q=0.8')
    assert browser_language(info.user_languages) == 'de'
    assert browser_language(['ja', 'ko']) == 'en'

    session = Session(info)
    assert language_of(session) == 'de'
    session.chosen_language = 'fa'  # config(language=...) or set_env(language=...)
    assert language_of(session) == 'fa'
    assert error_toast_command(RuntimeError('x'), language=language_of(session))['spec']['content'] == \
        'این کار به\u200cدلیل یک خطا انجام نشد.'


def test_numbers_and_sizes_are_written_as_the_language_writes_them():
    assert say(messages_for('fa'), 'too_long', n=20) == 'لطفاً حداکثر ۲۰ نویسه وارد کنید.'
    assert human_size(1536, messages_for('fa')) == '۱٫۵ کیلوبایت'
    assert human_size(1536, messages_for('de')) == '1,5 KB'
    assert human_size(2 * 1024 ** 2, messages_for('ru')) == '2 МБ'
    assert human_size(300) == '300 bytes'
    # what the upload endpoint answers for a file over max_size, in the page's language
    assert upload_refusals(messages_for('ru')).file_too_large('a.txt', 1536) == 'Размер файла «a.txt» превышает 1,5 КБ.'


def test_config_language_reaches_the_rendered_page_and_the_page_config_command():
    @pywebio.config(language='fa', theme='dark')
    def app():
        pass

    html = render_page(app)
    assert '<html lang="fa" dir="rtl" data-pywebio-language="fa" data-pywebio-page="rendered">' in html
    assert 'href="css/pywebio-dark.rtl.css"' in html
    assert page_config_command(app)['spec']['language'] == 'fa'
    assert '<html lang="en" data-pywebio-page="rendered">' in render_page(None)
    assert page_config_command(None) is None

    session = Session()
    session._send_first([page_config_command(app)])  # the session speaks its app's language
    assert language_of(session) == 'fa'

"""The languages of PyWebIO's own words, and which one a session's page speaks.

The page has its own words (Submit, Reset, Cancel, "Reconnecting…", the validation messages...)
in webiojs/src/languages/, one file per language. The server composes a few words of its own,
here: the validation messages of its second check of a form (the same texts as the page's), the
toast of a callback that failed, and the words of the index of apps. The languages are those of
`LANGUAGES`; test/unit/test_language_tables.py checks that both sides agree.

Which language a session speaks (`language_of`): the one the app chose, with
``pywebio.config(language=...)`` for its apps or ``pywebio.session.set_env(language=...)`` for
one session (`Session.chosen_language`); else the browser's, the first of its preferred
languages (``Accept-Language``, `SessionInfo.user_languages`) that PyWebIO has; else English.
The page chooses the same way, from ``navigator.languages``, which the browser sends as
``Accept-Language``.
"""
from typing import Any, Dict, Iterable, List, Optional

__all__ = ['LANGUAGES', 'RTL_LANGUAGES', 'check_language', 'supported_language', 'browser_language',
           'language_of', 'messages_for', 'say', 'human_size', 'preferred_languages']

#: The languages of the page, by their ISO 639-1 codes: English, Chinese (Simplified), Russian,
#: German, Persian, Kazakh (Cyrillic) and Uzbek (Latin).
LANGUAGES = ('en', 'zh', 'ru', 'de', 'fa', 'kk', 'uz')

#: Other names of a language: PyWebIO 1.8 called Kazakh ``kz`` (Kazakhstan's country code).
ALIASES = {'kz': 'kk'}

#: The languages written right to left: their page has ``<html dir="rtl">``.
RTL_LANGUAGES = frozenset({'fa'})

Messages = Dict[str, str]

#: The words the server says, by language. Keys starting with ``_`` say how numbers are written:
#: the decimal sign, and the digits 0 to 9 (webiojs/src/languages/ has the same).
_MESSAGES: Dict[str, Messages] = {
    'en': {
        '_decimal': '.', '_digits': '0123456789',
        'required': 'This field is required.', 'integer': 'Please enter an integer.',
        'number': 'Please enter a number.', 'url': 'Please enter a URL.',
        'date': 'Please enter a valid date.', 'time': 'Please enter a valid time.',
        'color': 'Please choose a color.', 'datetime-local': 'Please enter a valid date and time.',
        'too_long': 'Please use at most {n} characters.', 'too_short': 'Please use at least {n} characters.',
        'file_too_large': 'The file "{name}" is larger than {size}.',
        'files_too_large': 'The files are larger than {size} in total.',
        'upload_no_room': 'The server has no room for this file now. Please try again later.',
        'size_b': '{n} bytes', 'size_kb': '{n} KB', 'size_mb': '{n} MB', 'size_gb': '{n} GB',
        'action_failed': 'The action failed because of an error.',
        'apps': 'Apps', 'no_such_app': 'There is no app named "{name}" here.',
        'server_apps': 'The apps of this server:',
        'log_in': 'Log in', 'username': 'Username', 'password': 'Password',
        'wrong_login': 'Wrong username or password.',
        'login_wait': 'Too many failed attempts. Please wait {n} seconds and try again.',
    },
    'zh': {
        '_decimal': '.', '_digits': '0123456789',
        'required': '此项为必填项。', 'integer': '请输入整数。', 'number': '请输入数字。',
        'url': '请输入网址。', 'date': '请输入有效的日期。', 'time': '请输入有效的时间。',
        'color': '请选择颜色。', 'datetime-local': '请输入有效的日期和时间。',
        'too_long': '最多 {n} 个字符。', 'too_short': '至少 {n} 个字符。',
        'file_too_large': '文件“{name}”超过 {size}。', 'files_too_large': '文件总大小超过 {size}。',
        'upload_no_room': '服务器暂时没有空间存放此文件，请稍后再试。',
        'size_b': '{n} 字节', 'size_kb': '{n} KB', 'size_mb': '{n} MB', 'size_gb': '{n} GB',
        'action_failed': '操作因出错而失败。',
        'apps': '应用', 'no_such_app': '这里没有名为“{name}”的应用。', 'server_apps': '本服务器的应用：',
        'log_in': '登录', 'username': '用户名', 'password': '密码', 'wrong_login': '用户名或密码错误。',
        'login_wait': '失败次数过多，请等待 {n} 秒后再试。',
    },
    'ru': {
        '_decimal': ',', '_digits': '0123456789',
        'required': 'Заполните это поле.', 'integer': 'Введите целое число.', 'number': 'Введите число.',
        'url': 'Введите URL-адрес.', 'date': 'Введите корректную дату.', 'time': 'Введите корректное время.',
        'color': 'Выберите цвет.', 'datetime-local': 'Введите корректные дату и время.',
        'too_long': 'Количество символов не должно превышать {n}.',
        'too_short': 'Количество символов должно быть не меньше {n}.',
        'file_too_large': 'Размер файла «{name}» превышает {size}.',
        'files_too_large': 'Общий размер файлов превышает {size}.',
        'upload_no_room': 'Сейчас на сервере нет места для этого файла. Попробуйте позже.',
        'size_b': '{n} Б', 'size_kb': '{n} КБ', 'size_mb': '{n} МБ', 'size_gb': '{n} ГБ',
        'action_failed': 'Действие не выполнено из-за ошибки.',
        'apps': 'Приложения', 'no_such_app': 'Здесь нет приложения с именем «{name}».',
        'server_apps': 'Приложения этого сервера:',
        'log_in': 'Вход', 'username': 'Имя пользователя', 'password': 'Пароль',
        'wrong_login': 'Неверное имя пользователя или пароль.',
        'login_wait': 'Слишком много неудачных попыток. Подождите {n} с и попробуйте снова.',
    },
    'de': {
        '_decimal': ',', '_digits': '0123456789',
        'required': 'Dies ist ein Pflichtfeld.', 'integer': 'Bitte eine ganze Zahl eingeben.',
        'number': 'Bitte eine Zahl eingeben.', 'url': 'Bitte eine URL eingeben.',
        'date': 'Bitte ein gültiges Datum eingeben.', 'time': 'Bitte eine gültige Uhrzeit eingeben.',
        'color': 'Bitte eine Farbe wählen.', 'datetime-local': 'Bitte ein gültiges Datum mit Uhrzeit eingeben.',
        'too_long': 'Bitte höchstens {n} Zeichen eingeben.', 'too_short': 'Bitte mindestens {n} Zeichen eingeben.',
        'file_too_large': 'Die Datei „{name}“ ist größer als {size}.',
        'files_too_large': 'Die Dateien sind zusammen größer als {size}.',
        'upload_no_room': 'Der Server hat gerade keinen Platz für diese Datei. Bitte später erneut versuchen.',
        'size_b': '{n} Byte', 'size_kb': '{n} KB', 'size_mb': '{n} MB', 'size_gb': '{n} GB',
        'action_failed': 'Die Aktion ist wegen eines Fehlers fehlgeschlagen.',
        'apps': 'Apps', 'no_such_app': 'Hier gibt es keine App namens „{name}“.',
        'server_apps': 'Die Apps dieses Servers:',
        'log_in': 'Anmelden', 'username': 'Benutzername', 'password': 'Passwort',
        'wrong_login': 'Benutzername oder Passwort ist falsch.',
        'login_wait': 'Zu viele fehlgeschlagene Versuche. Bitte {n} Sekunden warten und es dann erneut versuchen.',
    },
    'fa': {
        '_decimal': '٫', '_digits': '۰۱۲۳۴۵۶۷۸۹',
        'required': 'پر کردن این فیلد الزامی است.', 'integer': 'لطفاً یک عدد صحیح وارد کنید.',
        'number': 'لطفاً یک عدد وارد کنید.', 'url': 'لطفاً یک نشانی اینترنتی وارد کنید.',
        'date': 'لطفاً یک تاریخ معتبر وارد کنید.', 'time': 'لطفاً یک زمان معتبر وارد کنید.',
        'color': 'لطفاً یک رنگ انتخاب کنید.', 'datetime-local': 'لطفاً تاریخ و زمان معتبری وارد کنید.',
        'too_long': 'لطفاً حداکثر {n} نویسه وارد کنید.', 'too_short': 'لطفاً دست‌کم {n} نویسه وارد کنید.',
        'file_too_large': 'حجم فایل «{name}» بیشتر از {size} است.',
        'files_too_large': 'حجم کل فایل‌ها بیشتر از {size} است.',
        'upload_no_room': 'اکنون سرور جایی برای این فایل ندارد. لطفاً بعداً دوباره تلاش کنید.',
        'size_b': '{n} بایت', 'size_kb': '{n} کیلوبایت', 'size_mb': '{n} مگابایت', 'size_gb': '{n} گیگابایت',
        'action_failed': 'این کار به‌دلیل یک خطا انجام نشد.',
        'apps': 'برنامه‌ها', 'no_such_app': 'برنامه‌ای به نام «{name}» در اینجا وجود ندارد.',
        'server_apps': 'برنامه‌های این سرور:',
        'log_in': 'ورود', 'username': 'نام کاربری', 'password': 'گذرواژه',
        'wrong_login': 'نام کاربری یا گذرواژه نادرست است.',
        'login_wait': 'تلاش‌های ناموفق بیش از حد. لطفاً {n} ثانیه صبر کنید و دوباره تلاش کنید.',
    },
    'kk': {
        '_decimal': ',', '_digits': '0123456789',
        'required': 'Бұл өрісті толтыру міндетті.', 'integer': 'Бүтін сан енгізіңіз.',
        'number': 'Сан енгізіңіз.', 'url': 'URL мекенжайын енгізіңіз.',
        'date': 'Жарамды күнді енгізіңіз.', 'time': 'Жарамды уақытты енгізіңіз.',
        'color': 'Түсті таңдаңыз.', 'datetime-local': 'Жарамды күн мен уақытты енгізіңіз.',
        'too_long': 'Ең көбі {n} таңба енгізіңіз.', 'too_short': 'Кемінде {n} таңба енгізіңіз.',
        'file_too_large': '«{name}» файлының өлшемі {size} шегінен асады.',
        'files_too_large': 'Файлдардың жалпы өлшемі {size} шегінен асады.',
        'upload_no_room': 'Қазір серверде бұл файлға орын жоқ. Кейінірек қайталап көріңіз.',
        'size_b': '{n} байт', 'size_kb': '{n} КБ', 'size_mb': '{n} МБ', 'size_gb': '{n} ГБ',
        'action_failed': 'Әрекет қатеге байланысты орындалмады.',
        'apps': 'Қолданбалар', 'no_such_app': 'Мұнда «{name}» деген қолданба жоқ.',
        'server_apps': 'Осы сервердің қолданбалары:',
        'log_in': 'Кіру', 'username': 'Пайдаланушы аты', 'password': 'Құпиясөз',
        'wrong_login': 'Пайдаланушы аты немесе құпиясөз қате.',
        'login_wait': 'Сәтсіз әрекеттер тым көп. {n} секунд күтіп, қайталап көріңіз.',
    },
    'uz': {
        '_decimal': ',', '_digits': '0123456789',
        'required': 'Bu maydonni toʻldirish shart.', 'integer': 'Butun son kiriting.',
        'number': 'Son kiriting.', 'url': 'URL manzilini kiriting.',
        'date': 'Toʻgʻri sanani kiriting.', 'time': 'Toʻgʻri vaqtni kiriting.',
        'color': 'Rangni tanlang.', 'datetime-local': 'Toʻgʻri sana va vaqtni kiriting.',
        'too_long': 'Koʻpi bilan {n} ta belgi kiriting.', 'too_short': 'Kamida {n} ta belgi kiriting.',
        'file_too_large': '«{name}» faylining hajmi {size} chegarasidan oshadi.',
        'files_too_large': 'Fayllarning umumiy hajmi {size} chegarasidan oshadi.',
        'upload_no_room': 'Hozir serverda bu fayl uchun joy yoʻq. Keyinroq qayta urinib koʻring.',
        'size_b': '{n} bayt', 'size_kb': '{n} KB', 'size_mb': '{n} MB', 'size_gb': '{n} GB',
        'action_failed': 'Amal xatolik tufayli bajarilmadi.',
        'apps': 'Ilovalar', 'no_such_app': 'Bu yerda «{name}» nomli ilova yoʻq.',
        'server_apps': 'Ushbu serverdagi ilovalar:',
        'log_in': 'Kirish', 'username': 'Foydalanuvchi nomi', 'password': 'Parol',
        'wrong_login': 'Foydalanuvchi nomi yoki parol notoʻgʻri.',
        'login_wait': 'Muvaffaqiyatsiz urinishlar juda koʻp. {n} soniya kutib, qaytadan urinib koʻring.',
    },
}


def supported_language(tag: Any) -> Optional[str]:
    """The language of `LANGUAGES` that the language tag ``tag`` names, by its primary subtag
    (``'de-AT'`` is ``'de'``, ``'zh-TW'`` and ``'zh-Hant'`` are ``'zh'``, ``'kz'`` is ``'kk'``);
    None for any other tag."""
    if not isinstance(tag, str):
        return None
    primary = tag.strip().replace('_', '-').split('-')[0].lower()
    primary = ALIASES.get(primary, primary)
    return primary if primary in LANGUAGES else None


def check_language(function: str, value: Any) -> Optional[str]:
    """The language ``value`` names, for the ``language`` argument of ``function``: None stays
    None (the browser's); a tag of a language of `LANGUAGES` gives its code; anything else raises
    (`ValueError` for an unknown language, naming those there are)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError('%s(): language must be a language code such as %r, or None, got %r'
                        % (function, LANGUAGES[0], value))
    language = supported_language(value)
    if language is None:
        raise ValueError('%s(): unknown language %r; the languages are %s (%s), or None for the '
                         "browser's" % (function, value, ', '.join(LANGUAGES),
                                        ', '.join('%r for %r' % item for item in ALIASES.items())))
    return language


def preferred_languages(accept_language: str) -> List[str]:
    """The language tags of an ``Accept-Language`` header, most preferred first (by their
    ``q``, ties in the header's order), without those of ``q=0`` and ``*``."""
    ranked = []
    for position, part in enumerate((accept_language or '').split(',')):
        tag, _, params = part.partition(';')
        tag = tag.strip()
        quality = 1.0
        for param in params.split(';'):
            name, _, value = param.partition('=')
            if name.strip().lower() == 'q':
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != '*' and quality > 0:
            ranked.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(ranked)]


def browser_language(tags: Iterable[str]) -> str:
    """The language of the page for a browser whose preferred languages are ``tags`` (most
    preferred first): the first PyWebIO has, else English."""
    for tag in tags:
        language = supported_language(tag)
        if language is not None:
            return language
    return 'en'


def language_of(session: Any) -> str:
    """The language the page of ``session`` speaks: the app's choice (`Session.chosen_language`,
    from ``config(language=...)`` or ``set_env(language=...)``), else the browser's."""
    chosen = getattr(session, 'chosen_language', None)
    if chosen:
        return chosen
    info = getattr(session, 'info', None)
    return browser_language(getattr(info, 'user_languages', None) or [getattr(info, 'user_language', '')])


def messages_for(language: str) -> Messages:
    """The words of the server in ``language`` (a code or tag; English for an unknown one)."""
    return _MESSAGES[supported_language(language) or 'en']


def _number(messages: Messages, value: Any) -> str:
    text = str(value).replace('.', messages['_decimal'])
    return text.translate(str.maketrans('0123456789', messages['_digits']))


def say(messages: Messages, key: str, **values: Any) -> str:
    """The message ``key`` of ``messages``, its ``{name}`` placeholders filled from ``values``;
    numbers are written as the language writes them (Persian digits, decimal commas...)."""
    return messages[key].format(**{name: _number(messages, value) if isinstance(value, (int, float)) else value
                                   for name, value in values.items()})


def human_size(size: int, messages: Optional[Messages] = None) -> str:
    """``size`` bytes for a person: ``'1.5 MB'``, ``'300 bytes'``, in the language of ``messages``."""
    messages = messages or _MESSAGES['en']
    for key, factor in (('size_gb', 1024 ** 3), ('size_mb', 1024 ** 2), ('size_kb', 1024)):
        if size >= factor:
            return say(messages, key, n=_number(messages, ('%.1f' % (size / factor)).rstrip('0').rstrip('.')))
    return say(messages, 'size_b', n=size)

"""The page of an app: its configuration (`config`, `seo`) and the HTML that applies it (`render_page`).

A PyWebIO app is one HTML page (``STATIC_PATH/index.html``, with its stylesheet and script) that
connects back to the server. What a developer may change about that page is its *configuration*:
title and description (for search engines and link previews), theme, the language of the page's
own words, extra JavaScript and CSS, and the web app manifest. It comes from two places, merged
key by key:

- the **global** configuration, set by calling ``config(...)`` as a statement: every app of the
  process;
- the app's **own**, set by ``@config(...)`` (or `seo`) on its task function: wins over the global
  value of each key it sets. Without a title of its own, an app's title is the first paragraph of
  its task function's docstring, and its description the rest (as in PyWebIO 1.x).

The configuration reaches the browser in one of two ways:

- the server renders the page for the app (`render_page`), as `start_server` does: the settings
  are in the HTML, so the page looks right from its first paint;
- the developer serves ``index.html`` as a static file (mounting PyWebIO in another framework, the
  guide's way): the session then sends the same settings once, at its start, in a ``page_config``
  command (`page_config_command`), and the browser applies them. A rendered page carries
  ``data-pywebio-page="rendered"`` on ``<html>`` and ignores that command.

Themes are stylesheets beside the default one: theme ``NAME`` is ``css/pywebio-NAME.css`` and the
default theme is ``css/pywebio.css``. A page loads exactly one of them, or its right-to-left build
(``css/pywebio-NAME.rtl.css``, ``css/pywebio.rtl.css``: Bootstrap's RTL build) when its language
is written right to left.
"""
import functools
import html
import json
import logging
import os
import urllib.parse
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar, Union

from .. import STATIC_PATH
from .._languages import RTL_LANGUAGES, check_language
from ..utils import get_function_doc

logger = logging.getLogger(__name__)

__all__ = ['config', 'seo', 'render_page', 'render_manifest', 'page_config_command', 'api_page', 'THEMES',
           'MANIFEST_QUERY']

#: The themes a page may use (``config(theme=...)``).
THEMES = ('default', 'dark', 'sketchy', 'minty', 'yeti')

#: The query parameter of the page's own URL that asks for its web app manifest instead:
#: a rendered page links to ``?pywebio_manifest``.
MANIFEST_QUERY = 'pywebio_manifest'

#: The keys of a page configuration, with their defaults.
DEFAULTS: Dict[str, Any] = {'title': None, 'description': None, 'theme': None, 'js_code': None,
                            'js_file': [], 'css_style': None, 'css_file': [], 'manifest': True,
                            'api_origins': [], 'language': None}

#: The schemes of an API address: the page speaks WebSocket or HTTP long-polling.
API_SCHEMES = ('http', 'https', 'ws', 'wss')

_APP_ATTR = '_pywebio_config'

F = TypeVar('F', bound=Callable[..., Any])

#: The global configuration: the keys the last ``config()`` call set.
_global: Dict[str, Any] = {}


def theme_stylesheet(theme: Optional[str], rtl: bool = False) -> str:
    """The stylesheet of a theme, relative to the static files: ``css/pywebio-NAME.css``, or
    with ``rtl`` its right-to-left build ``css/pywebio-NAME.rtl.css``."""
    name = 'pywebio' if theme in (None, 'default') else 'pywebio-%s' % theme
    return 'css/%s%s.css' % (name, '.rtl' if rtl else '')


def _check_theme(function: str, theme: Any) -> None:
    if theme is not None and theme not in THEMES:
        raise ValueError('%s(): unknown theme %r; the themes are %s' % (function, theme, ', '.join(THEMES)))


def _check_text(function: str, name: str, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError('%s(): %s must be a string, got %r' % (function, name, value))


def _url_list(function: str, name: str, value: Any) -> List[str]:
    urls = [value] if isinstance(value, str) else value
    if not isinstance(urls, (list, tuple)) or not all(isinstance(url, str) for url in urls):
        raise TypeError('%s(): %s must be a URL or a list of URLs, got %r' % (function, name, value))
    return list(urls)


def _origin_list(function: str, value: Any) -> List[str]:
    origins = [value] if isinstance(value, str) else value
    if not isinstance(origins, (list, tuple)):
        raise TypeError("%s(): api_origins must be an origin or a list of origins such as "
                        "'https://api.example.com', got %r" % (function, value))
    checked = []
    for origin in origins:
        parts = urllib.parse.urlsplit(origin) if isinstance(origin, str) else None
        if (parts is None or parts.scheme not in API_SCHEMES or not parts.hostname or parts.path not in ('', '/')
                or parts.query or parts.fragment or parts.username or parts.password):
            raise ValueError("%s(): api_origins must be origins (scheme://host[:port], the scheme one of "
                             "%s), such as 'https://api.example.com', got %r" % (function, ', '.join(API_SCHEMES), origin))
        checked.append('%s://%s' % (parts.scheme, parts.netloc.lower()))
    return checked


def _given(function: str, values: Dict[str, Any]) -> Dict[str, Any]:
    """Check the arguments of `config` and keep those that differ from the defaults."""
    for name in ('title', 'description', 'js_code', 'css_style'):
        _check_text(function, name, values[name])
    _check_theme(function, values['theme'])
    values['language'] = check_language(function, values['language'])
    values['js_file'] = _url_list(function, 'js_file', values['js_file'])
    values['css_file'] = _url_list(function, 'css_file', values['css_file'])
    values['api_origins'] = _origin_list(function, values['api_origins'])
    manifest = values['manifest']
    if not isinstance(manifest, (bool, dict)):
        raise TypeError('%s(): manifest must be True, False or a dict of manifest members, got %r'
                        % (function, manifest))
    if isinstance(manifest, dict):
        try:
            json.dumps(manifest)
        except (TypeError, ValueError) as error:
            raise TypeError('%s(): manifest must be JSON-serialisable: %s' % (function, error)) from None
    return {key: value for key, value in values.items() if value != DEFAULTS[key] or
            (key == 'manifest' and value is not True)}


class _ConfigDecorator:
    """What ``config(...)`` returns: it has already set the global configuration; applied to a task
    function, it gives that configuration to the function instead and restores the global one."""

    def __init__(self, values: Dict[str, Any], previous: Dict[str, Any]) -> None:
        self._values = values
        self._previous = previous

    def __call__(self, app: F) -> F:
        global _global
        if not callable(app):
            raise TypeError('config(...) decorates a task function, got %r' % (app,))
        if _global is self._values:  # used as a decorator, not as a statement
            _global = self._previous
        return _configured(app, self._values)


def _configured(app: F, values: Dict[str, Any]) -> F:
    """A copy of ``app`` (a ``functools.partial`` of it) with its configuration and ``values``:
    ``app`` itself is left as it was, so one function can make several apps, each configured its
    own way (1.x's demos/theme.py: ``config(theme=t)(page)`` for every theme)."""
    copy = functools.update_wrapper(functools.partial(app), app)  # its name and docstring too
    setattr(copy, _APP_ATTR, {**(getattr(app, _APP_ATTR, None) or {}), **values})
    return copy  # type: ignore[return-value]


def config(*, title: Optional[str] = None, description: Optional[str] = None, theme: Optional[str] = None,
           js_code: Optional[str] = None, js_file: Union[str, List[str]] = [], css_style: Optional[str] = None,
           css_file: Union[str, List[str]] = [], manifest: Union[bool, dict] = True,
           api_origins: Union[str, List[str]] = [], language: Optional[str] = None) -> Any:
    """Configure the page of the apps: title, description, theme, language, extra JavaScript and
    CSS, manifest.

    Called as a statement, it sets the configuration of every app of the process (and replaces
    what an earlier call set). Used as a decorator on a task function, it configures that app
    only; the app's values win over the global ones, key by key. It returns a configured copy
    (a ``functools.partial`` with the function's name and docstring) and leaves the function as it
    was, as 1.x does: ``config(theme=t)(page)`` makes one app per theme from one function. ``pywebio.config`` and
    ``pywebio.platform.config`` are this function.

    :param title: the title of the page (the browser tab, search results, link previews). By
        default the first paragraph of the task function's docstring, else ``PyWebIO``.
    :param description: the ``<meta name="description">`` of the page; by default the rest of
        the docstring.
    :param theme: ``'default'``, ``'dark'``, ``'sketchy'``, ``'minty'`` or ``'yeti'``. Another name
        raises `ValueError`. The environment variable ``PYWEBIO_THEME`` gives the theme when no
        call does. All themes are served by PyWebIO itself, with local fonts only.
    :param js_code: JavaScript run once when the page loads (the developer's, trusted).
    :param js_file: the URL, or a list of URLs, of JavaScript files the page loads, in order.
    :param css_style: CSS added to the page (the developer's, trusted).
    :param css_file: the URL, or a list of URLs, of stylesheets the page loads after its theme.
    :param manifest: the web app manifest, which lets a phone add the app to its home screen:
        ``True`` (a default one named after the title), a dict of manifest members merged over
        the default one, or ``False`` for none. The rendered page links to it at its own URL
        with ``?pywebio_manifest``.
    :param api_origins: the origins, besides the page's own host (any port), of the servers the
        page may connect to when its URL names one with ``pywebio_api``, such as
        ``['https://api.example.com']``. A page served by PyWebIO refuses any other
        ``pywebio_api``, so that a link cannot point the app's page at someone else's server
        (docs/deploy.md). ``ws://`` and ``http://`` of a host are the same origin here.
    :param language: the language of the page's own words (Submit, Reset, Cancel, validation
        messages, notices), whatever the visitor's browser prefers: ``'en'``, ``'zh'``, ``'ru'``,
        ``'de'``, ``'fa'`` (Persian: the page is laid out right to left), ``'kk'`` (Kazakh;
        ``'kz'``, 1.8's name for it, is accepted) or ``'uz'``. A tag such as ``'de-AT'`` names
        its language; another language raises `ValueError`. ``None`` (the default): each
        visitor's browser chooses, by its preferred languages (``navigator.languages``), English
        when it prefers none of these. ``<html lang>`` is the language. One session can choose
        another with ``pywebio.session.set_env(language=...)`` (docs/compat.md, *Languages*).

    A page served as a static file (PyWebIO mounted in another web framework) gets the same
    settings from the session once it connects, except the manifest, which needs the rendered
    page.

    Example::

        import pywebio

        pywebio.config(theme='dark', language='de')   # every app: dark, in German

        @pywebio.config(title='BMI calculator', css_style='p { font-size: 1.25rem }')
        def bmi():                            # this app: dark and German too, with its own title
            ...
    """
    values = _given('config', {'title': title, 'description': description, 'theme': theme,
                               'js_code': js_code, 'js_file': js_file, 'css_style': css_style,
                               'css_file': css_file, 'manifest': manifest, 'api_origins': api_origins,
                               'language': language})
    global _global
    previous = _global
    _global = values
    return _ConfigDecorator(values, previous)


def seo(title: str, description: Optional[str] = None, app: Optional[F] = None) -> Any:
    """Set the title and description of an app's page (PyWebIO 1.x; `config` does more).

    :param title: the page's title.
    :param description: its ``<meta name="description">``.
    :param app: the task function to configure: a configured copy of it is returned (the
        function itself is unchanged). Without it, `seo` returns a decorator.

    Example::

        @seo('BMI calculator', 'Body mass index from height and weight')
        def bmi():
            ...

        start_server(seo('Tool', app=main))
    """
    _check_text('seo', 'title', title)
    _check_text('seo', 'description', description)
    values = {key: value for key, value in (('title', title), ('description', description)) if value is not None}

    def decorate(func: F) -> F:
        if not callable(func):
            raise TypeError('seo() configures a task function, got %r' % (func,))
        return _configured(func, values)

    return decorate(app) if app is not None else decorate


def _docstring_meta(app: Any) -> Dict[str, str]:
    text = get_function_doc(app)  # a partial's is its function's, as in 1.x
    if not text.strip():
        return {}
    title, _, rest = text.partition('\n\n')
    meta = {'title': ' '.join(title.split())}
    if rest.strip():
        meta['description'] = rest.strip()
    return meta


def own_title_and_description(app: Callable[..., Any]) -> Tuple[Optional[str], Optional[str]]:
    """``(title, description)`` of ``app`` itself, for an index of apps: those `config` or `seo` gave
    it, else the first paragraph of its docstring as its title. The global configuration, which is
    every app's, is left out."""
    own = getattr(app, _APP_ATTR, None) or {}
    return own.get('title') or _docstring_meta(app).get('title'), own.get('description')


def app_config(app: Optional[Callable[..., Any]]) -> Dict[str, Any]:
    """The configuration of ``app``'s page: defaults, then the global config, then the app's own
    (its docstring gives title and description when no config does)."""
    merged = dict(DEFAULTS)
    env_theme = os.environ.get('PYWEBIO_THEME')
    if env_theme:
        if env_theme in THEMES:
            merged['theme'] = env_theme
        else:
            logger.warning('PYWEBIO_THEME=%r is not a theme (%s): using the default', env_theme, ', '.join(THEMES))
    merged.update(_global)
    own = (getattr(app, _APP_ATTR, None) or {}) if app is not None else {}
    if app is not None and 'title' not in _global and 'title' not in own:
        merged.update({key: value for key, value in _docstring_meta(app).items()
                       if key == 'title' or ('description' not in _global and 'description' not in own)})
    merged.update(own)
    return merged


def render_manifest(app: Optional[Callable[..., Any]]) -> Optional[str]:
    """The web app manifest (JSON) of ``app``'s page, or None when its config turns it off."""
    conf = app_config(app)
    if conf['manifest'] is False:
        return None
    name = conf['title'] or 'PyWebIO'
    manifest: Dict[str, Any] = {'name': name, 'short_name': name, 'start_url': '.', 'display': 'standalone'}
    if conf['description']:
        manifest['description'] = conf['description']
    if isinstance(conf['manifest'], dict):
        manifest.update(conf['manifest'])
    return json.dumps(manifest, ensure_ascii=False)


def page_config_command(app: Optional[Callable[..., Any]]) -> Optional[dict]:
    """The ``page_config`` command that applies ``app``'s configuration to a page served as a
    static file; None when there is nothing to apply (the default page)."""
    conf = app_config(app)
    spec = {key: conf[key] for key in ('title', 'description', 'theme', 'js_code', 'js_file',
                                       'css_style', 'css_file', 'language')}
    if spec['theme'] == 'default':
        spec['theme'] = None
    if not any(spec.values()):
        return None
    return {'command': 'page_config', 'task_id': None, 'spec': spec}


def _read_index() -> str:
    with open(os.path.join(STATIC_PATH, 'index.html'), encoding='utf-8') as file:
        return file.read()


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise RuntimeError('index.html has changed: expected %r once in it' % old)
    return text.replace(old, new)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _script_text(code: str) -> str:
    # the developer's code, trusted; only keep it from ending its own <script> element early
    return code.replace('</script', '<\\/script').replace('</SCRIPT', '<\\/SCRIPT')


def render_page(app: Optional[Callable[..., Any]], base_url: str = '', api_self: bool = False) -> str:
    """The HTML of the page for ``app``, with its config (global, then the app's own) applied.

    :param app: the task function whose page this is (None: the global configuration only).
    :param base_url: the URL prefix of the static files (``css/``, ``js/``), ending with ``/``,
        or ``''`` when they are beside the page.
    :param api_self: the page is served by the API itself, at the API's URL (`api_page`): it
        connects to its own URL instead of ``./io`` (``<meta name="pywebio-api" content="self">``).

    Text values (title, description, URLs) are HTML-escaped; ``js_code`` and ``css_style`` are
    the developer's code and go in as they are.
    """
    conf = app_config(app)
    page = _read_index()
    language = conf['language']
    rtl = language in RTL_LANGUAGES
    # the app's language (config(language=...)): the page starts in it; without one, it is the
    # browser's, which the page's script finds (webiojs/src/i18n.ts)
    chosen = (' lang="%s"%s data-pywebio-language="%s"' % (language, ' dir="rtl"' if rtl else '', language)
              if language else ' lang="en"')
    page = _replace_once(page, '<html lang="en">', '<html%s data-pywebio-page="rendered">' % chosen)
    head: List[str] = []
    if conf['title'] is not None:
        page = _replace_once(page, '<title>PyWebIO</title>', '<title>%s</title>' % html.escape(conf['title']))
    if conf['description'] is not None:
        head.append('<meta name="description" content="%s">' % _attr(conf['description']))
    if api_self:
        head.append('<meta name="pywebio-api" content="self">')
    if conf['api_origins']:  # besides its own host: read by the page before it connects
        head.append('<meta name="pywebio-api-origins" content="%s">' % _attr(' '.join(conf['api_origins'])))
    if conf['manifest'] is not False:
        head.append('<link rel="manifest" href="?%s">' % MANIFEST_QUERY)
    head.append('<link rel="stylesheet" href="%s">' % _attr(base_url + theme_stylesheet(conf['theme'], rtl)))
    head.extend('<link rel="stylesheet" href="%s">' % _attr(url) for url in conf['css_file'])
    if conf['css_style']:
        head.append('<style>%s</style>' % conf['css_style'].replace('</style', '<\\/style'))
    head.extend('<script src="%s"></script>' % _attr(url) for url in conf['js_file'])
    head.append('<script type="module" src="%s"></script>' % _attr(base_url + 'js/pywebio.js'))
    page = _replace_once(page, '<link rel="stylesheet" href="css/pywebio.css">\n'
                               '<script type="module" src="js/pywebio.js"></script>', '\n'.join(head))
    # 1.x's class of the theme, which programs' own CSS selects on (`.webio-theme-dark ...`)
    page = _replace_once(page, '<body>', '<body class="webio-theme-%s">' % (conf['theme'] or 'default'))
    if conf['js_code']:
        page = _replace_once(page, '</body>', '<script>%s</script>\n</body>' % _script_text(conf['js_code']))
    return page


def api_page(apps: Dict[str, Callable[..., Any]], args: Any) -> Tuple[int, str, str]:
    """``(status, content type, body)`` of a plain GET (no WebSocket upgrade, no session) of an
    API URL, as PyWebIO 1.x's ``webio_handler`` and ``webio_view`` answered it: the rendered page
    of the app the ``app`` URL parameter of ``args`` names, connecting back to that same URL, or
    its manifest at ``?pywebio_manifest``. The page loads its assets (``css/``, ``js/``) from
    beside that URL: mount the static files there, as the guide does.

    An unknown app gets 404 and the page, whose session says so (`pywebio.platform.apps.page_for`).
    """
    from .apps import DEFAULT_APP, app_name_of
    name = app_name_of(args)
    app = apps.get(name)
    if MANIFEST_QUERY in args:
        manifest = render_manifest(app)
        if manifest is None:
            return 404, 'text/plain; charset=utf-8', 'no manifest'
        return 200, 'application/manifest+json', manifest
    status = 200 if app is not None or name == DEFAULT_APP else 404
    return status, 'text/html; charset=utf-8', render_page(app, api_self=True)

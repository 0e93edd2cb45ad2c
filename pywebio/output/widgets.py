"""Widgets: tabs, templates (`put_widget`), alerts, loading spinners and progress bars."""
import numbers
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .._page import Output, page_of, placement, put, send
from .._text import shown_text
from ..session import get_current_session
from .content import check_color
from .layout import new_box_name


def _text_or_output(function: str, where: str, value: Any, embeds: List[Output]) -> Any:
    """A cell of 1.x-only containers: an output, or text (strings are never HTML there)."""
    if isinstance(value, Output):
        embeds.append(value)
        return {'output': value.id}
    if isinstance(value, str):
        return {'text': value}
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return {'text': str(value)}
    raise TypeError('%s(): %s is %r; give a string or the result of a put_* function such as put_text(...)'
                    % (function, where, value))


# -- tabs ---------------------------------------------------------------------------------------

def put_tabs(tabs: List[Dict[str, Any]], *, scope: Optional[str] = None, position: int = -1,
             anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show tabs: one panel at a time, chosen by its title.

    :param tabs: the tabs, each a dict ``{'title': 'Title', 'content': ...}``. The content is a
        string (shown as text), a ``put_*`` result, or a list of them.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    The first tab is selected. A click, or the Left/Right/Home/End keys on the tab titles, selects
    another (the titles form an accessible tab list).

    Example::

        put_tabs([
            {'title': 'Text', 'content': 'Hello world'},
            {'title': 'Markdown', 'content': put_markdown('~~Strikethrough~~')},
            {'title': 'More content', 'content': [
                put_table([['Commodity', 'Price'], ['Apple', '5.5']]),
                put_link('pywebio', 'https://github.com/pywebio/PyWebIO'),
            ]},
        ])
    """
    function = 'put_tabs'
    if not isinstance(tabs, (list, tuple)) or not tabs:
        raise TypeError("put_tabs(): tabs must be a non-empty list of dicts {'title': ..., 'content': ...}, got %r"
                        % (tabs,))
    embeds: List[Output] = []
    specs = []
    for index, tab in enumerate(tabs):
        if not isinstance(tab, dict) or 'title' not in tab or 'content' not in tab:
            raise TypeError("put_tabs(): tab %d is %r; a tab must be a dict {'title': ..., 'content': ...}"
                            % (index, tab))
        title = shown_text(function, 'the title of tab %d' % index, tab['title'])
        content = tab['content']
        items = content if isinstance(content, (list, tuple)) else [content]
        cells = [_text_or_output(function, 'tab %d content item %d' % (index, i), item, embeds)
                 for i, item in enumerate(items) if item is not None]
        specs.append({'title': title, 'content': cells})
    place = placement(function, scope, position, anchor, before, after)
    return put(function, 'tabs', {'tabs': specs}, place, embeds)


# -- put_widget -----------------------------------------------------------------------------------

def _widget_data(value: Any, path: str, embeds: List[Output], depth: int = 0) -> Any:
    """``data`` as JSON, with every output replaced by ``{"$output": id}``."""
    if depth > 64:
        raise ValueError('put_widget(): data is nested too deeply at %s (a loop?)' % path)
    if isinstance(value, Output):
        embeds.append(value)
        return {'$output': value.id}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict):
        converted = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError('put_widget(): the keys of data must be strings, got %r at %s' % (key, path))
            converted[key] = _widget_data(item, '%s[%r]' % (path, key), embeds, depth + 1)
        return converted
    if isinstance(value, (list, tuple)):
        return [_widget_data(item, '%s[%d]' % (path, i), embeds, depth + 1) for i, item in enumerate(value)]
    if isinstance(value, numbers.Number):
        return float(value)
    raise TypeError('put_widget(): %s is %r; data may hold strings, numbers, bools, None, lists, dicts and '
                    'put_* results' % (path, value))


def put_widget(template: str, data: Dict[str, Any], *, scope: Optional[str] = None, position: int = -1,
               anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show your own widget: an HTML template in `Mustache <https://mustache.github.io/>`_ syntax.

    :param template: the template, HTML you wrote (it is trusted, like `put_html`; ``<script>``
        elements do not run). ``{{name}}`` shows a value of ``data`` as text (escaped);
        ``{{& name}}`` and ``{{{name}}}`` insert it as HTML, so use them only for your own HTML.
    :param data: the values for the template. Values (also inside lists and dicts) may be ``put_*``
        results: show them with ``{{& pywebio_output_parse}}`` inside a section over them, such as
        ``{{#contents}}{{& pywebio_output_parse}}{{/contents}}``. Over a string or a number,
        ``pywebio_output_parse`` shows it as text. Outputs that the template does not show are
        removed from the page.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    The template is rendered in the browser, by mustache.js.

    Example::

        tpl = '''
        <details {{#open}}open{{/open}}>
            <summary>{{title}}</summary>
            {{#contents}}
                {{& pywebio_output_parse}}
            {{/contents}}
        </details>
        '''
        put_widget(tpl, {
            "open": True,
            "title": 'More content',
            "contents": [
                'text',
                put_markdown('~~Strikethrough~~'),
                put_table([['Commodity', 'Price'], ['Apple', '5.5']]),
            ],
        })
    """
    if not isinstance(template, str):
        raise TypeError('put_widget(): template must be a string of HTML with Mustache tags, got %r' % (template,))
    if not isinstance(data, dict):
        raise TypeError('put_widget(): data must be a dict of the values for the template, got %r' % (data,))
    embeds: List[Output] = []
    converted = _widget_data(data, 'data', embeds)
    place = placement('put_widget', scope, position, anchor, before, after)
    return put('put_widget', 'widget', {'template': template, 'data': converted}, place, embeds)


# -- alerts -------------------------------------------------------------------------------------

def _alert(function: str, color: str, contents: Tuple[Any, ...], closable: Any, place: Any) -> Output:
    embeds: List[Output] = []
    cells = [_alert_cell(item, embeds) for item in contents]
    return put(function, 'alert', {'color': color, 'contents': cells, 'closable': bool(closable)}, place, embeds,
               box=new_box_name('alert'))


def _put_message(color: str, contents: Sequence[Any], closable: bool = False, scope: Optional[str] = None,
                 position: int = -1) -> Output:
    """1.x's internal maker of the alerts, kept for add-ons that call it (pywebio_battery's
    ``file_picker``): an alert of any Bootstrap colour (``'secondary'``...) with ``contents``, a
    list of strings (text) and ``put_*`` results. Programs use `put_info` and its siblings."""
    check_color('_put_message', 'color', color)
    if not isinstance(contents, (list, tuple)):
        raise TypeError('_put_message(): contents must be a list, got %r' % (contents,))
    return _alert('_put_message', color, tuple(contents), closable, placement('_put_message', scope, position))


def _alert_cell(item: Any, embeds: List[Output]) -> Any:
    if isinstance(item, Output):
        embeds.append(item)
        return {'output': item.id}
    return {'text': str(item)}  # as 1.x: anything else is shown as put_text would show it


_ALERT_DOC = """Show a{n} {kind} message: a Bootstrap alert, coloured {colour}.

    :param contents: the content: strings (shown as text, never HTML), other objects (shown as
        ``str(obj)``) and ``put_*`` results, in order.
    :param closable: show a *Close* button that removes the message.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`. It is also a context manager: output put inside ``with {name}():``
        goes into the message.

    Example::

        {name}('{example}', put_markdown('**in Markdown**'), closable=True)
    """


def put_info(*contents: Any, closable: bool = False, scope: Optional[str] = None, position: int = -1,
             anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    place = placement('put_info', scope, position, anchor, before, after)
    return _alert('put_info', 'info', contents, closable, place)


def put_success(*contents: Any, closable: bool = False, scope: Optional[str] = None, position: int = -1,
                anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    place = placement('put_success', scope, position, anchor, before, after)
    return _alert('put_success', 'success', contents, closable, place)


def put_warning(*contents: Any, closable: bool = False, scope: Optional[str] = None, position: int = -1,
                anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    place = placement('put_warning', scope, position, anchor, before, after)
    return _alert('put_warning', 'warning', contents, closable, place)


def put_error(*contents: Any, closable: bool = False, scope: Optional[str] = None, position: int = -1,
              anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    place = placement('put_error', scope, position, anchor, before, after)
    return _alert('put_error', 'danger', contents, closable, place)


put_info.__doc__ = _ALERT_DOC.format(n='n', kind='information', colour='blue', name='put_info',
                                     example='Saved.')
put_success.__doc__ = _ALERT_DOC.format(n='', kind='success', colour='green', name='put_success',
                                        example='Done!')
put_warning.__doc__ = _ALERT_DOC.format(n='', kind='warning', colour='yellow', name='put_warning',
                                        example='Careful.')
put_error.__doc__ = _ALERT_DOC.format(n='n', kind='error', colour='red', name='put_error',
                                      example='It failed.')


# -- loading and progress -----------------------------------------------------------------------

def _remove_output(function: str, output: Output) -> None:
    """Remove ``output`` from the page (command ``remove``), with what is in it."""
    send(function, 'remove', {'id': output.id}, update=lambda model: model.remove(output.id))


class _LoadingOutput(Output):
    """`put_loading`'s output: leaving its ``with`` block removes it, with the output put inside."""

    def __exit__(self, *exc_info: Any) -> None:
        super().__exit__(*exc_info)
        _remove_output('put_loading', self)


_SHAPES = ('border', 'grow')


def put_loading(shape: str = 'border', color: str = 'dark', *, scope: Optional[str] = None, position: int = -1,
                anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show a loading spinner (announced as "Loading..." to screen readers).

    :param shape: ``'border'`` (a turning ring, the default) or ``'grow'`` (a pulsing dot).
    :param color: ``'primary'``, ``'secondary'``, ``'success'``, ``'danger'``, ``'warning'``,
        ``'info'``, ``'light'`` or ``'dark'`` (the default).
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`. Used as a context manager, the spinner is removed when the block
        ends, with the output put inside the block.

    Example::

        with put_loading():
            put_text('Working...')
            time.sleep(3)  # something slow
        put_text('Done')

        put_loading(color='primary').style('width: 4rem; height: 4rem')
    """
    if shape not in _SHAPES:
        raise ValueError("put_loading(): shape must be 'border' or 'grow', got %r" % (shape,))
    check_color('put_loading', 'color', color)
    place = placement('put_loading', scope, position, anchor, before, after)
    output = put('put_loading', 'loading', {'shape': shape, 'color': color}, place, box=new_box_name('loading'))
    output.__class__ = _LoadingOutput  # the same object, with the ``with`` behaviour of a spinner
    return output


#: name -> (output, auto_close) of the progress bars put in each session


def _check_progress(function: str, argument: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != value:
        raise TypeError('%s(): %s must be a number from 0 to 1 (0.5 is half done), got %r' % (function, argument, value))
    return float(value)


def _check_bar_name(function: str, name: Any) -> None:
    if not isinstance(name, str) or not name:
        raise TypeError('%s(): name must be a non-empty string that names the progress bar, got %r' % (function, name))


def _label(function: str, label: Any, value: float) -> str:
    if label is None:
        return '%.1f%%' % (value * 100)
    return shown_text(function, 'label', label)


def put_progressbar(name: str, init: float = 0, label: Optional[str] = None, auto_close: bool = False, *,
                    scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
                    before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show a progress bar; `set_progressbar` moves it.

    :param name: the bar's name in this session, for `set_progressbar`. A new bar of the same name
        takes the name over.
    :param init: the progress, from 0 to 1.
    :param label: the text on the bar; by default the percentage, such as ``'40.0%'``.
    :param auto_close: remove the bar when `set_progressbar` sets it to 1.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Example::

        import time

        put_progressbar('bar')
        for i in range(1, 11):
            set_progressbar('bar', i / 10)
            time.sleep(0.1)
    """
    function = 'put_progressbar'
    _check_bar_name(function, name)
    value = _check_progress(function, 'init', init)
    text = _label(function, label, value)
    place = placement(function, scope, position, anchor, before, after)
    output = put(function, 'progressbar', {'value': value, 'label': text, 'auto_close': bool(auto_close)}, place)
    page = page_of(get_current_session())
    with page.lock:
        page.progressbars[name] = (output, bool(auto_close))
    return output


def set_progressbar(name: str, value: float, label: Optional[str] = None) -> None:
    """Set the progress of the bar ``name`` (see `put_progressbar`).

    :param name: the name the bar was put with; ``ValueError`` if no bar of that name was put in
        this session.
    :param value: the progress, from 0 to 1.
    :param label: the text on the bar; by default the percentage, such as ``'40.0%'``.

    Example::

        set_progressbar('bar', 0.5, label='Half way')
    """
    function = 'set_progressbar'
    _check_bar_name(function, name)
    progress = _check_progress(function, 'value', value)
    text = _label(function, label, progress)
    page = page_of(get_current_session())
    with page.lock:
        found = page.progressbars.get(name)
        known = sorted(page.progressbars)
    if found is None:
        raise ValueError('%s(): there is no progress bar named %r in this session; put it first with '
                         'put_progressbar(%r). %s' % (function, name, name,
                                                      'Bars put so far: %s' % ', '.join(map(repr, known))
                                                      if known else 'No bar was put so far.'))
    output, auto_close = found
    closing = auto_close and progress >= 1
    send(function, 'set_progressbar', {'id': output.id, 'value': progress, 'label': text},
         update=(lambda model: model.remove(output.id)) if closing else None)  # the browser removes it


def put_processbar(name: str, init: float = 0, label: Optional[str] = None, auto_close: bool = False, *,
                   scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
                   before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """The old name of `put_progressbar`, kept for programs that use it."""
    return put_progressbar(name, init, label, auto_close, scope=scope, position=position, anchor=anchor,
                           before=before, after=after)


def set_processbar(name: str, value: float, label: Optional[str] = None) -> None:
    """The old name of `set_progressbar`, kept for programs that use it."""
    set_progressbar(name, value, label)


"""Content outputs: text, markdown, HTML, code, links, images, files, tables and buttons."""
import numbers
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

from .._page import Output, cell, placement, put
from .._text import shown_text
from .._values import (base64_text, check_bytes, check_link_url, check_text, css_length,
                      dedent_markdown, image_src)
from ..session import Session
from ..session.base import ProtocolError

#: A table cell or popup item: trusted HTML, a number, or a ``put_*`` result.
Content = Union[str, int, float, Output, None]

#: The Bootstrap colour names that buttons, alerts and spinners take.
COLORS = ('primary', 'secondary', 'success', 'danger', 'warning', 'info', 'light', 'dark')


class Span:
    """A cell that covers several rows and/or columns: made by `pywebio.output.span`."""
    __slots__ = ('content', 'row', 'col')

    def __init__(self, content: Any, row: int, col: int) -> None:
        self.content, self.row, self.col = content, row, col

    def __repr__(self) -> str:
        return 'span(%r, row=%d, col=%d)' % (self.content, self.row, self.col)


def _table_cell(function: str, where: str, value: Any, embeds: List[Output]) -> Any:
    """A table cell as sent: `cell`, or a spanned cell for `span` (docs/protocol.md)."""
    if isinstance(value, Span):
        return {'cell': _table_cell(function, where, value.content, embeds), 'rowspan': value.row,
                'colspan': value.col}
    if not isinstance(value, (Output, str, numbers.Number)) and value is not None:
        return {'text': str(value)}  # as 1.x: a date, a bool, a list... shows as str(value), as text
    return cell(function, where, value, embeds)


def put_text(*texts: Any, sep: str = ' ', inline: bool = False,
             scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
             before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show text, like ``print()``: the arguments are turned into strings and joined by ``sep``.

    :param texts: the things to show; any objects, shown as ``str(obj)``.
    :param sep: the separator between them.
    :param inline: keep the next output on the same line, instead of starting a new paragraph.
    :param anchor: name this output (see `set_anchor`); an output already named so is replaced.
    :param before: put the output just before the anchor of this name, instead of at the end.
    :param after: put the output just after the anchor of this name.
    :return: the `Output`, which can also be placed in a `put_table` cell or a `popup`.

    The text is never interpreted as HTML: ``put_text('<hr/>')`` shows the five characters.
    Every ``put_*`` function takes ``anchor``, ``before`` and ``after`` the same way.

    Example::

        put_text("Hello world!")
        put_text('You are', 42, 'years old')
    """
    if not isinstance(sep, str):
        raise TypeError('put_text(): sep must be a string, got %r' % (sep,))
    place = placement('put_text', scope, position, anchor, before, after)
    return put('put_text', 'text', {'content': sep.join(map(str, texts)), 'inline': bool(inline)}, place)


def put_markdown(mdcontent: str, strip_indent: int = 0, lstrip: Optional[bool] = None, sanitize: bool = True, *,
                 options: Optional[Dict[str, Any]] = None, scope: Optional[str] = None, position: int = -1,
                 anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None,
                 math: bool = False, **kwargs: Any) -> Output:
    """Show Markdown, GitHub-flavoured: tables, ``~~strikethrough~~``, fenced code blocks.

    :param mdcontent: the Markdown text.
    :param strip_indent: remove this many leading spaces from every line that starts with them,
        so a triple-quoted string can follow the indentation of your code.
    :param lstrip: ``True``: remove all leading whitespace from every line. With the 1.x
        semantics (`pywebio.set_api`) it is on by default and removes the indentation common to
        all lines instead, as 1.x does. 1.x's ``put_markdown(text, True)`` (``lstrip`` second) works too.
    :param sanitize: clean the resulting HTML of scripts and event handlers (with DOMPurify).
        Turn it off only for Markdown you wrote yourself.
    :param options: PyWebIO 1.x passed these to its Markdown parser (marked). They are accepted,
        so 1.x programs run, and **ignored**: the Markdown is always GitHub-flavoured.
    :param kwargs: other keyword arguments 1.x accepted; also ignored (with a warning naming them).
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :param math: typeset TeX math with KaTeX: ``$...$`` inline, ``$$...$$`` displayed (in a
        paragraph, or as a block of lines of its own). A dollar stays text unless it opens and
        closes math by pandoc's rule: the opening ``$`` is followed by a non-space, the closing
        ``$`` is preceded by a non-space and not followed by a digit, so ``It costs $5 and $10``
        is plain text; ``\\$`` is a literal dollar; code spans and code blocks are never math.
        Invalid TeX shows as its source, in red. Off by default, because it changes what
        existing text with dollars shows. KaTeX is served with PyWebIO (also offline) and
        loaded only by pages that show math.
    :return: the `Output`.

    Example::

        put_markdown('~~strikethrough~~')
        put_markdown(r'Euler: $e^{i\\pi} + 1 = 0$, and $$\\sum_{n=1}^\\infty \\frac{1}{n^2} = \\frac{\\pi^2}{6}$$',
                     math=True)
        put_markdown('''
            | a | b |
            |---|---|
            | 1 | 2 |
        ''', strip_indent=4)
    """
    check_text('put_markdown', 'mdcontent', mdcontent)
    if options is not None and not isinstance(options, dict):
        raise TypeError('put_markdown(): options must be a dict of Markdown parser options or None, got %r'
                        % (options,))
    if kwargs:
        import warnings
        warnings.warn('put_markdown(): ignored the keyword argument%s %s'
                      % ('' if len(kwargs) == 1 else 's', ', '.join(sorted(kwargs))), stacklevel=2)
    if isinstance(strip_indent, bool):  # 1.x's signature: put_markdown(mdcontent, lstrip)
        strip_indent, lstrip = 0, strip_indent
    if isinstance(strip_indent, bool) or not isinstance(strip_indent, int) or strip_indent < 0:
        raise TypeError('put_markdown(): strip_indent must be a number of spaces (an int >= 0), got %r'
                        % (strip_indent,))
    if not isinstance(math, bool):
        raise TypeError('put_markdown(): math must be True or False, got %r' % (math,))
    place = placement('put_markdown', scope, position, anchor, before, after)
    spec = {'content': dedent_markdown(mdcontent, strip_indent, _lstrip_mode(lstrip)), 'sanitize': bool(sanitize)}
    if math:
        spec['math'] = True
    return put('put_markdown', 'markdown', spec, place)


def _lstrip_mode(lstrip: Optional[bool]) -> Union[bool, str]:
    from .._compat import is_1x
    if is_1x():
        return 'common' if lstrip is None or lstrip else False
    return bool(lstrip)


def put_html(html: Any, sanitize: bool = False, *, scope: Optional[str] = None, position: int = -1,
             anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show HTML that you wrote. It is inserted as is, so never pass text that came from a user.

    :param html: the HTML: a string, or an object with an ``__html__()`` or ``_repr_html_()``
        method (IPython's rich display, as 1.x accepts), whose HTML is shown.
    :param sanitize: clean the HTML of scripts, event handlers and ``javascript:`` links in the
        browser (with DOMPurify) before showing it: use it for HTML you did not write yourself.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    ``<script>`` elements in the HTML **run**, as in 1.x, so that the HTML that chart libraries
    (plotly, pyecharts, bokeh) make for embedding draws its chart: once, in the order they appear
    (a ``<script src=...>`` has loaded before the next script runs), as soon as the output is on
    the page, also when it was moved into a `put_table` cell, a `put_row`... A script runs as part
    of the page, with full access to it. With ``sanitize=True`` no script runs; scripts in
    `put_markdown`, in string table cells and in string popup content never run. See
    :doc:`charts` for showing plots, also offline.

    Example::

        put_html('<p>E = mc<sup>2</sup></p>')
        put_html(html_from_elsewhere, sanitize=True)
        put_html(plotly_figure.to_html(include_plotlyjs=True, full_html=False))
    """
    if not isinstance(html, str):
        render = getattr(html, '__html__', None) or getattr(html, '_repr_html_', None)
        if callable(render):
            html = render()
    check_text('put_html', 'html', html)
    place = placement('put_html', scope, position, anchor, before, after)
    if not sanitize and 'plotly' in html:  # plotly 5's include_plotlyjs='require' (pywebio/_amd.py)
        from .._amd import with_required_libraries
        from ..session import get_current_session
        html = with_required_libraries(get_current_session(), html)
    fields: Dict[str, Any] = {'content': html}
    if sanitize:
        fields['sanitize'] = True
    return put('put_html', 'html', fields, place)


def put_code(content: str, language: str = '', rows: Optional[int] = None, *,
             scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
             before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show source code, highlighted for ``language``.

    :param content: the code, shown as text; any other object is shown as ``str(obj)``, as 1.x
        does (``put_code(42)``).
    :param language: its language, such as ``'python'``, ``'javascript'`` or ``'bash'``;
        ``''`` (or ``None``) shows it plain. An unknown language is shown plain too.
    :param rows: show at most this many lines; longer code scrolls inside the block.
        ``None`` (the default) shows all of it.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    The highlighter is loaded by the browser the first time it is needed.

    Example::

        put_code('print("Hello")', language='python')
        put_code(open(__file__).read(), 'python', rows=10)
    """
    if not isinstance(content, str):
        content = str(content)  # as 1.x: put_code(42), put_code(some_dict)
    if language is None:
        language = ''
    check_text('put_code', 'language', language)
    if rows is not None and (isinstance(rows, bool) or not isinstance(rows, int) or rows < 1):
        raise TypeError('put_code(): rows must be a number of lines (an int >= 1) or None, got %r' % (rows,))
    place = placement('put_code', scope, position, anchor, before, after)
    fields: Dict[str, Any] = {'content': content, 'language': language}
    if rows is not None:
        fields['rows'] = rows
    return put('put_code', 'code', fields, place)


def put_link(name: str, url: Optional[str] = None, app: Optional[str] = None, new_window: bool = False, *,
             scope: Optional[str] = None, position: int = -1,
             anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show a link to ``url``, or to another app of the same server.

    :param name: the link's text (a number is shown as its digits).
    :param url: where it goes: an http(s) URL or a relative one. ``javascript:``, ``vbscript:``
        and ``data:`` URLs raise ``ValueError``.
    :param app: instead of ``url``: the name of an app on the same page, linked as ``?app=NAME``.
    :param new_window: open the link in a new tab.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Example::

        put_link('PyWebIO on PyPI', 'https://pypi.org/project/pywebio/')
        put_link('The other tool', app='other')
    """
    name = shown_text('put_link', 'name', name)
    if (url is None) == (app is None):
        raise ValueError('put_link(): give exactly one of url= or app=, got url=%r, app=%r' % (url, app))
    if app is not None:
        from urllib.parse import quote
        check_text('put_link', 'app', app)
        url = '?app=' + quote(app, safe='')
    place = placement('put_link', scope, position, anchor, before, after)
    return put('put_link', 'link', {'name': name, 'url': check_link_url('put_link', url),
                                    'new_window': bool(new_window)}, place)


def put_image(src: Any, format: Optional[str] = None, title: str = '', width: Union[int, str, None] = None,
              height: Union[int, str, None] = None, *,
              scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
              before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show an image.

    :param src: the image: its bytes (PNG, JPEG, GIF, WebP, SVG... recognised by their content),
        a Pillow image (if Pillow is installed), a matplotlib ``Figure`` (saved as PNG of its
        own size, ``figsize`` times ``dpi`` pixels), or a URL string.
    :param format: the format of the bytes (``'png'``, ``'jpeg'``...) when it cannot be
        recognised, or the format to encode a Pillow image in (by default its own, or PNG), or
        a matplotlib figure in (``'png'`` by default; ``'svg'``, ``'jpeg'``...).
    :param title: the text that describes the image (its ``alt`` text and tooltip).
    :param width: a number of pixels, or a CSS length such as ``'50%'``.
    :param height: the same, for the height.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Bytes travel inside the message (base64); for large images prefer a URL.

    Example::

        put_image(open('logo.png', 'rb').read(), title='Our logo', width=120)
        put_image('https://www.python.org/static/img/python-logo.png')
    """
    title = shown_text('put_image', 'title', title)
    fields = {'src': image_src('put_image', src, format), 'title': title,
              'width': css_length('put_image', 'width', width),
              'height': css_length('put_image', 'height', height)}
    place = placement('put_image', scope, position, anchor, before, after)
    return put('put_image', 'image', fields, place)


def put_file(name: str, content: bytes, label: Optional[str] = None, *,
             scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
             before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show a link that downloads ``content`` as a file called ``name``.

    :param name: the file name the browser saves under.
    :param content: the exact bytes of the file.
    :param label: the link's text; the file name by default.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    The bytes travel inside the message (base64), so keep files to a few megabytes.

    Example::

        put_file('hello_word.txt', b'hello word!')
    """
    check_text('put_file', 'name', name)
    if not name:
        raise ValueError('put_file(): name must be a file name, got an empty string')
    data = check_bytes('put_file', 'content', content)
    label = name if label is None else shown_text('put_file', 'label', label)
    place = placement('put_file', scope, position, anchor, before, after)
    return put('put_file', 'file', {'name': name, 'content': base64_text(data), 'label': label}, place)


HeaderItem = Union[Content, Tuple[Content, Any]]


def put_table(tdata: Sequence[Union[Sequence[Content], Dict[Any, Content]]],
              header: Optional[Sequence[HeaderItem]] = None, *,
              scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
              before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show a table.

    :param tdata: the rows. A row is a list of cells, or a dict (then ``header`` gives the keys
        and their order). A cell is a string, which is **HTML** (``'X<sup>2</sup>'``), a
        number, ``None`` (empty), the result of any ``put_*`` call, including another table, or
        any other object, shown as the text ``str(obj)`` (a date, ``True``...), as in 1.x;
        ``span(cell, row=2, col=3)`` makes a cell cover several rows and/or columns (the cells it
        covers are left out of the rows below / to its right, as in HTML).
    :param header: the header row. Without it, the first row of ``tdata`` is the header (or, for
        dict rows, the keys of the first dict). An item is a cell, or a pair
        ``(cell, key)`` whose key selects the value of dict rows: ``(put_text('Name'), 'name')``.
        The header made from a dict's keys shows each key capitalized, as 1.x does (``'Score'``).
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Plain strings are trusted HTML: for text from a user, use ``put_text(value)`` as the cell.

    Example::

        put_table([
            ['Type', 'Content'],
            ['html', 'X<sup>2</sup>'],
            ['text', put_text('<hr/>')],
            ['buttons', put_buttons(['A', 'B'], onclick=...)],
            ['table', put_table([['A', 'B'], ['C', 'D']])],
        ])
        put_table([{'a': 1, 'b': 2}], header=['a', 'b'])
    """
    function = 'put_table'
    if not isinstance(tdata, (list, tuple)):
        raise TypeError('put_table(): tdata must be a list of rows, got %r' % (type(tdata).__name__,))
    rows = list(tdata)
    for index, row in enumerate(rows):
        if not isinstance(row, (list, tuple, dict)):
            raise TypeError('put_table(): row %d is %r; a row must be a list of cells or a dict' % (index, row))
    embeds: List[Output] = []
    keys: Optional[List[Any]] = None  # how dict rows are read
    header_cells: Optional[List[Any]] = None
    first_row_is_header = header is None and bool(rows) and not isinstance(rows[0], dict)
    if header is not None:
        if not isinstance(header, (list, tuple)):
            raise TypeError('put_table(): header must be a list, got %r' % (header,))
        header_cells, keys = [], []
        for index, item in enumerate(header):
            key = item
            if isinstance(item, tuple):
                if len(item) != 2:
                    raise ValueError('put_table(): header item %d must be a cell or a (cell, key) pair, got %r'
                                     % (index, item))
                item, key = item
            header_cells.append(_table_cell(function, 'header item %d' % index, item, embeds))
            keys.append(key)
    elif rows and isinstance(rows[0], dict):
        keys = list(rows[0])
        # 1.x's header for dict rows: each key, str() and capitalized ('score' -> 'Score')
        header_cells = [cell(function, 'header key %r' % key, str(key).capitalize(), embeds) for key in keys]
    elif first_row_is_header:
        header_cells = [_table_cell(function, 'cell [0][%d]' % c, value, embeds) for c, value in enumerate(rows[0])]

    body = []
    for r, row in enumerate(rows):
        if r == 0 and first_row_is_header:
            continue
        if isinstance(row, dict):
            if keys is None:
                raise ValueError('put_table(): row %d is a dict, so header= must list its keys' % r)
            values: Sequence[Any] = [row.get(key) for key in keys]
        else:
            values = row
        body.append([_table_cell(function, 'cell [%d][%d]' % (r, c), value, embeds)
                     for c, value in enumerate(values)])
    place = placement(function, scope, position, anchor, before, after)
    return put(function, 'table', {'header': header_cells, 'rows': body}, place, embeds)


ButtonItem = Union[str, tuple, Dict[str, Any]]


class _Button(NamedTuple):
    label: str
    value: Any
    color: Optional[str]
    disabled: bool


def check_color(function: str, argument: str, color: Any, allowed: Sequence[str] = COLORS) -> None:
    if color not in allowed:
        raise ValueError('%s(): %s must be one of %s, got %r'
                         % (function, argument, ', '.join(map(repr, allowed)), color))


def _button_items(function: str, buttons: Any) -> List[_Button]:
    """Normalise button items: labels, ``(label, value)`` pairs, or dicts."""
    if not isinstance(buttons, (list, tuple)) or not buttons:
        raise ValueError('%s(): buttons must be a non-empty list, got %r' % (function, buttons))
    items = []
    for index, button in enumerate(buttons):
        color, disabled = None, False
        if isinstance(button, dict):
            for key in ('label', 'value'):  # as 1.x and the guide have it
                if key not in button:
                    raise ValueError('%s(): button %d is a dict without a "%s" key' % (function, index, key))
            unknown = set(button) - {'label', 'value', 'color', 'disabled'}
            if unknown:
                raise ValueError('%s(): button %d has unknown key%s %s; a button dict takes label, value, '
                                 'color and disabled' % (function, index, '' if len(unknown) == 1 else 's',
                                                         ', '.join(map(repr, sorted(unknown, key=str)))))
            label, value = button['label'], button['value']
            color = button.get('color')
            if color is not None:
                check_color(function, 'the color of button %d' % index, color)
            disabled = bool(button.get('disabled', False))
        elif isinstance(button, (tuple, list)):
            if len(button) != 2:
                raise ValueError('%s(): button %d must be a (label, value) pair, got %r'
                                 % (function, index, button))
            label, value = button
        else:
            label = value = button
        items.append(_Button(str(label), value, color, disabled))
    return items


#: Keyword arguments of 1.x's put_buttons that change how callbacks are run; callbacks here
#: always run one at a time, so they are accepted and need nothing more.
_CALLBACK_OPTIONS = ('mutex_mode', 'serial_mode')


def check_callback_options(function: str, options: Dict[str, Any]) -> None:
    """``TypeError`` for a keyword that is not one of 1.x's callback options."""
    unknown = set(options) - set(_CALLBACK_OPTIONS)
    if unknown:
        raise TypeError('%s() got unexpected keyword argument%s %s'
                        % (function, '' if len(unknown) == 1 else 's', ', '.join(map(repr, sorted(unknown)))))


def _put_buttons(function: str, items: List[_Button], on_click: Optional[Callable[[int], Any]],
                 small: Any, link_style: Any, outline: Any, group: Any, place: Any) -> Output:
    def register(session: Session, fields: Dict[str, Any]) -> None:
        if on_click is None:
            return

        def clicked(index: Any) -> Any:
            index = _button_index(index, len(items))
            if items[index].disabled:
                raise ProtocolError('a click on button %d, which is disabled' % index)
            return on_click(index)

        fields['callback_id'] = session.register_callback(clicked)

    specs = []
    for item in items:
        button: Dict[str, Any] = {'label': item.label}
        if item.color is not None:
            button['color'] = item.color
        if item.disabled:
            button['disabled'] = True
        specs.append(button)
    fields: Dict[str, Any] = {'buttons': specs, 'callback_id': None, 'small': bool(small),
                              'link_style': bool(link_style)}
    if outline:
        fields['outline'] = True
    if group:
        fields['group'] = True
    return put(function, 'buttons', fields, place, prepare=register)


def put_buttons(buttons: Sequence[ButtonItem], onclick: Any, small: Optional[bool] = None,
                link_style: bool = False, outline: bool = False, group: bool = False, *,
                scope: Optional[str] = None, position: int = -1, anchor: Optional[str] = None,
                before: Optional[str] = None, after: Optional[str] = None, **callback_options: Any) -> Output:
    """Show a group of buttons; a click calls ``onclick``.

    :param buttons: the buttons: labels (``['A', 'B']``; the value is the label),
        ``(label, value)`` pairs, or dicts ``{'label': ..., 'value': ..., 'color': ..., 'disabled': ...}``
        where ``color`` is one of ``'primary'``, ``'secondary'``, ``'success'``, ``'danger'``,
        ``'warning'``, ``'info'``, ``'light'``, ``'dark'`` and a ``disabled`` button cannot be clicked.
        A value may be any Python object: the callback gets that very object.
    :param onclick: ``onclick(value)``, called with the value of the clicked button; or a list of
        functions taking no argument, one per button; or ``None`` or ``...`` (Ellipsis) for buttons
        that do nothing, as in the guide's ``put_buttons(['A', 'B'], onclick=...)``.
        ``functools.partial`` objects work: ``partial(edit_row, row=1)``.
    :param small: show smaller buttons.
    :param link_style: show the buttons as links.
    :param outline: show outlined buttons (the colour on the border, not the background).
    :param group: join the buttons into one Bootstrap button group.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :param callback_options: 1.x's ``mutex_mode`` and ``serial_mode`` are accepted; callbacks
        here always run one at a time in the session, so they change nothing.
    :return: the `Output`.

    Callbacks run in the session, one at a time, in a thread of their own, so the code that
    output the buttons goes on at once. A callback that raises is logged and shown to the person
    as an error toast; the session goes on. Callbacks stop when the session ends; call
    `pywebio.session.hold` at the end of the task to keep them working until the browser closes.

    Example::

        def btn_click(btn_val):
            put_text("You click %s button" % btn_val)

        put_buttons(['A', 'B', 'C'], onclick=btn_click)
        put_buttons([dict(label='Save', value='save', color='success'),
                     dict(label='Delete', value='delete', color='danger', disabled=True)],
                    onclick=btn_click, outline=True, group=True)
    """
    check_callback_options('put_buttons', callback_options)
    items = _button_items('put_buttons', buttons)
    on_click: Optional[Callable[[int], Any]]
    if onclick is Ellipsis or onclick is None:
        on_click = None
    elif isinstance(onclick, (list, tuple)):
        if len(onclick) != len(items) or not all(callable(f) for f in onclick):
            raise ValueError('put_buttons(): onclick must be one function, or a list of %d functions '
                             '(one per button), got %r' % (len(items), onclick))
        handlers = list(onclick)

        def on_click(index: int) -> Any:
            return handlers[index]()
    elif callable(onclick):
        def on_click(index: int) -> Any:
            return onclick(items[index].value)
    else:
        raise TypeError('put_buttons(): onclick must be a function (or None or ... for no action), got %r'
                        % (onclick,))
    place = placement('put_buttons', scope, position, anchor, before, after)
    return _put_buttons('put_buttons', items, on_click, small, link_style, outline, group, place)


def put_button(label: str, onclick: Optional[Callable[[], Any]], color: Optional[str] = None,
               small: Optional[bool] = None, link_style: bool = False, outline: bool = False,
               disabled: bool = False, *, scope: Optional[str] = None, position: int = -1,
               anchor: Optional[str] = None, before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show one button; a click calls ``onclick()``, without arguments.

    :param label: the button's text (shown as text, never HTML; a number is shown as its digits).
    :param onclick: a function without arguments; ``None`` for a button that does nothing.
    :param color: ``'primary'`` (the default), ``'secondary'``, ``'success'``, ``'danger'``,
        ``'warning'``, ``'info'``, ``'light'`` or ``'dark'``.
    :param small: a smaller button.
    :param link_style: a button that looks like a link.
    :param outline: an outlined button.
    :param disabled: a button that cannot be clicked.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Example::

        put_button("click me", onclick=lambda: toast("Clicked"), color='success', outline=True)
    """
    label = shown_text('put_button', 'label', label)
    if onclick is not None and not callable(onclick):
        raise TypeError('put_button(): onclick must be a function without arguments, or None, got %r' % (onclick,))
    if color is not None:
        check_color('put_button', 'color', color)
    place = placement('put_button', scope, position, anchor, before, after)
    item = _Button(label, None, color, bool(disabled))
    on_click = None if onclick is None else (lambda _index: onclick())
    return _put_buttons('put_button', [item], on_click, small, link_style, outline, False, place)


def _button_index(index: Any, count: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
        raise ProtocolError('a click named button %r of a group of %d' % (index, count))
    return index


def as_outputs(function: str, content: Any) -> List[Output]:
    """The outputs of a container's ``content``: a ``put_*`` result, a string, a number, or a list.

    Strings become `put_html` outputs (trusted HTML, as table cells are in the guide), or `put_text`
    with the 1.x semantics (`pywebio.set_api`); numbers become `put_text`. They are put now and
    moved into the container with the rest.
    """
    from .._compat import strings_are_text
    items = content if isinstance(content, (list, tuple)) else [content]
    outputs: List[Output] = []
    for index, item in enumerate(items):
        if isinstance(item, Output):
            outputs.append(item)
        elif isinstance(item, str):
            outputs.append(put_text(item) if strings_are_text() else put_html(item))
        elif isinstance(item, numbers.Number) and not isinstance(item, bool):
            outputs.append(put_text(item))
        elif item is not None:
            raise TypeError('%s(): content item %d is %r; give the result of a put_* function such as '
                            'put_text(...), or a string' % (function, index, item))
    return outputs

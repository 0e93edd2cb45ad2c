"""Output functions: put content on the page at once.

Every ``put_*`` function sends its content to the browser of the current session and returns
immediately; a burst of calls reaches the browser in one message. The functions come in four
groups:

- **content**: `put_text`, `put_markdown`, `put_html`, `put_code`, `put_link`, `put_image`,
  `put_file`, `put_table`, `put_buttons`. Text, labels and titles are always shown as text;
  only `put_html`, plain-string table cells and plain-string popup content are HTML, because the
  developer wrote them.
- **placement**: by default output goes at the end of the page. `set_anchor` marks the current
  end; every ``put_*`` takes ``anchor=`` (name the output; an existing anchor is replaced in
  place), ``before=`` and ``after=``. `clear_before`, `clear_after`, `clear_range`, `remove` and
  `scroll_to` act on anchors. An anchor that is not on the page raises ``ValueError`` at once.
- **containers**: a ``put_*`` result used as a cell of `put_table` or an item of `popup` is
  *moved* there from where it was shown; the browser does that in the same frame, before
  painting, so it never flickers. Each output can be placed in a container once.
- **page**: `popup`/`close_popup`, `toast`, `set_title`, `set_output_fixed_height`,
  `set_auto_scroll_bottom`.

Example::

    from pywebio.output import *

    set_anchor('top')
    put_text('A')
    put_text('B', anchor='b')
    put_text('C', after='top')
    put_text('D', before='b')     # the page shows C, A, D, B
"""
import functools
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from ._page import Output, cell, check_anchor_name, check_placement, put, send
from ._values import (base64_text, check_bytes, check_link_url, check_text, css_length,
                      dedent_markdown, image_src)
from .session import Session, get_current_session
from .session.base import ProtocolError

__all__ = ['Output', 'put_text', 'put_markdown', 'put_html', 'put_code', 'put_link', 'put_image',
           'put_file', 'put_table', 'put_buttons', 'toast', 'popup', 'close_popup', 'set_anchor',
           'clear_before', 'clear_after', 'clear_range', 'remove', 'scroll_to', 'set_title',
           'set_output_fixed_height', 'set_auto_scroll_bottom']

#: A table cell or popup item: trusted HTML, a number, or a ``put_*`` result.
Content = Union[str, int, float, Output, None]


# -- content ------------------------------------------------------------------------------------

def put_text(*texts: Any, sep: str = ' ', inline: bool = False, anchor: Optional[str] = None,
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
    check_placement('put_text', anchor, before, after)
    return put('put_text', 'text', {'content': sep.join(map(str, texts)), 'inline': bool(inline)},
               anchor, before, after)


def put_markdown(mdcontent: str, strip_indent: int = 0, lstrip: bool = False, sanitize: bool = True, *,
                 anchor: Optional[str] = None, before: Optional[str] = None,
                 after: Optional[str] = None) -> Output:
    """Show Markdown, GitHub-flavoured: tables, ``~~strikethrough~~``, fenced code blocks.

    :param mdcontent: the Markdown text.
    :param strip_indent: remove this many leading spaces from every line that starts with them,
        so a triple-quoted string can follow the indentation of your code.
    :param lstrip: remove all leading whitespace from every line.
    :param sanitize: clean the resulting HTML of scripts and event handlers (with DOMPurify).
        Turn it off only for Markdown you wrote yourself.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Example::

        put_markdown('~~删除线~~')
        put_markdown('''
            | a | b |
            |---|---|
            | 1 | 2 |
        ''', strip_indent=4)
    """
    check_text('put_markdown', 'mdcontent', mdcontent)
    if isinstance(strip_indent, bool) or not isinstance(strip_indent, int) or strip_indent < 0:
        raise TypeError('put_markdown(): strip_indent must be a number of spaces (an int >= 0), got %r'
                        % (strip_indent,))
    check_placement('put_markdown', anchor, before, after)
    return put('put_markdown', 'markdown', {
        'content': dedent_markdown(mdcontent, strip_indent, bool(lstrip)), 'sanitize': bool(sanitize)},
        anchor, before, after)


def put_html(html: str, *, anchor: Optional[str] = None, before: Optional[str] = None,
             after: Optional[str] = None) -> Output:
    """Show HTML that you wrote. It is inserted as is, so never pass text that came from a user.

    :param html: the HTML. ``<script>`` elements in it do not run.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Example::

        put_html('<p>E = mc<sup>2</sup></p>')
    """
    check_text('put_html', 'html', html)
    check_placement('put_html', anchor, before, after)
    return put('put_html', 'html', {'content': html}, anchor, before, after)


def put_code(content: str, language: str = '', *, anchor: Optional[str] = None,
             before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show source code, highlighted for ``language``.

    :param content: the code, shown as text.
    :param language: its language, such as ``'python'``, ``'javascript'`` or ``'bash'``;
        ``''`` shows it plain. An unknown language is shown plain too.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    The highlighter is loaded by the browser the first time it is needed.

    Example::

        put_code('print("Hello")', language='python')
    """
    check_text('put_code', 'content', content)
    check_text('put_code', 'language', language)
    check_placement('put_code', anchor, before, after)
    return put('put_code', 'code', {'content': content, 'language': language}, anchor, before, after)


def put_link(name: str, url: Optional[str] = None, app: Optional[str] = None, new_window: bool = False, *,
             anchor: Optional[str] = None, before: Optional[str] = None,
             after: Optional[str] = None) -> Output:
    """Show a link to ``url``, or to another app of the same server.

    :param name: the link's text.
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
    check_text('put_link', 'name', name)
    if (url is None) == (app is None):
        raise ValueError('put_link(): give exactly one of url= or app=, got url=%r, app=%r' % (url, app))
    if app is not None:
        from urllib.parse import quote
        check_text('put_link', 'app', app)
        url = '?app=' + quote(app, safe='')
    check_placement('put_link', anchor, before, after)
    return put('put_link', 'link', {'name': name, 'url': check_link_url('put_link', url),
                                    'new_window': bool(new_window)}, anchor, before, after)


def put_image(src: Any, format: Optional[str] = None, title: str = '', width: Union[int, str, None] = None,
              height: Union[int, str, None] = None, *, anchor: Optional[str] = None,
              before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show an image.

    :param src: the image: its bytes (PNG, JPEG, GIF, WebP, SVG... recognised by their content),
        a Pillow image (if Pillow is installed), or a URL string.
    :param format: the format of the bytes (``'png'``, ``'jpeg'``...) when it cannot be
        recognised, or the format to encode a Pillow image in (by default its own, or PNG).
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
    check_text('put_image', 'title', title)
    fields = {'src': image_src('put_image', src, format), 'title': title,
              'width': css_length('put_image', 'width', width),
              'height': css_length('put_image', 'height', height)}
    check_placement('put_image', anchor, before, after)
    return put('put_image', 'image', fields, anchor, before, after)


def put_file(name: str, content: bytes, label: Optional[str] = None, *, anchor: Optional[str] = None,
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
    label = name if label is None else check_text('put_file', 'label', label)
    check_placement('put_file', anchor, before, after)
    return put('put_file', 'file', {'name': name, 'content': base64_text(data), 'label': label},
               anchor, before, after)


HeaderItem = Union[Content, Tuple[Content, Any]]


def put_table(tdata: Sequence[Union[Sequence[Content], Dict[Any, Content]]],
              header: Optional[Sequence[HeaderItem]] = None, *, anchor: Optional[str] = None,
              before: Optional[str] = None, after: Optional[str] = None) -> Output:
    """Show a table.

    :param tdata: the rows. A row is a list of cells, or a dict (then ``header`` gives the keys
        and their order). A cell is a string, which is **HTML** (``'X<sup>2</sup>'``), a
        number, ``None`` (empty), or the result of any ``put_*`` call, including another table.
    :param header: the header row. Without it, the first row of ``tdata`` is the header (or, for
        dict rows, the keys of the first dict). An item is a cell, or a pair
        ``(cell, key)`` whose key selects the value of dict rows: ``(put_text('Name'), 'name')``.
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
            header_cells.append(cell(function, 'header item %d' % index, item, embeds))
            keys.append(key)
    elif rows and isinstance(rows[0], dict):
        keys = list(rows[0])
        header_cells = [cell(function, 'header key %r' % key, key, embeds) for key in keys]
    elif first_row_is_header:
        header_cells = [cell(function, 'cell [0][%d]' % c, value, embeds) for c, value in enumerate(rows[0])]

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
        body.append([cell(function, 'cell [%d][%d]' % (r, c), value, embeds) for c, value in enumerate(values)])
    check_placement(function, anchor, before, after)
    return put(function, 'table', {'header': header_cells, 'rows': body}, anchor, before, after, embeds)


ButtonItem = Union[str, tuple, Dict[str, Any]]


def _button_items(function: str, buttons: Any) -> List[tuple]:
    """Normalise button items to ``(label, value)`` pairs."""
    if not isinstance(buttons, (list, tuple)) or not buttons:
        raise ValueError('%s(): buttons must be a non-empty list, got %r' % (function, buttons))
    items = []
    for index, button in enumerate(buttons):
        if isinstance(button, dict):
            if 'label' not in button:
                raise ValueError('%s(): button %d is a dict without a "label" key' % (function, index))
            label, value = button['label'], button.get('value', button['label'])
        elif isinstance(button, (tuple, list)):
            if len(button) != 2:
                raise ValueError('%s(): button %d must be a (label, value) pair, got %r'
                                 % (function, index, button))
            label, value = button
        else:
            label = value = button
        items.append((str(label), value))
    return items


def put_buttons(buttons: Sequence[ButtonItem], onclick: Any, small: Optional[bool] = None,
                link_style: bool = False, *, anchor: Optional[str] = None, before: Optional[str] = None,
                after: Optional[str] = None) -> Output:
    """Show a group of buttons; a click calls ``onclick``.

    :param buttons: the buttons: labels (``['A', 'B']``; the value is the label),
        ``(label, value)`` pairs, or dicts ``{'label': ..., 'value': ...}``. A value may be any
        Python object: the callback gets that very object.
    :param onclick: ``onclick(value)``, called with the value of the clicked button; or a list of
        functions taking no argument, one per button; or ``...`` (Ellipsis) for buttons that do
        nothing yet, as in the guide's ``put_buttons(['A', 'B'], onclick=...)``.
        ``functools.partial`` objects work: ``partial(edit_row, row=1)``.
    :param small: show smaller buttons.
    :param link_style: show the buttons as links.
    :param anchor: see `put_text`.
    :param before: see `put_text`.
    :param after: see `put_text`.
    :return: the `Output`.

    Callbacks run in the session, one at a time, in a thread of their own, so the code that
    output the buttons goes on at once. A callback that raises is logged and shown to the person
    as an error toast; the session goes on. Callbacks stop when the session ends; call
    `pywebio.session.hold` at the end of the task to keep them working until the browser closes.

    Example::

        def btn_click(btn_val):
            put_text("You click %s button" % btn_val)

        put_buttons(['A', 'B', 'C'], onclick=btn_click)
    """
    items = _button_items('put_buttons', buttons)
    on_click: Optional[Callable[[Any], Any]]
    if onclick is Ellipsis:
        on_click = None
    elif isinstance(onclick, (list, tuple)):
        if len(onclick) != len(items) or not all(callable(f) for f in onclick):
            raise ValueError('put_buttons(): onclick must be one function, or a list of %d functions '
                             '(one per button), got %r' % (len(items), onclick))
        handlers = list(onclick)

        def on_click(index: Any) -> Any:
            return handlers[_button_index(index, len(items))]()
    elif callable(onclick):
        def on_click(index: Any) -> Any:
            return onclick(items[_button_index(index, len(items))][1])
    else:
        raise TypeError('put_buttons(): onclick must be a function (or ... for no action), got %r' % (onclick,))
    check_placement('put_buttons', anchor, before, after)

    def register(session: Session, fields: Dict[str, Any]) -> None:
        fields['callback_id'] = session.register_callback(on_click) if on_click is not None else None

    return put('put_buttons', 'buttons', {
        'buttons': [{'label': label} for label, _ in items], 'callback_id': None,
        'small': bool(small), 'link_style': bool(link_style)}, anchor, before, after, prepare=register)


def _button_index(index: Any, count: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
        raise ProtocolError('a click named button %r of a group of %d' % (index, count))
    return index


# -- popups and toasts --------------------------------------------------------------------------

_POPUP_SIZES = ('large', 'normal', 'small')


def popup(title: str, content: Union[Content, Sequence[Content]] = None, size: str = 'normal',
          implicit_close: bool = True, closable: bool = True) -> None:
    """Show a popup (a modal dialog) over the page; it replaces the popup that is open, if any.

    :param title: the popup's title, shown as text.
    :param content: an HTML string, a ``put_*`` result, or a list of them, shown in order.
        Strings are HTML that you wrote (``'<h3>Popup Content</h3>'``); ``put_*`` results are
        moved into the popup.
    :param size: ``'large'``, ``'normal'`` or ``'small'``.
    :param implicit_close: a click on the dimmed page outside the popup closes it.
    :param closable: the person may close it, with its *Close* button or the Escape key. With
        ``closable=False`` only `close_popup` closes it.

    Example::

        popup('Popup title', [
            '<h3>Popup Content</h3>',
            put_text('html: <br/>'),
            put_table([['A', 'B'], ['C', 'D']]),
            put_buttons(['close_popup()'], onclick=lambda _: close_popup())
        ])
    """
    check_text('popup', 'title', title)
    if size not in _POPUP_SIZES:
        raise ValueError('popup(): size must be one of %s, got %r' % (', '.join(map(repr, _POPUP_SIZES)), size))
    if content is None:
        items: Sequence[Any] = []
    elif isinstance(content, (list, tuple)):
        items = content
    else:
        items = [content]
    embeds: List[Output] = []
    cells = [cell('popup', 'content item %d' % index, item, embeds) for index, item in enumerate(items)]
    send('popup', 'popup', {'title': title, 'content': cells, 'size': size,
                            'implicit_close': bool(implicit_close), 'closable': bool(closable)}, embeds)


def close_popup() -> None:
    """Close the popup that is open; nothing happens if none is.

    Example::

        popup('Working', 'Please wait...', closable=False)
        do_the_work()
        close_popup()
    """
    send('close_popup', 'close_popup', None)


_TOAST_POSITIONS = ('left', 'center', 'right')
_TOAST_COLORS = ('info', 'error', 'warn', 'success')


def toast(content: Any, duration: float = 2, position: str = 'center', color: str = 'info',
          onclick: Optional[Callable[[], Any]] = None) -> None:
    """Show a short notice at the top of the window, which goes away by itself.

    :param content: the message, shown as text (``str(content)``).
    :param duration: seconds before it disappears; ``0`` keeps it until the person closes it.
    :param position: ``'left'``, ``'center'`` or ``'right'``.
    :param color: ``'info'``, ``'error'``, ``'warn'`` or ``'success'``. Error toasts are
        announced at once by screen readers.
    :param onclick: a function without arguments, called when the person clicks the toast
        (which then closes).

    Example::

        toast('Saved')
        toast('New message', duration=0, onclick=lambda: put_text('You clicked the toast'))
    """
    if isinstance(duration, bool) or not isinstance(duration, (int, float)) or not duration >= 0:
        raise ValueError('toast(): duration must be a number of seconds >= 0 (0: until closed), got %r' % (duration,))
    if position not in _TOAST_POSITIONS:
        raise ValueError('toast(): position must be one of %s, got %r' % (', '.join(map(repr, _TOAST_POSITIONS)), position))
    if color not in _TOAST_COLORS:
        raise ValueError('toast(): color must be one of %s, got %r' % (', '.join(map(repr, _TOAST_COLORS)), color))
    if onclick is not None and not callable(onclick):
        raise TypeError('toast(): onclick must be a function without arguments, got %r' % (onclick,))
    spec: Dict[str, Any] = {'content': str(content), 'duration': duration, 'position': position,
                            'color': color, 'callback_id': None}
    if onclick is not None:
        spec['callback_id'] = get_current_session().register_callback(functools.partial(_call_ignoring_data, onclick))
    send('toast', 'toast', spec)


def _call_ignoring_data(func: Callable[[], Any], data: Any) -> Any:
    return func()


# -- anchors ------------------------------------------------------------------------------------

def set_anchor(name: str) -> None:
    """Mark the current end of the output with the anchor ``name``.

    Later output can go ``before=name`` or ``after=name``, and the ``clear_*`` functions and
    `scroll_to` take it. If an anchor ``name`` already exists, it moves here (the output that held
    it stays, without the name). Nothing is cleared.

    :param name: the anchor's name, any non-empty string.

    Example::

        set_anchor('top')
        put_text('A')
        put_text('C', after='top')   # C is shown before A
    """
    check_anchor_name('set_anchor', 'name', name)
    send('set_anchor', 'set_anchor', {'name': name}, update=lambda model: model.set_anchor(name))


def clear_before(anchor: str) -> None:
    """Remove all output before the anchor (the anchor itself stays).

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        put_text('old')
        set_anchor('now')
        clear_before('now')    # 'old' is gone
    """
    check_anchor_name('clear_before', 'anchor', anchor)
    send('clear_before', 'clear_before', {'anchor': anchor}, anchors=[anchor],
         update=lambda model: model.clear_before(anchor))


def clear_after(anchor: str) -> None:
    """Remove all output after the anchor (the anchor itself stays).

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        set_anchor('results')
        put_text('result 1')
        clear_after('results')    # ready for new results
    """
    check_anchor_name('clear_after', 'anchor', anchor)
    send('clear_after', 'clear_after', {'anchor': anchor}, anchors=[anchor],
         update=lambda model: model.clear_after(anchor))


def clear_range(start_anchor: str, end_anchor: str) -> None:
    """Remove the output between two anchors (the anchors themselves stay).

    :param start_anchor: the anchor where the range starts.
    :param end_anchor: the anchor where it ends; it must come after ``start_anchor`` on the page.

    Example::

        set_anchor('start')
        put_text('temporary')
        set_anchor('end')
        clear_range('start', 'end')
    """
    check_anchor_name('clear_range', 'start_anchor', start_anchor)
    check_anchor_name('clear_range', 'end_anchor', end_anchor)

    def in_order(model: Any) -> None:
        if model.index(start_anchor) >= model.index(end_anchor):
            raise ValueError('clear_range(): anchor %r must come before anchor %r on the page'
                             % (start_anchor, end_anchor))

    send('clear_range', 'clear_range', {'start': start_anchor, 'end': end_anchor},
         anchors=[start_anchor, end_anchor], check=in_order,
         update=lambda model: model.clear_range(start_anchor, end_anchor))


def remove(anchor: str) -> None:
    """Remove the output that holds the anchor, and the anchor.

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        put_text('Loading...', anchor='status')
        remove('status')
    """
    check_anchor_name('remove', 'anchor', anchor)
    send('remove', 'remove', {'anchor': anchor}, anchors=[anchor], update=lambda model: model.discard(anchor))


_SCROLL_POSITIONS = ('top', 'middle', 'bottom')


def scroll_to(anchor: str, position: str = 'top') -> None:
    """Scroll the page to the anchor.

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.
    :param position: where the anchor ends up in the window: ``'top'``, ``'middle'`` or
        ``'bottom'``.

    Example::

        scroll_to('top')
    """
    check_anchor_name('scroll_to', 'anchor', anchor)
    if position not in _SCROLL_POSITIONS:
        raise ValueError('scroll_to(): position must be one of %s, got %r'
                         % (', '.join(map(repr, _SCROLL_POSITIONS)), position))
    send('scroll_to', 'scroll_to', {'anchor': anchor, 'position': position}, anchors=[anchor])


# -- page settings ------------------------------------------------------------------------------

def set_title(title: str) -> None:
    """Set the title of the page (what the browser tab shows).

    :param title: the title, as text.

    Example::

        set_title('BMI calculator')
    """
    check_text('set_title', 'title', title)
    send('set_title', 'set_title', {'title': title})


def set_output_fixed_height(enabled: bool) -> None:
    """Give the output area a fixed height, scrolling inside itself, or give it back its natural height.

    :param enabled: ``True`` for a fixed height, ``False`` for the default.

    Example::

        set_output_fixed_height(True)
    """
    send('set_output_fixed_height', 'set_output_fixed_height', {'enabled': bool(enabled)})


def set_auto_scroll_bottom(enabled: bool) -> None:
    """Turn on or off scrolling to the bottom when output is added at the end (on by default).

    While it is on, the page follows new output, unless the person has scrolled up to read:
    then it stays where they are until they come back to the bottom.

    :param enabled: ``False`` to stop following new output.

    Example::

        set_auto_scroll_bottom(False)
    """
    send('set_auto_scroll_bottom', 'set_auto_scroll_bottom', {'enabled': bool(enabled)})

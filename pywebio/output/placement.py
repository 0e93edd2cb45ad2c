"""Placement: named places on the page (anchors and scopes), clearing them, scrolling to them.

The guide names places with *anchors*: `set_anchor`, ``put_*(anchor=...)``, ``before=``,
``after=``, `clear_before`, `clear_after`, `clear_range`. PyWebIO 1.x names them with *scopes*:
`use_scope`, `put_scope`, ``put_*(scope=..., position=...)``, `clear`. Both are the same thing
here, a named place on the page (see `pywebio._page`): a scope is a named output that holds
other outputs, an anchor a named output or an empty mark. `remove` and `scroll_to` take either.
"""
import functools
import inspect
import itertools
from typing import Any, Callable, List, Optional, Sequence, Union

from .._page import (ROOT, Output, PageModel, check_name, page_of, placement, pop_scope, push_scope,
                     put, scope_stack, send)
from ..session import get_current_session
from .content import as_outputs


class Position:
    """Where `scroll_to` puts the named place in the window."""
    TOP = 'top'
    MIDDLE = 'middle'
    BOTTOM = 'bottom'


#: The guide's names of the `scroll_to` positions, as module constants (``scroll_to('a', BOTTOM)``);
#: the same values as `Position`'s.
TOP, MIDDLE, BOTTOM = Position.TOP, Position.MIDDLE, Position.BOTTOM


class OutputPosition:
    """``position=`` values of ``put_*``: the top or the end of the scope."""
    TOP = 0
    BOTTOM = -1


# -- anchors ------------------------------------------------------------------------------------

def set_anchor(name: str) -> None:
    """Mark the current end of the output with the anchor ``name``.

    Later output can go ``before=name`` or ``after=name``, and the ``clear_*`` functions and
    `scroll_to` take it. If an anchor ``name`` already exists, it moves here (the output that held
    it stays, without the name). Nothing is cleared. Inside `use_scope`, the mark goes at the end
    of the current scope.

    :param name: the anchor's name, any non-empty string.

    Example::

        set_anchor('top')
        put_text('A')
        put_text('C', after='top')   # C is shown before A
    """
    check_name('set_anchor', 'name', name)
    session = get_current_session()
    page = page_of(session)
    mark_id = page.next_id()
    box = scope_stack(session)[-1]

    def check(model: PageModel) -> None:
        if name in model.box_owner:
            raise ValueError('set_anchor(): %r is the name of a scope; give the anchor another name' % name)
        model.require_box('set_anchor', box)

    def update(model: PageModel) -> None:
        old = model.names.get(name)
        if old is not None:
            model.name_of.pop(old, None)
            if old not in model.owned_boxes:
                model.parent.pop(old, None)
        model.insert(box, len(model.boxes[box]), mark_id)
        model.name(mark_id, name, box)

    spec = {'name': name, 'id': mark_id}
    if box != ROOT:
        spec['scope'] = box
    send('set_anchor', 'set_anchor', spec, check=check, update=update)


def _clear_command(function: str, command: str, anchor: str, start: Callable[[int], int],
                   end: Callable[[int, int], Optional[int]]) -> None:
    def update(model: PageModel) -> None:
        box, _, index = model.sited(function, anchor)
        model.clear(box, start(index), end(index, len(model.boxes[box])))

    session = get_current_session()
    with page_of(session).lock:  # resolve the id and send under one lock: the name cannot move between
        model = page_of(session).model
        model.sited(function, anchor)
        output_id = model.names[anchor]
    send(function, command, {'anchor': anchor, 'id': output_id}, update=update)


def clear_before(anchor: str) -> None:
    """Remove all output before the anchor, in its scope (the anchor itself stays).

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        put_text('old')
        set_anchor('now')
        clear_before('now')    # 'old' is gone
    """
    check_name('clear_before', 'anchor', anchor)
    _clear_command('clear_before', 'clear_before', anchor, lambda i: 0, lambda i, n: i)


def clear_after(anchor: str) -> None:
    """Remove all output after the anchor, in its scope (the anchor itself stays).

    :param anchor: the name of an anchor on the page; ``ValueError`` if there is none.

    Example::

        set_anchor('results')
        put_text('result 1')
        clear_after('results')    # ready for new results
    """
    check_name('clear_after', 'anchor', anchor)
    _clear_command('clear_after', 'clear_after', anchor, lambda i: i + 1, lambda i, n: None)


def clear_range(start_anchor: str, end_anchor: str) -> None:
    """Remove the output between two anchors (the anchors themselves stay).

    :param start_anchor: the anchor where the range starts.
    :param end_anchor: the anchor where it ends, in the same scope. When it comes before
        ``start_anchor``, nothing is removed, as in the guide's PyWebIO (0.x).

    Example::

        set_anchor('start')
        put_text('temporary')
        set_anchor('end')
        clear_range('start', 'end')
    """
    check_name('clear_range', 'start_anchor', start_anchor)
    check_name('clear_range', 'end_anchor', end_anchor)

    def in_order(model: PageModel) -> None:
        start_box, _, start = model.sited('clear_range', start_anchor)
        end_box, _, end = model.sited('clear_range', end_anchor)
        if start_box != end_box:
            raise ValueError('clear_range(): anchors %r and %r are in different scopes (%r and %r)'
                             % (start_anchor, end_anchor, start_box, end_box))
        if start >= end:
            raise _EmptyRange  # nothing between them: nothing to send

    def update(model: PageModel) -> None:
        box, _, start = model.sited('clear_range', start_anchor)
        _, _, end = model.sited('clear_range', end_anchor)
        model.clear(box, start + 1, end)

    try:
        send('clear_range', 'clear_range', {'start': start_anchor, 'end': end_anchor},
             anchors=[start_anchor, end_anchor], check=in_order, update=update)
    except _EmptyRange:
        pass


class _EmptyRange(Exception):
    """`clear_range` of anchors in reverse order: the guide's upstream template calls it and expects nothing removed."""


def _named_or_current(function: str, name: Optional[str], scope: Optional[str]) -> str:
    if name is not None and scope is not None:
        raise TypeError('%s(): give the name once, as the first argument or as scope=' % function)
    name = name if name is not None else scope
    if name is None:
        name = scope_stack(get_current_session())[-1]
    check_name(function, 'the name', name)
    return name


def _send_for_name(function: str, command: str, name: str, spec: dict,
                   update: Optional[Callable[[PageModel, int], None]] = None) -> None:
    session = get_current_session()
    page = page_of(session)
    with page.lock:
        output_id = page.model.require(function, name)
        spec = dict(spec, id=output_id)
        session.send_task_command({'command': command, 'task_id': None, 'spec': spec})
        if update is not None:
            update(page.model, output_id)


def remove(anchor: Optional[str] = None, *, scope: Optional[str] = None) -> None:
    """Remove a named output (an anchor, or a scope with everything in it) from the page.

    :param anchor: the name of an anchor or scope on the page; ``ValueError`` if there is none.
        1.x programs write ``remove(scope='name')``; without a name, the current scope is removed.
    :param scope: the same as ``anchor``, by 1.x's name.

    Example::

        put_text('Loading...', anchor='status')
        remove('status')
    """
    name = _named_or_current('remove', anchor, scope)
    if name == ROOT:
        raise ValueError('remove(): the root scope is the page itself and cannot be removed; use clear()')
    _send_for_name('remove', 'remove', name, {'anchor': name}, lambda model, output_id: model.remove(output_id))


_SCROLL_POSITIONS = ('top', 'middle', 'bottom')


def scroll_to(anchor: Optional[str] = None, position: str = 'top', *, scope: Optional[str] = None) -> None:
    """Scroll the page to a named output (an anchor or a scope).

    :param anchor: the name; ``ValueError`` if there is none. 1.x programs write
        ``scroll_to(scope='name')``; without a name, the current scope.
    :param position: where it ends up in the window: ``'top'``, ``'middle'`` or ``'bottom'``
        (`Position`, or the module constants `TOP`, `MIDDLE`, `BOTTOM`).
    :param scope: the same as ``anchor``, by 1.x's name.

    Example::

        scroll_to('top')
    """
    name = _named_or_current('scroll_to', anchor, scope)
    if position not in _SCROLL_POSITIONS:
        raise ValueError('scroll_to(): position must be one of %s, got %r'
                         % (', '.join(map(repr, _SCROLL_POSITIONS)), position))
    if name == ROOT:
        send('scroll_to', 'scroll_to', {'anchor': ROOT, 'position': position})
        return
    _send_for_name('scroll_to', 'scroll_to', name, {'anchor': name, 'position': position})


# -- scopes -------------------------------------------------------------------------------------

def clear(scope: Optional[str] = None) -> None:
    """Remove everything in a scope; the scope stays, empty.

    :param scope: the scope's name; the current scope by default (``'ROOT'``: the whole page).

    Example::

        with use_scope('results'):
            put_text('old')
        clear('results')
    """
    name = _named_or_current('clear', scope, None)

    def update(model: PageModel) -> None:
        model.clear(model.require_box('clear', name))

    send('clear', 'clear', {'scope': name}, check=lambda model: model.require_box('clear', name) and None,
         update=update)


_scope_numbers = itertools.count(1)


def _new_scope_name() -> str:
    return 'scope-%d' % next(_scope_numbers)


def put_scope(name: str, content: Union[Any, Sequence[Any]] = (), scope: Optional[str] = None,
              position: int = -1) -> Output:
    """Show a scope: a named place that holds outputs, which later output can go into.

    :param name: the scope's name. If a scope or anchor of that name is on the page, the new
        scope replaces it in place.
    :param content: outputs to put in it at once: ``put_*`` results, strings (shown as
        `put_html`, or as text with the 1.x semantics), or a list of them.
    :param scope: the scope to put this one in; the current scope by default.
    :param position: where in that scope: ``0`` the top, ``-1`` the end, ``-2`` before the last...
    :return: the `Output`; ``with put_scope('x'):`` puts the output of the block into it.

    Example::

        put_row([put_scope('left'), put_scope('right')])
        put_text('in the left column', scope='left')
    """
    check_name('put_scope', 'name', name)
    if name == ROOT:
        raise ValueError('put_scope(): %r is the name of the page itself; choose another name' % ROOT)
    session = get_current_session()
    exists = _name_exists(session, name)
    place = placement('put_scope', scope, position, name if exists else None)
    items = as_outputs('put_scope', content)
    return put('put_scope', 'scope', {'name': name, 'content': [{'output': item.id} for item in items]},
               place._replace(anchor=name), box=name, box_content=items)


def _name_exists(session: Any, name: str) -> bool:
    page = page_of(session)
    with page.lock:
        return name in page.model.names or name in page.model.box_owner


_IF_EXIST = (None, 'remove', 'clear', 'none')


def set_scope(name: str, container_scope: Optional[str] = None, position: int = -1,
              if_exist: Optional[str] = None) -> None:
    """Create a scope (1.x). Prefer `put_scope`, which returns the output.

    :param name: the scope's name.
    :param container_scope: the scope to create it in; the current scope by default.
    :param position: where in that scope (as ``position=`` of ``put_*``).
    :param if_exist: what to do when a scope of that name exists: ``None`` (keep it as it is),
        ``'remove'`` (remove it and create the new one at ``position``), or ``'clear'`` (empty it).

    Example::

        set_scope('log', position=0)
    """
    check_name('set_scope', 'name', name)
    if if_exist not in _IF_EXIST:
        raise ValueError("set_scope(): if_exist must be None, 'remove' or 'clear', got %r" % (if_exist,))
    if _name_exists(get_current_session(), name):
        if if_exist == 'clear':
            clear(name)
            return
        if if_exist != 'remove':
            return
        remove(name)
    put_scope(name, scope=container_scope, position=position)


def get_scope(stack_idx: int = -1) -> Optional[str]:
    """The name of a scope of the current scope stack: ``-1`` the current one, ``-2`` the one
    around it... ``0`` is ``'ROOT'``, the page. ``None`` if the stack is not that deep.

    Example::

        with use_scope('outer'):
            with use_scope('inner'):
                get_scope()     # 'inner'
                get_scope(-2)   # 'outer'
    """
    if isinstance(stack_idx, bool) or not isinstance(stack_idx, int):
        raise TypeError('get_scope(): stack_idx must be an int, got %r' % (stack_idx,))
    stack = scope_stack(get_current_session())
    try:
        return stack[stack_idx]
    except IndexError:
        return None


class use_scope:
    """Put the output of a ``with`` block, or of every call of a function, into a scope.

    :param name: the scope's name; a new unique name when omitted. If no scope of that name is on
        the page, it is created at the end of the current scope.
    :param clear: empty the scope first.
    :param create_scope: create the scope when it does not exist (``False``: it must exist).
    :param container_scope: where to create it (the current scope by default).
    :param position: where in ``container_scope`` to create it.

    ``with use_scope(...) as name:`` gives the scope's name. Threads and coroutines each have
    their own current scope.

    Example::

        with use_scope('results', clear=True):
            put_text('the newest result')

        @use_scope('clock', clear=True)
        def show_time():
            put_text(time.ctime())
    """

    def __init__(self, name: Optional[str] = None, clear: bool = False, create_scope: bool = True,
                 container_scope: Optional[str] = None, position: int = -1) -> None:
        if name is not None:
            check_name('use_scope', 'name', name)
        placement('use_scope', container_scope, position)
        self.name = name if name is not None else _new_scope_name()
        self.clear = bool(clear)
        self.create_scope = bool(create_scope)
        self.container_scope = container_scope
        self.position = position
        self._tokens: List[Any] = []

    def __enter__(self) -> str:
        session = get_current_session()
        if self.name != ROOT:
            page = page_of(session)
            with page.lock:
                exists = self.name in page.model.boxes
                if not exists and self.name in page.model.names:
                    page.model.require_box('use_scope', self.name)  # an anchor: say so
            if not exists:
                if not self.create_scope:
                    page.model.require_box('use_scope', self.name)
                put_scope(self.name, scope=self.container_scope, position=self.position)
            elif self.clear:
                clear(self.name)
        elif self.clear:
            clear(ROOT)
        self._tokens.append(push_scope(session, self.name))
        return self.name

    def __exit__(self, *exc_info: Any) -> None:
        pop_scope(self._tokens.pop())

    def _again(self) -> 'use_scope':
        return use_scope(self.name, self.clear, self.create_scope, self.container_scope, self.position)

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def run_async_in_scope(*args: Any, **kwargs: Any) -> Any:
                with self._again():
                    return await func(*args, **kwargs)
            return run_async_in_scope

        @functools.wraps(func)
        def run_in_scope(*args: Any, **kwargs: Any) -> Any:
            with self._again():
                return func(*args, **kwargs)
        return run_in_scope


class OutputHandler(Output):
    """What `output` returns: a scope whose content can be replaced, appended to or inserted into."""

    def _put_all(self, function: str, contents: Sequence[Any], position: int) -> None:
        # each item goes in a small scope of its own, put at the position: a put_* result given
        # here was already shown, and is moved into it like any container's content
        for offset, item in enumerate(contents):
            at = position + offset if position >= 0 else position
            put_scope(_new_scope_name(), [item], scope=self._inner_box, position=at)

    def reset(self, *contents: Any) -> None:
        """Replace the content with ``contents`` (``put_*`` results or strings)."""
        clear(self._inner_box)
        self._put_all('OutputHandler.reset', contents, -1)

    def append(self, *contents: Any) -> None:
        """Add ``contents`` at the end."""
        self._put_all('OutputHandler.append', contents, -1)

    def insert(self, idx: int, *contents: Any) -> None:
        """Add ``contents`` at position ``idx`` (``0`` the top, negative from the end, as ``position=``)."""
        self._put_all('OutputHandler.insert', contents, idx)


def output(*contents: Any) -> OutputHandler:
    """A placeholder (1.x, before scopes): a scope of its own that can be put anywhere, whose
    content can be replaced later. Prefer `use_scope`/`put_scope` in new code.

    :param contents: its first content: ``put_*`` results or strings (as in `put_scope`).
    :return: an `OutputHandler`, with ``reset(*contents)``, ``append(*contents)`` and
        ``insert(idx, *contents)``. It is shown at once, where the current scope ends; pass it to
        a container (a `put_table` cell, `put_row`...) to move it there.

    Example::

        hobby = output('Coding')
        put_table([['Name', 'Hobbies'], ['Wang', hobby]])
        hobby.append('Music')
        hobby.reset('Painting')
    """
    shown = put_scope(_new_scope_name(), list(contents))
    shown.__class__ = OutputHandler
    return shown  # type: ignore[return-value]


__all__ = ['Position', 'OutputPosition', 'set_anchor', 'clear_before', 'clear_after', 'clear_range', 'remove',
           'scroll_to', 'clear', 'put_scope', 'set_scope', 'get_scope', 'use_scope', 'output', 'OutputHandler']

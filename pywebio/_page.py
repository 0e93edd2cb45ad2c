"""The server's model of a session's page, kept for `pywebio.output` and `pywebio.pin`. Private.

The browser renders; the server remembers what it needs to place output exactly and to give
clear errors in Python, at the call, instead of doing nothing in the browser:

- the **boxes** of the page: places that hold a sequence of outputs. The output area itself is
  the box ``'ROOT'``; every *scope* (`use_scope`, `put_scope`) is a box named by the scope, and
  containers that take more output later (`put_collapse`, `put_scrollable`, a popup) hold a box
  of a generated name. For each box the model keeps the ids of its outputs in page order, so
  ``position=2`` or ``position=-1`` can be turned into "before output 17" or "at the end";
- the **names** on the page: anchors (``anchor=``, `set_anchor`) and scopes share one namespace of
  named places, so ``before=``, `remove`, `scroll_to`... work on either;
- which outputs were moved into a table, a row or another container (each output can be placed
  in one container once), so that clearing a box forgets the names and boxes inside it.

Anchors and scopes are two vocabularies for one thing, a named place on the page: the guide's
anchors are outputs of the ``ROOT`` box that carry a name, a scope is an output that is a box.

One `PageState` exists per session, created on first use (`page_of`, a
`~pywebio.session.base.PerSession`), so it goes away with the session.
Its lock makes "check the model, queue the command, update the model" one step, so the order of
the commands the browser applies is the order of the model, whichever threads call the API.
"""
import contextvars
import itertools
import numbers
import threading
from typing import Any, Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

from .session import Session, get_current_session
from .session.base import PerSession

#: The name of the box that is the whole output area (1.x's root scope).
ROOT = 'ROOT'

#: A cell of a table or an item of a popup, as sent: trusted HTML, or ``{"output": id}``.
Cell = Any


class Placement(NamedTuple):
    """Where a ``put_*`` call puts its output (checked by `placement`)."""
    scope: Optional[str] = None
    position: int = -1
    anchor: Optional[str] = None
    before: Optional[str] = None
    after: Optional[str] = None


#: Output at the end of the current scope.
AT_END = Placement()


def check_name(function: str, argument: str, name: Any) -> None:
    if not isinstance(name, str) or not name:
        raise TypeError('%s(): %s must be a non-empty string (a name on the page), got %r' % (function, argument, name))


check_anchor_name = check_name


def placement(function: str, scope: Any = None, position: Any = -1, anchor: Any = None, before: Any = None,
              after: Any = None) -> Placement:
    """Check the placement arguments of a ``put_*`` call and bundle them."""
    for argument, value in (('scope', scope), ('anchor', anchor), ('before', before), ('after', after)):
        if value is not None:
            check_name(function, argument, value)
    if isinstance(position, bool) or not isinstance(position, int):
        raise TypeError('%s(): position must be an int (0 is the top of the scope, -1 its end), got %r'
                        % (function, position))
    if before is not None and after is not None:
        raise ValueError('%s(): give before= or after=, not both' % function)
    if (before is not None or after is not None) and (scope is not None or position != -1):
        raise ValueError('%s(): before=/after= place the output next to a named output; they cannot be '
                         'combined with scope= or position=' % function)
    return Placement(scope, position, anchor, before, after)


def check_placement(function: str, anchor: Any, before: Any, after: Any) -> Placement:
    return placement(function, anchor=anchor, before=before, after=after)


# -- the current scope ------------------------------------------------------------------------
# A stack of scope names per thread or coroutine (a context variable: every thread starts with
# its own, every asyncio task copies its creator's). It belongs to one session: a stack left by
# another session reads as just the root.

_scope_stack: 'contextvars.ContextVar[Tuple[Optional[Session], Tuple[str, ...]]]' = \
    contextvars.ContextVar('pywebio_scope_stack', default=(None, ()))


def scope_stack(session: Session) -> Tuple[str, ...]:
    """The current scope stack of this thread or coroutine in ``session``, ``ROOT`` first."""
    owner, stack = _scope_stack.get()
    return (ROOT,) + stack if owner is session else (ROOT,)


def push_scope(session: Session, name: str) -> contextvars.Token:
    return _scope_stack.set((session, scope_stack(session)[1:] + (name,)))


def pop_scope(token: contextvars.Token) -> None:
    _scope_stack.reset(token)


# -- the model --------------------------------------------------------------------------------

class PageModel:
    """The boxes and names of one page. Every method mirrors what the browser does for the
    command of the same name (docs/protocol.md, *Placing output*)."""

    def __init__(self) -> None:
        self.boxes: Dict[str, List[int]] = {ROOT: []}    # box -> its outputs' ids, in page order
        self.box_owner: Dict[str, int] = {}              # box -> the output that is (or holds) it
        self.owned_boxes: Dict[int, List[str]] = {}
        self.names: Dict[str, int] = {}                  # anchor or scope name -> output id
        self.name_of: Dict[int, str] = {}
        # where a named output or a box owner is: its box, or the id of the container it was moved into
        self.parent: Dict[int, Union[str, int]] = {}
        self.held: Dict[int, List[int]] = {}             # container id -> ids moved into it

    # -- reading ----------------------------------------------------------------------------

    def anchor_names(self) -> List[str]:
        """The names in the ROOT box, in page order (the guide's anchors)."""
        return [self.name_of[i] for i in self.boxes[ROOT] if i in self.name_of]

    def require(self, function: str, name: str) -> int:
        """The id of the output named ``name``; ``ValueError`` if there is none on the page."""
        found = self.names.get(name)
        if found is None:
            owner = self.box_owner.get(name)
            if owner is not None:
                return owner
            shown = ', '.join(repr(n) for n in itertools.islice(self.names, 10))
            if len(self.names) > 10:
                shown += ', ...'
            raise ValueError(
                '%s(): there is no anchor named %r on the page, nor a scope. Names are made by '
                'set_anchor(name), put_*(..., anchor=name), put_scope(name) or use_scope(name), and '
                'disappear when cleared or removed. %s'
                % (function, name, 'Names on the page now: %s' % shown if shown else 'The page has no names now.'))
        return found

    def require_box(self, function: str, name: str) -> str:
        if name not in self.boxes:
            if name in self.names:
                raise ValueError('%s(): %r is an anchor, not a scope; output goes into scopes (put_scope, '
                                 'use_scope). To put output next to an anchor use before=/after=' % (function, name))
            raise ValueError('%s(): there is no scope named %r on the page. Scopes are made by put_scope(name) '
                             'or use_scope(name), and disappear when removed or cleared away' % (function, name))
        return name

    def sited(self, function: str, name: str) -> Tuple[str, List[int], int]:
        """The box, its list and the index of the named output, which must sit in a box."""
        output_id = self.require(function, name)
        box = self.parent.get(output_id)
        if not isinstance(box, str):
            raise ValueError('%s(): %r was moved into a container (a table, a row...); place output '
                             'there through a scope instead' % (function, name))
        ids = self.boxes[box]
        return box, ids, _rindex(ids, output_id)

    def index_at(self, function: str, box: str, position: int) -> int:
        """The index in ``box`` that ``position`` means (0 the top, -1 the end, -2 before the last...)."""
        size = len(self.boxes[box])
        index = position if position >= 0 else size + 1 + position
        if not 0 <= index <= size:
            raise IndexError('%s(): position %d is outside scope %r, which holds %d output%s: use 0..%d '
                             'from the top or -1..-%d from the end'
                             % (function, position, box, size, '' if size == 1 else 's', size, size + 1))
        return index

    # -- changing ---------------------------------------------------------------------------

    def insert(self, box: str, index: int, output_id: int) -> None:
        self.boxes[box].insert(index, output_id)

    def name(self, output_id: int, name: str, where: Union[str, int]) -> None:
        self.names[name] = output_id
        self.name_of[output_id] = name
        self.parent[output_id] = where

    def own_box(self, output_id: int, box: str, where: Union[str, int]) -> None:
        self.boxes[box] = []
        self.box_owner[box] = output_id
        self.owned_boxes.setdefault(output_id, []).append(box)
        self.parent[output_id] = where

    def replace(self, old_id: int, new_id: int) -> Union[str, int]:
        """Put ``new_id`` where ``old_id`` is and forget ``old_id``; return where that is."""
        where = self.parent[old_id]
        siblings = self.boxes[where] if isinstance(where, str) else self.held.get(where, [])
        if old_id in siblings:
            siblings[_rindex(siblings, old_id)] = new_id
        self.drop(old_id)
        return where

    def move_into(self, holder: Union[str, int], outputs: Sequence['Output']) -> None:
        """Outputs moved into a container (an id) or a box (a name) leave the box they were in."""
        target = self.boxes[holder] if isinstance(holder, str) else self.held.setdefault(holder, [])
        for output in outputs:
            if output._box is not None:
                ids = self.boxes.get(output._box)
                if ids is not None and output.id in ids:
                    del ids[_rindex(ids, output.id)]
            output._box = holder if isinstance(holder, str) else None
            target.append(output.id)
            if output.id in self.parent:
                self.parent[output.id] = holder

    def remove(self, output_id: int) -> None:
        where = self.parent.get(output_id)
        siblings = self.boxes.get(where) if isinstance(where, str) else self.held.get(where) if where else None
        if siblings and output_id in siblings:
            del siblings[_rindex(siblings, output_id)]
        self.drop(output_id)

    def clear(self, box: str, start: int = 0, end: Optional[int] = None) -> None:
        """Remove ``boxes[box][start:end]``."""
        ids = self.boxes[box]
        end = len(ids) if end is None else end
        gone = ids[start:end]
        del ids[start:end]
        for output_id in gone:
            self.drop(output_id)

    def drop(self, output_id: int) -> None:
        """Forget an output that left the page, with every name and box inside it."""
        name = self.name_of.pop(output_id, None)
        if name is not None and self.names.get(name) == output_id:
            del self.names[name]
        self.parent.pop(output_id, None)
        for box in self.owned_boxes.pop(output_id, ()):
            del self.box_owner[box]
            for child in self.boxes.pop(box, ()):
                self.drop(child)
        for child in self.held.pop(output_id, ()):
            self.drop(child)

    def drop_box(self, box: str) -> None:
        """Forget a box that left the page with its container (a popup that closed)."""
        owner = self.box_owner.get(box)
        if owner is not None:
            self.drop(owner)


def _rindex(ids: List[int], output_id: int) -> int:
    """The index of ``output_id``, searched from the end (outputs are mostly moved right after being put)."""
    for index in range(len(ids) - 1, -1, -1):
        if ids[index] == output_id:
            return index
    raise ValueError(output_id)


class PageState:
    """What the server knows of one session's page. Use `page_of` to get it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.model = PageModel()
        self._ids = itertools.count(1)
        self.popup_box: Optional[str] = None
        #: progress bars by name (`pywebio.output.put_progressbar`): (output, auto_close)
        self.progressbars: Dict[str, Any] = {}

    def next_id(self) -> int:
        return next(self._ids)


#: ``page_of(session)``: the `PageState` of ``session``, made on first use.
page_of = PerSession(PageState)


# -- output objects ---------------------------------------------------------------------------

class Output:
    """What a ``put_*`` function returns: the content it put on the page.

    The content is shown at once. Pass the object as content to another output (a `put_table`
    cell, an item of `put_row`, `popup`...) to move it there; an output can be placed in one
    container once. Every output can be styled and made clickable afterwards::

        put_text('Click me').style('color: red').onclick(lambda: toast('Clicked'))

    Containers that take more output (`put_scope`, `put_collapse`, `put_scrollable`) are also
    context managers: output put inside the ``with`` block goes into them::

        with put_collapse('Details'):
            put_text('Shown when opened')

    :ivar spec: the ``spec`` of the ``output`` command that showed it (docs/protocol.md). Add-ons
        read it as they read 1.x's: a pin widget's is ``{'type': 'pin', 'input': {'name': ...,
        ...}}``, and ``pywebio_battery``'s ``popup_input`` takes its pins' names from
        ``spec['input']['name']``.
    """

    def __init__(self, spec: Dict[str, Any], page: PageState, anchor: Optional[str],
                 box: Optional[str], inner_box: Optional[str] = None) -> None:
        self.spec = spec
        self._page = page
        self._anchor = anchor
        self._box = box            # the box it sits in; None once moved into a container
        self._inner_box = inner_box  # the box it is or holds, for ``with``
        self._embedded = False
        self._scope_tokens: List[contextvars.Token] = []

    @property
    def id(self) -> int:
        """The output's id in its session."""
        return self.spec['id']

    def style(self, css_style: str) -> 'Output':
        """Add CSS declarations to the output's element (``'color: red; margin: 0'``); returns the output."""
        if not isinstance(css_style, str):
            raise TypeError('style(): css_style must be a string of CSS declarations, got %r' % (css_style,))
        send('style', 'style', {'id': self.id, 'css': css_style})
        return self

    def onclick(self, callback: Callable[[], Any]) -> 'Output':
        """Call ``callback()`` (no arguments) when the output is clicked, or activated with the
        keyboard (it becomes a focusable button for assistive technology); returns the output."""
        if not callable(callback):
            raise TypeError('onclick(): callback must be a function without arguments, got %r' % (callback,))
        session = get_current_session()
        callback_id = session.register_callback(lambda _data: callback())
        send('onclick', 'onclick', {'id': self.id, 'callback_id': callback_id})
        return self

    def __enter__(self) -> 'Output':
        if self._inner_box is None:
            raise TypeError('%r cannot be used with "with": only containers that take more output '
                            '(put_scope, put_collapse, put_scrollable, popup) can' % (self,))
        self._scope_tokens.append(push_scope(get_current_session(), self._inner_box))
        return self

    def __exit__(self, *exc_info: Any) -> None:
        pop_scope(self._scope_tokens.pop())

    def __repr__(self) -> str:
        return '<Output %s #%s>' % (self.spec.get('type'), self.spec.get('id'))


def _check_embeddable(function: str, page: PageState, outputs: Sequence[Output]) -> None:
    seen = set()
    for output in outputs:
        if not isinstance(output, Output):
            raise TypeError('%s(): %r is not output; give the result of a put_* function such as '
                            'put_text(...)' % (function, output))
        if output._page is not page:
            raise ValueError('%s(): %r was put in another session; an output belongs to the page '
                             'of the session that made it' % (function, output))
        if output._anchor is not None:
            raise ValueError('%s(): %r was put with anchor=%r; an anchored output stays on the page '
                             'and cannot be moved into a container. Put it without anchor='
                             % (function, output, output._anchor))
        if output._embedded or id(output) in seen:
            raise ValueError('%s(): %r is already placed in a container; an output can be placed '
                             'once. Call the put_* function again for a second copy' % (function, output))
        seen.add(id(output))


def send(function: str, command: str, spec: Any, embeds: Sequence[Output] = (),
         anchors: Sequence[str] = (), check: Optional[Callable[[PageModel], None]] = None,
         update: Optional[Callable[[PageModel], None]] = None, holder: Union[str, int, None] = None) -> None:
    """Queue one command, atomically with the page model.

    ``anchors`` must be names on the page and ``check(model)`` may raise; then the command is
    sent, ``embeds`` are moved into ``holder`` (a box name or a container id) and
    ``update(model)`` runs, all under the page's lock.
    """
    session = get_current_session()
    page = page_of(session)
    with page.lock:
        for name in anchors:
            page.model.require(function, name)
        if check is not None:
            check(page.model)
        _check_embeddable(function, page, embeds)
        session.send_task_command({'command': command, 'task_id': None, 'spec': spec})
        _mark_embedded(page, embeds, holder)
        if update is not None:
            update(page.model)


def _mark_embedded(page: PageState, embeds: Sequence[Output], holder: Union[str, int, None]) -> None:
    for output in embeds:
        output._embedded = True
    if holder is not None and embeds:
        page.model.move_into(holder, embeds)


def current_box(session: Session, page: PageState, function: str) -> str:
    box = scope_stack(session)[-1]
    if box not in page.model.boxes:
        raise ValueError('%s(): the current scope %r is no longer on the page (it was removed or cleared '
                         'away); leave its use_scope() block or put the output elsewhere with scope=' % (function, box))
    return box


def put(function: str, output_type: str, fields: Dict[str, Any], place: Placement = AT_END,
        embeds: Sequence[Output] = (), prepare: Optional[Callable[[Session, Dict[str, Any]], None]] = None,
        box: Optional[str] = None, box_content: Sequence[Output] = ()) -> Output:
    """Show an output of ``output_type`` with ``fields`` at ``place``; return its `Output`.

    ``embeds`` are outputs moved into the new one (table cells, row items...). ``box`` names a box
    the new output is or holds (a scope; the body of a collapse), and ``box_content`` are outputs
    moved into that box, in order. ``prepare(session, fields)`` runs once the call is known to be
    valid, just before sending (to register callbacks without leaking them on errors).
    """
    session = get_current_session()
    page = page_of(session)
    with page.lock:
        model = page.model
        anchor = place.anchor
        replacing = anchor is not None and (anchor in model.names or anchor in model.box_owner)
        if replacing and (place.before is not None or place.after is not None or place.scope is not None
                          or place.position != -1):
            raise ValueError('%s(): %r is already on the page, so the new output replaces it in place; '
                             'before=/after=/scope=/position= cannot move it. Call remove(%r) first to put '
                             'it elsewhere' % (function, anchor, anchor))
        reference = place.before if place.before is not None else place.after
        target_box: Optional[str] = None
        index = 0
        if replacing:
            model.require(function, anchor)  # type: ignore[arg-type]
        elif reference is not None:
            target_box, ids, index = model.sited(function, reference)
            if place.after is not None:
                index += 1
        else:
            target_box = model.require_box(function, place.scope) if place.scope is not None \
                else current_box(session, page, function)
            index = model.index_at(function, target_box, place.position)
        renewing = replacing and box == anchor  # put_scope(name) of a scope that exists: a fresh one
        if box is not None and not renewing and (box in model.boxes or box in model.names):
            raise ValueError('%s(): %r is already a name on the page; give the new scope another name, '
                             'or remove(%r) first' % (function, box, box))
        _check_embeddable(function, page, list(embeds) + list(box_content))
        if prepare is not None:
            prepare(session, fields)
        output_id = page.next_id()
        spec = {'type': output_type, 'id': output_id}
        spec.update(fields)
        if anchor is not None:
            spec['anchor'] = anchor
        if box is not None:
            spec['box'] = box
        if not replacing:
            if place.before is not None:
                spec['before'] = place.before
            elif place.after is not None:
                spec['after'] = place.after
            else:
                ids = model.boxes[target_box]  # type: ignore[index]
                if target_box != ROOT:
                    spec['scope'] = target_box
                if index < len(ids):
                    spec['before_id'] = ids[index]
        session.send_task_command({'command': 'output', 'task_id': None, 'spec': spec})
        # the model follows what the browser now does
        if replacing:
            where = model.replace(model.require(function, anchor), output_id)  # type: ignore[arg-type]
        else:
            model.insert(target_box, index, output_id)  # type: ignore[arg-type]
            where = target_box  # type: ignore[assignment]
        if anchor is not None:
            model.name(output_id, anchor, where)
        if box is not None:
            model.own_box(output_id, box, where)
            if box == anchor:  # a scope: its name is the box's
                del model.names[box]
                del model.name_of[output_id]
        _mark_embedded(page, embeds, output_id)
        if box is not None:
            _mark_embedded(page, box_content, box)
    return Output(spec, page, anchor if box is None else None, where if isinstance(where, str) else None, box)


def cell(function: str, where: str, value: Any, embeds: List[Output]) -> Cell:
    """Convert one table cell or popup item; collect embedded outputs in ``embeds``.

    A plain string is trusted HTML, unless the 1.x semantics are on (`pywebio.set_api`): then it
    is text, sent as ``{"text": ...}``.
    """
    if isinstance(value, Output):
        embeds.append(value)
        return {'output': value.id}
    if isinstance(value, str):
        from ._compat import strings_are_text
        return {'text': value} if strings_are_text() else value
    if value is None:
        return ''
    if isinstance(value, numbers.Number):
        return str(value)  # digits, signs and letters only: safe as HTML
    raise TypeError('%s(): %s is %r; it must be a string, a number, or the result of a put_* function '
                    'such as put_text(...)' % (function, where, value))


def names_in(model: PageModel, names: Iterable[str]) -> List[str]:
    return [name for name in names if name in model.names]

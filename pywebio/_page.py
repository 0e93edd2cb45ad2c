"""The server's model of a session's page, kept for `pywebio.output`. Private.

The browser renders; the server only remembers what it needs to give clear errors in Python:

- the **anchors** on the page, in page order (`AnchorModel`), so that ``put_text('x',
  before='nope')`` or ``clear_range('b', 'a')`` raise a ``ValueError`` that names the anchor,
  at the call, instead of doing nothing in the browser;
- the **ids** of outputs, and which outputs were already embedded in a table or popup (an
  output may be placed in a container once).

One `PageState` exists per session, created on first use and kept in a
``weakref.WeakKeyDictionary`` keyed by the session object, so it goes away with the session.
Its lock makes "check the model, queue the command, update the model" one step, so the order of
the commands the browser applies is the order of the model, whichever threads call the API.
"""
import itertools
import numbers
import threading
import weakref
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence

from .session import Session, get_current_session

#: A cell of a table or an item of a popup, as sent: trusted HTML, or ``{"output": id}``.
Cell = Any


class AnchorModel:
    """The names of the anchors on a page, in page order.

    Only anchored items are listed; other outputs sit between them and do not matter here.
    Every method mirrors what the browser does for the command of the same name
    (docs/protocol.md, *Anchors and the output area*).
    """

    def __init__(self) -> None:
        self._names: List[str] = []
        self._known: set = set()

    def __contains__(self, name: object) -> bool:
        return name in self._known

    def __len__(self) -> int:
        return len(self._names)

    def names(self) -> List[str]:
        return list(self._names)

    def require(self, function: str, name: str) -> None:
        """Raise ``ValueError`` unless an anchor ``name`` is on the page."""
        if name not in self._known:
            shown = ', '.join(repr(n) for n in self._names[:10]) + (', ...' if len(self._names) > 10 else '')
            raise ValueError(
                '%s(): there is no anchor named %r on the page. Anchors are made by set_anchor(name) '
                'or put_*(..., anchor=name), and disappear when cleared or removed. %s'
                % (function, name, 'Anchors on the page now: %s' % shown if shown else 'The page has no anchors now.'))

    def index(self, name: str) -> int:
        return self._names.index(name)

    def append(self, name: str) -> None:
        self._names.append(name)
        self._known.add(name)

    def insert_before(self, name: str, reference: str) -> None:
        self._names.insert(self.index(reference), name)
        self._known.add(name)

    def insert_after(self, name: str, reference: str) -> None:
        self._names.insert(self.index(reference) + 1, name)
        self._known.add(name)

    def discard(self, name: str) -> None:
        if name in self._known:
            self._names.remove(name)
            self._known.discard(name)

    def set_anchor(self, name: str) -> None:
        """An existing anchor of that name moves to the end (its output stays, unnamed)."""
        self.discard(name)
        self.append(name)

    def clear_before(self, name: str) -> None:
        self._drop(self._names[:self.index(name)])

    def clear_after(self, name: str) -> None:
        self._drop(self._names[self.index(name) + 1:])

    def clear_range(self, start: str, end: str) -> None:
        self._drop(self._names[self.index(start) + 1:self.index(end)])

    def _drop(self, names: Iterable[str]) -> None:
        gone = set(names)
        self._names = [n for n in self._names if n not in gone]
        self._known -= gone


class PageState:
    """What the server knows of one session's page. Use `page_of` to get it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.anchors = AnchorModel()
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        return next(self._ids)


_pages: 'weakref.WeakKeyDictionary[Session, PageState]' = weakref.WeakKeyDictionary()
_pages_lock = threading.Lock()


def page_of(session: Session) -> PageState:
    """The `PageState` of ``session``, made on first use."""
    page = _pages.get(session)
    if page is None:
        with _pages_lock:
            page = _pages.get(session)
            if page is None:
                page = _pages[session] = PageState()
    return page


class Output:
    """What a ``put_*`` function returns: the content it put on the page.

    The content is shown at once. Pass the object to `put_table` (as a cell) or `popup` (as an
    item) to move it there; an output can be placed in a table or popup once.

    :ivar spec: the ``spec`` of the ``output`` command that showed it (docs/protocol.md).
    """

    def __init__(self, spec: Dict[str, Any], page: PageState, anchor: Optional[str]) -> None:
        self.spec = spec
        self._page = page
        self._anchor = anchor
        self._embedded = False

    @property
    def id(self) -> int:
        """The output's id in its session."""
        return self.spec['id']

    def __repr__(self) -> str:
        return '<Output %s #%s>' % (self.spec.get('type'), self.spec.get('id'))


def check_anchor_name(function: str, argument: str, name: Any) -> None:
    if not isinstance(name, str) or not name:
        raise TypeError('%s(): %s must be a non-empty string (an anchor name), got %r' % (function, argument, name))


def check_placement(function: str, anchor: Any, before: Any, after: Any) -> None:
    """Check the types of a put_* call's ``anchor``/``before``/``after`` arguments."""
    for argument, value in (('anchor', anchor), ('before', before), ('after', after)):
        if value is not None:
            check_anchor_name(function, argument, value)
    if before is not None and after is not None:
        raise ValueError('%s(): give before= or after=, not both' % function)


def _check_embeddable(function: str, page: PageState, outputs: Sequence[Output]) -> None:
    seen = set()
    for output in outputs:
        if output._page is not page:
            raise ValueError('%s(): %r was put in another session; an output belongs to the page '
                             'of the session that made it' % (function, output))
        if output._anchor is not None:
            raise ValueError('%s(): %r was put with anchor=%r; an anchored output stays on the page '
                             'and cannot be moved into a table or popup. Put it without anchor='
                             % (function, output, output._anchor))
        if output._embedded or id(output) in seen:
            raise ValueError('%s(): %r is already placed in a table or popup; an output can be placed '
                             'once. Call the put_* function again for a second copy' % (function, output))
        seen.add(id(output))


def send(function: str, command: str, spec: Any, embeds: Sequence[Output] = (),
         anchors: Sequence[str] = (), check: Optional[Callable[[AnchorModel], None]] = None,
         update: Optional[Callable[[AnchorModel], None]] = None) -> None:
    """Queue one command, atomically with the page model.

    ``anchors`` must exist on the page and ``check(model)`` may raise; then the command is sent,
    ``embeds`` are marked as placed and ``update(model)`` runs, all under the page's lock.
    """
    session = get_current_session()
    page = page_of(session)
    with page.lock:
        for name in anchors:
            page.anchors.require(function, name)
        if check is not None:
            check(page.anchors)
        _check_embeddable(function, page, embeds)
        session.send_task_command({'command': command, 'task_id': None, 'spec': spec})
        for output in embeds:
            output._embedded = True
        if update is not None:
            update(page.anchors)


def put(function: str, output_type: str, fields: Dict[str, Any], anchor: Optional[str] = None,
        before: Optional[str] = None, after: Optional[str] = None, embeds: Sequence[Output] = (),
        prepare: Optional[Callable[[Session, Dict[str, Any]], None]] = None) -> Output:
    """Show an output of ``output_type`` with ``fields``; return its `Output`.

    ``check_placement`` must have been called. ``prepare(session, fields)`` runs once the call is
    known to be valid, just before sending (to register callbacks without leaking them on errors).
    """
    session = get_current_session()
    page = page_of(session)
    with page.lock:
        model = page.anchors
        replacing = anchor is not None and anchor in model
        if replacing and (before is not None or after is not None):
            raise ValueError('%s(): anchor %r is already on the page, so the new output replaces it '
                             'in place; before=/after= cannot move it. Call remove(%r) first to put it '
                             'elsewhere' % (function, anchor, anchor))
        reference = before if before is not None else after
        if reference is not None:
            model.require(function, reference)
        _check_embeddable(function, page, embeds)
        if prepare is not None:
            prepare(session, fields)
        spec = {'type': output_type, 'id': page.next_id()}
        spec.update(fields)
        if anchor is not None:
            spec['anchor'] = anchor
        if before is not None:
            spec['before'] = before
        elif after is not None:
            spec['after'] = after
        session.send_task_command({'command': 'output', 'task_id': None, 'spec': spec})
        for output in embeds:
            output._embedded = True
        if anchor is not None and not replacing:
            if before is not None:
                model.insert_before(anchor, before)
            elif after is not None:
                model.insert_after(anchor, after)
            else:
                model.append(anchor)
    return Output(spec, page, anchor)


def cell(function: str, where: str, value: Any, embeds: List[Output]) -> Cell:
    """Convert one table cell or popup item; collect embedded outputs in ``embeds``."""
    if isinstance(value, Output):
        embeds.append(value)
        return {'output': value.id}
    if isinstance(value, str):
        return value
    if value is None:
        return ''
    if isinstance(value, numbers.Number):
        return str(value)  # digits, signs and letters only: safe as HTML
    raise TypeError('%s(): %s is %r; it must be a string (trusted HTML), a number, or the result '
                    'of a put_* function such as put_text(...)' % (function, where, value))


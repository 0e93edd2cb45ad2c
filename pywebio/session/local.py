"""Session-local data: `pywebio.session.local` and the object `pywebio.session.data` returns.

Each session owns one `SessionLocal`, made on first use and dropped with the session. `local`
is a proxy that finds the namespace of the *current* session on every access, so one module-level
``local`` serves every session at once, in the task, its registered threads, its callbacks and
its coroutines.

Introspection never reaches a session: pytest, ``unittest.mock``, IPython, Sphinx, ``copy`` and
``pickle`` read attributes such as ``_mock_name`` or ``_repr_html_`` of every module-level object
they meet. A read of ``local`` outside a session raises ``AttributeError`` (it never starts
script mode), and names with a leading underscore that were never set raise ``AttributeError``
instead of reading as ``None``.
"""
import importlib
import threading
from typing import Any, Callable, Iterator, List, Optional

_ATTR = '_pywebio_local'
_create_lock = threading.Lock()


class SessionLocal:
    """A dict whose keys can also be read and written as attributes.

    - ``ns.name = 1``, ``ns['name'] = 1``: store; any hashable key works with items
      (``ns[10] = 'x'``), identifiers with attributes.
    - ``ns.name``, ``ns['name']``: read; a name that was never set reads as ``None`` (an attribute
      whose name starts with ``_`` raises ``AttributeError`` instead, as tools expect).
    - ``del ns.name``, ``del ns['name']``: forget (``AttributeError`` / ``KeyError`` if unset).
    - ``'name' in ns``, ``len(ns)``, ``for key in ns``: membership, size, the keys in the order
      they were set.
    - ``ns._dict``: the underlying ``dict`` itself (changes to it show through).

    The dict methods (``keys``, ``get``...) are not attributes: ``ns.keys`` is the value stored
    under ``'keys'``. Use ``ns._dict.keys()``.
    """

    __slots__ = ('_dict',)

    def __init__(self) -> None:
        object.__setattr__(self, '_dict', {})

    def __getattr__(self, name: str) -> Any:
        if name.startswith('_') and name not in self._dict:  # copy, pickle, mock, doc tools
            raise AttributeError(name)
        return self._dict.get(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == '_dict':
            raise AttributeError('_dict is the namespace itself and cannot be replaced')
        self._dict[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self._dict[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: Any) -> Any:
        return self._dict.get(key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._dict[key] = value

    def __delitem__(self, key: Any) -> None:
        del self._dict[key]

    def __contains__(self, key: Any) -> bool:
        return key in self._dict

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._dict))

    def __len__(self) -> int:
        return len(self._dict)

    def __repr__(self) -> str:
        return '<pywebio session local %r>' % (self._dict,)


def local_of(session: Any) -> SessionLocal:
    """The `SessionLocal` of ``session``, made on first use."""
    namespace = getattr(session, _ATTR, None)
    if namespace is None:
        with _create_lock:
            namespace = getattr(session, _ATTR, None)
            if namespace is None:
                namespace = SessionLocal()
                setattr(session, _ATTR, namespace)
    return namespace


def module_attribute(module: str, name: str) -> Any:
    """``module.name``: how the session proxies (`local`, `info`, `pin`) pickle and copy, as a
    reference to the one module-level object rather than as a copy of it."""
    return getattr(importlib.import_module(module), name)


class CurrentSessionLocal:
    """`pywebio.session.local`: the `SessionLocal` of whichever session the caller is in.

    ``current_session()`` finds (or, in script mode, starts) the session of a write;
    ``existing_session()`` finds the session of a read and returns ``None`` outside any: reading
    never starts script mode.
    """

    __slots__ = ('_current', '_existing')

    def __init__(self, current_session: Callable[[], Any], existing_session: Callable[[], Optional[Any]]) -> None:
        object.__setattr__(self, '_current', current_session)
        object.__setattr__(self, '_existing', existing_session)

    def _namespace(self) -> SessionLocal:
        return local_of(self._current())

    def __getattr__(self, name: str) -> Any:
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        session = self._existing()
        if session is None:
            raise AttributeError('pywebio.session.local.%s: read outside a PyWebIO session (local '
                                 'holds values of one session; read it in a task, a callback or a '
                                 'registered thread)' % name)
        namespace = local_of(session)
        return namespace._dict if name == '_dict' else getattr(namespace, name)

    def __dir__(self) -> List[str]:
        session = self._existing()
        names = [name for name in local_of(session)._dict if isinstance(name, str)] if session else []
        return sorted(set(object.__dir__(self)) | set(names))

    def __reduce__(self) -> Any:
        return module_attribute, ('pywebio.session', 'local')

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._namespace(), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._namespace(), name)

    def __getitem__(self, key: Any) -> Any:
        return self._namespace()[key]

    def __setitem__(self, key: Any, value: Any) -> None:
        self._namespace()[key] = value

    def __delitem__(self, key: Any) -> None:
        del self._namespace()[key]

    def __contains__(self, key: Any) -> bool:
        return key in self._namespace()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._namespace())

    def __len__(self) -> int:
        return len(self._namespace())

    def __repr__(self) -> str:
        return '<pywebio.session.local>'

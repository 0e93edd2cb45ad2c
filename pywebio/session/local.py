"""Session-local data: `pywebio.session.local` and the object `pywebio.session.data` returns.

Each session owns one `SessionLocal`, made on first use and dropped with the session. `local`
is a proxy that finds the namespace of the *current* session on every access, so one module-level
``local`` serves every session at once, in the task, its registered threads, its callbacks and
its coroutines.
"""
import threading
from typing import Any, Iterator

_ATTR = '_pywebio_local'
_create_lock = threading.Lock()


class SessionLocal:
    """A dict whose keys can also be read and written as attributes.

    - ``ns.name = 1``, ``ns['name'] = 1``: store; any hashable key works with items
      (``ns[10] = 'x'``), identifiers with attributes.
    - ``ns.name``, ``ns['name']``: read; a name that was never set reads as ``None``.
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
        if name.startswith('__') and name.endswith('__'):  # copy, pickle, doc tools
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


class CurrentSessionLocal:
    """`pywebio.session.local`: the `SessionLocal` of whichever session the caller is in."""

    __slots__ = ('_current',)

    def __init__(self, current_session: Any) -> None:
        object.__setattr__(self, '_current', current_session)

    def _namespace(self) -> SessionLocal:
        return local_of(self._current())

    def __getattr__(self, name: str) -> Any:
        if name.startswith('__') and name.endswith('__'):  # introspection must not start script mode
            raise AttributeError(name)
        namespace = self._namespace()
        return namespace._dict if name == '_dict' else getattr(namespace, name)

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

"""HTTP headers that a WebSocket connection keeps for its whole life, folded into one string.

A Tornado handler keeps the headers of its request, and of its answer, for as long as the
connection lives: the request's are ``session.info.request.headers``, which 1.x programs may read
at any time. Parsed, they are a dictionary of lists and a cache, some 2.5 KiB a connection, most
of an idle session's share of Tornado. `fold` replaces them with `FoldedHeaders`, which keeps
the same headers as one string and parses them again at its first use, so what a program reads
is unchanged.
"""
from typing import Any

import tornado.httputil

__all__ = ['FoldedHeaders', 'fold']


class FoldedHeaders(tornado.httputil.HTTPHeaders):
    """`tornado.httputil.HTTPHeaders` held as their text until first used.

    Every method of ``HTTPHeaders`` works on attributes its ``__init__`` makes (which differ from
    one Tornado release to the next); the first one read that is missing is made here, by parsing
    the text into a real ``HTTPHeaders`` and taking its attributes.
    """

    def __init__(self, text: str) -> None:  # no super().__init__(): that is what is deferred
        self._folded_text = text

    def __getattr__(self, name: str) -> Any:
        text = self.__dict__.pop('_folded_text', None)
        if text is None:  # parsed already, or never folded: a name HTTPHeaders does not have
            raise AttributeError(name)
        self.__dict__.update(vars(tornado.httputil.HTTPHeaders.parse(text)))
        return getattr(self, name)


def fold(headers: tornado.httputil.HTTPHeaders) -> tornado.httputil.HTTPHeaders:
    """``headers`` as `FoldedHeaders` (the same names, values and order)."""
    if isinstance(headers, FoldedHeaders):
        return headers
    return FoldedHeaders(''.join('%s: %s\r\n' % pair for pair in headers.get_all()))

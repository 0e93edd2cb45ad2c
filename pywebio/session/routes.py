"""The route of this process: the name a front end (nginx, `start_server(processes=N)`) reads in a
session's keys to send a page's later connections and requests to the process that holds its
session (docs/deploy.md). Resume keys (`pywebio.platform.resume`) and upload keys
(`pywebio.session.uploads`) start with it: ``<route>.<random id>``.
"""
import os
import re

__all__ = ['set_route', 'current_route', 'route_of']

_ROUTE_PATTERN = re.compile(r'^[A-Za-z0-9_-]{1,40}$')
_route = os.environ.get('PYWEBIO_ROUTE', '') or '0'


def set_route(route: str) -> None:
    """Name this process in the keys of the sessions it makes from now on (``<route>.<id>``).

    A front that spreads connections over several processes or machines reads the route of a
    resuming page's ``resume`` parameter (and of an upload's ``pywebio_upload``) to send it where
    its session lives (docs/deploy.md).
    The environment variable ``PYWEBIO_ROUTE`` sets it at start; `start_server(processes=N)`
    adds the process number.
    """
    if not isinstance(route, str) or not _ROUTE_PATTERN.match(route):
        raise ValueError('a PyWebIO route must be 1 to 40 letters, digits, "_" or "-", got %r' % (route,))
    global _route
    _route = route


def current_route() -> str:
    return _route


if _route != '0':
    set_route(_route)  # PYWEBIO_ROUTE is checked when PyWebIO starts, not at the first resume


def route_of(key: str) -> str:
    """The route part of a session key (what a front routes on)."""
    return key.split('.', 1)[0]

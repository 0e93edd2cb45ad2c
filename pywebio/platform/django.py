"""Serve PyWebIO apps from Django, over HTTP long-polling.

Add the routes to ``urls.py``, exactly as the guide shows::

    from functools import partial
    from django.urls import path
    from django.views.static import serve
    from pywebio import STATIC_PATH
    from pywebio.platform.django import webio_view

    webio_view_func = webio_view(target=task_func)

    urlpatterns = [
        path(r"io", webio_view_func),
        path(r'', partial(serve, path='index.html'), {'document_root': STATIC_PATH}),
        path(r'<path:path>', serve, {'document_root': STATIC_PATH}),
    ]

The view is exempt from Django's CSRF middleware: it checks the ``Origin`` of every request
itself. Django is an optional dependency: ``pip install pywebio[django]``.
"""
from typing import Any, Callable, Iterable, Optional, Union

from django.http import HttpRequest as DjangoRequest
from django.http import HttpResponse as DjangoResponse
from django.views.decorators.csrf import csrf_exempt

from .httpbased import DEFAULT_EXPIRE_SECONDS, HttpRequest, HttpTransport
from .utils import OriginCheck

__all__ = ['webio_view']


def _body_reader(request: DjangoRequest) -> Callable[[int], Optional[bytes]]:
    def read(limit: int) -> Optional[bytes]:
        try:
            length = int(request.META.get('CONTENT_LENGTH') or 0)
        except ValueError:
            length = 0
        if length > limit:
            return None  # refused without reading it
        body = request.read(limit + 1)
        return None if len(body) > limit else body
    return read


def webio_view(target: Callable[[], Any], allowed_origins: Optional[Iterable[str]] = None,
               check_origin: Optional[OriginCheck] = None,
               session_expire_seconds: float = DEFAULT_EXPIRE_SECONDS,
               session_cleanup_interval: Optional[float] = None,
               max_payload_size: Union[int, str] = '16M') -> Callable[[DjangoRequest], DjangoResponse]:
    """Return a Django view that serves ``target``, one session per browser tab.

    The parameters are those of `pywebio.platform.flask.webio_view`.
    """
    transport = HttpTransport(target, allowed_origins=allowed_origins, check_origin=check_origin,
                              session_expire_seconds=session_expire_seconds,
                              session_cleanup_interval=session_cleanup_interval,
                              max_payload_size=max_payload_size, backend='django')

    @csrf_exempt
    def view(request: DjangoRequest) -> DjangoResponse:
        response = transport.handle(HttpRequest(
            method=request.method or 'GET', headers=request.headers, args=request.GET,
            read_body=_body_reader(request), host=request.get_host(),
            remote_ip=request.META.get('REMOTE_ADDR', ''), raw=request))
        django_response = DjangoResponse(response.body, status=response.status)
        for name, value in response.headers.items():
            django_response[name] = value
        return django_response

    view.transport = transport  # type: ignore[attr-defined]
    return view

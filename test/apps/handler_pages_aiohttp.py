"""aiohttp routes as PyWebIO 1.x's test 10 adds them: `webio_handler` at ``/io`` and ``/io2``,
then `static_routes()`; the browser opens ``/`` (the static page, whose API is ``./io``) and
``/io2`` (the handler's own page). On a port the system picks (`test.apps.listening`)."""
from aiohttp import web

from pywebio.platform.aiohttp import static_routes, webio_handler
from test.apps.handler_page_tasks import async_target, target
from test.apps.listening import listening_socket


async def hello(request):
    return web.Response(text='Hello from aiohttp')


app = web.Application()
app.add_routes([web.get('/io', webio_handler(target, cdn=False))])
app.add_routes([web.get('/io2', webio_handler(async_target, cdn=False))])
app.add_routes([web.get('/hello', hello)])
app.add_routes(static_routes())
web.run_app(app, sock=listening_socket())

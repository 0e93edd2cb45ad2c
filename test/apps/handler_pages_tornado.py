"""Tornado routes as PyWebIO 1.x's test 7 mounts them: `webio_handler` at ``/`` and ``/io2``,
beside a handler of the application's own and the static files; the browser opens the handlers'
URLs themselves. On a port the system picks (`test.apps.listening`)."""
import tornado.ioloop
import tornado.web

from pywebio import STATIC_PATH
from pywebio.platform.tornado import webio_handler
from test.apps.handler_page_tasks import async_target, target
from test.apps.listening import tornado_listen


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.write('Hello from Tornado')


if __name__ == '__main__':
    application = tornado.web.Application([
        (r"/", webio_handler(async_target, cdn=False)),
        (r"/io2", webio_handler(target, cdn=False)),
        (r"/hello", HelloHandler),
        (r"/(.*)", tornado.web.StaticFileHandler, {"path": STATIC_PATH, 'default_filename': 'index.html'}),
    ])
    tornado_listen(application)
    tornado.ioloop.IOLoop.current().start()

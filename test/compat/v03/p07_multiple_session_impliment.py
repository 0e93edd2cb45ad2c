"""v0.3.0's 7.multiple_session_impliment.py: a Tornado application of its own with two
`webio_handler`s, a coroutine task at /io and a thread task at /io2, and PyWebIO's static files."""
import pywebio
import template
import util
from pywebio.input import *
from pywebio.output import *
from pywebio.utils import to_coroutine, run_as_function


def target():
    template.basic_output()
    template.background_output()

    run_as_function(template.basic_input())
    actions(buttons=['Continue'])
    template.background_input()


async def async_target():
    template.basic_output()
    await template.coro_background_output()

    await to_coroutine(template.basic_input())
    await actions(buttons=['Continue'])
    await template.coro_background_input()


def start_test_server():
    pywebio.enable_debug()

    import tornado.ioloop
    import tornado.web
    from pywebio.platform.tornado import webio_handler
    from pywebio import STATIC_PATH
    from test.apps.listening import tornado_listen

    application = tornado.web.Application([
        (r"/io", webio_handler(async_target)),
        (r"/io2", webio_handler(target)),
        (r"/(.*)", tornado.web.StaticFileHandler, {"path": STATIC_PATH, 'default_filename': 'index.html'})
    ])
    tornado_listen(application)  # upstream: application.listen(port=8080, address='127.0.0.1')
    tornado.ioloop.IOLoop.current().start()


if __name__ == '__main__':
    util.run_test(start_test_server)

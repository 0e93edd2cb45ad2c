"""The guide's Tornado integration example, verbatim but for the port: one the system picks
(`test.apps.listening`)."""
from pywebio.input import input
from pywebio.output import put_text
from test.apps.listening import tornado_listen


def task_func():
    name = input("What's your name?")
    put_text('Hello, %s' % name)


# -- from the guide -----------------------------------------------------------------------------
import tornado.ioloop
import tornado.web
from pywebio.platform.tornado import webio_handler
from pywebio import STATIC_PATH

class MainHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, world")

if __name__ == "__main__":
    application = tornado.web.Application([
        (r"/", MainHandler),
        (r"/tool/io", webio_handler(task_func)),  # task_func 为使用PyWebIO编写的任务函数
        (r"/tool/(.*)", tornado.web.StaticFileHandler,
         {"path": STATIC_PATH, 'default_filename': 'index.html'})
    ])
    tornado_listen(application)  # the guide: application.listen(port=80, address='localhost')
    tornado.ioloop.IOLoop.current().start()

"""Mount PyWebIO in a Tornado application: the page under /tool/, its API at /tool/io."""
import argparse

import tornado.ioloop
import tornado.web

from pywebio import STATIC_PATH
from pywebio.output import put_text
from pywebio.platform.tornado import webio_handler
from pywebio.input import input


def greeter():
    name = input("What's your name?")
    put_text('Hello, %s!' % name)


class HomeHandler(tornado.web.RequestHandler):
    def get(self):
        self.write('<a href="/tool/">Open the greeter</a>')


def make_app():
    return tornado.web.Application([
        (r'/', HomeHandler),                       # the rest of your site
        (r'/tool/io', webio_handler(greeter)),     # the API the page talks to: ./io beside it
        (r'/tool/(.*)', tornado.web.StaticFileHandler,
         {'path': STATIC_PATH, 'default_filename': 'index.html'}),  # the page
    ])


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=8080)
    make_app().listen(parser.parse_args().port, address='127.0.0.1')
    tornado.ioloop.IOLoop.current().start()

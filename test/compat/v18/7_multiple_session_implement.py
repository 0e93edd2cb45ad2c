"""Upstream's 7.multiple_session_impliment.py: a Tornado application of the program's own, with
`webio_handler` of a coroutine task at ``/`` and of a thread task at ``/io2``, and the static files;
it listens on 127.0.0.1 as ``application.listen`` does, on a port the system picks, and says
which (`test.apps.listening`: the repository's root must be on PYTHONPATH, as the tests set it).
The pages opened are the handlers' own."""
import tornado.ioloop
import tornado.web

import pywebio
from pywebio import STATIC_PATH
from pywebio.input import actions
from pywebio.platform.tornado import webio_handler
from pywebio.utils import run_as_function, to_coroutine
from test.apps.listening import tornado_listen

import calls


def target():
    calls.basic_output()
    calls.background_output()

    run_as_function(calls.basic_input())
    actions(buttons=['Continue'])
    calls.background_input()


async def async_target():
    calls.basic_output()
    await calls.coro_background_output()

    await to_coroutine(calls.basic_input())
    await actions(buttons=['Continue'])
    await calls.coro_background_input()


if __name__ == '__main__':
    pywebio.enable_debug()
    application = tornado.web.Application([
        (r'/', webio_handler(async_target, cdn=False)),
        (r'/io2', webio_handler(target, cdn=False)),
        (r'/(.*)', tornado.web.StaticFileHandler, {'path': STATIC_PATH, 'default_filename': 'index.html'}),
    ])
    tornado_listen(application)  # application.listen(port=8080, address='127.0.0.1') in upstream's
    tornado.ioloop.IOLoop.current().start()

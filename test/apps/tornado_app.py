"""The guide's Tornado example with the integration task (thread or coroutine), on a port the system
picks (`test.apps.listening`)."""
import tornado.ioloop
import tornado.web

from test.apps.integration_tasks import pick_task
from test.apps.listening import tornado_listen
from pywebio.platform.tornado import webio_handler
from pywebio import STATIC_PATH

task_func = pick_task()

application = tornado.web.Application([
    (r"/tool/io", webio_handler(task_func)),
    (r"/tool/(.*)", tornado.web.StaticFileHandler, {"path": STATIC_PATH, 'default_filename': 'index.html'})
])
tornado_listen(application)  # the guide: application.listen(port=80, address='localhost')
tornado.ioloop.IOLoop.current().start()

"""A one-file Django project whose urls.py is the guide's, verbatim but for the task, served by
Django's development server on a port the system picks."""
import django
from django.conf import settings

settings.configure(DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=['localhost', '127.0.0.1'],
                   SECRET_KEY='only-for-tests', MIDDLEWARE=['django.middleware.csrf.CsrfViewMiddleware'])
django.setup()

import threading
from test.apps.integration_tasks import pick_task
from pywebio.platform.httpbased import run_event_loop

task_func = pick_task()
threading.Thread(target=run_event_loop, daemon=True).start()  # for the coroutine task

# -- urls.py, from the guide --------------------------------------------------------------------
from functools import partial
from django.urls import path
from django.views.static import serve
from pywebio import STATIC_PATH
from pywebio.platform.django import webio_view

# task_func 为使用PyWebIO编写的任务函数
webio_view_func = webio_view(target=task_func)

urlpatterns = [
    path(r"io", webio_view_func),
    path(r'', partial(serve, path='index.html'), {'document_root': STATIC_PATH}),
    path(r'<path:path>', serve, {'document_root': STATIC_PATH}),
]

if __name__ == '__main__':
    # what ``manage.py runserver --noreload`` runs (django.core.servers.basehttp.run, threaded), on
    # a port of 127.0.0.1 the system picks, said on the output (`test.apps.listening`)
    import socketserver
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer, get_internal_wsgi_application
    from test.apps.listening import say_listening

    class ThreadedWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    server = ThreadedWSGIServer(('127.0.0.1', 0), WSGIRequestHandler)
    server.set_app(get_internal_wsgi_application())
    say_listening(server.server_port)
    server.serve_forever()

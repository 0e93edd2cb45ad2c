"""A one-file Django project whose urls.py is the guide's, verbatim but for the task."""
import sys

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
    from django.core.management import execute_from_command_line
    execute_from_command_line([sys.argv[0], 'runserver', '127.0.0.1:%s' % sys.argv[1], '--noreload'])

"""The guide's aiohttp example, verbatim but for the task and the port: one the system picks
(`test.apps.listening`)."""
from test.apps.integration_tasks import pick_task
from test.apps.listening import listening_socket

task_func = pick_task()

# -- from the guide -----------------------------------------------------------------------------
from aiohttp import web
from pywebio.platform.aiohttp import static_routes, webio_handler
from pywebio import STATIC_PATH

app = web.Application()
# task_func 为使用PyWebIO编写的任务函数
app.add_routes([web.get('/io', webio_handler(task_func))])
app.add_routes(static_routes(STATIC_PATH))

web.run_app(app, sock=listening_socket())  # the guide: web.run_app(app, host='localhost', port=8080)

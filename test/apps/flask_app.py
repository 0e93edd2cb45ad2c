"""The guide's Flask example, verbatim but for the task and the port: 0, so the system picks one,
which Werkzeug logs (" * Running on http://127.0.0.1:PORT")."""
import threading

from test.apps.integration_tasks import pick_task
from pywebio.platform.httpbased import run_event_loop

task_func = pick_task()
threading.Thread(target=run_event_loop, daemon=True).start()  # for the coroutine task

# -- from the guide -----------------------------------------------------------------------------
from pywebio.platform.flask import webio_view
from pywebio import STATIC_PATH
from flask import Flask, send_from_directory

app = Flask(__name__)

# task_func 为使用PyWebIO编写的任务函数
app.add_url_rule('/io', 'webio_view', webio_view(target=task_func),
methods=['GET', 'POST', 'OPTIONS'])

@app.route('/')
@app.route('/<path:static_file>')
def serve_static_file(static_file='index.html'):
    return send_from_directory(STATIC_PATH, static_file)

app.run(host='127.0.0.1', port=0)  # the guide: app.run(host='localhost', port=80)

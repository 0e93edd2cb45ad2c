"""The guide's coroutine-with-Flask example, verbatim but for the port: 0, so the system picks one,
which Werkzeug logs (" * Running on http://127.0.0.1:PORT")."""
import asyncio
import threading
from flask import Flask, send_from_directory
from pywebio import STATIC_PATH
from pywebio.output import *
from pywebio.platform.flask import webio_view
from pywebio.platform.httpbased import run_event_loop
from pywebio.session import run_asyncio_coroutine

async def hello_word():
    put_text('Hello ...')
    await run_asyncio_coroutine(asyncio.sleep(1))
    put_text('... World!')

app = Flask(__name__)
app.add_url_rule('/io', 'webio_view', webio_view(hello_word), methods=['GET', 'POST', 'OPTIONS'])

@app.route('/')
@app.route('/<path:static_file>')
def serve_static_file(static_file='index.html'):
    return send_from_directory(STATIC_PATH, static_file)

threading.Thread(target=run_event_loop, daemon=True).start()
app.run(host='127.0.0.1', port=0)  # the guide: app.run(host='localhost', port=80)

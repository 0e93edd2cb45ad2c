"""Mount PyWebIO in a Flask application: the page under /tool/, its API at /tool/io."""
import argparse

from flask import Flask, send_from_directory

from pywebio import STATIC_PATH
from pywebio.input import input
from pywebio.output import put_text
from pywebio.platform.flask import webio_view


def greeter():
    name = input("What's your name?")
    put_text('Hello, %s!' % name)


app = Flask(__name__)
# the API: Flask speaks HTTP long-polling, so the view takes GET, POST and OPTIONS
app.add_url_rule('/tool/io', 'webio_view', webio_view(greeter), methods=['GET', 'POST', 'OPTIONS'])


@app.route('/tool/')
@app.route('/tool/<path:name>')
def page(name='index.html'):
    return send_from_directory(STATIC_PATH, name)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=8080)
    app.run(host='127.0.0.1', port=parser.parse_args().port, threaded=True)

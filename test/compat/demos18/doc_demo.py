"""The calls of upstream PyWebIO 1.8.3's demos/doc_demo.py, in a program of our own: one app per
snippet file of ``doc_demos/`` (``config(title=..., description=...)`` of a ``partial``), each
snippet with buttons to run it in the page's scope (`exec`), open it in the playground
(`run_js` of ``window.open``) or copy it (`run_js` with arguments). pywebio_battery (the test
extra has it) is imported, and its ``__all__`` read, as upstream does.

Run: ``python test/compat/demos18/doc_demo.py`` (upstream: ``python demos/doc_demo.py``, port 8080)."""
import base64
import time  # noqa: F401  (for the snippets, which run in this module's globals, as below)
from functools import partial
from os import listdir, path

from pywebio import start_server
from pywebio.input import *  # noqa: F401,F403  (for the snippets)
from pywebio.output import *  # noqa: F401,F403  (for the snippets)
from pywebio.output import put_buttons, put_code, put_markdown, toast, use_scope
from pywebio.pin import *  # noqa: F401,F403  (for the snippets)
from pywebio.platform import config
from pywebio.session import *  # noqa: F401,F403  (for the snippets)
from pywebio.session import info as session_info, local as session_local, run_js

import pywebio_battery

here_dir = path.dirname(path.abspath(__file__))
playground_host = "https://play.pywebio.online"


def t(eng, chinese):
    """English or Chinese, after the browser's language"""
    return chinese if 'zh' in session_info.user_language else eng


def playground(code):
    pre_import = PRE_IMPORT
    if 'pywebio_battery import' not in code and any(api in code for api in pywebio_battery.__all__):
        pre_import += 'from pywebio_battery import *\n'
    code = f"{pre_import}\n{code}"
    encode = base64.b64encode(code.encode('utf8')).decode('utf8')
    url = f"{playground_host}/#{encode}"
    run_js('window.open(url)', url=url)


def gen_snippets(code):
    code = code.replace('# ..demo-only', '')
    code = '\n'.join(i for i in code.splitlines() if '# ..doc-only' not in i)
    for p in code.split('\n## ----\n'):
        yield p.strip('\n')


def run_code(code, scope):
    with use_scope(scope):
        try:
            exec(code, session_local.globals)
        except Exception as e:
            toast('Exception occurred: "%s:%s"' % (type(e).__name__, e), color='error')


PRE_IMPORT = """from pywebio.input import *
from pywebio.output import *
from pywebio.session import *
from pywebio.pin import *
from pywebio import start_server
"""

APP_TPL = f"""{PRE_IMPORT}
def main():
    %s

start_server(main, port=8080, debug=True)
"""

CLIPBOARD_SETUP = """
window.writeText = function(text) {
    const input = document.createElement('textarea');
    input.style.opacity = 0;
    document.body.appendChild(input);
    input.value = text;
    input.select();
    document.execCommand('copy');
    document.body.removeChild(input);
    window.copiedText = text;
    return true;
}
"""


def copytoclipboard(code):
    code = APP_TPL % code.replace('\n', '\n    ')
    run_js("writeText(text)", text=code)
    toast('The code has been copied to the clipboard')


def handle_code(code, title):
    run_js(CLIPBOARD_SETUP)
    session_local.globals = dict(globals())
    if title:
        put_markdown('## %s' % title)

    for p in gen_snippets(code):
        with use_scope() as scope:
            put_code(p, 'python')

            put_buttons(
                [t('Run', '运行'), t("Edit", '编辑'), t("Copy to clipboard", '复制代码')],
                onclick=[
                    partial(run_code, code=p, scope=scope),
                    partial(playground, code=p),
                    partial(copytoclipboard, code=p)
                ]
            )

        put_markdown('----')


def get_app():
    """PyWebIO demos from document

    Run the demos from the document online.
    """
    app = {}
    try:
        demos = listdir(path.join(here_dir, 'doc_demos'))
    except Exception:
        demos = []

    for name in sorted(demos):
        code = open(path.join(here_dir, 'doc_demos', name)).read()
        title, code = code.split('\n\n', 1)
        app[name] = partial(handle_code, code=code, title=title)
        app[name] = config(title=name, description=title)(app[name])

    return app


main = get_app()
if __name__ == '__main__':
    start_server(main, debug=True, port=0, host='127.0.0.1')

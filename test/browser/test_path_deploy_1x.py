"""path_deploy as upstream's ``python -m demos`` uses it (PyWebIO 1.x): a folder's ``index.py`` is
the folder's page, a ``main`` that is a dict of apps is served with ``?app=`` choosing one (demos/
theme.py), and the index of a folder shows what each app's ``def main`` declares. In Chromium, over
WebSocket and HTTP, with files that make the same calls as upstream's demos."""
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from pywebio.platform.path_deploy import FolderApps
from test.helpers import platform_servers

DEPLOYS = ['path_deploy', 'path_deploy_http']

#: demos/index.py: the page of the folder's URL, whose links are relative to it
INDEX = '''
from pywebio.output import put_markdown


def main():
    """PyWebIO demos

    Basic demo and data visualization demo of PyWebIO.
    """
    put_markdown('# PyWebIO demos')
    put_markdown(' - [BMI calculation](./bmi): Calculating Body Mass Index based on height and weight')
'''

#: demos/bmi.py, shorter
BMI = '''
from pywebio.input import FLOAT, input
from pywebio.output import put_markdown, put_text


def main():
    """BMI Calculation

    Simple application for calculating Body Mass Index.
    """
    put_markdown('# Body Mass Index')
    height = input('Your Height(cm)', type=FLOAT)
    put_text('Your height: %s' % height)
'''

#: demos/theme.py: one function, configured once per theme; ``?app=`` picks the theme
THEME = '''
from functools import partial

from pywebio import config
from pywebio.output import put_buttons, put_markdown
from pywebio.session import eval_js, go_app

ALL_THEME = ('default', 'dark', 'sketchy', 'minty', 'yeti')


@config(css_style='h1 { letter-spacing: 1px }')
def page():
    """PyWebIO Theme Preview"""
    theme = eval_js("new URLSearchParams(window.location.search).get('app')")
    if theme not in ALL_THEME:
        theme = 'default'
    put_markdown('# ' + theme[0].upper() + theme[1:])
    others = [name for name in ALL_THEME if name != theme]
    put_buttons(others, onclick=[partial(go_app, name=name, new_window=False) for name in others])


main = {
    theme: config(theme=theme, title=f"PyWebIO {theme} theme")(page)
    for theme in ALL_THEME if theme != 'default'
}
main['index'] = page
'''

#: demos/doc_demo.py: a dict of partial apps, each configured with a title and a description;
#: no 'index' app, so the folder's URL of the file shows the generated index
DOC_DEMO = '''
from functools import partial

from pywebio.output import put_markdown
from pywebio.platform import config


def handle_code(code, title):
    put_markdown('## ' + title)
    put_markdown(code)


def get_app():
    """PyWebIO demos from document

    Run the demos from the document online.
    """
    app = {}
    for name, title in [('output_basics', 'Output text and tables'), ('scopes', 'Scopes and layout')]:
        app[name] = partial(handle_code, code='`%s`' % name, title=title)
        app[name] = config(title=name, description=title)(app[name])
    return app


main = get_app()
'''

MARKED = '''
from pathlib import Path
Path(%(marker)r).write_text('ran')

def main():
    pass
'''

FILES = {
    'index.py': INDEX,
    'bmi.py': BMI,
    'theme.py': THEME,
    'doc_demo.py': DOC_DEMO,
    # a folder without index.py: its index, with what each def main declares
    'tools/convert.py': ('from pywebio import config\n\n\n@config(title="Unit converter", description="Metres to '
                         'feet")\ndef main():\n    """Not this"""\n'),
    'tools/plain.py': 'def main():\n    """Plain tool\n\n    Not in the index.\n    """\n',
    'tools/nodoc.py': 'def main():\n    pass\n',
    # a folder whose index.py is no app (no main): never run, and the folder shows its index
    'helpers/index.py': "from pathlib import Path\nPath(%(marker)r).write_text('ran')\n",
    'helpers/tool.py': 'def main():\n    pass\n',
    # a folder whose index.py leads out of the base: never run, and the folder shows its index
    'linked/tool.py': 'def main():\n    pass\n',
}


@pytest.fixture(scope='module')
def deployed(tmp_path_factory):
    """``(urls, base, markers)``: both deploys of a folder made like upstream's demos."""
    root = tmp_path_factory.mktemp('demos1x')
    base, markers = root / 'demos', root / 'markers'
    markers.mkdir()
    for name, text in FILES.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text % {'marker': str(markers / path.parent.name)} if '%(marker)' in text else text)
    (root / 'outside.py').write_text(MARKED % {'marker': str(markers / 'outside')})
    (base / 'linked' / 'index.py').symlink_to(root / 'outside.py')
    with platform_servers([(deploy, deploy, 'list', (base,)) for deploy in DEPLOYS]) as started:
        yield {key: url for key, (_, url) in started.items()}, base, markers


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize('deploy', DEPLOYS)
def test_the_folder_url_shows_index_py(deploy, deployed, page):
    """``/`` is index.py's app, as ``python -m demos`` has it; its relative links lead to the apps."""
    url = deployed[0][deploy]
    page.goto(url)
    expect(page).to_have_title('PyWebIO demos')
    expect(page.get_by_role('heading', name='PyWebIO demos')).to_be_visible()
    expect(page.get_by_role('link', name='theme', exact=True)).to_have_count(0)  # not the generated index
    page.get_by_role('link', name='BMI calculation').click()
    expect(page).to_have_url(url + 'bmi/')
    expect(page.get_by_role('heading', name='Body Mass Index')).to_be_visible()
    page.get_by_label('Your Height(cm)').fill('180')
    page.get_by_role('button', name='Submit').click()
    expect(page.get_by_text('Your height: 180.0')).to_be_visible()


@pytest.mark.parametrize('deploy', DEPLOYS)
def test_a_dict_of_apps_is_served_with_app_choosing(deploy, deployed, page):
    """demos/theme.py: ``main = {theme: config(theme=theme, ...)(page)}`` plus ``main['index']``."""
    url = deployed[0][deploy]
    page.goto(url + 'theme/')
    expect(page).to_have_title('PyWebIO Theme Preview')
    expect(page.get_by_role('heading', name='Default', exact=True)).to_be_visible()
    assert page.locator('link[href$="css/pywebio.css"]').count() == 1

    page.goto(url + 'theme/?app=dark')
    expect(page).to_have_title('PyWebIO dark theme')
    expect(page.get_by_role('heading', name='Dark', exact=True)).to_be_visible()
    assert page.locator('link[href$="css/pywebio-dark.css"]').count() == 1
    page.get_by_role('button', name='minty').click()  # go_app(new_window=False)
    expect(page).to_have_url(url + 'theme/?app=minty')
    expect(page).to_have_title('PyWebIO minty theme')
    expect(page.get_by_role('heading', name='Minty', exact=True)).to_be_visible()

    response = page.goto(url + 'theme/?app=nope')  # as start_server answers an unknown app
    assert response.status == 404
    expect(page.get_by_text('There is no app named "nope" here.')).to_be_visible()


@pytest.mark.parametrize('deploy', DEPLOYS)
def test_a_dict_of_partial_apps_without_index_gets_the_generated_index(deploy, deployed, page):
    """demos/doc_demo.py: each app is ``config(title=name, description=title)(partial(...))``."""
    url = deployed[0][deploy]
    page.goto(url + 'doc_demo/')
    expect(page.get_by_role('link', name='output_basics')).to_be_visible()
    expect(page.get_by_text('Output text and tables')).to_be_visible()
    expect(page.get_by_text('Scopes and layout')).to_be_visible()
    expect(page.get_by_text('partial(func')).to_have_count(0)
    expect(page.get_by_text('new function')).to_have_count(0)
    page.get_by_role('link', name='scopes').click()
    expect(page).to_have_title('scopes')
    expect(page.get_by_role('heading', name='Scopes and layout')).to_be_visible()


def test_a_folder_index_shows_what_each_main_declares(deployed, page):
    """A folder without index.py: each app with the title and description of its ``def main``
    (``@config``, else the first paragraph of its docstring), read from the source."""
    url = deployed[0]['path_deploy']
    page.goto(url + 'tools/')
    expect(page.get_by_role('link', name='convert')).to_be_visible()
    expect(page.get_by_text('Unit converter — Metres to feet')).to_be_visible()
    expect(page.get_by_text('Plain tool', exact=True)).to_be_visible()
    expect(page.get_by_role('link', name='nodoc')).to_be_visible()
    for hidden in ['Not this', 'Not in the index.']:
        expect(page.get_by_text(hidden)).to_have_count(0)


@pytest.mark.parametrize('folder', ['helpers', 'linked'])
def test_an_index_py_that_is_no_app_of_the_folder_is_never_run(folder, deployed, page):
    """``helpers/index.py`` binds no main; ``linked/index.py`` leads out of the folder: neither is
    executed, and the folder's URL shows its index, as for a folder without index.py."""
    urls, base, markers = deployed
    url = urls['path_deploy']
    assert status(url + folder + '/index/') == 404
    page.goto(url + folder + '/')
    expect(page.get_by_role('link', name='tool', exact=True)).to_be_visible()
    expect(page.get_by_role('link', name='index', exact=True)).to_have_count(0)
    assert sorted(marker.name for marker in markers.iterdir()) == []


def test_index_py_is_served_even_without_the_generated_index(deployed):
    """``index=False`` turns off the generated index only: 1.x served index.py all the same."""
    base = deployed[1]
    apps = FolderApps(str(base), index=False)
    assert apps.resolve('/') == ('app', str((base / 'index.py').resolve()))
    assert apps.resolve('/tools/') == ('folder', str((base / 'tools').resolve()))
    assert apps.get('/tools/') is None

"""The generated index of start_server's apps, as upstream's demos/doc_demo.py builds them (a dict
of ``functools.partial`` apps, each given ``config(title=..., description=...)``), in Chromium:
each app's title (its ``config``/``seo``, else its docstring's first paragraph) and description
beside its link, as PyWebIO 1.x's index shows them, never ``partial``'s own docstring."""
from functools import partial

from playwright.sync_api import expect

from pywebio import config
from pywebio.output import put_markdown, put_text
from pywebio.platform import seo
from pywebio.platform.apps import describe


def handle_code(code, title):
    put_markdown('## ' + title)
    put_text(code)


def doc_demo_apps():
    """demos/doc_demo.py's ``get_app()``, with two demos of the documentation."""
    app = {}
    for name, title in [('output_basics', 'Output text and tables'), ('scopes', 'Scopes and layout')]:
        app[name] = partial(handle_code, code='put_text("%s")' % name, title=title)
        app[name] = config(title=name, description=title)(app[name])
    return app


def greet():
    """Say hello to you

    More lines of the docstring are not shown in the index.
    """
    put_text('hello')


@config(title='BMI calculator')
def bmi():
    """Not the title: config's wins"""
    put_text('bmi')


def tool():
    put_text('tool')


def test_the_index_shows_titles_and_descriptions(serve_app, page):
    apps = {**doc_demo_apps(), 'greet': greet, 'bmi': bmi, 'tool': seo('Tool', 'Does things', app=tool),
            'bare': partial(handle_code, code='bare', title='Bare')}
    server = serve_app(apps)
    page.goto(server.url)
    for name in apps:
        expect(page.get_by_role('link', name=name, exact=True)).to_be_visible()
    expect(page.get_by_text('Output text and tables', exact=True)).to_be_visible()  # title == name: not repeated
    expect(page.get_by_text('Scopes and layout', exact=True)).to_be_visible()
    expect(page.get_by_text('Say hello to you', exact=True)).to_be_visible()
    expect(page.get_by_text('BMI calculator', exact=True)).to_be_visible()
    expect(page.get_by_text('Tool — Does things', exact=True)).to_be_visible()
    for hidden in ['partial(func', 'new function', 'More lines', 'Not the title']:
        expect(page.get_by_text(hidden)).to_have_count(0)

    page.get_by_role('link', name='output_basics').click()
    expect(page).to_have_title('output_basics')
    expect(page.get_by_role('heading', name='Output text and tables')).to_be_visible()


def test_describe_reads_a_partial_through_to_its_function():
    """A partial without config of its own is described by its function's docstring, which
    `pywebio.utils.get_function_doc` reads through ``functools.partial``."""
    assert describe(partial(greet), 'greet') == 'Say hello to you'
    assert describe(partial(handle_code, code='', title=''), 'x') == ''
    assert describe(doc_demo_apps()['scopes'], 'scopes') == 'Scopes and layout'

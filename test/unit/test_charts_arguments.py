"""Chart support in Python: put_html of rich-display objects, put_image of a matplotlib figure,
and the bokeh notebook type registered without importing bokeh."""
import base64
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from pywebio.output import put_html, put_image

ROOT = Path(__file__).parents[2]


def output_specs(commands):
    return [c['spec'] for c in commands if c['command'] == 'output']


class RichHtml:
    def _repr_html_(self):
        return '<b>rich</b>'


class Markup:
    def __html__(self):
        return '<i>markup</i>'


def test_put_html_takes_objects_with_repr_html_or_dunder_html(run_in_session):
    specs = output_specs(run_in_session(lambda: (put_html(RichHtml()), put_html(Markup()))))
    assert [s['content'] for s in specs] == ['<b>rich</b>', '<i>markup</i>']


def test_put_image_takes_a_matplotlib_figure_as_png_of_its_size(run_in_session):
    importlib.import_module('matplotlib')  # the test extra installs it
    from matplotlib.figure import Figure
    fig = Figure(figsize=(3, 2), dpi=50)
    fig.add_subplot().plot([1, 2], [2, 1])
    specs = output_specs(run_in_session(lambda: (put_image(fig), put_image(fig, format='svg'))))
    assert specs[0]['src'].startswith('data:image/png;base64,')
    png = base64.b64decode(specs[0]['src'].split(',', 1)[1])
    assert png[:8] == b'\x89PNG\r\n\x1a\n'
    assert (int.from_bytes(png[16:20], 'big'), int.from_bytes(png[20:24], 'big')) == (150, 100)
    assert specs[1]['src'].startswith('data:image/svg+xml;base64,')


@pytest.mark.parametrize('order', ['pywebio first', 'bokeh first'])
def test_bokeh_notebook_type_registered_lazily(order):
    importlib.import_module('bokeh')  # the test extra installs it
    imports = ['import pywebio', 'import bokeh.io.notebook as notebook']
    if order == 'bokeh first':
        imports.reverse()
    code = '\n'.join([
        'import sys',
        imports[0],
        "assert ('bokeh' in sys.modules) == %r, 'import pywebio must not import bokeh'" % (order == 'bokeh first'),
        imports[1],
        'import bokeh.io.notebook as notebook',
        "assert 'pywebio' in notebook._HOOKS",
    ])
    subprocess.run([sys.executable, '-c', code], cwd=str(ROOT), check=True, timeout=60)

"""Charts: scripts in put_html run (once, in order), plotly / pyecharts / bokeh embeds draw with
their JavaScript inline or served from 127.0.0.1, bokeh's ``output_notebook(notebook_type='pywebio')``,
and matplotlib figures as images. No request may leave 127.0.0.1 (docs/charts.md)."""
import importlib
import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from pywebio.output import (
    popup,
    put_grid,
    put_html,
    put_image,
    put_markdown,
    put_row,
    put_table,
    put_text,
)
from pywebio.session import eval_js, hold, run_js

ECHARTS_JS = Path(__file__).parents[2] / 'webiojs' / 'node_modules' / 'echarts' / 'dist' / 'echarts.min.js'


@pytest.fixture
def assets():
    """``assets({'/lib.js': (body, delay_seconds)})``: a static server on 127.0.0.1; returns its base URL."""
    servers = []

    def start(files):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body, delay = files.get(self.path, (None, 0))
                if body is None:
                    self.send_error(404)
                    return
                time.sleep(delay)
                self.send_response(200)
                self.send_header('Content-Type', 'text/javascript')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return 'http://127.0.0.1:%d' % server.server_port

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_put_html_scripts_run_once_in_order(serve_app, offline, assets):
    base = assets({'/slow.js': (b'window.ran.push("slow.js"); window.lib = 42;', 0.5)})
    done = threading.Event()

    def task():
        put_html('<script>window.ran = ["first"]; document.title = "ran"</script><p>plain</p>')
        put_html('<script src="%s/slow.js"></script><script>window.ran.push("after slow.js: " + window.lib)</script>'
                 % base)
        run_js('window.ran.push("run_js: " + window.lib)')  # waits for the scripts sent before it
        put_table([['cell', put_html('<script>window.ran.push("table")</script><p>in a table</p>')]])
        put_row([put_html('<script>window.ran.push("row")</script><p>in a row</p>'), put_text('beside')])
        later = put_html('<script>window.ran.push("moved later")</script><p>moved later</p>')
        eval_js('1')  # a round trip: `later` has been shown, and its script has run
        put_table([['later', later]])  # moving it does not run it again
        put_html('<script type="application/json" id="data">{"a": 1}</script><script>window.ran.push('
                 'JSON.parse(document.getElementById("data").textContent).a)</script>')
        done.set()
        hold()

    page = offline
    page.goto(serve_app(task).url)
    expect(page.get_by_role('columnheader', name='moved later')).to_be_visible()
    assert done.wait(10)
    expect(page).to_have_title('ran')
    page.wait_for_function('window.ran.length >= 8')
    assert page.evaluate('window.ran') == [
        'first', 'slow.js', 'after slow.js: 42', 'run_js: 42', 'table', 'row', 'moved later', 1]
    expect(page.get_by_role('columnheader', name='in a table')).to_be_visible()
    expect(page.get_by_text('in a row')).to_be_visible()


def test_scripts_never_run_in_sanitized_html_markdown_table_cells_and_popups(serve_app, offline):
    def task():
        put_html('<script>window.bad = "sanitized"</script><p>clean html</p>', sanitize=True)
        put_markdown('<script>window.bad = "markdown"</script>\n\nsome **markdown**', sanitize=False)
        put_markdown('<script>window.bad = "sanitized markdown"</script>\n\nsanitized markdown')
        put_table([['<script>window.bad = "cell"</script>a string cell']])
        popup('A popup', '<script>window.bad = "popup"</script>popup text')
        put_html('<script>window.done = true</script>')
        hold()

    page = offline
    page.goto(serve_app(task).url)
    expect(page.get_by_role('dialog', name='A popup')).to_contain_text('popup text')
    expect(page.get_by_text('clean html')).to_be_visible()
    expect(page.get_by_role('columnheader', name='a string cell')).to_be_visible()
    page.wait_for_function('window.done === true')
    assert page.evaluate('window.bad') is None
    assert page.locator('.pywebio-html script').count() == 1  # only the last put_html kept its script


def test_plotly_inline(serve_app, offline):
    go = importlib.import_module('plotly.graph_objects')  # the test extra installs it

    def task():
        fig = go.Figure(go.Bar(x=['a', 'b', 'c'], y=[3, 1, 2]))
        put_html(fig.to_html(include_plotlyjs=True, full_html=False))
        hold()

    page = offline
    page.goto(serve_app(task).url)
    expect(page.locator('.js-plotly-plot svg.main-svg').first).to_be_visible(timeout=20_000)
    expect(page.locator('.js-plotly-plot .bars path')).to_have_count(3)


def test_pyecharts_with_js_host_on_the_app_server(offline):
    """docs/charts.md's recipe: the app serves echarts.min.js itself (Tornado's ``static_path``)."""
    importlib.import_module('pyecharts')  # the test extra installs it
    from pyecharts import options as opts
    from pyecharts.charts import Bar

    from pywebio.platform.tornado import (
        BackgroundServer,
        make_application,
        webio_handler,
    )
    if not ECHARTS_JS.exists():
        pytest.fail('run `npm ci` in webiojs/: the test serves ECharts from webiojs/node_modules')

    def task():
        chart = (Bar(init_opts=opts.InitOpts(js_host='/static/', width='600px', height='300px'))
                 .add_xaxis(['shirts', 'socks']).add_yaxis('sales', [5, 20]))
        put_html(chart.render_embed())
        hold()

    app = make_application(webio_handler(task), static_path=str(ECHARTS_JS.parent))
    server = BackgroundServer(app, port=0, host='127.0.0.1').start()
    try:
        page = offline
        page.goto(server.url)
        expect(page.locator('.chart-container canvas').first).to_be_visible()
        assert page.evaluate('typeof echarts.getInstanceByDom(document.querySelector(".chart-container"))') == 'object'
    finally:
        server.stop()


def _bokeh_figure():
    from bokeh.plotting import figure
    fig = figure(width=400, height=250, title='bokeh plot')
    fig.line([1, 2, 3], [2, 1, 3])
    return fig


def test_bokeh_file_html_inline(serve_app, offline):
    importlib.import_module('bokeh')  # the test extra installs it
    from bokeh.embed import file_html
    from bokeh.resources import INLINE

    def task():
        put_html(file_html(_bokeh_figure(), INLINE, 'bokeh plot'))
        hold()

    page = offline
    page.goto(serve_app(task).url)
    expect(page.locator('.pywebio-html canvas').first).to_be_visible(timeout=20_000)


def test_bokeh_output_notebook_pywebio(serve_app, offline):
    importlib.import_module('bokeh')  # the test extra installs it
    from bokeh.io import output_notebook, show

    def task():
        output_notebook(notebook_type='pywebio')
        show(_bokeh_figure())
        put_text('between')
        show(_bokeh_figure())  # BokehJS is sent once per session
        hold()

    page = offline
    page.goto(serve_app(task).url)
    expect(page.get_by_text('between')).to_be_visible()
    expect(page.locator('.pywebio-html canvas')).not_to_have_count(0, timeout=20_000)
    page.wait_for_function('document.querySelectorAll(".pywebio-html .bk-Figure").length == 2')
    html_outputs = page.locator('.pywebio-html')
    assert html_outputs.count() == 2
    assert html_outputs.nth(0).evaluate('e => e.innerHTML.length') > 100_000  # BokehJS inline
    assert html_outputs.nth(1).evaluate('e => e.innerHTML.length') < 100_000  # not again


def test_matplotlib_png_and_figure(serve_app, offline):
    importlib.import_module('matplotlib')  # the test extra installs it
    from matplotlib.figure import Figure

    def task():
        fig = Figure(figsize=(3, 2), dpi=100)
        fig.add_subplot().plot([1, 2, 3], [2, 1, 3])
        buffer = io.BytesIO()
        fig.savefig(buffer, format='png')
        put_image(buffer.getvalue(), title='saved to PNG bytes')
        put_image(fig, title='the figure itself')
        hold()

    page = offline
    page.goto(serve_app(task).url)
    for name in ('saved to PNG bytes', 'the figure itself'):
        image = page.get_by_role('img', name=name)
        expect(image).to_be_visible()
        assert image.evaluate('i => [i.naturalWidth, i.naturalHeight]') == [300, 200]


# -- notebook embeds that use RequireJS (upstream test 11): pyecharts' render_notebook() with
# ECharts served by PyWebIO instead of the CDN it names, plotly's include_plotlyjs='require' in the
# shape plotly 5 makes it (plotly.js sent with the first one) and as the installed plotly makes it.
# The AMD loader comes only when an output needs it; plain-script libraries keep their globals.

def _open_app(serve_app, page, task, ready):
    """Open the app, wait for the text ``ready``; returns the list of URLs the page requests."""
    asked = []
    page.on('request', lambda request: asked.append(request.url))
    page.goto(serve_app(task).url)
    expect(page.get_by_text(ready)).to_be_visible(timeout=30_000)  # plotly.js is 4.6 MB a copy
    return asked


def pyecharts_charts():
    """Test 11's pyecharts calls: render_notebook() of four charts, ECharts named on a CDN."""
    importlib.import_module('pyecharts')  # the test extra installs it
    from pyecharts import options as opts
    from pyecharts.charts import Bar, HeatMap, Polar, Tree
    from pyecharts.faker import Faker
    from pyecharts.globals import CurrentConfig

    CurrentConfig.ONLINE_HOST = "https://cdn.jsdelivr.net/gh/pyecharts/pyecharts-assets@master/assets/"
    c1 = (Bar({"width": "100%"}).add_xaxis(['a', 'b', 'c']).add_yaxis("A", [127, 33, 110])
          .add_yaxis("B", [25, 87, 114]).set_global_opts(title_opts=opts.TitleOpts(title="Bar", subtitle="sub")))
    c2 = (Polar({"width": "100%"})
          .add_schema(radiusaxis_opts=opts.RadiusAxisOpts(data=Faker.week, type_="category"),
                      angleaxis_opts=opts.AngleAxisOpts(is_clockwise=True, max_=10))
          .add("A", [1, 2, 3, 4, 3, 5, 1], type_="bar")
          .set_global_opts(title_opts=opts.TitleOpts(title="Polar")))
    c3 = Tree({"width": "100%"}).add("", [{"name": "A", "children": [{"name": "B"}, {"name": "C"}]}])
    value = [[i, j, i * j % 50] for i in range(24) for j in range(7)]
    c4 = (HeatMap({"width": "100%"}).add_xaxis(Faker.clock).add_yaxis("series0", Faker.week, value)
          .set_global_opts(visualmap_opts=opts.VisualMapOpts()))
    put_grid([
        [put_html(c1.render_notebook()), put_html(c2.render_notebook())],
        [put_html(c3.render_notebook()), put_html(c4.render_notebook())],
    ], cell_width='1fr', cell_height='1fr')


def test_pyecharts_render_notebook_draws_offline(serve_app, offline):
    def task():
        put_markdown('# pyecharts')
        pyecharts_charts()
        # a library put with a plain script after the loader came: it must not see define.amd
        put_html('<script>window.umdSawAmd = typeof define === "function" && Boolean(define.amd);</script>')
        put_text('charts put')
        hold()

    page = offline
    asked = _open_app(serve_app, page, task, 'charts put')
    charts = page.locator('[_echarts_instance_]')
    expect(charts).to_have_count(4, timeout=20_000)
    expect(page.locator('[_echarts_instance_]:has(canvas)')).to_have_count(4)
    expect(charts.first.locator('canvas').first).to_be_visible()
    assert page.evaluate('typeof require === "function" && typeof define === "function"')
    assert page.evaluate('window.umdSawAmd') is False
    assert any(url.endswith('/js/vendor/echarts.min.js') for url in asked)


PLOTLY5_REQUIRE = '''<div>
<div id="{id}" class="plotly-graph-div" style="height:300px; width:400px;"></div>
<script type="text/javascript">
    require(["plotly"], function(Plotly) {{
        window.PLOTLYENV=window.PLOTLYENV || {{}};
        if (document.getElementById("{id}")) {{
            Plotly.newPlot("{id}", [{{"y": [2, 3, 1], "type": "bar"}}], {{}}, {{"responsive": true}})
        }};
    }});
</script>
</div>'''


def test_plotly_require_embeds_draw_offline(serve_app, offline):
    go = importlib.import_module('plotly.graph_objects')  # the test extra installs it

    def task():
        # as plotly 5 makes it: the library is not in the HTML
        put_grid([[put_html(PLOTLY5_REQUIRE.format(id='p5-one')), put_html(PLOTLY5_REQUIRE.format(id='p5-two'))]])
        # as the installed plotly makes it (test 11's call)
        fig = go.Figure(data=go.Scatter(x=list(range(10)), y=[i ** 2 for i in range(10)]))
        put_html(fig.to_html(include_plotlyjs="require", full_html=False))
        put_text('plots put')
        hold()

    page = offline
    _open_app(serve_app, page, task, 'plots put')
    for chart in ('#p5-one', '#p5-two'):
        expect(page.locator(chart + ' svg.main-svg').first).to_be_visible(timeout=20_000)
        expect(page.locator(chart + ' .bars path')).to_have_count(3)
    expect(page.locator('.js-plotly-plot .scatterlayer .trace')).to_have_count(1)
    # plotly.js went with the first embed only
    assert page.evaluate('document.querySelectorAll(".pywebio-html script").length') < 10
    assert page.evaluate('[...document.querySelectorAll(".pywebio-html script")]'
                         '.filter((s) => s.text.length > 1e6).length') == 2  # plotly 5 shape once, the inline one


def test_a_page_without_require_embeds_loads_no_amd_loader(serve_app, offline):
    def task():
        put_html('<p id="plain">plain</p><script>document.getElementById("plain").textContent = "ran";</script>')
        put_text('done')
        hold()

    page = offline
    asked = _open_app(serve_app, page, task, 'done')
    expect(page.get_by_text('ran')).to_be_visible()
    assert page.evaluate('typeof require') == 'undefined'
    assert not [url for url in asked if '/chunks/amd-' in url or '/vendor/' in url]


def test_cutecharts_render_notebook_draws_offline(serve_app, offline):
    """Test 11's cutecharts calls: render_notebook() requires 'chartXkcd', named on a CDN."""
    charts = importlib.import_module('cutecharts.charts')  # the test extra installs it

    def task():
        bar = charts.Bar('Bar chart')
        bar.set_options(labels=['a', 'b', 'c'], x_label='x', y_label='y')
        bar.add_series('series-A', [3, 1, 2])
        pie = charts.Pie('Pie chart')
        pie.set_options(labels=['a', 'b'])
        pie.add_series([40, 60])
        put_grid([[put_html(bar.render_notebook()), put_html(pie.render_notebook())]], cell_width='1fr')
        put_text('charts put')
        hold()

    page = offline
    asked = _open_app(serve_app, page, task, 'charts put')
    expect(page.locator('svg text').filter(has_text='Bar chart')).to_be_visible()
    expect(page.locator('svg text').filter(has_text='Pie chart')).to_be_visible()
    assert any(url.endswith('/js/vendor/chart.xkcd.js') for url in asked)


def test_bokeh_server_app_runs_its_python_callbacks(serve_app, offline):
    """show() of a Bokeh application (test 11's ``show(bkapp)``): a Bokeh server serves it, the page
    loads it and BokehJS from there, and its Python callbacks run; after the session ended the app
    keeps working while the page shows it, and its server stops once the page is gone."""
    importlib.import_module('bokeh')  # the test extra installs it

    def app(doc):
        from bokeh.layouts import column
        from bokeh.models import Button, Div
        answer = Div(text='not clicked')
        button = Button(label='Ask the server')
        button.on_click(lambda: setattr(answer, 'text', 'the server answered'))
        doc.add_root(column(button, answer))

    def task():
        from bokeh.io import output_notebook, show
        output_notebook(notebook_type='pywebio')
        show(app)
        put_text('app shown')  # the task ends here: the session ends, the page keeps the app

    page = offline
    asked = []
    page.on('request', lambda request: asked.append(urlsplit(request.url)))
    page.goto(serve_app(task).url)
    expect(page.get_by_text('The session has ended', exact=False)).to_be_visible()
    expect(page.get_by_text('not clicked')).to_be_visible(timeout=20_000)
    page.get_by_role('button', name='Ask the server').click()
    expect(page.get_by_text('the server answered')).to_be_visible()

    port, = {url.port for url in asked if url.path == '/autoload.js'}
    page.close()
    deadline = time.monotonic() + 30  # Bokeh notices the closed socket, then one check interval
    while time.monotonic() < deadline:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
        except OSError:
            return
        time.sleep(0.2)
    raise AssertionError('the Bokeh server of the ended session still listens on port %d' % port)

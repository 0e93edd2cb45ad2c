"""Upstream's 11.charts.py: the chart libraries' notebook embeds in one page. Bokeh through
``output_notebook(notebook_type='pywebio')`` (a plot, a Bokeh server application shown twice, the
widgets), pyecharts' and cutecharts' ``render_notebook()`` and plotly's
``include_plotlyjs="require"``, each group in a ``put_grid``. Nothing may come from a CDN."""
import pywebio
from pywebio import start_server
from pywebio.output import put_grid, put_html, put_markdown, put_text

DAYS = 120
READINGS = [10 + 8 * ((day % 60) / 60) + (day % 7) * 0.3 for day in range(DAYS)]


def smoothed(window):
    """A trailing mean over ``window`` days (the app's Python callback computes it)."""
    if window <= 1:
        return READINGS
    return [sum(READINGS[max(0, day - window + 1):day + 1]) / len(READINGS[max(0, day - window + 1):day + 1])
            for day in range(DAYS)]


def bokeh_app(doc):
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, Div, Slider
    from bokeh.plotting import figure
    from bokeh.themes import Theme

    source = ColumnDataSource(data={'day': list(range(DAYS)), 'value': READINGS})
    plot = figure(y_range=(0, 25), y_axis_label='Reading', title='Readings, raw')
    plot.line('day', 'value', source=source)

    def on_smoothing(attr, old, new):
        source.data = {'day': list(range(DAYS)), 'value': smoothed(new)}
        plot.title.text = note.text = 'Readings, smoothed over %d days' % new

    slider = Slider(start=0, end=30, value=0, step=1, title='Smoothing by N Days')
    slider.on_change('value', on_smoothing)
    note = Div(text='Readings, raw')
    doc.add_root(column(slider, note, plot))
    doc.theme = Theme(json={'attrs': {'Plot': {'background_fill_color': '#DDDDDD', 'height': 400, 'width': 700},
                                      'Grid': {'grid_line_dash': [6, 4], 'grid_line_color': 'white'}}})


def basic_plot():
    from bokeh.io import show
    from bokeh.plotting import figure
    xs = [0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    plot = figure(tools='pan,box_zoom,reset,save', y_axis_type='log', y_range=[0.001, 10 ** 11],
                  title='log axis example', x_axis_label='sections', y_axis_label='particles')
    plot.line(xs, xs, legend_label='y=x')
    plot.scatter(xs, [10 ** x for x in xs], legend_label='y=10^x', fill_color='red', size=6)
    plot.line(xs, [10 ** (x ** 2) for x in xs], legend_label='y=10^x^2', line_color='orange', line_dash='4 4')
    show(plot)


def bokeh_widgets():
    from bokeh.io import show
    from bokeh.models import Button, CheckboxGroup, Div, RadioButtonGroup, Select, TextInput
    put_text('Button')
    show(Button(label='Foo', button_type='success'))
    put_text('CheckboxGroup')
    show(CheckboxGroup(labels=['Option 1', 'Option 2', 'Option 3'], active=[0, 1]))
    put_text('RadioButtonGroup')
    show(RadioButtonGroup(labels=['Option 1', 'Option 2', 'Option 3'], active=0))
    put_text('Select')
    show(Select(title='Option:', value='foo', options=['foo', 'bar', 'baz']))
    put_text('TextInput')
    show(TextInput(value='default', title='Label:'))
    put_text('Div')
    show(Div(text='A <b>Div</b> of HTML', width=200, height=40))


def pyecharts_charts():
    from pyecharts import options as opts
    from pyecharts.charts import Bar, HeatMap, Polar, Tree
    from pyecharts.globals import CurrentConfig
    CurrentConfig.ONLINE_HOST = 'https://cdn.jsdelivr.net/gh/pyecharts/pyecharts-assets@master/assets/'
    fruit = ['apple', 'mango', 'grape', 'pear', 'melon']
    bar = (Bar({'width': '100%'}).add_xaxis(fruit).add_yaxis('shop A', [12, 33, 11, 29, 14])
           .add_yaxis('shop B', [25, 8, 11, 13, 30]).set_global_opts(title_opts=opts.TitleOpts(title='Bar')))
    polar = (Polar({'width': '100%'})
             .add_schema(radiusaxis_opts=opts.RadiusAxisOpts(data=fruit, type_='category'),
                         angleaxis_opts=opts.AngleAxisOpts(is_clockwise=True, max_=10))
             .add('A', [1, 2, 3, 4, 3], type_='bar').set_global_opts(title_opts=opts.TitleOpts(title='Polar')))
    tree = Tree({'width': '100%'}).add('', [{'name': 'root', 'children': [{'name': 'left'}, {'name': 'right'}]}])
    heat = (HeatMap({'width': '100%'}).add_xaxis(list(range(12)))
            .add_yaxis('series0', fruit, [[x, y, (x * y) % 10] for x in range(12) for y in range(5)])
            .set_global_opts(visualmap_opts=opts.VisualMapOpts()))
    put_grid([[put_html(bar.render_notebook()), put_html(polar.render_notebook())],
              [put_html(tree.render_notebook()), put_html(heat.render_notebook())]],
             cell_width='1fr', cell_height='1fr')


def cutecharts_charts():
    from cutecharts.charts import Bar, Line, Pie, Radar
    labels = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']

    def made(chart_class, title, **options):
        chart = chart_class(title)
        chart.set_options(labels=labels, **options)
        if chart_class is Pie:
            chart.add_series([5, 3, 4, 2, 6])
        else:
            chart.add_series('series-A', [5, 3, 4, 2, 6])
            chart.add_series('series-B', [2, 6, 3, 5, 1])
        return put_html(chart.render_notebook())
    put_grid([[made(Bar, 'Cute bar', x_label='day', y_label='count'), made(Line, 'Cute line', x_label='day',
                                                                          y_label='count')],
              [made(Pie, 'Cute pie'), made(Radar, 'Cute radar')]], cell_width='1fr', cell_height='1fr')


def plotly_charts():
    import plotly.graph_objects as go
    xs = list(range(10))
    line = go.Figure(data=go.Scatter(x=xs, y=[x ** 2 for x in xs]))
    bubbles = go.Figure(data=[go.Scatter(x=[1, 2, 3, 4], y=[10, 11, 12, 13], mode='markers',
                                         marker=dict(size=[40, 60, 80, 100]))])
    sankey = go.Figure(data=[go.Sankey(node=dict(label=['A', 'B', 'C']),
                                       link=dict(source=[0, 0], target=[1, 2], value=[3, 5]))])
    sun = go.Figure(go.Sunburst(labels=['root', 'left', 'right'], parents=['', 'root', 'root'], values=[0, 4, 6]))
    sun.update_layout(margin=dict(t=0, l=0, r=0, b=0))
    embeds = [figure.to_html(include_plotlyjs='require', full_html=False) for figure in (line, bubbles, sankey, sun)]
    put_grid([[put_html(embeds[0]), put_html(embeds[1])], [put_html(embeds[2]), put_html(embeds[3])]],
             cell_width='1fr', cell_height='1fr')


def target():
    from bokeh.io import output_notebook, show
    output_notebook(verbose=True, notebook_type='pywebio')
    put_markdown('# Bokeh')
    put_markdown('## Basic doc')
    basic_plot()
    put_markdown('## App')
    show(bokeh_app)
    put_markdown('## App again')
    show(bokeh_app)
    put_markdown('## Widgets')
    bokeh_widgets()
    put_markdown('# pyecharts')
    pyecharts_charts()
    put_markdown('# cutecharts')
    cutecharts_charts()
    put_markdown('# plotly')
    plotly_charts()


if __name__ == '__main__':
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', auto_open_webbrowser=False, cdn=False)

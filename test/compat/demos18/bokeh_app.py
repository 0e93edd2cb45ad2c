"""The calls of upstream PyWebIO 1.8.3's demos/bokeh_app.py, in a program of our own: a Bokeh server
app (a slider whose Python callback smooths a plot) shown in the page with ``bokeh.io.show``
after ``output_notebook(notebook_type='pywebio')``.

Run: ``python test/compat/demos18/bokeh_app.py`` (upstream: ``python demos/bokeh_app.py``, port 8080)."""
from bokeh.io import output_notebook, show
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, Slider
from bokeh.plotting import figure

# upstream: bokeh.sampledata's, which Bokeh 3 moved to the bokeh_sampledata package (not installed for the
# tests); a DataFrame of the same shape
from test.compat.v03.sampledata import sea_surface_temperature

from pywebio import start_server
from pywebio.output import put_markdown
from pywebio.session import info as session_info


def bkapp(doc):
    df = sea_surface_temperature.copy()
    source = ColumnDataSource(data=df)

    plot = figure(x_axis_type='datetime', y_range=(0, 25), y_axis_label='Temperature (Celsius)',
                  title="Sea Surface Temperature at 43.18, -70.43")
    plot.line('time', 'temperature', source=source)

    def callback(attr, old, new):
        data = df if new == 0 else df.rolling('{0}D'.format(new)).mean()
        source.data = ColumnDataSource.from_df(data)

    slider = Slider(start=0, end=30, value=0, step=1, title="Smoothing by N Days")
    slider.on_change('value', callback)

    doc.add_root(column([slider, plot], sizing_mode='stretch_width'))


def main():
    output_notebook(verbose=False, notebook_type='pywebio')

    if 'zh' in session_info.user_language:
        put_markdown("""# Bokeh Applications in PyWebIO
        在PyWebIO中，你也可以使用 `bokeh.io.show()` 来显示一个Bokeh App。
        """)
    else:
        put_markdown("""# Bokeh Applications in PyWebIO
        In PyWebIO, `bokeh.io.show()` shows a Bokeh App too, once
        `bokeh.io.output_notebook(notebook_type='pywebio')` has set up the session.
        """)

    show(bkapp)


if __name__ == '__main__':
    start_server(main, port=0, debug=True, host='127.0.0.1')

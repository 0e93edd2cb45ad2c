"""Charts: a matplotlib figure as an image, and an interactive bokeh plot, all served offline.

Needs the chart libraries: ``pip install '.[charts]'`` (matplotlib, bokeh...). Without them the
page says what to install.

Run it with ``python demos/charts.py`` and open http://localhost:8080/ (``--port`` to change it).
"""
import argparse
import math

from pywebio import start_server
from pywebio.output import put_error, put_image, put_markdown, put_tabs, put_text
from pywebio.session import hold


def sine_figure():
    import matplotlib
    matplotlib.use('Agg')  # draw to images, no window
    from matplotlib.figure import Figure
    figure = Figure(figsize=(6, 3), dpi=80)
    axes = figure.subplots()
    xs = [i / 10 for i in range(63)]
    axes.plot(xs, [math.sin(x) for x in xs], label='sin(x)')
    axes.plot(xs, [math.cos(x) for x in xs], label='cos(x)')
    axes.legend()
    axes.set_title('Drawn by matplotlib')
    return figure


def show_bokeh_plot():
    from bokeh.io import output_notebook, show
    from bokeh.plotting import figure
    output_notebook(notebook_type='pywebio')  # show() now draws into this page, BokehJS inline
    plot = figure(title='Drawn by bokeh: drag and zoom', height=260, sizing_mode='stretch_width')  # phones too
    xs = list(range(20))
    plot.line(xs, [x * x for x in xs], line_width=2)
    show(plot)


def charts():
    put_markdown('## Charts')
    try:
        figure = sine_figure()
    except ImportError:
        put_error("This demo needs the chart libraries: pip install '.[charts]'")
        hold()
        return
    put_tabs([
        {'title': 'matplotlib', 'content': [put_image(figure, title='Sine and cosine, drawn by matplotlib'),
                                            put_text('A static image: put_image(figure).')]},
        {'title': 'About', 'content': put_text('Every script and library is served by this server; '
                                                'nothing is fetched from the internet.')},
    ])
    show_bokeh_plot()
    hold()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(charts, port=parser.parse_args().port)

"""v0.3.0's 11.bokeh.py: Bokeh in a session, with ``output_notebook(notebook_type='pywebio')``:
a plot, a Bokeh application (twice) whose slider runs a Python callback, and Bokeh's widgets."""
import pywebio
import util
from pywebio import start_server
from pywebio.output import *


def bkapp(doc):
    import yaml

    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, Slider
    from bokeh.plotting import figure
    from bokeh.themes import Theme
    from test.compat.v03.sampledata import sea_surface_temperature  # upstream: bokeh.sampledata's
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

    doc.add_root(column(slider, plot))

    doc.theme = Theme(json=yaml.load("""
        attrs:
            Figure:
                background_fill_color: "#DDDDDD"
                outline_line_color: white
                toolbar_location: above
                height: 500
                width: 800
            Grid:
                grid_line_dash: [6, 4]
                grid_line_color: white
    """, Loader=yaml.FullLoader))


def basci_doc():
    from bokeh.io import show
    from bokeh.plotting import figure
    x = [0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    y0 = [i ** 2 for i in x]
    y1 = [10 ** i for i in x]
    y2 = [10 ** (i ** 2) for i in x]

    p = figure(tools="pan,box_zoom,reset,save", y_axis_type="log", y_range=[0.001, 10 ** 11],
               title="log axis example", x_axis_label='sections', y_axis_label='particles')

    p.line(x, x, legend_label="y=x")
    p.circle(x, x, legend_label="y=x", fill_color="white", size=8)
    p.line(x, y0, legend_label="y=x^2", line_width=3)
    p.line(x, y1, legend_label="y=10^x", line_color="red")
    p.circle(x, y1, legend_label="y=10^x", fill_color="red", line_color="red", size=6)
    p.line(x, y2, legend_label="y=10^x^2", line_color="orange", line_dash="4 4")

    show(p)


def datatable():  # defined upstream, never called
    from datetime import date
    from random import randint

    from bokeh.io import show
    from bokeh.models import ColumnDataSource, DataTable, DateFormatter, TableColumn

    source = ColumnDataSource(dict(dates=[date(2014, 3, i + 1) for i in range(10)],
                                   downloads=[randint(0, 100) for i in range(10)]))
    columns = [TableColumn(field="dates", title="Date", formatter=DateFormatter()),
               TableColumn(field="downloads", title="Downloads")]
    show(DataTable(source=source, columns=columns, width=400, height=280))


def widgets():
    from bokeh.io import show
    from bokeh.models import Select, CheckboxButtonGroup, Button, CheckboxGroup, ColorPicker, Dropdown, \
        FileInput, MultiSelect, RadioButtonGroup, RadioGroup, Slider, RangeSlider, TextAreaInput, TextInput, Toggle, \
        Paragraph, PreText, Div

    put_text('Button')
    show(Button(label="Foo", button_type="success"))

    put_text('CheckboxButtonGroup')
    show(CheckboxButtonGroup(labels=["Option 1", "Option 2", "Option 3"], active=[0, 1]))

    put_text('CheckboxGroup')
    show(CheckboxGroup(labels=["Option 1", "Option 2", "Option 3"], active=[0, 1]))

    put_text('ColorPicker')
    show(ColorPicker(color="#ff4466", title="Choose color:", width=200))

    put_text('Dropdown')
    menu = [("Item 1", "item_1"), ("Item 2", "item_2"), None, ("Item 3", "item_3")]
    show(Dropdown(label="Dropdown button", button_type="warning", menu=menu))

    put_text('FileInput')
    show(FileInput())

    put_text('MultiSelect')
    show(MultiSelect(title="Option:", value=["foo", "quux"],
                     options=[("foo", "Foo"), ("bar", "BAR"), ("baz", "bAz"), ("quux", "quux")]))

    put_text('RadioButtonGroup')
    show(RadioButtonGroup(labels=["Option 1", "Option 2", "Option 3"], active=0))

    put_text('RadioGroup')
    show(RadioGroup(labels=["Option 1", "Option 2", "Option 3"], active=0))

    put_text('Select')
    show(Select(title="Option:", value="foo", options=["foo", "bar", "baz", "quux"]))

    put_text('Slider')
    show(Slider(start=0, end=10, value=1, step=.1, title="Stuff"))

    put_text('RangeSlider')
    show(RangeSlider(start=0, end=10, value=(1, 9), step=.1, title="Stuff"))

    put_text('TextAreaInput')
    show(TextAreaInput(value="default", rows=6, title="Label:"))

    put_text('TextInput')
    show(TextInput(value="default", title="Label:"))

    put_text('Toggle')
    show(Toggle(label="Foo", button_type="success"))

    put_text('Div')
    show(Div(text="""Your <a href="https://en.wikipedia.org/wiki/HTML">HTML</a>-supported text is initialized
    with the <b>text</b> argument.""", width=200, height=100))

    put_text('Paragraph')
    show(Paragraph(text="""Your text is initialized with the 'text' argument.""", width=200, height=100))

    put_text('PreText')
    show(PreText(text="""Your text is initialized with the 'text' argument.

    The remaining Paragraph arguments are 'width' and 'height'.""", width=500, height=100))


def target():
    from bokeh.io import output_notebook
    from bokeh.io import show

    output_notebook(verbose=False, notebook_type='pywebio')

    put_markdown('## Basic doc')
    basci_doc()

    put_markdown('## App')
    show(bkapp)

    put_markdown('## App again')
    show(bkapp)

    put_markdown('## Widgets')
    widgets()


def start_test_server():
    pywebio.enable_debug()
    start_server(target, port=0, host='127.0.0.1', debug=True, auto_open_webbrowser=False)  # upstream: 8080, all


if __name__ == '__main__':
    util.run_test(start_test_server)

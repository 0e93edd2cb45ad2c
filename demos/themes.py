"""Theme switcher: the same page in each of the bundled themes.

Every theme is an app of its own, configured with ``@config(theme=...)``; the links at the top
switch between them (``put_link(app=...)``). All themes are served by PyWebIO itself.

Run it with ``python demos/themes.py`` and open http://localhost:8080/ (``--port`` to change it).
"""
import argparse

from pywebio import config, start_server
from pywebio.output import (put_buttons, put_code, put_error, put_info, put_link, put_markdown, put_row,
                            put_success, put_table, put_text, put_warning)
from pywebio.pin import put_checkbox, put_input, put_select, put_slider
from pywebio.session import hold

THEMES = ('default', 'dark', 'sketchy', 'minty', 'yeti')


def show_theme(theme):
    put_markdown('## The %s theme' % theme)
    put_row([put_link(name, app='theme_' + name) if name != theme else put_text(name).style('font-weight: bold')
             for name in THEMES], size=' '.join(['auto'] * len(THEMES))).style('gap: 1rem; justify-content: start')
    put_text('Every output and control below takes its look from the theme.')
    put_table([['Output', 'Looks like'], ['text', 'plain'], ['code', put_code('print("hi")', 'python')]])
    put_row([put_info('info'), put_success('success'), put_warning('warning'), put_error('error')]) \
        .style('gap: 0.5rem')
    put_buttons([dict(label=color.title(), value=color, color=color)
                 for color in ('primary', 'secondary', 'success', 'danger')], onclick=lambda _: None)
    put_input('name', label='A text field', placeholder='Type here')
    put_select('fruit', options=['Apple', 'Banana'], label='A list')
    put_checkbox('extras', options=['Milk', 'Sugar'], label='Some boxes')
    put_slider('level', label='A slider', value=40)
    hold()  # the controls stay live, as in a real app


def make_app(theme):
    @config(theme=theme, title='PyWebIO themes: %s' % theme)
    def app():
        show_theme(theme)
    app.__name__ = 'theme_' + theme
    app.__doc__ = 'The demo page in the %s theme' % theme
    return app


APPS = {'theme_' + theme: make_app(theme) for theme in THEMES}
APPS['index'] = APPS['theme_default']

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(APPS, port=parser.parse_args().port)

"""Serve every demo as one multi-page app: ``python -m demos``, then open http://localhost:8080/.

The first page is the generated index of the apps, each described by the first line of its
module's docstring. ``--port`` changes the port.
"""
import argparse

from pywebio import start_server

from . import bmi, charts, chat, input_tour, markdown_preview, output_tour, themes, tictactoe


def described(function, module):
    """``function`` with the first line of ``module``'s docstring as its description in the index."""
    function.__doc__ = module.__doc__.strip().splitlines()[0]
    return function


def gallery():
    apps = {
        'bmi': described(bmi.bmi, bmi),
        'input_tour': described(input_tour.input_tour, input_tour),
        'output_tour': described(output_tour.output_tour, output_tour),
        'chat': described(chat.chat, chat),
        'markdown_preview': described(markdown_preview.markdown_preview, markdown_preview),
        'tictactoe': described(tictactoe.tictactoe, tictactoe),
        'charts': described(charts.charts, charts),
    }
    apps.update((name, app) for name, app in themes.APPS.items() if name != 'index')
    return apps


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=8080)
    start_server(gallery(), port=parser.parse_args().port)

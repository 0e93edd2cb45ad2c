"""BMI calculator: asks for height and weight, shows the result, offers to go again.

Run it with ``python demos/bmi.py`` and open http://localhost:8080/ (``--port`` to change it).
"""
import argparse

from pywebio import start_server
from pywebio.input import FLOAT, input
from pywebio.output import put_buttons, put_text
from pywebio.session import hold

CATEGORIES = [(16, 'Severely underweight'), (18.5, 'Underweight'), (25, 'Normal'),
              (30, 'Overweight'), (35, 'Moderately obese'), (float('inf'), 'Severely obese')]


def positive(value):
    if value <= 0:
        return 'Please enter a positive number'


def bmi():
    height = input('Your height (cm)', type=FLOAT, required=True, valid_func=positive,
                   help_text='For example 175')
    weight = input('Your weight (kg)', type=FLOAT, required=True, valid_func=positive)
    value = weight / (height / 100) ** 2
    category = next(name for limit, name in CATEGORIES if value < limit)
    put_text('Your BMI: %.1f, category: %s' % (value, category))
    put_buttons(['What does it mean?'], onclick=lambda _: put_text(
        'BMI is weight (kg) divided by the square of height (m); 18.5 to 25 counts as normal.'))
    hold()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(bmi, port=parser.parse_args().port)

"""Input tour: every kind of field, checked as you type, in one form and then one at a time.

Run it with ``python demos/input_tour.py`` and open http://localhost:8080/ (``--port`` to change it).
"""
import argparse

from pywebio import start_server
from pywebio.input import (DATE, FLOAT, NUMBER, actions, checkbox, file_upload, input, input_group, input_update,
                           radio, select, slider, textarea)
from pywebio.output import put_markdown, put_table, put_text
from pywebio.session import hold

CITIES = {'France': ['Paris', 'Lyon', 'Marseille'], 'Japan': ['Tokyo', 'Osaka', 'Kyoto'],
          'Brazil': ['São Paulo', 'Rio de Janeiro']}


def check_age(age):
    if age < 1 or age > 130:
        return 'Please give an age between 1 and 130'


def check_group(data):
    if data['nights'] > 7 and 'breakfast' not in data['extras']:
        return ('extras', 'Stays of more than a week include breakfast: please tick it')


def input_tour():
    put_markdown('## Input tour\nA booking form with every kind of field.')
    booking = input_group('Book a trip', [
        input('Your name', name='name', required=True, placeholder='Ann Smith'),
        input('Your age', name='age', type=NUMBER, validate=check_age, help_text='Between 1 and 130'),
        select('Country', name='country', options=list(CITIES),
               onchange=lambda country: input_update('city', options=CITIES[country])),
        select('City', name='city', options=CITIES['France']),
        input('Arrival', name='arrival', type=DATE),
        slider('Nights', name='nights', value=3, min_value=1, max_value=14),
        radio('Room', name='room', options=[('Single', 1), ('Double', 2)], value=2),
        checkbox('Extras', name='extras', options=[('Breakfast', 'breakfast'), ('Parking', 'parking')]),
        input('Budget per night', name='budget', type=FLOAT, value=120.0),
        textarea('Notes', name='notes', rows=3, placeholder='Anything we should know?'),
        actions('', [{'label': 'Book', 'value': 'book'}, {'label': 'Reset', 'type': 'reset'},
                     {'label': 'Cancel', 'type': 'cancel', 'color': 'secondary'}], name='action'),
    ], validate=check_group)
    if booking is None:
        put_text('Booking cancelled.')
        hold()
        return
    put_table([[key, repr(value)] for key, value in booking.items()], header=['Field', 'Value'])

    photo = file_upload('A photo for your profile (optional)', accept='image/*', max_size='2M')
    put_text('No photo.' if photo is None else 'Got %s (%d bytes).' % (photo['filename'], len(photo['content'])))
    hold()


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, default=8080)
    start_server(input_tour, port=parser.parse_args().port)

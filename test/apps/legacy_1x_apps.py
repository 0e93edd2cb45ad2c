"""A multi-page program written for PyWebIO 1.x, unchanged but for the port (0: the system picks one, which the start-up line says): apps, config and
themes, 1.x inputs (validate, onchange, input_update, callback buttons), session.local, download.

Run as it is: ``python legacy_1x_apps.py`` (1.x's meaning with no switch: it uses names only 1.x has).
"""
import pywebio
from pywebio import config, start_server
from pywebio.input import NUMBER, actions, input, input_group, input_update, select
from pywebio.output import put_link, put_markdown, put_table, put_text, toast
from pywebio.session import download, go_app, info, local, set_env

pywebio.config(title='Corner shop', theme='minty')

PRICES = {'tea': 3, 'coffee': 4}


@config(theme='dark')
def index():
    """Shop front

    The front page of the corner shop.
    """
    local.greeting = 'Welcome'
    put_markdown('# %s to the shop' % local.greeting)
    put_text('Your browser speaks %s' % info.user_language)
    put_link('Place an order', app='order')
    choice = actions('Or', [{'label': 'Order now', 'value': 'go'},
                            {'label': 'Opening hours', 'type': 'callback',
                             'value': lambda: toast('Open 9 to 5')}])
    if choice == 'go':
        go_app('order', new_window=False)


def order():
    set_env(title='Your order')

    def check(data):
        if data['count'] > 10:
            return ('count', 'At most 10 at a time')

    data = input_group('Order', [
        select('Drink', name='drink', options=[('Tea', 'tea'), ('Coffee', 'coffee')],
               onchange=lambda drink: input_update('count', help_text='%d each' % PRICES[drink])),
        input('How many', name='count', type=NUMBER, value=1, help_text='3 each',
              validate=lambda n: 'At least one' if n < 1 else None),
    ], validate=check)
    total = PRICES[data['drink']] * data['count']
    put_table([['drink', data['drink']], ['count', data['count']], ['total', total]])
    download('receipt.txt', ('%s x %d = %d\n' % (data['drink'], data['count'], total)).encode())


start_server({'index': index, 'order': order}, port=0, host='127.0.0.1')

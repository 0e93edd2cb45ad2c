"""A program written for PyWebIO 1.x, unchanged but for the port (0: the system picks one, which the start-up line says): scopes, layout, output objects, pin.

Run as it is: ``python legacy_1x_app.py``. It uses names only 1.x has, so it gets 1.x's meaning with no switch.
"""
from pywebio import start_server
from pywebio.output import (put_button, put_buttons, put_collapse, put_column, put_grid, put_markdown,
                            put_row, put_scope, put_table, put_tabs, put_text, span, style, toast, use_scope)
from pywebio.pin import pin, put_input, put_select


def main():
    put_markdown("""
    # Order desk
    A program written for PyWebIO 1.x.
    """)
    put_table([['Item', 'Note'], ['<b>tea</b>', put_text('hot')], [span('total: 1', col=2)]])

    with use_scope('status', clear=True):
        put_text('status: ready')

    put_row([put_scope('left'), None, put_scope('right')], size='1fr 10px 1fr')
    put_text('left side', scope='left')
    put_column([put_text('top of the right'), put_text('bottom of the right')], scope='right')
    put_grid([[put_text('g1'), put_text('g2')], [put_text('g3'), put_text('g4')]], cell_width='80px')
    put_tabs([{'title': 'Menu', 'content': 'tea, coffee'},
              {'title': 'Hours', 'content': put_text('9 to 5')}])

    put_input('customer', label='Customer')
    put_select('drink', options=[('Tea', 'tea'), ('Coffee', 'coffee')], label='Drink')

    @use_scope('status', clear=True)
    def place_order():
        put_text('order: %s for %s' % (pin.drink, pin.customer))

    put_button('Order', onclick=place_order)
    put_buttons([dict(label='Cancel', value='cancel', color='danger')],
                onclick=lambda value: toast('cancelled: %s' % value))
    style(put_text('green text'), 'color: rgb(0, 128, 0)')
    put_text('click this text').onclick(lambda: put_text('text clicked', scope='right'))
    with put_collapse('Details'):
        put_text('open hours apply')
    # no hold(): with 1.x's meaning the callbacks above keep working after main() returns


start_server(main, port=0, host='127.0.0.1')

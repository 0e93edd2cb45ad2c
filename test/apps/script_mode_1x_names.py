"""A script written for PyWebIO 1.x, run in script mode with no switch: it uses put_row and toast,
which only 1.x has, so its buttons keep working after its last line, until the tab is closed."""
from pywebio.output import put_buttons, put_row, put_text, toast

put_row([put_text('a 1.x script'), put_text('in script mode')])
put_buttons(['Again'], onclick=lambda _: toast('clicked after the script ended'))
put_text('last line of the script')

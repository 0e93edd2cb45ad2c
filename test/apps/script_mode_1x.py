"""Script mode with the 1.x semantics: the buttons keep working after the script's last line."""
from pywebio.output import put_buttons, put_text

put_buttons(['Again'], onclick=lambda _: put_text('clicked after the script ended'))
put_text('last line of the script')

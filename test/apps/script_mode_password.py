"""Script mode with something to steal: output, then a password prompt (the script prints what it got)."""
from pywebio.input import PASSWORD, input
from pywebio.output import put_text

put_text('The secret plan')
print('password:', input('Password', type=PASSWORD), flush=True)

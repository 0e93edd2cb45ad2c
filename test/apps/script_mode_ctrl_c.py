"""Script mode stopped with Ctrl-C while an input waits: argv[1] a file that defer_call writes."""
import sys
from pathlib import Path

from pywebio.input import input
from pywebio.session import defer_call

marker = Path(sys.argv[1])
defer_call(lambda: marker.write_text('deferred'))
input("What's your name?")
print('not reached')

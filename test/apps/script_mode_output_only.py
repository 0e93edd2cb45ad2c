"""Script mode: a script that only outputs, then ends, before its tab has had time to connect.
Once its last line has run it creates the file PYWEBIO_TEST_DONE names, so the test opens the
tab only after the script has ended."""
import os
from pathlib import Path

from pywebio.output import put_text

put_text('Only output, then the script ends')
Path(os.environ['PYWEBIO_TEST_DONE']).write_text('done')

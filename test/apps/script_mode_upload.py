"""Script mode with a file upload: the first call opens the browser; prints the file's SHA-256."""
import hashlib

from pywebio.input import file_upload
from pywebio.output import put_text

value = file_upload('A file', as_file=True)
digest = hashlib.sha256(value['file'].read()).hexdigest()
print('received ' + digest)
put_text('Got ' + digest)

"""A stand-in browser command for the BROWSER variable: writes the URL it is asked to open to a file."""
import sys
from pathlib import Path

Path(sys.argv[1]).write_text(sys.argv[2])

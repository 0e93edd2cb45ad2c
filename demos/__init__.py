"""The demos gallery: ``python -m demos`` serves every demo as one multi-page app."""

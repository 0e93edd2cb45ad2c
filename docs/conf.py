"""Sphinx configuration. Build with: python -m sphinx -W -b html docs docs/_build/html"""
import os
import sys

sys.path.insert(0, os.path.abspath('..'))

import pywebio  # noqa: E402

project = 'PyWebIO'
author = 'The PyWebIO team'
copyright = '2026, ' + author
release = pywebio.__version__

extensions = ['sphinx.ext.autodoc', 'sphinx.ext.viewcode', 'myst_parser']
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
exclude_patterns = ['_build']
autodoc_member_order = 'bysource'
autodoc_typehints = 'description'
default_role = 'py:obj'
nitpicky = False
html_theme = 'alabaster'
myst_heading_anchors = 3

"""One server for two programs, a guide one (the index) and a 1.x one (``?app=new``): each session
gets its own program's meaning. Run from the repository root: ``python test/apps/api_mixed_programs.py``."""
from pywebio import start_server
from test.apps import api_1x_program, api_guide_program

start_server({'index': api_guide_program.main, 'new': api_1x_program.main}, port=0, host='127.0.0.1')

"""What path_deploy counts as an app, read from the source without running it (`binds_main`)."""
import ast

import pytest

from pywebio.platform.path_deploy import binds_main

APPS = [
    'def main():\n    pass',
    'async def main():\n    pass',
    'main = lambda: None',
    'main: object = print',
    'main, other = print, len',
    'first, *main = [1, print]',
    'from tasks import main',
    'from tasks import run as main',
    'import tasks as main',
    'import main',
    'if True:\n    def main(): pass\nelse:\n    pass',
    'if False:\n    pass\nelse:\n    main = print',
    'try:\n    from fast import main\nexcept ImportError:\n    pass',
    'try:\n    pass\nexcept ImportError:\n    def main(): pass',
    'try:\n    pass\nfinally:\n    main = print',
    'with open(__file__):\n    main = print',
]

NOT_APPS = [
    '',
    'def helper():\n    pass',
    'from tasks import *',
    "globals()['main'] = print",
    'main: object',  # annotated, never bound
    'import main.tasks as tasks',
    'import tasks.main',  # binds tasks
    'def other():\n    main = print',
    'class Tasks:\n    def main(self): pass',
    'for main in [print]:\n    pass',
    'main.attribute = 1',
    'print(main := 1)',
]


@pytest.mark.parametrize('source', APPS)
def test_an_app(source):
    assert binds_main(ast.parse(source))


@pytest.mark.parametrize('source', NOT_APPS)
def test_not_an_app(source):
    assert not binds_main(ast.parse(source))

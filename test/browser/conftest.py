"""Fixtures shared by the browser tests (the others are in test/conftest.py)."""
import pytest

import pywebio


@pytest.fixture(params=['guide', '1.x'])
def api(request):
    """Each meaning of the API, chosen explicitly (the program's names would choose it
    otherwise); the test runs once with each."""
    pywebio.set_api(request.param)
    yield request.param
    pywebio.set_api(None)

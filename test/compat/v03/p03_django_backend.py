"""v0.3.0's 3.django_backend.py: the template served by Django's `start_server` (HTTP)."""
import pywebio
import template
import util
from pywebio.input import *
from pywebio.platform.django import start_server
from pywebio.utils import run_as_function


def target():
    template.basic_output()
    template.background_output()

    run_as_function(template.basic_input())
    actions(buttons=['Continue'])
    template.background_input()


def start_test_server():
    pywebio.enable_debug()

    start_server(target, port=0, host='127.0.0.1')  # upstream: port 8080


if __name__ == '__main__':
    util.run_test(start_test_server)

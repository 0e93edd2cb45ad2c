"""A first form: ask for a name and an age, check the age, greet the visitor."""
from pywebio import start_server
from pywebio.input import NUMBER, input
from pywebio.output import put_text


def check_age(age):
    """Return an error message for a wrong value, or None to accept it."""
    if age < 1:
        return 'Enter an age of at least 1.'
    if age > 130:
        return 'Nobody is that old.'


def main():
    name = input("What's your name?", placeholder='Ann')
    age = input('How old are you?', type=NUMBER, valid_func=check_age)
    put_text('Hello, %s! Next year you will be %d.' % (name, age + 1))


if __name__ == '__main__':
    start_server(main, port=8080)

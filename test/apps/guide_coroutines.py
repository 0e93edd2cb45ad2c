"""The coroutine examples of the guide (section 基于协程的会话), verbatim but for the imports."""
import asyncio

from pywebio.input import *
from pywebio.output import *
from pywebio.session import run_async


async def say_hello():
    name = await input("what's your name?")
    put_text('Hello, %s'%name)


async def hello_word():
    put_text('Hello ...')
    await asyncio.sleep(1)
    put_text('... World!')

async def main():
    await hello_word()
    put_text('Bye, bye')


async def counter(n):
    for i in range(n):
        put_text(i)
        await asyncio.sleep(1)

async def counter_main():  # the guide names it main as well
    run_async(counter(10))
    put_text('Bye, bye')

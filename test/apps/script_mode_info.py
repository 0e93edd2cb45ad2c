"""Script mode: the first PyWebIO call reads session info, before any tab has connected."""
import time

from pywebio.output import put_text
from pywebio.session import info, local

started = time.monotonic()
agent = info.user_agent  # starts script mode, then waits for the tab
print('waited %.1f' % (time.monotonic() - started), flush=True)
local.greeting = 'hi'
put_text('browser=%s language=%s backend=%s protocol=%s local=%s' % (
    agent.browser.family, info.user_language, info.backend, info.protocol, local.greeting))

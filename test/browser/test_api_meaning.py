"""Each program gets the meaning of the API it is written for, with no switch (pywebio/_compat.py):
a 1.x program keeps its buttons after main() returns and strips its Markdown's indentation, a
program of the guide keeps the guide's HTML cells and ends with its task; PYWEBIO_API overrides
both ways, and one start-up line says which meaning was chosen and why."""
import re
import sys
from pathlib import Path

from playwright.sync_api import expect

from test.helpers import listening_port, wait_for

APPS = Path(__file__).parents[1] / 'apps'
SESSION_OVER = 'The session has ended. Reload the page to start a new one.'
NO_SWITCH = {'PYWEBIO_API': ''}  # whatever the environment of the tests says: choose per program

LINE_1X = ("PyWebIO runs main() of api_1x_program.py with PyWebIO 1.x's meaning (it uses put_row, use_scope, "
           "only in PyWebIO 1.x); PYWEBIO_API=guide overrides.")
LINE_GUIDE = ("PyWebIO runs main() of api_guide_program.py with the guide's meaning (it uses no name that only "
              "PyWebIO 1.x has); PYWEBIO_API=1.x overrides.")


def start(run_app, name, env):
    process = run_app(APPS / name, env=env)
    port = listening_port(process)
    return process, 'http://127.0.0.1:%d/' % port


def start_up_lines(process):
    return [line.strip() for line in process.test_output.text().splitlines() if line.startswith('PyWebIO runs')]


def shows_the_1x_meaning(page):
    main = page.get_by_role('main')
    # the Markdown indented with the code is a table, not a code block
    expect(main.get_by_role('cell', name='Underweight')).to_be_visible()
    expect(main.locator('pre')).to_have_count(0)
    # a string in a table cell is text
    expect(main.get_by_role('cell', name='<b>bold?</b>')).to_be_visible()
    # main() has returned; the button still works, again and again
    for clicks in (1, 2):
        page.get_by_role('button', name='Add').click()
        expect(page.get_by_text('clicks: %d' % clicks, exact=True)).to_be_visible()
    expect(page.get_by_role('status').filter(has_text='session has ended')).to_have_count(0)


def shows_the_guide_meaning(page):
    main = page.get_by_role('main')
    # a string in a table cell is HTML: X with a superscript 2
    expect(main.get_by_role('cell', name='X2', exact=True).locator('sup')).to_have_text('2')
    # the session ended with main(), and its buttons with it (the guide asks for hold())
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    expect(main.get_by_role('button', name='edit').first).to_be_disabled()


def test_a_1x_program_gets_1x_meaning_with_no_switch(run_app, page):
    process, url = start(run_app, 'api_1x_program.py', NO_SWITCH)
    assert start_up_lines(process) == [LINE_1X]
    page.goto(url)
    shows_the_1x_meaning(page)


def test_a_program_of_the_guide_keeps_the_guide_meaning(run_app, page):
    process, url = start(run_app, 'api_guide_program.py', NO_SWITCH)
    assert start_up_lines(process) == [LINE_GUIDE]
    page.goto(url)
    shows_the_guide_meaning(page)


def test_one_server_gives_each_program_its_own_meaning(run_app, new_page):
    process, url = start(run_app, 'api_mixed_programs.py', NO_SWITCH)
    assert start_up_lines(process) == [LINE_GUIDE, LINE_1X]
    guide, one_x = new_page(), new_page()
    guide.goto(url)
    one_x.goto(url + '?app=new')
    shows_the_1x_meaning(one_x)
    shows_the_guide_meaning(guide)


def test_pywebio_api_guide_overrides_a_1x_program(run_app, page):
    process, url = start(run_app, 'api_1x_program.py', {'PYWEBIO_API': 'guide'})
    assert start_up_lines(process) == [
        "PyWebIO runs main() of api_1x_program.py with the guide's meaning (as PYWEBIO_API=guide says); "
        "unset it to choose per program."]
    page.goto(url)
    main = page.get_by_role('main')
    expect(main.locator('pre')).to_contain_text('| below 18.5 | Underweight |')  # indented: a code block
    expect(main.get_by_role('cell', name='Underweight')).to_have_count(0)
    expect(main.get_by_role('cell', name='bold?', exact=True).locator('b')).to_have_text('bold?')
    expect(page.get_by_role('status')).to_have_text(SESSION_OVER)
    expect(page.get_by_role('button', name='Add')).to_be_disabled()


def test_pywebio_api_1x_overrides_a_guide_program(run_app, page):
    process, url = start(run_app, 'api_guide_program.py', {'PYWEBIO_API': '1.x'})
    assert start_up_lines(process) == [
        "PyWebIO runs main() of api_guide_program.py with PyWebIO 1.x's meaning (as PYWEBIO_API=1.x says); "
        "unset it to choose per program."]
    page.goto(url)
    main = page.get_by_role('main')
    expect(main.get_by_role('cell', name='X<sup>2</sup>')).to_be_visible()
    expect(main.locator('sup')).to_have_count(0)
    main.get_by_role('button', name='delete').nth(1).click()
    expect(page.get_by_text('You click delete button ar row 2')).to_be_visible()
    expect(page.get_by_role('status').filter(has_text=re.compile('session has ended'))).to_have_count(0)


def test_a_1x_script_in_script_mode_keeps_its_buttons_and_says_why(run_app, page, tmp_path):
    url_file = tmp_path / 'url.txt'
    env = {**NO_SWITCH, 'BROWSER': '%s %s %s %%s' % (sys.executable, APPS / 'record_url.py', url_file)}
    process = run_app(APPS / 'script_mode_1x_names.py', env=env)
    page.goto(wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='webbrowser.open'))
    expect(page.get_by_text('last line of the script')).to_be_visible()
    page.get_by_role('button', name='Again').click()
    expect(page.get_by_text('clicked after the script ended')).to_be_visible()
    assert process.poll() is None
    page.close()
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    lines = [line for line in output.splitlines() if line.startswith('PyWebIO runs')]
    assert lines == ["PyWebIO runs the script script_mode_1x_names.py with PyWebIO 1.x's meaning (it uses "
                     "put_row, toast, only in PyWebIO 1.x); PYWEBIO_API=guide overrides."]

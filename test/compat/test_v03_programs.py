"""PyWebIO v0.3.0's programs, run as upstream starts them and used in Chromium as a person would.

Upstream v0.3.0 has 12 numbered test programs (test/1.basic.py ... test/12.cors.py, all but
11.bokeh.py built on its test/template.py) and its demos (demos/bmi.py, bokeh_app.py,
chat_room.py, config.py, input_usage.py, output_usage.py, and ``python -m demos``, which serves
them all): one test each, 19 in all. The programs under test/compat/v03/ are ours: each makes the
calls of the upstream program of its name, with the same functions, argument shapes, order and
start-up (`start_server` of Tornado, aiohttp, Flask or Django, script mode, `webio_handler` in an
application of Tornado's or aiohttp's, `webio_view` in Flask's...). What differs is said where it
is: ports are chosen by the system (upstream: 8080 and more) and bound on 127.0.0.1, the file of
``defer_call`` comes from the test, and Bokeh's sample data (a package the tests do not install)
has a stand-in of the same shape.

Each test starts its program as a subprocess, reads the port it says it listens on, and drives
the page with test/compat/drive_v03.py: upstream's Selenium steps (``test_output`` and
``test_input`` of its template), done with Playwright locators by role, label and text, checking
after each step what the visitor sees; the demos as a visitor uses each feature. The visitor has
asked for reduced motion, so no step waits for an animation. Every v0.3.0 program must get the
user's guide's meaning, with no switch (docs/compat.md): each test checks what PyWebIO says at
start. A difference from v0.3.0 that leaves the visitor able to go on is collected, the steps go
on, and the test fails at its end with every difference found.

Run them: ``nice -n 19 python -m pytest test/compat/test_v03_programs.py -q``.

The same driver runs upstream's own programs, unchanged. Unpack v0.3.0's test/ and demos/
somewhere (say /tmp/up03), start one program at a time (several listen on 8080), e.g.
``cd /tmp/up03/test && python 1.basic.py`` or ``cd /tmp/up03 && python -m demos``, and from
the repository root::

    from playwright.sync_api import sync_playwright
    from test.compat import drive_v03 as drive
    with sync_playwright() as p:
        page = p.chromium.launch(executable_path='/usr/bin/chromium').new_page()
        page.goto('http://localhost:8080/?_pywebio_debug=1')
        drive.template_program(page)  # the numbered programs but 11; raises at the first difference
        # 7, 8 and 10: then page.goto('http://localhost:8080/?pywebio_api=io2') and again
        # 12: page.goto('http://localhost:5000/?pywebio_api=http://localhost:8080/io'); a Ctrl-C
        #     to the program moves it on to 8081, another to 8082
        # 11: drive.bokeh_slider(page)
        # demos: drive.bmi(page), drive.input_usage(page), drive.output_usage(page),
        #     drive.chat_room(page, second_page), drive.bokeh_app(page), drive.demos_index(page)

Upstream's 11.bokeh.py and demos/bokeh_app.py need the bokeh_sampledata package; 1.basic.py
writes test_defer.tmp in its working directory.
"""
import os
import re
import signal
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test.compat import drive_v03 as drive
from test.helpers import listening_port, output_of, stop_program, wait_for

PROGRAMS = Path(__file__).parent / 'v03'
DEMOS = PROGRAMS / 'demos'
RECORD_URL = Path(__file__).parents[1] / 'apps' / 'record_url.py'


#: the programs the running test started, whose output a failure shows
started = []


def start(run_app, program, env=None, args=(), pattern=None):
    """Start ``program`` (a path, or ``-m``) and return it with the port it says it listens on."""
    process = run_app(program, env=env, args=args)
    started.append(process)
    port = listening_port(process, *([re.compile(pattern)] if pattern else []))
    return process, port


def listening_port_of(process):
    """The port a program listens on, as the system tells, for a program that does not say it:
    upstream's 8.flask_multiple_session_impliment.py quiets Werkzeug's log, its " * Running on"."""
    import psutil

    def port():
        assert process.poll() is None, 'the program ended:\n' + stop_program(process)
        return next((c.laddr.port for c in psutil.Process(process.pid).net_connections('tcp')
                     if c.status == psutil.CONN_LISTEN), None)
    return wait_for(port, timeout=60, what='the program to listen')


def gets_the_guides_meaning(process, output=None):
    """PyWebIO said, at start, that each task of the program has the guide's meaning."""
    output = process.test_output.text() if output is None else output
    said = [line for line in output.splitlines() if 'PyWebIO runs' in line]
    assert said, 'PyWebIO did not say which meaning the program has:\n' + output
    assert all("with the guide's meaning" in line for line in said), '\n'.join(said)


#: what differs from v0.3.0 in the running test but let the visitor go on: it fails at the end
problems = []


def template_session(page, url):
    page.goto(url)
    drive.template_program(page, problems)
    drive.session_ends(page)


# -- the numbered programs ------------------------------------------------------------------------

def basic(run_app, page, new_page, tmp_path):
    deferred = tmp_path / 'test_defer.tmp'
    process, port = start(run_app, PROGRAMS / 'p01_basic.py', env={'PYWEBIO_V03_DEFER_FILE': str(deferred)})
    gets_the_guides_meaning(process)
    template_session(page, 'http://127.0.0.1:%d/?_pywebio_debug=1' % port)
    # upstream's test_defer_call: both functions of defer_call ran when the session ended
    wait_for(lambda: deferred.exists() and deferred.read_text() == 'deferred_1deferred_2', timeout=10,
             what='the defer_call functions to write ' + str(deferred))


def script_mode(run_app, page, new_page, tmp_path):
    url_file = tmp_path / 'url.txt'
    browser = '%s %s %s %%s' % (sys.executable, RECORD_URL, url_file)
    process = run_app(PROGRAMS / 'p02_script_mode.py', env={'BROWSER': browser})
    started.append(process)
    url = wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='script mode to open a browser')
    template_session(page, url)
    # upstream: "in script mode, the server stops now"
    output = output_of(process, timeout=10)
    assert process.returncode == 0, output
    assert "runs the script p02_script_mode.py with the guide's meaning" in output, output


def one_server(program, query='?_pywebio_debug=1'):
    def run(run_app, page, new_page, tmp_path):
        process, port = start(run_app, PROGRAMS / program)
        gets_the_guides_meaning(process)
        template_session(page, 'http://127.0.0.1:%d/%s' % (port, query))
    return run


def two_tasks(program):
    """Programs 7, 8 and 10: one server, two tasks; upstream visits the default API, then io2."""
    def run(run_app, page, new_page, tmp_path):
        if 'flask' in program:  # quiet: it does not say its port
            process = run_app(PROGRAMS / program)
            started.append(process)
            port = listening_port_of(process)
        else:
            process, port = start(run_app, PROGRAMS / program)
            gets_the_guides_meaning(process)
        template_session(page, 'http://127.0.0.1:%d/?_pywebio_debug=1' % port)
        template_session(page, 'http://127.0.0.1:%d/?_pywebio_debug=1&pywebio_api=io2' % port)
        if 'flask' in program:
            gets_the_guides_meaning(process, stop_program(process))
    return run


def bokeh(run_app, page, new_page, tmp_path):
    process, port = start(run_app, PROGRAMS / 'p11_bokeh.py')
    gets_the_guides_meaning(process)
    page.goto('http://127.0.0.1:%d/?_pywebio_debug=1' % port)
    main = page.get_by_role('main')
    for heading in ('Basic doc', 'App', 'App again', 'Widgets'):
        expect(main.get_by_role('heading', name=heading, exact=True)).to_be_visible()
    expect(main.get_by_text('y=10^x^2').first).to_be_visible()  # the legend of the log plot
    expect(main.get_by_text('Smoothing by N Days: 0')).to_have_count(2)
    for role, name in (('button', 'Foo'), ('button', 'Dropdown button'), ('checkbox', 'Option 1'),
                       ('radio', 'Option 1'), ('combobox', 'Option:'), ('listbox', 'Option:')):
        expect(main.get_by_role(role, name=name).first).to_be_visible()
    expect(main.get_by_role('textbox', name='Choose color:')).to_have_value('#ff4466')
    expect(main.get_by_text("Your text is initialized with the 'text' argument.").first).to_be_visible()
    drive.session_ends(page)  # target() returned; the Bokeh apps go on with their own server
    drive.bokeh_slider(page)


def cors(run_app, page, new_page, tmp_path):
    """The page from a static server; the API of another origin, from Tornado, then aiohttp, then
    Flask: each allows the page's origin, and Ctrl-C moves the program on to the next."""
    process, static_port = start(run_app, PROGRAMS / 'p12_cors.py', pattern=r'Serving HTTP on 127\.0\.0\.1 port (\d+)')
    origin = 'http://127.0.0.1:%d' % static_port
    ports = []
    for backend in ('tornado', 'aiohttp', 'flask'):
        other = '(?!(?:%s)/)' % '|'.join(map(str, ports)) if ports else ''
        port = listening_port(process, re.compile(r'PyWebIO serves http://127\.0\.0\.1:%s(\d+)/' % other))
        ports.append(port)
        template_session(page, '%s/?pywebio_api=http://127.0.0.1:%d/io' % (origin, port))
        info = page.get_by_role('main').get_by_role('code').filter(has_text='`request type check`')
        expect(info).to_contain_text('`origin` (str): %s' % origin)
        expect(info).to_contain_text('`server_host` (str): 127.0.0.1:%d' % port)
        expect(info).to_contain_text('`request type check` (str): True')
        os.kill(process.pid, signal.SIGINT)
    output = output_of(process, timeout=20)
    assert process.returncode == 0, output
    assert 'tornado_server exit' in output and 'aiohttp_server exit' in output and 'flask_server exit' in output
    gets_the_guides_meaning(process)


# -- the demos ------------------------------------------------------------------------------------

def demo(program, steps):
    def run(run_app, page, new_page, tmp_path):
        process, port = start(run_app, DEMOS / program)
        gets_the_guides_meaning(process)
        page.goto('http://127.0.0.1:%d/' % port)
        steps(page)
    return run


def chat_room(run_app, page, new_page, tmp_path):
    process, port = start(run_app, DEMOS / 'chat_room.py')
    gets_the_guides_meaning(process)
    second = new_page()
    for visitor in (page, second):
        visitor.goto('http://127.0.0.1:%d/' % port)
    drive.chat_room(page, second)


def config(run_app, page, new_page, tmp_path):
    """demos/config.py only holds the demos' addresses: it runs and says nothing."""
    process = run_app(DEMOS / 'config.py')
    assert output_of(process, timeout=30) == ''
    assert process.returncode == 0


def demos_main(run_app, page, new_page, tmp_path):
    """``python -m demos``: the index links to each demo, served by the same Tornado application."""
    process, port = start(run_app, '-m', args=['test.compat.v03.demos'])
    gets_the_guides_meaning(process)
    index = 'http://127.0.0.1:%d/' % port
    page.goto(index)
    drive.demos_index(page)
    expect(page.get_by_role('link', name='demos').first).to_have_attribute(
        'href', 'http://pywebio-charts.wangweimin.site/?pywebio_api=pyecharts')  # from demos/config.py
    page.get_by_role('link', name='BMI计算', exact=True).click()
    drive.bmi(page)
    for name, steps in (('输入演示', drive.input_usage), ('输出演示', drive.output_usage)):
        page.goto(index)
        page.get_by_role('link', name=name, exact=True).click()
        steps(page)
    page.goto(index)
    page.get_by_role('link', name='聊天室', exact=True).click()
    expect(page).to_have_title('PyWebIO Chat Room')
    second = new_page()
    second.goto(page.url)
    drive.chat_room(page, second)


PROGRAM_TESTS = {
    '1.basic': basic,
    '2.script_mode': script_mode,
    '3.django_backend': one_server('p03_django_backend.py'),
    '4.flask_backend': one_server('p04_flask_backend.py'),
    '5.coroutine_based_session': one_server('p05_coroutine_based_session.py'),
    '6.flask_coroutine': one_server('p06_flask_coroutine.py'),
    '7.multiple_session_impliment': two_tasks('p07_multiple_session_impliment.py'),
    '8.flask_multiple_session_impliment': two_tasks('p08_flask_multiple_session_impliment.py'),
    '9.aiohttp_backend': one_server('p09_aiohttp_backend.py'),
    '10.aiohttp_multiple_session_impliment': two_tasks('p10_aiohttp_multiple_session_impliment.py'),
    '11.bokeh': bokeh,
    '12.cors': cors,
    'demos/bmi': demo('bmi.py', drive.bmi),
    'demos/bokeh_app': demo('bokeh_app.py', drive.bokeh_app),
    'demos/chat_room': chat_room,
    'demos/config': config,
    'demos/input_usage': demo('input_usage.py', drive.input_usage),
    'demos/output_usage': demo('output_usage.py', drive.output_usage),
    'python -m demos': demos_main,
}


@pytest.mark.parametrize('program', list(PROGRAM_TESTS))
def test_v03_program(program, run_app, page, new_page, tmp_path):
    started.clear()
    problems.clear()
    page.emulate_media(reduced_motion='reduce')  # a visitor who asked for no animations: no waits for them

    def reduced_motion_page():
        other = new_page()
        other.emulate_media(reduced_motion='reduce')
        return other

    try:
        PROGRAM_TESTS[program](run_app, page, reduced_motion_page, tmp_path)
        assert not problems, 'differs from PyWebIO v0.3.0:\n' + '\n\n'.join(dict.fromkeys(problems))
    except BaseException:
        for process in started:  # shown by pytest with the failure
            output = process.test_output.text() if hasattr(process, 'test_output') else stop_program(process)
            print('-- output of %s:\n%s' % (' '.join(map(str, process.args[1:])), output))
        raise

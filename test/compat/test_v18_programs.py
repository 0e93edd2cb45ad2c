"""The compatibility runner: PyWebIO 1.8.3's numbered test programs, redone, run as upstream runs them.

Upstream's test/ programs (1.basic.py ... 17.fastapi_backend.py) each start a server a different
way (Tornado, Django, Flask, aiohttp, FastAPI, Tornado's HTTP long polling, script mode, handlers
mounted in an app of the program's own, dicts of apps, pages using another server's API) and run
one template of calls. Ours, in test/compat/v18: `calls.py` makes the template's calls (same
argument shapes, same order), and ``<n>_<name>.py`` starts its server as upstream's ``<n>.<name>.py``
does, on a free port of 127.0.0.1 it reports. Each test runs a program as a subprocess
``python program.py``, opens a page of it in Chromium (one test per app), answers it with
test/compat/drive.py as a visitor would (`drive.template_outputs`, `drive.template_inputs`), checks
what upstream's test of that program checked, and last what a 1.8.3 run shows (`run_template`).
Run it: ``python -m pytest test/compat/test_v18_programs.py`` (part of ``python -m pytest test``).

The same driver runs upstream's own programs, to tell a fault of ours from one of the library: in
upstream's test/ folder (its template imports selenium and percy: install them), start a program
with no argument (``python 1.basic.py`` serves 127.0.0.1:8080 and waits; 2.script_mode.py too, by
``PYWEBIO_SCRIPT_MODE_PORT``), open the address its ``util.run_test(..., address=...)`` names
(``http://localhost:8080?_pywebio_debug=1`` by default) in a Playwright page and call
``drive.template_outputs(page)`` then ``drive.template_inputs(page)``; for two apps, open the second
address its ``test()`` names and drive again. One at a time: they all take port 8080.
"""
import re
import sys
from pathlib import Path
from typing import List, Optional

import pytest
from playwright.sync_api import Page, expect

from test.compat import drive
from test.helpers import APPS, listening_port, output_of, start_program, stop_program, wait_for

PROGRAMS = Path(__file__).parent / 'v18'

#: program -> the paths (and queries) upstream's test opens, in its order: one test each
SERVERS = {
    '3_django_backend.py': ['/?_pywebio_debug=1'],
    '4_flask_backend.py': ['/?_pywebio_debug=1&_pywebio_http_pull_interval=400'],
    '5_coroutine_based_session.py': ['/?_pywebio_debug=1'],
    '6_flask_coroutine.py': ['/?_pywebio_debug=1&_pywebio_http_pull_interval=400'],
    '7_multiple_session_implement.py': ['/?_pywebio_debug=1', '/io2?_pywebio_debug=1'],
    '8_flask_multiple_session_implement.py': ['/io?_pywebio_debug=1&_pywebio_http_pull_interval=400',
                                              '/io2?_pywebio_debug=1&_pywebio_http_pull_interval=400'],
    '9_aiohttp_backend.py': ['/?_pywebio_debug=1'],
    '10_aiohttp_multiple_session_implement.py': ['/io?_pywebio_debug=1', '/io2?_pywebio_debug=1'],
    '14_django_multiple_session_implement.py': ['/?app=p1', '/?app=p2&_pywebio_debug=1'],
    '15_tornado_http_multiple_session.py': ['/?_pywebio_debug=1&_pywebio_http_pull_interval=400&app=p1',
                                            '/?_pywebio_debug=1&_pywebio_http_pull_interval=400&app=p2'],
    '17_fastapi_backend.py': ['/?app=thread', '/?app=coroutine'],
}


@pytest.fixture(scope='module')
def defer_file(tmp_path_factory) -> Path:
    """Where 1_basic.py's `defer_call` functions write (upstream's write ``test_defer.tmp``)."""
    return tmp_path_factory.mktemp('compat_v18') / 'defer.tmp'


def program_of(item) -> Optional[str]:
    """The server program a test of this module drives (None: script mode, started by its test)."""
    if item.originalname == 'test_program':
        return item.callspec.params['program']
    return {'test_1_basic_runs_defer_call_functions_when_the_session_ends': '1_basic.py',
            'test_12_cors_pages_use_the_api_of_another_server': '12_cors.py'}.get(item.originalname)


@pytest.fixture(scope='module')
def programs(request, defer_file):
    """``{program: process}``: the server programs of the tests selected, all started as the module
    begins (each takes a second to import its frameworks: they do it side by side, while the first
    tests run), each serving all the tests of its apps, as upstream's test drives every app of a
    program in one run of it; stopped when the module ends. Script mode (test 2) is not here: its
    session is the program's one run."""
    names = {program_of(item) for item in request.session.items if item.module is request.module} - {None}
    started = {name: start_program(PROGRAMS / name, env={'PYWEBIO_COMPAT_DEFER_FILE': str(defer_file)})
               for name in sorted(names)}
    try:
        yield started
    finally:
        for process in started.values():
            stop_program(process)


#: What the input group of `calls.basic_input` returns with PyWebIO 1.8.3 as the driver answers it
#: (upstream's test compared snapshots of the page, this result among them), as the page shows it
#: (JSON of reprs): each item, with what it means when it is missing
FORM_RESULT = [
    ("('actions', 'submit2')", ''),
    ("('text', 'name')", ''),
    ("('number', 20)", ''),
    ("('float', 3.1415)", ''),
    ("('password', '123')", ''),
    ("('textarea', '0 1 2 3 4 5 6 7 8 9 ')", 'what maxlength=20 keeps of the text typed'),
    (r"('code', 'import something\\n# Write your python code')", ''),  # JSON of a repr: two backslashes
    ("('select-multiple', ['1', '3', 'six,selected'])", ''),
    ("('select', 'six,selected')",
     "select('select', options, value=['six,selected']) without multiple: 1.8.3 marks selected every "
     "option whose value the list holds (its pywebio/input.py, _set_options_selected), so the form returns "
     "'six,selected'; this library compares each option with the list itself (pywebio/_form.py, "
     "build_options: [value] unless multiple), selects none, and the browser submits the first option"),
    ("('checkbox-inline', ['3', 'six,selected'])", "value= names 'one' and 'one,selected', labels, not values"),
    ("('checkbox', ['1', '3'])", ''),
    ("('radio-inline', 'six,selected')", ''),
    ("('radio', 'six,selected')", ''),
    ("'filename': 'helloworld.txt'", ''),
    ("'mime_type': 'text/plain'", ''),
    (r"'content': b'hello, world\\n'", ''),
    ("'last_modified': ",
     "file_upload() returns the file's 'last_modified' timestamp in 1.8.3 (documented with filename, "
     "content and mime_type); this library's dict has no such key, so a 1.x program reading it fails "
     "with KeyError"),
]


#: Why a page error may come from the calls: the JavaScript 1.x programs give `run_js`
JQUERY = ("1.x programs' run_js code may use jQuery: 1.8.3's page loads it as $ (12.cors.py calls "
          "run_js(\"$('#markdown-body>.alert-warning').remove()\")); this library's page has no jQuery, so "
          "such code throws ReferenceError")


def run_template(page: Page, url: str) -> List[str]:
    """What upstream's test of every program does on a page: the outputs, then the inputs; and
    what its template checked as it ran: ``session.info.request`` is the backend's request.
    Returns what differs from a run of 1.8.3 in what the page then shows: the input group's
    result, and errors in the page from the program's calls (JavaScript errors, and `run_js`
    code that threw, which the page logs as ``PyWebIO: ...``). The test checks them last
    (`assert_as_in_1_8_3`), so that a difference there leaves the rest checked."""
    errors = []
    page.on('pageerror', lambda error: errors.append(str(error)))
    page.on('console', lambda message: errors.append(message.text)
            if message.type == 'error' and message.text.startswith('PyWebIO') else None)
    page.emulate_media(reduced_motion='reduce')  # no smooth scrolling: buttons stand still for the clicks
    page.goto(url)
    drive.template_outputs(page)
    expect(page.get_by_text('request type check: True')).to_be_visible()
    drive.template_inputs(page, background=True)

    result = page.get_by_role('code').filter(has_text="('actions', 'submit2')").inner_text()
    problems = ['the form result has no `%s`%s' % (item, '\n    ' + meaning if meaning else '')
                for item, meaning in FORM_RESULT if item not in result]
    if problems:
        problems.append('the form result:\n' + result)
    for error in errors:
        problems.append('the page reports an error: ' + error.split('\n')[0])
        if '$ is not defined' in error:
            problems[-1] += '\n    ' + JQUERY
    return problems


def assert_as_in_1_8_3(problems: List[str]):
    assert not problems, 'what PyWebIO 1.8.3 does not do:\n  - ' + '\n  - '.join(problems)


def serving(process) -> str:
    """The address of a server program (its port once it listens), checking it still runs."""
    port = listening_port(process)
    assert process.poll() is None, 'the program ended:\n' + output_of(process)
    return 'http://127.0.0.1:%d' % port


@pytest.mark.parametrize('program, path', [(program, path) for program, paths in SERVERS.items() for path in paths])
def test_program(program, path, programs, page):
    """What upstream's test of each of these programs does: the template, driven on each page."""
    process = programs[program]
    differences = run_template(page, serving(process) + path)
    assert process.poll() is None, output_of(process)  # still serving
    assert_as_in_1_8_3(differences)


def test_1_basic_runs_defer_call_functions_when_the_session_ends(programs, defer_file, page):
    """Upstream's test 1: once the tab leaves the page (it opens the page again), the session
    ends and both `defer_call` functions have run, in order."""
    url = serving(programs['1_basic.py']) + '/?_pywebio_debug=1'
    differences = run_template(page, url)
    assert not defer_file.exists()
    page.goto(url)  # to close the session
    wait_for(lambda: defer_file.exists() and defer_file.read_text() == 'deferred_1deferred_2',
             what='the defer_call file')
    assert_as_in_1_8_3(differences)


def test_2_script_mode_ends_when_its_tab_is_closed(run_app, page, tmp_path):
    """Upstream's test 2: the script runs the template in script mode; closing the tab ends it."""
    url_file = tmp_path / 'url.txt'
    browser_command = '%s %s %s %%s' % (sys.executable, APPS / 'record_url.py', url_file)
    process = run_app(PROGRAMS / '2_script_mode.py', env={'BROWSER': browser_command})
    url = wait_for(lambda: url_file.exists() and url_file.read_text().strip(), what='the script mode URL')
    differences = run_template(page, url + '&_pywebio_debug=1')
    page.close()
    output = output_of(process, timeout=15)
    assert process.returncode == 0, output
    assert_as_in_1_8_3(differences)


def cors_pages(process):
    """``{platform: page URL}`` of 12_cors.py, from the lines it prints once its servers listen."""
    listening_port(process, r'flask page: http://localhost:(\d+)/')
    assert process.poll() is None, 'the program ended:\n' + output_of(process)
    return dict(re.findall(r'^(tornado|aiohttp|flask) page: (http://\S+)$', process.test_output.text(), re.M))


@pytest.mark.parametrize('platform', ['tornado', 'aiohttp', 'flask'])
def test_12_cors_pages_use_the_api_of_another_server(platform, programs, page):
    """Upstream's test 12: a page served by one server runs the template through the API of
    another, which admits the page's origin; the session sees that origin and the API's host."""
    url = cors_pages(programs['12_cors.py'])[platform]
    page_origin, api = re.match(r'(http://[^/]+)/\?pywebio_api=http://([^/]+)/', url).groups()
    differences = run_template(page, url)
    info = page.get_by_text('request type check: True')
    expect(info).to_contain_text('origin: %s\n' % page_origin)
    expect(info).to_contain_text('server_host: %s\n' % api)
    assert_as_in_1_8_3(differences)

"""Write test/requirements.lock: the newest release of every package the test suite installs.

``python3 test/refresh_lock.py`` asks pip to resolve ``.[test,docs]`` afresh, ignoring what is
installed (``pip install --dry-run --ignore-installed --report``), and pins each package of the
answer, PyWebIO itself excepted. ``PYWEBIO_TEST_REFRESH_LOCK=1 bash test/run.sh`` runs it, then
installs the new lock and runs the whole suite: that is how a new release of pytest, Playwright, a
web framework or Sphinx is met on purpose (docs/testing.md).
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
LOCK = ROOT / 'test' / 'requirements.lock'
HEADER = ('# The test toolchain, pinned: test/run.sh installs it as pip constraints (-c).\n'
          '# Made by test/refresh_lock.py (PYWEBIO_TEST_REFRESH_LOCK=1 bash test/run.sh refreshes it\n'
          '# to the newest releases and runs the suite); do not edit by hand. Python %d.%d, %s.\n')


def resolve() -> dict:
    report = subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
                             '--dry-run', '--ignore-installed', '--report', '-', '.[test,docs]'],
                            cwd=str(ROOT), check=True, capture_output=True, text=True).stdout
    pins = {}
    for item in json.loads(report)['install']:
        name, version = item['metadata']['name'], item['metadata']['version']
        if name.lower() != 'pywebio':
            pins[name.lower()] = version
    return pins


def main() -> None:
    pins = resolve()
    lines = ['%s==%s\n' % (name, pins[name]) for name in sorted(pins)]
    LOCK.write_text(HEADER % (sys.version_info[0], sys.version_info[1], sys.platform) + ''.join(lines))
    print('test/requirements.lock: %d packages, pytest %s, playwright %s'
          % (len(pins), pins.get('pytest'), pins.get('playwright')))


if __name__ == '__main__':
    main()

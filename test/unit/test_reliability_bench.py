"""bench/reliability.py, in a short run: every check must pass, so the script keeps working (and
keeps checking what docs/reliability.md promises) as the code changes."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_every_reliability_check_passes_in_a_short_run():
    # 2,000 chunks: enough that chunks costing more with each file before them (quadratic) fail
    run = subprocess.run([sys.executable, os.path.join(ROOT, 'bench', 'reliability.py'), '--frames', '1000',
                          '--disconnects', '100', '--closes', '100', '--chunks', '2000', '--flood', '100', '--flood-sessions', '4',
                          '--polls', '52', '--slowloris', '30', '--header-timeout', '1', '--slowreaders', '10', '--slow-submits', '200', '--soak', '2',
                          '--soak-sessions', '20'],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    lines = run.stdout.splitlines()
    checks = ('fuzz', 'disconnects', 'closes', 'forged', 'uploads', 'limits', 'floods', 'longpolls', 'slowloris', 'slowreaders', 'soak')
    assert [line.split()[:2] for line in lines] == [[check, 'ok'] for check in checks], \
        run.stdout + run.stderr
    assert run.returncode == 0

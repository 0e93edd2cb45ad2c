"""Every benchmark, one after the other: ``python bench/all.py`` (about 35 minutes on 2 cores).

At the end it prints again every figure that has a limit (`targets.target`), beside its limit.

Extra arguments go to nothing; run the scripts themselves for their options:
bench/sessions_bench.py, bench/output_bench.py, bench/layout_bench.py, bench/datatable_bench.py,
bench/pin_bench.py, bench/first_load_bench.py, bench/many_sessions_bench.py, bench/reconnect_bench.py, bench/admission_bench.py,
bench/shared_bench.py, bench/upload_bench.py, bench/reliability.py.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, HERE)
from targets import MARK  # noqa: E402

collected = []
for script, args in (('sessions_bench.py', ['--processes']), ('many_sessions_bench.py', []),
                     ('output_bench.py', []),
                     ('layout_bench.py', []), ('datatable_bench.py', []), ('pin_bench.py', []),
                     ('first_load_bench.py', []), ('reconnect_bench.py', []), ('admission_bench.py', []),
                     ('shared_bench.py', []), ('upload_bench.py', []), ('reliability.py', [])):
    print('\n== %s %s' % (script, ' '.join(args)), flush=True)
    run = subprocess.Popen([sys.executable, os.path.join(HERE, script), *args], stdout=subprocess.PIPE, text=True)
    for line in run.stdout:
        print(line, end='', flush=True)
        if line.startswith(MARK):
            collected.append(line)
    if run.wait():
        sys.exit('%s failed (exit status %d)' % (script, run.returncode))

print('\n== every figure beside its limit, from this run')
for line in collected:
    print(line, end='')

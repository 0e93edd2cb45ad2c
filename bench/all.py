"""Every benchmark, one after the other: ``python bench/all.py`` (about 27 minutes on 2 cores).

Extra arguments go to nothing; run the scripts themselves for their options:
bench/sessions_bench.py, bench/output_bench.py, bench/layout_bench.py, bench/datatable_bench.py,
bench/pin_bench.py, bench/first_load_bench.py, bench/reconnect_bench.py, bench/admission_bench.py,
bench/shared_bench.py, bench/upload_bench.py, bench/reliability.py.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

for script, args in (('sessions_bench.py', ['--processes']), ('output_bench.py', []),
                     ('layout_bench.py', []), ('datatable_bench.py', []), ('pin_bench.py', []),
                     ('first_load_bench.py', []), ('reconnect_bench.py', []), ('admission_bench.py', []),
                     ('shared_bench.py', []), ('upload_bench.py', []), ('reliability.py', [])):
    print('\n== %s %s' % (script, ' '.join(args)), flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, script), *args], check=True)

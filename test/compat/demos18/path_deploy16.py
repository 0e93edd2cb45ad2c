"""What upstream's test/16.path_deploy.py starts: the demos folder served by `path_deploy` once its
``index.py`` is deleted, so that ``/`` shows the generated index of the apps.

It deletes ``index.py``: give it a COPY of this folder, ``python path_deploy16.py COPY_OF_DEMOS18``.
Upstream runs it on port 8080; here a port the system picks (the start-up line says which)."""
import os
import sys

from pywebio.platform import path_deploy

demos_dir = os.path.abspath(sys.argv[1])


def start_test_server():
    os.remove(os.path.join(demos_dir, 'index.py'))
    path_deploy(demos_dir, port=0, host='127.0.0.1', cdn=False)


if __name__ == '__main__':
    start_test_server()

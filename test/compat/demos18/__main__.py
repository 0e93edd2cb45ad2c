"""``python -m test.compat.demos18``: every program of this folder at its path, with `path_deploy`,
as upstream's ``python -m demos`` serves its demos (there on port 8080; here a port the system
picks, on 127.0.0.1, said on the start-up line)."""
import argparse
from os import path

from pywebio.platform import path_deploy

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-p", "--port", default=0, help="run on the given port", type=int)
    args = parser.parse_args()

    here_dir = path.dirname(path.abspath(__file__))
    path_deploy(here_dir, port=args.port, host='127.0.0.1')

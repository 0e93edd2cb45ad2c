#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it:
# unit, protocol and browser tests (pytest), the frontend type check, and the docs build.
# Extra arguments go to pytest, e.g. `bash test/run.sh -k browser -x`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's Chromium for the browser tests, nginx for the deployment test
if ! command -v chromium >/dev/null 2>&1 || ! [ -x /usr/sbin/nginx ]; then
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium nginx
fi
python3 -m pip install --quiet --disable-pip-version-check -e '.[test,docs]'
(cd webiojs && npm ci --no-audit --no-fund && npm run check)

python3 -m pytest test "$@"
python3 -m sphinx -W --keep-going -q -b html docs docs/_build/html
echo "docs: built without warnings"

#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it:
# unit, protocol and browser tests (pytest), the frontend type check, and the docs build.
# Extra arguments go to pytest, e.g. `bash test/run.sh -k browser -x`.
# With PYWEBIO_TEST_OLDEST_TORNADO=1 (CI sets it) the tests run a second time with the oldest
# Tornado that setup.py allows; the first pass has the newest, which is put back afterwards.
# Python packages come from test/requirements.lock (pip constraints). With
# PYWEBIO_TEST_REFRESH_LOCK=1 the lock is first rewritten with the newest releases
# (test/refresh_lock.py), then installed and tested like any lock: commit it when all passes.
# Needs root for apt-get (it uses sudo when not root); run it in a virtual environment (README).
# Ends with a summary: each stage, passed or failed, and its time. The first failing stage stops
# the run (the later ones show as "not run") and the exit status is that stage's, never 0.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

now() { echo "${EPOCHREALTIME:-$(date +%s)}"; }
STAGES=('system packages' 'Python packages' 'frontend check' 'tests')
# the Tornado range of install_requires, e.g. tornado>=6.1,<7, and its lower bound, 6.1
TORNADO_RANGE=$(sed -n "s/.*'\(tornado>=[^']*\)'.*/\1/p" setup.py)
OLDEST_TORNADO=${TORNADO_RANGE#tornado>=} OLDEST_TORNADO=${OLDEST_TORNADO%%,*}
if [ -n "${PYWEBIO_TEST_OLDEST_TORNADO:-}" ]; then STAGES+=("tests, tornado $OLDEST_TORNADO"); fi
# What the oldest Tornado must pass: the tests of what rests on Tornado's private WebSocket code
# (pywebio/platform/tornado_deflate.py: compression, frames, close codes, unsent bytes, resuming)
# and the browser tests of sessions over it. The other tests exercise Tornado only through its
# public API, or not at all (Flask, aiohttp, Django, the page); a second full pass would double
# CI's time.
OLDEST_TORNADO_TESTS=(test/unit/test_shared_deflater.py test/protocol/test_websocket.py
                      test/protocol/test_tornado_compat.py test/protocol/test_close_codes.py
                      test/protocol/test_bare_close.py test/protocol/test_resume_protocol.py
                      test/protocol/test_write_bounds.py test/protocol/test_session_limits.py
                      test/browser/test_sessions.py test/browser/test_forms_and_outputs.py
                      test/browser/test_reconnect.py test/browser/test_browser_reads_close_codes.py
                      test/browser/test_exits_and_errors.py test/browser/test_mounting_and_script_mode.py)
STAGES+=('docs')
# pytest-xdist: the tests run in WORKERS processes, a test file in one of them (--dist loadfile:
# a file's module fixtures, such as the started demo programs, are made once). Tests bind port 0
# and their own temporary folders, so they do not meet. Most of a browser test is waiting (for
# the page, for a timeout), so two workers take about two thirds of the time of one even on two
# cores. PYWEBIO_TEST_WORKERS=0 runs everything in this process (for pdb, or -x in order).
WORKERS=${PYWEBIO_TEST_WORKERS:-2}
declare -A RESULT=() SECS=()
current='' began=''

stage() {  # stage NAME: the previous stage passed; NAME starts
  finish_stage passed
  current=$1 began=$(now)
  echo "==> $current"
}

finish_stage() {
  [ -n "$current" ] || return 0
  RESULT[$current]=$1
  SECS[$current]=$(awk -v a="$began" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  current=''
}

summary() {
  local status=$?
  trap - EXIT
  if [ "$status" -eq 0 ]; then finish_stage passed; else finish_stage failed; fi
  echo
  echo "test/run.sh summary"
  local name
  for name in "${STAGES[@]}"; do
    if [ -n "${RESULT[$name]:-}" ]; then
      printf '  %-20s %-7s %7ss\n' "$name" "${RESULT[$name]}" "${SECS[$name]}"
    else
      printf '  %-20s %-7s\n' "$name" 'not run'
    fi
  done
  if [ "$status" -eq 0 ]; then echo "  all passed"; else echo "  FAILED (exit status $status)"; fi
  exit "$status"
}
trap summary EXIT

stage 'system packages'  # Debian's Chromium for the browser tests, nginx and Redis for the deployment tests
if ! command -v chromium >/dev/null 2>&1 || ! [ -x /usr/sbin/nginx ] || ! [ -x /usr/bin/redis-server ]; then
  had_nginx=$([ -x /usr/sbin/nginx ] && echo yes || echo no)
  had_redis=$([ -x /usr/bin/redis-server ] && echo yes || echo no)
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium nginx redis-server
  if [ -d /run/systemd/system ]; then
    # Debian starts a new package's service (nginx on port 80 of every interface, Redis on
    # 6379); the tests need neither (they run their own nginx and Redis on 127.0.0.1), so stop
    # and disable them again
    if [ "$had_nginx" = no ]; then as_root systemctl disable --now nginx; fi
    if [ "$had_redis" = no ]; then as_root systemctl disable --now redis-server; fi
  fi
else
  echo "chromium, nginx and redis-server are installed"
fi

stage 'Python packages'
LOCK=test/requirements.lock
if [ -n "${PYWEBIO_TEST_REFRESH_LOCK:-}" ]; then python3 test/refresh_lock.py; fi
python3 -m pip install --quiet --disable-pip-version-check -c "$LOCK" -e '.[test,docs]'
python3 -c "import pytest, playwright, tornado; from importlib.metadata import version; \
            print('pytest', pytest.__version__, '| playwright', version('playwright'), '| tornado', tornado.version)"
newest_tornado() { python3 -m pip install --quiet --disable-pip-version-check --upgrade -c "$LOCK" "$TORNADO_RANGE"; }
if [ -n "${PYWEBIO_TEST_OLDEST_TORNADO:-}" ]; then newest_tornado; fi  # both ends of the range

stage 'frontend check'
(cd webiojs && npm ci --no-audit --no-fund && npm run check)

stage 'tests'
python3 -m pytest --numprocesses="$WORKERS" --dist loadfile --durations=25 test "$@"

if [ -n "${PYWEBIO_TEST_OLDEST_TORNADO:-}" ]; then
  # pywebio/platform/tornado_deflate.py overrides private Tornado code: both ends of the range
  # in setup.py must pass. (pip warns that the test extras, bokeh, want a newer Tornado.) Then
  # the locked (newest in range) Tornado is put back.
  stage "tests, tornado $OLDEST_TORNADO"
  { python3 -m pip install --quiet --disable-pip-version-check "tornado==$OLDEST_TORNADO" 2>&1 \
      | grep -v "dependency resolver\|requires tornado"; } || true
  status=0
  if python3 -c "import sys, tornado; print('tornado', tornado.version); \
                 sys.exit(0 if tornado.version == '$OLDEST_TORNADO' else 'tornado==$OLDEST_TORNADO did not install')"; then
    python3 -m pytest --numprocesses="$WORKERS" --dist loadfile --durations=10 "${OLDEST_TORNADO_TESTS[@]}" "$@" || status=$?
  else
    status=1
  fi
  newest_tornado
  [ "$status" -eq 0 ] || exit "$status"
fi

stage 'docs'
python3 -m sphinx -W --keep-going -q -b html docs docs/_build/html
echo "docs: built without warnings"

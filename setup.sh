#!/usr/bin/env bash
# Set up newstrace on a fresh machine and run it on the bundled example corpus.
# Creates ./.venv with Python 3.12 (pyenv reads .python-version), installs the
# package with its test tools and the Ray extra, analyses examples/, stores them in
# newstrace.db and opens the web page on them (Ctrl-C stops the server).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3.12}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# The bundled pip 23 fails to resolve some extras: upgrade it first.
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev,scale]'
if [ "${NEWSTRACE_SETUP_ONLY:-0}" != "1" ]; then
  .venv/bin/newstrace analyze examples/ --format text
  .venv/bin/newstrace ingest examples/ --db newstrace.db
  exec .venv/bin/newstrace serve --db newstrace.db --open
fi

#!/usr/bin/env bash
# The dashboard tests (dashboard/tests): the Superset bundle imported into a real Superset over a
# PostgreSQL filled by the pipeline, its REST API and the dashboard in headless Chromium, and the
# yearly HTML report in headless Chromium. Screenshots go to dashboard/out/ (git-ignored).
#
# Creates its own virtualenv on first use at ${SUPERSET_VENV:-$DELAYWATCH_CACHE/venv-superset}
# (DELAYWATCH_CACHE defaults to ~/.cache/delaywatch; reinstalled when dashboard/requirements-test.txt changes).
# Needs Python 3.11, Debian's postgresql and chromium packages, and ./delaywatch (built on first use).
# Extra arguments go to pytest, e.g.
#   bash dashboard/run-tests.sh -k report                   # only the report page
#   bash dashboard/run-tests.sh --refresh-query-contexts    # rewrite the charts' saved query contexts
# Exits non-zero when a test fails or when no test ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${SUPERSET_VENV:-${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}/venv-superset}"
requirements="dashboard/requirements-test.txt"

source scripts/python-venv.sh
python="$(pick_python SUPERSET_PYTHON 11 11)"
ensure_venv "$python" "$venv" "$requirements"
mkdir -p dashboard/out
run_pytest "$venv" dashboard/tests "$@"

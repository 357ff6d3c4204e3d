#!/usr/bin/env bash
# Runs the DAG's pytest suite (dags/tests) in its own virtualenv, created on first use at
# ${DAG_VENV:-.venv-dags} (relative paths are taken from the repository root) and reinstalled
# when dags/requirements-test.txt changes. Extra arguments go to pytest, e.g.
#   bash dags/run-tests.sh -m "not e2e"      # without the end-to-end tests
#   DELAYWATCH_SKIP_E2E=1 bash dags/run-tests.sh
# Exits non-zero when a test fails or when no test ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${DAG_VENV:-.venv-dags}"
requirements="dags/requirements-test.txt"

source scripts/python-venv.sh
python="$(pick_python DAG_PYTHON 11 11)"
ensure_venv "$python" "$venv" "$requirements"
run_pytest "$venv" dags/tests "$@"

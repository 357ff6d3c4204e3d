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

python="${DAG_PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null; then python="$candidate"; break; fi
  done
fi
if [[ -z "$python" ]] || ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "run-tests.sh: needs Python 3.11 (set DAG_PYTHON to its interpreter)" >&2
  exit 2
fi

stamp="$venv/.requirements-test.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "run-tests.sh: creating $venv" >&2
  "$python" -m venv "$venv"
fi
if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  echo "run-tests.sh: installing $requirements into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" >"$stamp"
fi

status=0
"$venv/bin/python" -m pytest dags/tests -p no:cacheprovider "$@" || status=$?
if [[ $status -eq 5 ]]; then
  echo "run-tests.sh: no test ran" >&2
  exit 1
fi
exit "$status"

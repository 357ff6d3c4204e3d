#!/usr/bin/env bash
# Runs the statsmodels agreement test of the arima detector (reference/test_arima_statsmodels.py)
# in its own virtualenv, created on first use at ${REFERENCE_VENV:-.venv-reference} (relative
# paths are taken from the repository root) and reinstalled when reference/requirements.txt
# changes. Needs tasks/detect built first (mvn verify or mvn -pl tasks/detect package: the test
# runs java -cp tasks/detect/target/classes:tasks/detect/target/lib/*). Extra arguments go to
# pytest. Exits non-zero when a test fails or when no test ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${REFERENCE_VENV:-.venv-reference}"
requirements="reference/requirements.txt"

python="${REFERENCE_PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null; then python="$candidate"; break; fi
  done
fi
if [[ -z "$python" ]] || ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
  echo "run-tests.sh: needs Python 3.11 or later (set REFERENCE_PYTHON to its interpreter)" >&2
  exit 2
fi
if [[ ! -d tasks/detect/target/classes || ! -d tasks/detect/target/lib ]]; then
  echo "run-tests.sh: build tasks/detect first (mvn verify, or mvn -pl tasks/detect -am package)" >&2
  exit 2
fi

stamp="$venv/.requirements.sha256"
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
"$venv/bin/python" -m pytest reference -p no:cacheprovider "$@" || status=$?
if [[ $status -eq 5 ]]; then
  echo "run-tests.sh: no test ran" >&2
  exit 1
fi
exit "$status"

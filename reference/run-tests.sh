#!/usr/bin/env bash
# Runs the statsmodels agreement test of the arima detector (reference/test_arima_statsmodels.py)
# in its own virtualenv, created on first use at ${REFERENCE_VENV:-$DELAYWATCH_CACHE/venv-reference}
# (DELAYWATCH_CACHE defaults to ~/.cache/delaywatch) and reinstalled when reference/requirements.txt
# changes. Needs tasks/detect built first (mvn verify or mvn -pl tasks/detect package: the test
# runs java -cp tasks/detect/target/classes:tasks/detect/target/lib/*). Extra arguments go to
# pytest. Exits non-zero when a test fails or when no test ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${REFERENCE_VENV:-${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}/venv-reference}"
requirements="reference/requirements.txt"

source scripts/python-venv.sh
python="$(pick_python REFERENCE_PYTHON 11 99)"
if [[ ! -d tasks/detect/target/classes || ! -d tasks/detect/target/lib ]]; then
  echo "run-tests.sh: build tasks/detect first (mvn verify, or mvn -pl tasks/detect -am package)" >&2
  exit 2
fi

ensure_venv "$python" "$venv" "$requirements"
run_pytest "$venv" reference "$@"

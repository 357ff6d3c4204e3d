#!/usr/bin/env bash
# Runs the DAG's pytest suite (dags/tests) on Airflow 3.3.2 and on Airflow 2.10.5 (MWAA's common
# version), each in its own virtualenv under $DELAYWATCH_CACHE (default ~/.cache/delaywatch),
# created on first use and reinstalled when its requirements file changes:
#   venv-dags-airflow3   dags/requirements-test.txt
#   venv-dags-airflow2   dags/requirements-test-airflow2.txt
# Options: --airflow 3|2 runs one of the two. Other arguments go to pytest, e.g.
#   bash dags/run-tests.sh --airflow 2 -m "not e2e"     # Airflow 2, without the end-to-end tests
#   DELAYWATCH_SKIP_E2E=1 bash dags/run-tests.sh
# Exits non-zero when a test fails or when no test ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
cache="${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}"
versions=(3 2)
if [[ "${1:-}" == "--airflow" ]]; then
  [[ "${2:-}" == [23] ]] || { echo "run-tests.sh: --airflow takes 3 or 2" >&2; exit 2; }
  versions=("$2")
  shift 2
fi

source scripts/python-venv.sh
python="$(pick_python DAG_PYTHON 11 11)"
for version in "${versions[@]}"; do
  requirements="dags/requirements-test.txt"
  [[ $version == 2 ]] && requirements="dags/requirements-test-airflow2.txt"
  venv="$cache/venv-dags-airflow$version"
  ensure_venv "$python" "$venv" "$requirements"
  echo "run-tests.sh: Airflow $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("apache-airflow"))')" >&2
  run_pytest "$venv" dags/tests "$@"
done

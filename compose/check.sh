#!/usr/bin/env bash
# Checks docker-compose.yml without a Docker engine (compose/tests): valid against the Compose
# Specification's JSON schema, every variable it needs in .env.example, the DAG's docker-runner
# configuration, and the files it mounts and builds present. Its own virtualenv, created on first
# use at ${COMPOSE_VENV:-$DELAYWATCH_CACHE/venv-compose} (reinstalled when compose/requirements-check.txt changes).
# Extra arguments go to pytest. Exits non-zero when a check fails or when none ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${COMPOSE_VENV:-${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}/venv-compose}"
requirements="compose/requirements-check.txt"
source scripts/python-venv.sh
python="$(pick_python COMPOSE_PYTHON 9 99)"
ensure_venv "$python" "$venv" "$requirements"
run_pytest "$venv" compose/tests "$@"

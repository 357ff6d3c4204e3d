#!/usr/bin/env bash
# Checks docker-compose.yml without a Docker engine (compose/tests): valid against the Compose
# Specification's JSON schema, every variable it needs in .env.example, the DAG's docker-runner
# configuration, and the files it mounts and builds present. Its own virtualenv, created on first
# use at ${COMPOSE_VENV:-.venv-compose} (reinstalled when compose/requirements-check.txt changes).
# Extra arguments go to pytest. Exits non-zero when a check fails or when none ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${COMPOSE_VENV:-.venv-compose}"
requirements="compose/requirements-check.txt"
python="${COMPOSE_PYTHON:-$(command -v python3.11 || command -v python3)}"

stamp="$venv/.requirements-check.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "check.sh: creating $venv" >&2
  "$python" -m venv "$venv"
fi
if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  echo "check.sh: installing $requirements into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" >"$stamp"
fi

status=0
"$venv/bin/python" -m pytest compose/tests -p no:cacheprovider "$@" || status=$?
if [[ $status -eq 5 ]]; then
  echo "check.sh: no check ran" >&2
  exit 1
fi
exit "$status"

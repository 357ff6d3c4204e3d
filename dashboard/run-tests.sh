#!/usr/bin/env bash
# The dashboard tests (dashboard/tests): the Superset bundle imported into a real Superset over a
# PostgreSQL filled by the pipeline, its REST API and the dashboard in headless Chromium, and the
# yearly HTML report in headless Chromium. Screenshots go to dashboard/out/ (git-ignored).
#
# Creates its own virtualenv on first use at ${SUPERSET_VENV:-.venv-superset} (relative paths are
# taken from the repository root; reinstalled when dashboard/requirements-test.txt changes).
# Needs Python 3.11, Debian's postgresql and chromium packages, and ./delaywatch (built on first use).
# Extra arguments go to pytest, e.g.
#   bash dashboard/run-tests.sh -k report                   # only the report page
#   bash dashboard/run-tests.sh --refresh-query-contexts    # rewrite the charts' saved query contexts
# Exits non-zero when a test fails or when no test ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
venv="${SUPERSET_VENV:-.venv-superset}"
requirements="dashboard/requirements-test.txt"

python="${SUPERSET_PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null; then python="$candidate"; break; fi
  done
fi
if [[ -z "$python" ]] || ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "run-tests.sh: needs Python 3.11 (set SUPERSET_PYTHON to its interpreter)" >&2
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

mkdir -p dashboard/out
status=0
"$venv/bin/python" -m pytest dashboard/tests -p no:cacheprovider "$@" || status=$?
if [[ $status -eq 5 ]]; then
  echo "run-tests.sh: no test ran" >&2
  exit 1
fi
exit "$status"

#!/usr/bin/env bash
# The repository's lint gate for what Maven does not build: ruff (lint and format check, settings in
# pyproject.toml) on every Python file, shellcheck on every shell script. Fails on any finding.
# The tools come pinned from scripts/requirements-lint.txt into a venv under $DELAYWATCH_CACHE.
#   bash scripts/lint.sh          check
#   bash scripts/lint.sh --fix    apply ruff's fixes and format first
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
source scripts/python-venv.sh
python="$(pick_python LINT_PYTHON 11 99)"
venv="${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}/venv-lint"
ensure_venv "$python" "$venv" scripts/requirements-lint.txt

if [[ "${1:-}" == "--fix" ]]; then
  "$venv/bin/ruff" check --fix .
  "$venv/bin/ruff" format .
fi
"$venv/bin/ruff" check --output-format concise .
"$venv/bin/ruff" format --check .
# Every tracked shell script: *.sh, and the extension-less ones that start with a bash shebang.
mapfile -t scripts < <(git ls-files '*.sh'; git ls-files | while read -r f; do
  [[ "$f" != *.* && -f "$f" ]] && head -c 30 "$f" | grep -q '^#!.*bash' && echo "$f"; done; echo .ci/run)
"$venv/bin/shellcheck" -x "${scripts[@]}"
echo "lint: ruff and shellcheck clean (${#scripts[@]} shell scripts)"

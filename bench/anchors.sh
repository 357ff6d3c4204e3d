#!/usr/bin/env bash
# Side-by-side benchmark: DelayWatch's download + transform (two whole JVMs, -Xmx1g, as
# ./delaywatch runs them) against DuckDB (JDBC, one JVM, memory_limit 1GB) and Polars (Python)
# doing the same work on the same generated year: the raw CSV to Parquet of the staged columns
# (snappy), then that Parquet to the daily per-airport aggregate. Medians of RUNS runs, taken in
# turn within this one run of the script, with the ratios DelayWatch / anchor (<= 1.0: we are
# no slower). Prints the machine and its load: other work on the machine skews every figure.
#
#   bench/anchors.sh                 # ROWS=7000000 RUNS=3 YEAR=2015 WORK=<temp dir>
# Needs Maven (fetches org.duckdb:duckdb_jdbc once) and Python 3 with venv (installs polars once
# into ${DELAYWATCH_CACHE:-~/.cache/delaywatch}/anchors-venv), and /usr/bin/time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
YEAR=${YEAR:-2015}
ROWS=${ROWS:-7000000}
RUNS=${RUNS:-3}
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

# Runs a command under /usr/bin/time; prints "seconds peak_kb cpu_seconds" (CPU: user + sys, the
# figure a loaded machine bends least). Its own output goes to a log.
measure() {
  /usr/bin/time -o "$WORK/time.txt" -f "%e %M %U %S" "$@" >>"$WORK/anchors.log" 2>&1 \
    || { echo "failed: $* (see $WORK/anchors.log)" >&2; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$WORK/time.txt"
}

declare -a dw duck polars dw_rss duck_rss polars_rss dw_cpu duck_cpu polars_cpu dl_cpu tr_cpu
for ((run = 1; run <= RUNS; run++)); do
  echo "run $run of $RUNS, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  read -r s1 k1 c1 < <(measure "$DL" download --warehouse "$WORK/lake" --year "$YEAR" --run-id anchors)
  read -r s2 k2 c2 < <(measure "$DL" transform --warehouse "$WORK/lake" --year "$YEAR" --run-id anchors)
  dw+=("$(python3 -c "print(round($s1 + $s2, 2))")"); dw_rss+=("$(( (k1 > k2 ? k1 : k2) / 1024 ))")
  dw_cpu+=("$(python3 -c "print(round($c1 + $c2, 2))")"); dl_cpu+=("$c1"); tr_cpu+=("$c2")
  read -r s k c < <(measure java -Xmx1g -cp "$WORK/classes:$DUCKDB_JAR" DuckDbAnchor \
    "$RAW" "$WORK/duckdb-staged.parquet" "$WORK/duckdb-daily.parquet")
  duck+=("$s"); duck_rss+=("$((k / 1024))"); duck_cpu+=("$c")
  read -r s k c < <(measure "$VENV/bin/python" "$ROOT/bench/polars_anchor.py" \
    "$RAW" "$WORK/polars-staged.parquet" "$WORK/polars-daily.parquet")
  polars+=("$s"); polars_rss+=("$((k / 1024))"); polars_cpu+=("$c")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
m_dw=$(median "${dw[@]}"); m_duck=$(median "${duck[@]}"); m_polars=$(median "${polars[@]}")

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%Y-%m-%d); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $(wc -c <"$RAW") bytes, $ROWS rows requested; medians of $RUNS runs"
echo
c_dw=$(median "${dw_cpu[@]}"); c_duck=$(median "${duck_cpu[@]}"); c_polars=$(median "${polars_cpu[@]}")
printf "%-34s %8s %10s %18s %8s %16s\n" "contender" "wall s" "peak MB" "DelayWatch / this" "CPU s" "CPU DW / this"
printf "%-34s %8.2f %10s %18s %8.2f %16s\n" "DelayWatch download + transform" "$m_dw" "$(median "${dw_rss[@]}")" "1.00" "$c_dw" "1.00"
printf "%-34s %8.2f %10s %18.2f %8.2f %16.2f\n" "DuckDB $DUCKDB_VERSION (JDBC)" "$m_duck" "$(median "${duck_rss[@]}")" "$(python3 -c "print($m_dw / $m_duck)")" "$c_duck" "$(python3 -c "print($c_dw / $c_duck)")"
printf "%-34s %8.2f %10s %18.2f %8.2f %16.2f\n" "Polars $POLARS_VERSION" "$m_polars" "$(median "${polars_rss[@]}")" "$(python3 -c "print($m_dw / $m_polars)")" "$c_polars" "$(python3 -c "print($c_dw / $c_polars)")"
echo "runs (wall s): DelayWatch ${dw[*]}; DuckDB ${duck[*]}; Polars ${polars[*]}"
echo "CPU s (user + sys) of DelayWatch's steps: download ${dl_cpu[*]} (median $(median "${dl_cpu[@]}")); transform ${tr_cpu[*]} (median $(median "${tr_cpu[@]}"))"
[[ -n "${KEEP:-}" ]] || rm -rf "$WORK"

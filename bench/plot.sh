#!/usr/bin/env bash
# Whole-process benchmark of plot: a generated full-size year (350 airports, ~700 PNGs and the
# report), made ready once by the steps before plot, then `./delaywatch plot` run RUNS times as its
# own JVM with a 1 GB heap cap. Prints each run's wall time, CPU time and peak RSS, and the median
# wall time; then, unless PER_CHART=0, where one chart's CPU time goes (ChartBenchmark in
# tasks/plot/src/test: build, paint, PNG, per chart kind, one warm thread). Say in the figures what
# else the machine was running: plot uses every core, and a shared machine inflates even CPU time.
#
#   bench/plot.sh                  # RUNS=3 ROWS=7000000 AIRPORTS=350 YEAR=2015 WORK=<temp dir>
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
YEAR=${YEAR:-2015}
ROWS=${ROWS:-7000000}
AIRPORTS=${AIRPORTS:-350}
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d /tmp/delaywatch-plot.XXXX)}
export DELAYWATCH_JAVA_OPTS=${DELAYWATCH_JAVA_OPTS:--Xmx1g}
DL="$ROOT/delaywatch"

"$DL" --help >/dev/null   # builds on first use
if [ ! -f "$WORK/lake/runs/year=$YEAR/detect.json" ]; then
  echo "preparing $ROWS rows for $AIRPORTS airports in $WORK ..." >&2
  "$DL" generate --year "$YEAR" --out "$WORK/lake/raw/flights" --rows "$ROWS" \
    --airports "$AIRPORTS" --seed 1 >/dev/null
  for step in discover download transform detect; do
    "$DL" "$step" --warehouse "$WORK/lake" --year "$YEAR" --run-id bench >/dev/null
  done
fi

echo "run   wall s   cpu s   peak RSS MB   ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
walls=()
for run in $(seq 1 "$RUNS"); do
  out=$( { /usr/bin/time -f "%e %U %S %M" "$DL" plot --warehouse "$WORK/lake" --year "$YEAR" \
    --run-id "bench-$run" >/dev/null; } 2>&1 | tail -1)
  read -r wall user sys kb <<<"$out"
  walls+=("$wall")
  printf "%-4s %7.2f %7.2f %10.0f\n" "$run" "$wall" "$(python3 -c "print($user + $sys)")" "$((kb / 1024))"
done
charts=$(find "$WORK/lake/plots/$YEAR" -name '*.png' | wc -l)
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "median wall ${median} s for $charts PNGs and the report (load average now $(cut -d' ' -f1-3 /proc/loadavg))"

if [[ "${PER_CHART:-1}" != 0 ]]; then
  echo
  echo "CPU per chart, one warm thread (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  # One reactor run, so that common resolves to its freshly compiled classes; Maven 3.8 writes
  # colour resets even in batch mode.
  (cd "$ROOT" && mvn -B -ntp -q -pl tasks/plot -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test) | sed -u 's/\x1b\[[0-9;]*m//g'
  P="$ROOT/tasks/plot/target"
  java -Xmx1g -Djava.awt.headless=true -cp "$P/test-classes:$P/classes:$(cat "$P/bench.classpath")" \
    io.delaywatch.chart.ChartBenchmark \
    "$WORK/lake/scored/airport_anomalies/year=$YEAR/anomalies.parquet" "$YEAR" 3 2>/dev/null
fi

#!/usr/bin/env bash
# Whole-process benchmark: a generated full-size year (default 7 M rows, 350 airports, ~860 MB)
# from raw CSV to PostgreSQL rows, each step as its own JVM with a 1 GB heap cap, exactly as
# ./delaywatch TASK runs it. Prints wall time and peak RSS per step, then the download step's
# peak RSS at a quarter, half and all of the rows (memory must stay flat as the file grows).
#
#   bench/full-year.sh                  # ROWS=7000000 AIRPORTS=350 YEAR=2015 WORK=<temp dir>
# Needs Debian's PostgreSQL binaries (initdb, pg_ctl) for a throwaway server, and /usr/bin/time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
YEAR=${YEAR:-2015}
ROWS=${ROWS:-7000000}
AIRPORTS=${AIRPORTS:-350}
WORK=${WORK:-$(mktemp -d /tmp/delaywatch-bench.XXXX)}
export DELAYWATCH_JAVA_OPTS=${DELAYWATCH_JAVA_OPTS:--Xmx1g}
PGBIN=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
DL="$ROOT/delaywatch"

cleanup() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$DL" --help >/dev/null   # builds on first use
mkdir -p "$WORK"
chmod 755 "$WORK"
echo "generating $ROWS rows for $AIRPORTS airports into $WORK ..." >&2
/usr/bin/time -f "generate  %e s  %M KB" "$DL" generate --year "$YEAR" --out "$WORK/lake/raw/flights" \
  --rows "$ROWS" --airports "$AIRPORTS" --seed 1 >/dev/null
ls -l "$WORK/lake/raw/flights/$YEAR.csv" >&2

# A throwaway PostgreSQL on a free port, as the postgres user (initdb refuses root).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
install -d -o postgres "$WORK/pg" "$WORK/sock"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -o "-p $PORT -k $WORK/sock -c listen_addresses=127.0.0.1" -w start >/dev/null
export DELAYWATCH_JDBC_URL="jdbc:postgresql://127.0.0.1:$PORT/postgres" PGUSER=postgres

echo
echo "step       wall s   peak RSS MB   (heap cap: $DELAYWATCH_JAVA_OPTS)"
total=0
for step in discover download transform detect plot load; do
  out=$( { /usr/bin/time -f "%e %M" "$DL" "$step" --warehouse "$WORK/lake" --year "$YEAR" --run-id bench >/dev/null; } 2>&1 | tail -1)
  secs=${out% *}; kb=${out#* }
  total=$(python3 -c "print(round($total + $secs, 2))")
  printf "%-10s %6.1f   %8.0f\n" "$step" "$secs" "$((kb / 1024))"
done
printf "%-10s %6.1f\n" "total" "$total"

echo
echo "download peak RSS as the file grows:"
for fraction in 4 2 1; do
  n=$((ROWS / fraction))
  dir="$WORK/grow$fraction"
  mkdir -p "$dir/raw/flights"
  head -n $((n + 1)) "$WORK/lake/raw/flights/$YEAR.csv" > "$dir/raw/flights/$YEAR.csv"
  out=$( { /usr/bin/time -f "%e %M" "$DL" download --warehouse "$dir" --year "$YEAR" --accept-partial-year >/dev/null; } 2>&1 | tail -1)
  printf "  %9d rows  %6.1f s  %6.0f MB\n" "$n" "${out% *}" "$(( ${out#* } / 1024 ))"
  rm -rf "$dir"
done
[[ -n "${KEEP:-}" ]] || rm -rf "$WORK/lake"

#!/usr/bin/env bash
# Load test of the API (docs/api.md, "Load test"): generated years of airport_daily_summary in a
# throwaway PostgreSQL (Debian's binaries, the load task's migrations applied with psql), the API
# as ./delaywatch would run it (its own JVM, the read-only role delaywatch_reader), and wrk on
# each endpoint at each connection count. Prints a markdown table; fails on any error or non-2xx.
#
#   bench/api-load.sh            full: YEARS=10 AIRPORTS=40, 16 and 64 connections, 20 s each
#   bench/api-load.sh --smoke    CI: 2 years, 16 connections, 4 s per endpoint; fails on any
#                                error, and when the load (after the build) outlasts 60 s
# Environment: YEARS, AIRPORTS, DURATION (s), CONNECTIONS ("16 64"), THREADS (wrk, 2),
# WARMUP (s per endpoint, 10), ENDPOINTS ("days days-uncached risk anomalies events airports"),
# API_JAVA_OPTS (the image's GC, a fixed 256 MiB heap), API_ARGS (e.g. "--cache-mb 0"), WORK (temp dir).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SMOKE=0
if [[ "${1:-}" == --smoke ]]; then
  SMOKE=1
  : "${YEARS:=2}" "${AIRPORTS:=10}" "${DURATION:=4}" "${CONNECTIONS:=16}" "${WARMUP:=1}"
fi
YEARS=${YEARS:-10}
AIRPORTS=${AIRPORTS:-40}
FIRST_YEAR=${FIRST_YEAR:-2009}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16 64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10}
ENDPOINTS=${ENDPOINTS:-days days-uncached risk anomalies events airports}
WORK=${WORK:-$(mktemp -d /tmp/delaywatch-api-load.XXXX)}
# The collector and heap of the image (api/pom.xml), the heap fixed: 64 MiB of cached series
# and the requests' garbage fit with room to spare.
read -r -a API_JAVA_OPTS <<<"${API_JAVA_OPTS:--XX:+UseG1GC -Xms256m -Xmx256m}"
read -r -a API_ARGS <<<"${API_ARGS:-}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
PGBIN=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
[[ -x "$PGBIN/initdb" ]] || { echo "api-load: needs Debian's postgresql (initdb)" >&2; exit 2; }

api_pid=
cleanup() {
  if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [[ ! -f api/target/classes/io/delaywatch/api/Main.class || ! -d api/target/lib ]]; then
  echo "api-load: building the api module ..." >&2
  mvn -q -B -ntp -pl api -DskipTests -Djib.skip package >&2
fi

# A throwaway PostgreSQL on a free port, as the postgres user (initdb refuses root).
PG_PORT=$(free_port)
mkdir -p "$WORK" && chmod 755 "$WORK"
install -d -o postgres "$WORK/pg" "$WORK/sock" "$WORK/log"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/log/postgresql.log" -w \
  -o "-p $PG_PORT -k $WORK/sock -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" start >/dev/null
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }

started=$SECONDS
for migration in $(find tasks/load/src/main/resources/db/migration -name 'V*.sql' | sort -V); do
  psql_ -f "$migration"
done
sed -e "s/\${first_year}/$FIRST_YEAR/g; s/\${years}/$YEARS/g; s/\${airports}/$AIRPORTS/g; s/\${seed}/0.42/g" \
  api/src/test/resources/generate-summary.sql | psql_ >/dev/null
psql_ -c "CREATE ROLE delaywatch_reader LOGIN; GRANT USAGE ON SCHEMA public TO delaywatch_reader;
          GRANT SELECT ON ALL TABLES IN SCHEMA public TO delaywatch_reader;"
rows=$(psql_ -tAc "SELECT count(*) FROM airport_daily_summary")
codes=$(psql_ -tAc "SELECT string_agg(DISTINCT airport, ',') FROM airport_daily_summary")
echo "api-load: $rows rows ($YEARS years from $FIRST_YEAR, $AIRPORTS airports) in $((SECONDS - started)) s" >&2

API_PORT=$(free_port)
DELAYWATCH_API_TOKEN=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')
export DELAYWATCH_API_TOKEN
java "${API_JAVA_OPTS[@]}" "-Xlog:gc:file=$WORK/gc.log" -cp "api/target/classes:api/target/lib/*" \
  io.delaywatch.api.Main --host 127.0.0.1 --port "$API_PORT" \
  --jdbc-url "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" --db-user delaywatch_reader \
  "${API_ARGS[@]}" >"$WORK/api.out" 2>"$WORK/api.err" &
api_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$API_PORT/ready" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$WORK/api.err" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$API_PORT/ready" >/dev/null || { echo "api-load: the API never became ready" >&2; exit 1; }

# CPU seconds (user + system) of processes, to tell what each request cost and what wrk took.
hz=$(getconf CLK_TCK)
cpu_ticks() {
  local pid total=0
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
pg_pids() {
  local postmaster
  postmaster=$(head -1 "$WORK/pg/postmaster.pid")
  echo "$postmaster" $(pgrep -P "$postmaster")
}

export ENDPOINT AIRPORTS="$codes" FIRST_YEAR YEARS
load_started=$SECONDS
echo "| endpoint | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | requests | errors | API µs/req | PostgreSQL µs/req | wrk cores | load avg |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
failed=0
if ((!SMOKE)); then
  # A first round over every endpoint: on a busy machine C2 was still compiling the day series'
  # path 30 s after the start (its thread had taken 10 s of CPU), and the first rows paid for it.
  for ENDPOINT in $ENDPOINTS; do
    wrk -t "$THREADS" -c 16 -d "${WARMUP}s" -s bench/api-load.lua "http://127.0.0.1:$API_PORT" >/dev/null
  done
fi
for ENDPOINT in $ENDPOINTS; do
  # A warm-up: the JIT compiles the endpoint's path and the cache fills; not in the figures.
  wrk -t "$THREADS" -c 16 -d "${WARMUP}s" -s bench/api-load.lua "http://127.0.0.1:$API_PORT" >/dev/null
  for c in $CONNECTIONS; do
    # shellcheck disable=SC2046 # one PID per word
    api0=$(cpu_ticks "$api_pid") pg0=$(cpu_ticks $(pg_pids))
    out=$(/usr/bin/time -f 'wrk-cpu %U %S' wrk -t "$THREADS" -c "$c" -d "${DURATION}s" --timeout 5s \
      -s bench/api-load.lua "http://127.0.0.1:$API_PORT" 2>&1)
    # shellcheck disable=SC2046
    api1=$(cpu_ticks "$api_pid") pg1=$(cpu_ticks $(pg_pids))
    json=$(grep '^{' <<<"$out" | tail -1)
    wrk_cpu=$(awk '/^wrk-cpu/ {print $2 + $3}' <<<"$out")
    python3 - "$ENDPOINT" "$c" "$json" "$((api1 - api0))" "$((pg1 - pg0))" "$hz" "$wrk_cpu" \
      "$(cut -d' ' -f1 /proc/loadavg)" <<'PY' || failed=1
import json, sys
endpoint, connections, r = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
api_s, pg_s = int(sys.argv[4]) / int(sys.argv[6]), int(sys.argv[5]) / int(sys.argv[6])
wrk_s, load = float(sys.argv[7]), sys.argv[8]
errors = r["errors"] + r["non_2xx"]
n = max(r["requests"], 1)
print(f"| {endpoint} | {connections} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
      f"| {r['p99_ms']:.1f} | {r['max_ms']:.0f} | {r['requests']:,} | {errors} "
      f"| {api_s / n * 1e6:,.0f} | {pg_s / n * 1e6:,.0f} | {wrk_s / r['seconds']:.2f} | {load} |")
sys.exit(1 if errors or r["requests"] == 0 else 0)
PY
  done
done
load_seconds=$((SECONDS - load_started))

# Stopped here, not by the trap: its log then holds the cache's figures.
kill "$api_pid" && wait "$api_pid" 2>/dev/null || true
api_pid=
grep -h -o 'day-series cache at stop: .*' "$WORK/api.err" | sed 's/^/api-load: /' >&2 || true
awk '/Pause/ { v = $NF; sub("ms", "", v); n++; total += v; if (v + 0 > max) max = v + 0 }
  END { if (n) printf "api-load: GC %d pauses, %.0f ms in all, longest %.1f ms (%s)\n", n, total, max, FILENAME }' \
  "$WORK/gc.log" >&2
if ((failed)); then
  echo "api-load: FAILED: errors or non-2xx responses above (API log: $WORK/api.err)" >&2
  exit 1
fi
if ((SMOKE && load_seconds > 60)); then
  echo "api-load: FAILED: the smoke load took ${load_seconds} s, over its bound of 60 s" >&2
  exit 1
fi
echo "api-load: zero errors (${load_seconds} s of load, $((SECONDS - started)) s in all; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2

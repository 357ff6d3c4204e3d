#!/usr/bin/env bash
# Load test of the API (docs/api.md, "Load test"): generated years of airport_daily_summary in a
# throwaway PostgreSQL (Debian's binaries, the load task's migrations applied with psql), the API
# as ./delaywatch would run it (its own JVM, the read-only role delaywatch_reader), and wrk on
# each endpoint at each connection count. Prints a markdown table; fails on any error or non-2xx.
#
#   bench/api-load.sh            full: YEARS=10 AIRPORTS=40, 16 and 64 connections, 20 s each
#   bench/api-load.sh --smoke    CI: 2 years, 16 connections, 4 s per endpoint (30 s of load)
# Environment: YEARS, AIRPORTS, DURATION (s), CONNECTIONS ("16 64"), THREADS (wrk, 2),
# WARMUP (s per endpoint, 10), ENDPOINTS ("days risk anomalies events airports"), API_JAVA_OPTS (-Xmx512m), WORK (temp dir).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [[ "${1:-}" == --smoke ]]; then
  : "${YEARS:=2}" "${AIRPORTS:=10}" "${DURATION:=4}" "${CONNECTIONS:=16}" "${WARMUP:=2}"
fi
YEARS=${YEARS:-10}
AIRPORTS=${AIRPORTS:-40}
FIRST_YEAR=${FIRST_YEAR:-2009}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16 64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10}
ENDPOINTS=${ENDPOINTS:-days risk anomalies events airports}
WORK=${WORK:-$(mktemp -d /tmp/delaywatch-api-load.XXXX)}
read -r -a API_JAVA_OPTS <<<"${API_JAVA_OPTS:--Xmx512m}"

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
java "${API_JAVA_OPTS[@]}" -cp "api/target/classes:api/target/lib/*" io.delaywatch.api.Main \
  --host 127.0.0.1 --port "$API_PORT" --jdbc-url "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  --db-user delaywatch_reader >"$WORK/api.out" 2>"$WORK/api.err" &
api_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$API_PORT/ready" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$WORK/api.err" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$API_PORT/ready" >/dev/null || { echo "api-load: the API never became ready" >&2; exit 1; }

export ENDPOINT AIRPORTS="$codes" FIRST_YEAR YEARS
echo "| endpoint | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | requests | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
failed=0
for ENDPOINT in $ENDPOINTS; do
  # A warm-up: the JIT compiles the endpoint's path; not in the figures.
  wrk -t "$THREADS" -c 16 -d "${WARMUP}s" -s bench/api-load.lua "http://127.0.0.1:$API_PORT" >/dev/null
  for c in $CONNECTIONS; do
    json=$(wrk -t "$THREADS" -c "$c" -d "${DURATION}s" --timeout 5s -s bench/api-load.lua \
      "http://127.0.0.1:$API_PORT" | tail -1)
    python3 - "$ENDPOINT" "$c" "$json" <<'PY' || failed=1
import json, sys
endpoint, connections, r = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
errors = r["errors"] + r["non_2xx"]
print(f"| {endpoint} | {connections} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
      f"| {r['p99_ms']:.1f} | {r['max_ms']:.0f} | {r['requests']:,} | {errors} |")
sys.exit(1 if errors or r["requests"] == 0 else 0)
PY
  done
done
if ((failed)); then
  echo "api-load: FAILED: errors or non-2xx responses above (API log: $WORK/api.err)" >&2
  exit 1
fi
echo "api-load: zero errors ($((SECONDS - started)) s; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2

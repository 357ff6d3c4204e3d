#!/usr/bin/env bash
# Proves the delaywatch-api image without a container engine, as images/prove.sh proves the task
# images: Jib builds it from the Debian-made base (reused from prove.sh's cache, or built),
# images/check_api_image.py checks its structure, then its own entrypoint runs chrooted as its
# user against a throwaway PostgreSQL: /ready and an authorized /v1 request answer 200, an
# unauthorized one 401, and SIGTERM stops it with exit 0 (graceful shutdown).
#
#   images/prove-api.sh        after images/prove.sh (same base cache), or on its own
# Needs root (debootstrap, chroot, mount namespaces) and Debian's PostgreSQL binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
CREATED=$(sed -n 's:.*<project.build.outputTimestamp>\(.*\)</project.build.outputTimestamp>.*:\1:p' pom.xml)
work=images/target/prove-api
tool="python3 images/imagetool.py"
fail() { echo "prove-api: FAIL $*" >&2; exit 1; }
ok() { echo "prove-api: ok  $*" >&2; }
[[ $EUID -eq 0 ]] || fail "needs root (chroot, mount namespaces)"
need=()
command -v curl >/dev/null || need+=(curl)
command -v ss >/dev/null || need+=(iproute2)
if ((${#need[@]})); then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rm -rf "$work" && mkdir -p "$work"

cache=${DELAYWATCH_BASE_CACHE:-/var/cache/delaywatch-images}
key=$(cat images/base.sh scripts/apt-source.sh images/imagetool.py | sha256sum | cut -c1-16)
base="$cache/base-$key.tar"
if [[ ! -f "$base" ]]; then
  mkdir -p "$cache"
  bash images/base.sh "$work/base.tar"
  mv "$work/base.tar" "$base"
fi
ln -sf "$(realpath "$base")" "$work/base.tar"

rm -f api/target/jib-image.*
mvn -B -ntp -q -pl api -Dmaven.test.skip=true package jib:buildTar \
  -Djib.from.image="tar://$PWD/$work/base.tar" >"$work/maven.log" 2>&1 || { tail -40 "$work/maven.log" >&2; fail "jib:buildTar"; }
image=api/target/jib-image.tar
ok "delaywatch-api image $(du -h "$image" | cut -f1)"
summary=$(cd images && python3 check_api_image.py "../$image" "$CREATED") || fail "structure (above)"
ok "structure: $summary"

rootfs="$work/rootfs"
$tool unpack "$image" "$rootfs" >/dev/null || fail "unpack"
$tool run "$image" "$rootfs" -- --help >"$work/help.out" 2>&1 || fail "--help: $(tail -3 "$work/help.out")"
grep -q '^Usage: api ' "$work/help.out" || fail "--help printed no usage"
ok "--help: main class and class path resolve"

pg_bin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
pg_dir=$(mktemp -d /tmp/delaywatch-prove-api-pg.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
api_port=$(free_port)
chown postgres: "$pg_dir"
api_pid=
cleanup() {
  [[ -n "$api_pid" ]] && kill "$api_pid" 2>/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/data/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir" start >/dev/null
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
for migration in $(find tasks/load/src/main/resources/db/migration -name 'V*.sql' | sort -V); do psql_ -f "$migration"; done
# shellcheck disable=SC2016  # the generator's ${name} placeholders, literally
sed -e 's/${first_year}/2015/g; s/${years}/1/g; s/${airports}/3/g; s/${seed}/0.42/g' \
  api/src/test/resources/generate-summary.sql | psql_ >/dev/null
psql_ -c "CREATE ROLE delaywatch_reader LOGIN; GRANT USAGE ON SCHEMA public TO delaywatch_reader;
          GRANT SELECT ON ALL TABLES IN SCHEMA public TO delaywatch_reader;"

token=prove-api-token-0123456789
$tool run "$image" "$rootfs" --env "DELAYWATCH_JDBC_URL=jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
  --env PGUSER=delaywatch_reader --env "DELAYWATCH_API_TOKEN=$token" -- --port "$api_port" \
  >"$work/api.out" 2>"$work/api.err" &
api_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$api_port/ready" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { tail -20 "$work/api.err" >&2; fail "the image exited"; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$api_port/ready" >/dev/null || fail "/ready never answered 200"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$api_port/v1/airports/ATL/days?from=2015-07-01&to=2015-07-31")
[[ $code == 200 ]] || fail "/v1/airports/ATL/days answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api_port/v1/airports")
[[ $code == 401 ]] || fail "/v1/airports without a token answered $code"
ok "served from the chroot as its user: /ready 200, /v1 with the token 200, without 401"

# The JVM inside the namespace is the one listening on the port: it gets the SIGTERM.
java_pid=$(ss -Hltnp "sport = :$api_port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
[[ -n "$java_pid" ]] || fail "no process listens on $api_port"
kill -TERM "$java_pid"
rc=0
wait "$api_pid" || rc=$?
api_pid=
[[ $rc -eq 0 || $rc -eq 143 ]] || fail "SIGTERM ended the service with exit $rc"
ok "SIGTERM stops the service (exit $rc)"
echo "images: api proven"

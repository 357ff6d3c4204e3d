#!/usr/bin/env bash
# Proves the task images without a container engine or a registry (CI; see README "Container
# images"): builds a Java 17 base image from Debian packages, builds every delaywatch-<task> image
# from it with Jib (tasks/<task>/target/jib-image.tar), checks each one's structure and one's
# reproducibility, then runs the images' own entrypoints chrooted, as their user, on a generated
# year: discover, download, transform, detect, plot, and load into a throwaway PostgreSQL.
#
#   images/prove.sh        after `mvn verify` (or on its own: Maven builds what is missing)
#
# Needs root (debootstrap, chroot, mounts in a private namespace). Installs what it lacks.
# DELAYWATCH_BASE_CACHE (default /var/cache/delaywatch-images) keeps the base image between runs on
# one machine, keyed by this folder's scripts; set DELAYWATCH_FRESH_BASE=1 to rebuild it anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

TASKS=(discover download transform detect plot load)
YEAR=2015
# The image creation time tasks/pom.xml fixes (project.build.outputTimestamp of the parent pom).
CREATED=$(sed -n 's:.*<project.build.outputTimestamp>\(.*\)</project.build.outputTimestamp>.*:\1:p' pom.xml)
work=images/target/prove
tool="python3 images/imagetool.py"
passed=0
started=$SECONDS

step() { printf '\nprove: == %s (%ss)\n' "$1" "$((SECONDS - started))" >&2; }
ok() { passed=$((passed + 1)); echo "prove: ok  $*" >&2; }
fail() { echo "prove: FAIL $*" >&2; exit 1; }

if [[ $EUID -ne 0 ]]; then fail "needs root (debootstrap, chroot, mount namespaces)"; fi
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v unshare >/dev/null || need+=(util-linux)
command -v python3 >/dev/null || need+=(python3)
command -v mvn >/dev/null || need+=(maven)
if ((${#need[@]})); then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Leftovers of an earlier run are removed first: snapshots hard-link into the rootfs folders.
rm -rf "$work" && mkdir -p "$work"

step "imagetool unit tests"
python3 -m unittest discover -s images -p 'test_*.py' 2>&1 | tail -3 >&2
ok "imagetool's layer, whiteout and check rules"

step "base image from Debian packages"
cache=${DELAYWATCH_BASE_CACHE:-/var/cache/delaywatch-images}
key=$(cat images/base.sh scripts/apt-source.sh images/imagetool.py | sha256sum | cut -c1-16)
base="$cache/base-$key.tar"
if [[ -f "$base" && "${DELAYWATCH_FRESH_BASE:-}" != 1 ]]; then
  echo "prove: reusing $base (built by images/base.sh on this machine; DELAYWATCH_FRESH_BASE=1 rebuilds)" >&2
else
  mkdir -p "$cache"
  bash images/base.sh "$work/base.tar"
  mv "$work/base.tar" "$base"
fi
ok "base image $(du -h "$base" | cut -f1) with $(tar -xOf "$base" manifest.json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["Layers"]))') layer(s)"

# Jib's buildTar for the given tasks. With common's jib.skip, one reactor build makes them all; without
# it, jib:buildTar would try to containerize common, so each task gets its own build
# (jib.containerize names the one module to containerize). Images need no test classes:
# tests are compiled (the tasks take common's test-jar) but not run.
build_images() {
  local log="$work/maven.log" modules
  modules=$(printf 'tasks/%s,' "$@")
  if grep -q '<jib.skip>true</jib.skip>' common/pom.xml; then
    mvn -B -ntp -q -pl "${modules%,}" -am -DskipTests package jib:buildTar \
      -Djib.from.image="tar://$PWD/$base_link" >"$log" 2>&1 || { tail -40 "$log" >&2; fail "jib:buildTar $*"; }
  else
    for t in "$@"; do
      mvn -B -ntp -q -pl "tasks/$t" -am -DskipTests package jib:buildTar -Djib.containerize=":$t" \
        -Djib.from.image="tar://$PWD/$base_link" >"$log" 2>&1 || { tail -40 "$log" >&2; fail "jib:buildTar $t"; }
    done
  fi
}
# The base's path appears in no image (only its layers and config do).
base_link="$work/base.tar"
ln -sf "$(realpath "$base")" "$base_link"

step "jib:buildTar for ${TASKS[*]}"
rm -f tasks/*/target/jib-image.*
build_images "${TASKS[@]}"
for t in "${TASKS[@]}"; do
  [[ -f tasks/$t/target/jib-image.tar ]] || fail "no tasks/$t/target/jib-image.tar"
done
ok "six image tarballs"

step "structure of every image"
specs=()
for t in "${TASKS[@]}"; do specs+=("$t=tasks/$t/target/jib-image.tar"); done
$tool verify --created "$CREATED" "${specs[@]}" >"$work/layers.md" || fail "image structure (above)"
cat "$work/layers.md" >&2
ok "entrypoint, user, working dir, creation time, layers and class path of ${#TASKS[@]} images"

step "reproducibility: transform built again from touched class files"
first_id=$(cat tasks/transform/target/jib-image.id)
first_digest=$(cat tasks/transform/target/jib-image.digest)
first_tar=$(sha256sum <tasks/transform/target/jib-image.tar)
# New mtimes on every input and no Jib cache: only content may reach the image.
find tasks/transform/target/classes common/target/classes -type f -exec touch {} +
rm -rf tasks/transform/target/jib-cache tasks/transform/target/jib-image.*
build_images transform
[[ "$(cat tasks/transform/target/jib-image.id)" == "$first_id" ]] || fail "image id changed: $first_id"
[[ "$(cat tasks/transform/target/jib-image.digest)" == "$first_digest" ]] || fail "image digest changed"
[[ "$(sha256sum <tasks/transform/target/jib-image.tar)" == "$first_tar" ]] || fail "image tarball changed"
ok "same config digest ($first_id), manifest digest and tarball"

step "a generated year $YEAR"
lake="$work/lake"
mkdir -p "$lake/raw/flights"
if ./delaywatch generate --help >/dev/null 2>&1; then
  ./delaywatch generate --year "$YEAR" --out "$lake/raw/flights" --airports 5 --rows 20000 --seed 1 >&2
else
  echo "prove: ./delaywatch generate is not available: writing a small CSV instead" >&2
  python3 - "$lake/raw/flights/$YEAR.csv" "$YEAR" <<'EOF'
import datetime, random, sys
# The Kaggle header (common/src/main/java/io/delaywatch/flights/RawColumns.java).
header = ("FL_DATE,OP_CARRIER,OP_CARRIER_FL_NUM,ORIGIN,DEST,CRS_DEP_TIME,DEP_TIME,DEP_DELAY,TAXI_OUT,"
          "WHEELS_OFF,WHEELS_ON,TAXI_IN,CRS_ARR_TIME,ARR_TIME,ARR_DELAY,CANCELLED,CANCELLATION_CODE,"
          "DIVERTED,CRS_ELAPSED_TIME,ACTUAL_ELAPSED_TIME,AIR_TIME,DISTANCE,CARRIER_DELAY,WEATHER_DELAY,"
          "NAS_DELAY,SECURITY_DELAY,LATE_AIRCRAFT_DELAY,Unnamed: 27")
rng, year = random.Random(1), int(sys.argv[2])
with open(sys.argv[1], "w") as out:
    out.write(header + "\n")
    day = datetime.date(year, 1, 1)
    while day.year == year:
        for origin, dest in (("ATL", "ORD"), ("ORD", "DEN"), ("DEN", "ATL")):
            delay = rng.randint(-10, 40)
            causes = ",".join([str(delay), "0", "0", "0", "0"]) if delay >= 15 else ",,,,"
            out.write(f"{day},DL,{rng.randint(1, 2000)},{origin},{dest},900,{900 + max(delay, 0)}.0,"
                      f"{delay}.0,12.0,915.0,1100.0,5.0,1110,1120.0,10.0,0.0,,0.0,130.0,125.0,110.0,"
                      f"600.0,{causes},\n")
        day += datetime.timedelta(days=1)
EOF
fi
ls "$lake/raw/flights"/"$YEAR".csv* >/dev/null || fail "no raw file for $YEAR"
# The images run as uid 10001 and write the lake, as they would write their S3 prefix.
chown -R 10001:10001 "$lake"
ok "raw file $(du -h "$lake/raw/flights/$YEAR".csv* | cut -f1 | head -1)"

# A throwaway PostgreSQL on 127.0.0.1 (the chroot shares the host's network) for the load image.
pg_env=()
pg_bin=$(compgen -G "/usr/lib/postgresql/*/bin" | sort -V | tail -1 || true)
if [[ -n "$pg_bin" ]]; then
  step "a throwaway PostgreSQL for the load image"
  pg_dir=$(mktemp -d /tmp/delaywatch-prove-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  printf 'prove-secret\n' >"$pg_dir/pw"
  chown -R postgres: "$pg_dir"
  trap 'runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U delaywatch --pwfile="$pg_dir/pw" \
    --auth=scram-sha-256 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; fail initdb; }
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir" start >/dev/null || fail "PostgreSQL did not start"
  PGPASSWORD=prove-secret "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U delaywatch delaywatch
  # As on ECS: URL and user as configuration, the password only in the environment.
  pg_env=(--env "DELAYWATCH_JDBC_URL=jdbc:postgresql://127.0.0.1:$pg_port/delaywatch"
          --env PGUSER=delaywatch --env PGPASSWORD=prove-secret)
  ok "PostgreSQL on 127.0.0.1:$pg_port"
fi

# The last stdout line must be the task's manifest, done, for the year; prints one count summary.
check_manifest() {
  python3 - "$1" "$2" "$YEAR" <<'EOF'
import json, sys
path, task, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [l for l in open(path).read().splitlines() if l.strip()]
m = json.loads(lines[-1]) if lines else {}
problems = [f"{k}={m.get(k)!r}, want {v!r}" for k, v in
            (("task", task), ("year", year), ("status", "done"), ("exit_code", 0)) if m.get(k) != v]
if problems:
    sys.exit(f"last stdout line of {task} is not its done manifest: {problems}\n{lines[-1:]}")
print(", ".join(f"{k} {v}" for k, v in sorted(m.get("counts", {}).items())))
EOF
}

declare -A outputs=(
  [discover]="runs/year=$YEAR/discover.json"
  [download]="staged/flights/year=$YEAR/flights.parquet"
  [transform]="daily/airport_daily/year=$YEAR/airport_daily.parquet"
  [detect]="scored/airport_anomalies/year=$YEAR/anomalies.parquet"
  [plot]="plots/$YEAR/index.html"
  [load]="runs/year=$YEAR/load.json"
)
snapshots="$work/snapshots"
for t in "${TASKS[@]}"; do
  image="tasks/$t/target/jib-image.tar"
  rootfs="$work/rootfs-$t"
  step "run delaywatch-$t: unpacked layers, chrooted, as the image's user"
  $tool unpack "$image" "$rootfs" --cache "$snapshots" || fail "unpack $image"
  rc=0
  $tool run "$image" "$rootfs" -- --help >"$work/$t.help" 2>"$work/$t.help.err" || rc=$?
  [[ $rc -eq 0 ]] || { cat "$work/$t.help.err" >&2; fail "$t --help exited $rc"; }
  grep -q "^Usage: $t " "$work/$t.help" || fail "$t --help printed no usage: $(head -3 "$work/$t.help")"
  ok "delaywatch-$t --help: main class and class path resolve"
  env_args=()
  if [[ $t == load ]]; then
    if ((${#pg_env[@]} == 0)); then echo "prove: no PostgreSQL installed: load not run" >&2; continue; fi
    env_args=("${pg_env[@]}")
  fi
  rc=0
  $tool run "$image" "$rootfs" --bind "$lake:/lake" "${env_args[@]}" -- --warehouse /lake --year "$YEAR" \
    --run-id prove >"$work/$t.out" 2>"$work/$t.err" || rc=$?
  [[ $rc -eq 0 ]] || { tail -20 "$work/$t.err" >&2; tail -3 "$work/$t.out" >&2; fail "$t exited $rc"; }
  counts=$(check_manifest "$work/$t.out" "$t") || fail "$t manifest"
  [[ -s "$lake/${outputs[$t]}" ]] || fail "$t wrote no ${outputs[$t]}"
  [[ -s "$lake/runs/year=$YEAR/$t.json" ]] || fail "$t stored no manifest in the lake"
  ok "delaywatch-$t --warehouse /lake --year $YEAR: exit 0, manifest done ($counts), ${outputs[$t]}"
done

pngs=$(find "$lake/plots/$YEAR" -name '*.png' | wc -l)
((pngs > 0)) || fail "plot wrote no PNG"
! grep -m1 'Fontconfig error' "$work/plot.err" >&2 || fail "fontconfig complained in the plot image (HOME?)"
ok "plot rendered $pngs PNG charts with the image's fonts, fontconfig quiet"
if ((${#pg_env[@]})); then
  rows=$(PGPASSWORD=prove-secret psql -h 127.0.0.1 -p "$pg_port" -U delaywatch -d delaywatch -tAc \
    "select count(*) from airport_daily_summary where extract(year from flight_date) = $YEAR")
  ((rows > 0)) || fail "load left no rows for $YEAR"
  ok "airport_daily_summary holds $rows rows for $YEAR"
fi

step "out of memory is a retryable failure, not 'invalid input'"
rc=0
$tool run tasks/download/target/jib-image.tar "$work/rootfs-download" --bind "$lake:/lake" \
  --env JAVA_TOOL_OPTIONS=-Xmx6m -- --warehouse /lake --year "$YEAR" >"$work/oom.out" 2>"$work/oom.err" || rc=$?
grep -q OutOfMemoryError "$work/oom.out" "$work/oom.err" || fail "no OutOfMemoryError with a 6 MB heap (exit $rc)"
[[ $rc -ne 0 && $rc -ne 2 && $rc -ne 3 && $rc -ne 99 ]] || fail "out of memory exited $rc, a code the DAG never retries"
ok "out of memory exits $rc (the DAG retries it)"

step "done"
echo "prove: image layer sizes: $work/layers.md" >&2
echo "images: $passed passed, 0 failed ($((SECONDS - started)) s)"

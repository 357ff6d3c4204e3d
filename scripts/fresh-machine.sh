#!/usr/bin/env bash
# The fresh-machine proof: builds a minimal Debian root with debootstrap (only JDK 17, Maven and
# git added), copies this repository in (its committed HEAD, as a clone has it), and runs the
# README's two commands in it, ./test.sh then ./delaywatch demo, as root of that root.
#
#   sudo bash scripts/fresh-machine.sh [--again] [WORKDIR]      (default /var/tmp/delaywatch-fresh)
#
# --again reruns in the root of the last run, with what its caches hold (~/.m2, $DELAYWATCH_CACHE)
# and a new copy of the repository: after a fix, the suites that passed cold need not download again.
# --again --run 'COMMANDS' runs COMMANDS (bash, in the repository) instead of the README's two, e.g.
# the suites after the one that broke: a way to find the next break, not the proof.
#
# Entered with `unshare --mount --pid --fork` and pivot_root, not chroot: the embedded PostgreSQL
# of the tests starts in user namespaces, which the kernel refuses inside a chroot. The root gets
# what any machine of this network has: /etc/hosts and resolv.conf, the CA certificates of
# /usr/local/share/ca-certificates, /etc/pip.conf, ~/.npmrc and the SSL_CERT_* / PIP_* variables.
# The Debian mirror is the first URIs: of this machine's apt sources; nothing else is fetched from
# outside but what ./test.sh itself fetches. Takes long (a cold ./test.sh): log to a file.
# Not part of .ci/run. Prints one line per phase with its time; exits with the first failure.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
again=0
run=""
if [[ "${1:-}" == --again ]]; then again=1; shift; fi
if ((again)) && [[ "${1:-}" == --run ]]; then run=$2; shift 2; fi
work="${1:-/var/tmp/delaywatch-fresh}"
root="$work/root"
started=$SECONDS
phase() { echo "fresh-machine: $(date -u +%T) ($((SECONDS - started)) s) $*"; }
mb() { echo "$(( $1 / 1000000 )) MB"; }
# %.0f: awk's %d stops at 2^31.
size() { du -sb "$@" 2>/dev/null | awk '{s += $1} END {printf "%.0f\n", s}'; }
received() { awk -F'[: ]+' 'NR > 2 && $2 != "lo" {s += $3} END {printf "%.0f\n", s}' /proc/net/dev; }
[[ $EUID -eq 0 ]] || { echo "fresh-machine: needs root (debootstrap, mounts, pivot_root)" >&2; exit 2; }

# The machine's own mirror and suite: its first deb source.
# shellcheck source=scripts/apt-source.sh
source "$repo_root/scripts/apt-source.sh"
machine_apt_source || { echo "fresh-machine: no apt source found on this machine (/etc/apt/sources.list.d/*.sources, /etc/apt/sources.list)" >&2; exit 2; }
mirror=$APT_MIRROR
suite=$APT_SUITE

if ((again)); then
  [[ -x "$root/enter.sh" ]] || { echo "fresh-machine: --again needs the root of an earlier run in $root" >&2; exit 2; }
  phase "again in the root of the last run (its caches kept)"
  rm -rf "$root/repo"
  debs_before=0
else
  command -v debootstrap >/dev/null || { phase "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }
  if [[ -d "$root" ]]; then
    # A mount namespace ended with its process: nothing stays mounted, the folder can go.
    rm -rf "$root"
  fi
  mkdir -p "$root"
  base="$work/base-$suite.tar"
  if [[ -f "$base" ]]; then
    # The same minimal root as last time (only JDK, Maven and git): the Debian download is not the
    # thing under test, and a rerun after a fix saves its minutes.
    phase "unpacking the minimal root of an earlier run ($base; delete it for a new debootstrap)"
    tar -x -C "$root" -f "$base"
  else
    phase "debootstrap --variant=minbase $suite from the machine's apt source"
    debootstrap --variant=minbase --include=openjdk-17-jdk-headless,maven,git,ca-certificates \
      "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log"; exit 1; }
    tar -c -C "$root" -f "$base.part" . && mv "$base.part" "$base"
  fi
  debs_before="$(du -sb "$root/var/cache/apt/archives" | cut -f1)"
  # The apt sources of the new root are this machine's, as they are.
  rm -f "$root/etc/apt/sources.list"
  cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/"
  [[ -f /etc/apt/sources.list ]] && cp /etc/apt/sources.list "$root/etc/apt/"
  # And its settings for reaching them (Acquire::), not its other apt habits.
  for conf in /etc/apt/apt.conf.d/*; do
    grep -q '^[[:space:]]*Acquire::' "$conf" && cp "$conf" "$root/etc/apt/apt.conf.d/"
  done
  du_root="$(du -sh "$root" | cut -f1)"
  # shellcheck disable=SC2016 # dpkg-query's own format fields
  phase "root ready ($du_root): $(chroot "$root" dpkg-query -W -f '${Package} ${Version}, ' openjdk-17-jdk-headless maven git)nothing else but Debian's minbase"

  # What this network needs to be reached, and nothing of this machine's tools.
  cp /etc/hosts /etc/resolv.conf "$root/etc/"
  [[ -f /etc/pip.conf ]] && cp /etc/pip.conf "$root/etc/"
  mkdir -p "$root/root" "$root/usr/local/share/ca-certificates"
  [[ -f "$HOME/.npmrc" ]] && cp "$HOME/.npmrc" "$root/root/"
  cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
  # Maven's settings (a mirror of Central, if this network has one), not its cache.
  [[ -f "$HOME/.m2/settings.xml" ]] && mkdir -p "$root/root/.m2" && cp "$HOME/.m2/settings.xml" "$root/root/.m2/"
fi

phase "copying the repository (its committed HEAD, as a clone has it)"
mkdir -p "$root/repo"
git -C "$repo_root" archive HEAD | tar -x -C "$root/repo"
git -C "$root/repo" init -q && git -C "$root/repo" add -A && \
  git -C "$root/repo" -c user.name=fresh -c user.email=fresh@localhost commit -qm "copy" >/dev/null

# Passed through: the variables that point at this network's certificates and package index.
passed=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 CI=true)
while IFS='=' read -r name value; do
  [[ "$name" == SSL_CERT_* || "$name" == PIP_* || "$name" == NODE_EXTRA_CA_CERTS ]] || continue
  # A local folder of this machine (pip's find-links) is not the network's: the root has none.
  [[ "$value" == /* && ! -e "$root$value" ]] && continue
  passed+=("$name=$value")
done < <(env)

cat >"$root/enter.sh" <<'EOF'
#!/bin/bash
# Runs inside the new namespaces: the README's commands (or --run's).
set -euo pipefail
update-ca-certificates >/dev/null 2>&1 || true
cd /repo
if [[ -f /run.sh ]]; then exec bash -x /run.sh; fi
t0=$SECONDS
./test.sh
echo "fresh-machine: ./test.sh passed in $((SECONDS - t0)) s"
t1=$SECONDS
./delaywatch demo
echo "fresh-machine: ./delaywatch demo passed in $((SECONDS - t1)) s"
./delaywatch sql "select count(*) from airport_daily_summary" || echo "fresh-machine: ./delaywatch sql failed"
EOF
chmod +x "$root/enter.sh"
rm -f "$root/run.sh"
[[ -n "$run" ]] && printf 'set -euo pipefail\n%s\n' "$run" >"$root/run.sh"

rx_before="$(received)"
phase "entering the root (unshare --mount --pid --fork, pivot_root) for ./test.sh and ./delaywatch demo"
status=0
# shellcheck disable=SC2016 # the inner bash expands them
unshare --mount --pid --fork --propagation private -- /bin/bash -c '
  set -euo pipefail
  root=$1; shift
  mount --bind "$root" "$root"
  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs tmpfs "$root/run"
  mkdir -p "$root/.old"
  cd "$root"
  pivot_root . .old
  umount -l /.old
  rmdir /.old
  exec env -i "$@" /enter.sh
' fresh "$root" "${passed[@]}" || status=$?
rx_after="$(received)"
# What was fetched: apt's packages, Maven's repository, Go's module downloads, and the venvs as
# installed (an upper bound of what came from PyPI: pip keeps no cache here); the interfaces'
# counter is another upper bound (this machine's other traffic counts too).
debs=$(( $(size "$root/var/cache/apt/archives") - debs_before ))
phase "finished with exit $status; disk: root $(du -sh "$root" | cut -f1), of it the cache $(du -sh "$root/root/.cache/delaywatch" 2>/dev/null | cut -f1), ~/.m2 $(du -sh "$root/root/.m2" 2>/dev/null | cut -f1), the repository's build output $(du -sh "$root/repo" | cut -f1)"
phase "fetched: Debian packages $(mb "$debs"), Maven $(mb "$(size "$root/root/.m2/repository")"), Go modules $(mb "$(size "$root/root/.cache/delaywatch/go/pkg/mod/cache/download")"), PyPI at most $(mb "$(size "$root"/root/.cache/delaywatch/venv-* "$root"/root/.cache/delaywatch/*-venv)") (the venvs installed); the network interfaces received $(mb $((rx_after - rx_before))) meanwhile"
exit "$status"

#!/usr/bin/env bash
# Builds a Java 17 base image from Debian packages, as a `docker save`-format tarball that Jib takes
# as -Djib.from.image=tar:///abs/path/base.tar. It stands in for eclipse-temurin:17-jre where no
# registry is reachable (CI): same role (a JRE on a distribution, fonts for the plot task), different
# vendor build. Production images are built from eclipse-temurin:17-jre (tasks/pom.xml).
#
#   images/base.sh OUT.tar
#
# Needs root (debootstrap, chroot) and a Debian mirror carrying bookworm: DEBIAN_MIRROR, else the
# machine's own apt source for bookworm (scripts/apt-source.sh; no mirror is named here). The rootfs is debootstrap's minbase of bookworm plus the headless JRE,
# fontconfig and DejaVu fonts, their maintainer scripts run (java's cacerts, the font cache), apt
# caches, docs and locales removed as in debian:bookworm-slim.
set -euo pipefail

out=${1:?usage: images/base.sh OUT.tar}
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
suite=bookworm
if [[ -n "${DEBIAN_MIRROR:-}" ]]; then
  mirror=$DEBIAN_MIRROR
else
  # shellcheck source=scripts/apt-source.sh
  source "$here/../scripts/apt-source.sh"
  machine_apt_source "$suite" || {
    echo "base: no apt source for $suite in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list:" \
      "add one, or set DEBIAN_MIRROR to a Debian mirror carrying $suite" >&2
    exit 2
  }
  mirror=$APT_MIRROR
fi
packages=openjdk-17-jre-headless,fontconfig,fonts-dejavu-core
java_home=/usr/lib/jvm/java-17-openjdk-amd64

work="$(dirname "$out")/base.work"
rm -rf "$work" && mkdir -p "$work"
rootfs="$work/rootfs"
# Downloaded .debs are kept between runs on this machine: only the download is cached, every run
# unpacks and configures the packages anew.
debs=${DELAYWATCH_DEB_CACHE:-/var/cache/delaywatch-images/debs}
mkdir -p "$debs"

command -v debootstrap >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
}

echo "base: debootstrap --variant=minbase --include=$packages $suite ($mirror)" >&2
if ! debootstrap --variant=minbase --include="$packages" --cache-dir="$debs" \
    "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -30 "$work/debootstrap.log" >&2
  exit 1
fi

# What a container engine provides at run time, or what only describes the build host.
cd "$rootfs"
rm -rf var/cache/apt/archives/*.deb var/cache/apt/*.bin var/lib/apt/lists/* var/log/* \
  usr/share/doc/* usr/share/man/* usr/share/info/* usr/share/locale/* \
  dev/* proc/* sys/* run/* tmp/* etc/resolv.conf etc/hostname
chmod 1777 tmp
# shellcheck disable=SC2016 # ${Version} is dpkg-query's field, not the shell's
version=$(chroot . dpkg-query -W -f='${Version}' openjdk-17-jre-headless)
# Entries named like `docker save`'s (etc/passwd, not ./etc/passwd), in a stable order.
mapfile -t top < <(find . -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort)
tar --sort=name --numeric-owner -cf - "${top[@]}" | gzip -n -1 >"$work/layer.tar.gz"
cd - >/dev/null

python3 "$here/imagetool.py" pack "$work/layer.tar.gz" "$out" \
  --tag "delaywatch-base:debian12-openjdk17" \
  --created-by "debootstrap --variant=minbase --include=$packages $suite; openjdk-17-jre-headless $version" \
  --env "PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --env "JAVA_HOME=$java_home" \
  --env "LANG=C.UTF-8" \
  --cmd bash
rm -rf "$work"
echo "base: $out (openjdk-17-jre-headless $version, $(du -h "$out" | cut -f1))" >&2

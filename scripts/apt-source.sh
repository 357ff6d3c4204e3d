# shellcheck shell=bash
# Sourced, not run. machine_apt_source [SUITE] sets APT_MIRROR and APT_SUITE from this machine's
# own apt configuration, so that no mirror host is written in the repository: the first `deb`
# source carrying SUITE (any suite when none is given), from the deb822 stanzas of
# /etc/apt/sources.list.d/*.sources, else the one-line entries of /etc/apt/sources.list and
# /etc/apt/sources.list.d/*.list. Returns 1, setting nothing, when there is none.
# APT_SOURCES_DIR (default /etc/apt) moves the configuration looked at (tests).

machine_apt_source() {
  local want="${1:-}" etc="${APT_SOURCES_DIR:-/etc/apt}" found="" files=() restore
  restore="$(shopt -p nullglob || true)"
  shopt -s nullglob
  files=("$etc"/sources.list.d/*.sources)
  if ((${#files[@]})); then
    # One stanza per paragraph; a field's values are separated by blanks.
    found="$(awk -v want="$want" 'BEGIN { RS = ""; FS = "\n" }
      {
        types = ""; uris = ""; suites = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Types:/) { types = $i; sub(/^Types:[ \t]*/, "", types) }
          if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = $i; sub(/^Suites:[ \t]*/, "", suites) }
        }
        if ((" " types " ") !~ / deb /) next
        n = split(suites, s, /[ \t]+/); split(uris, u, /[ \t]+/)
        for (j = 1; j <= n; j++) if (want == "" || s[j] == want) { print u[1], s[j]; exit }
      }' "${files[@]}")"
  fi
  if [[ -z "$found" ]]; then
    files=("$etc"/sources.list "$etc"/sources.list.d/*.list)
    local existing=()
    for f in "${files[@]}"; do [[ -f "$f" ]] && existing+=("$f"); done
    if ((${#existing[@]})); then
      # deb [options] URI SUITE COMPONENT...
      found="$(awk -v want="$want" '$1 == "deb" {
          i = 2
          if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
          if (want == "" || $(i + 1) == want) { print $i, $(i + 1); exit }
        }' "${existing[@]}")"
    fi
  fi
  eval "$restore"
  [[ -n "$found" ]] || return 1
  read -r APT_MIRROR APT_SUITE <<<"$found"
  export APT_MIRROR APT_SUITE
}

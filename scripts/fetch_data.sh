#!/usr/bin/env bash
# Fetches the deep-sky training photos: the 555 nebula/galaxy/cluster PNGs that Debian ships in the
# stellarium-data package (nebulae/default/), with their credits.
#
# Usage: scripts/fetch_data.sh [DATA_DIR]
#   DATA_DIR defaults to $INRGAN_DATA_DIR, else <repo>/data/deep-sky.
#
# Nothing is installed on the system: the .deb is fetched with `apt-get download` (works for root and
# non-root users) and unpacked with `dpkg-deb -x` into a temporary folder. The .deb is kept in
# DATA_DIR/.cache so that a second run (e.g. after deleting the photos) needs no network.
# Needs only apt-get, dpkg-deb, awk, sed and coreutils: a Debian minbase has them, but no python.
set -euo pipefail

readonly PACKAGE=stellarium-data
readonly EXPECTED_COUNT=555
readonly NEBULAE=usr/share/stellarium/nebulae/default

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data_dir="${1:-${INRGAN_DATA_DIR:-$repo_dir/data/deep-sky}}"

log() { printf 'fetch_data: %s\n' "$*"; }
die() { printf 'fetch_data: error: %s\n' "$*" >&2; exit 1; }

count_pngs() {
  find "$1" -maxdepth 1 -type f -name '*.png' 2>/dev/null | wc -l
}

if [[ -d "$data_dir" && -s "$data_dir/CREDITS.md" && "$(count_pngs "$data_dir")" -ge $EXPECTED_COUNT ]]; then
  log "$data_dir already holds $(count_pngs "$data_dir") PNGs and CREDITS.md; nothing to do."
  exit 0
fi

for tool in apt-get dpkg-deb awk sed find; do
  command -v "$tool" >/dev/null || die "'$tool' is needed (this script expects Debian or Ubuntu)."
done

mkdir -p "$data_dir/.cache"
cache_dir="$(cd "$data_dir/.cache" && pwd)"
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/inrgan-fetch.XXXXXX")"
trap 'rm -rf "$work_dir"' EXIT

# 1. The package file, unless an earlier run cached it.
deb="$(find "$cache_dir" -maxdepth 1 -name "${PACKAGE}_*_all.deb" | sort | tail -n 1)"
if [[ -n "$deb" ]] && dpkg-deb --info "$deb" >/dev/null 2>&1; then
  log "using cached package $deb"
else
  log "downloading $PACKAGE with apt-get download (about 250 MB) ..."
  mkdir -p "$work_dir/download"
  # apt-get download writes into the current folder. As root, apt drops privileges to the _apt
  # user for downloads, which then cannot write into a folder owned by root; the temp folder is
  # made writable for it.
  chmod 0755 "$work_dir"
  chmod 0777 "$work_dir/download"
  if ! (cd "$work_dir/download" && apt-get download "$PACKAGE"); then
    die "apt-get download $PACKAGE failed. If apt says the package is unknown, run 'apt-get update' (as root) and retry; the package is in Debian main (bookworm and later)."
  fi
  downloaded="$(find "$work_dir/download" -maxdepth 1 -name "${PACKAGE}_*.deb" | head -n 1)"
  [[ -n "$downloaded" ]] || die "apt-get download finished but left no ${PACKAGE}_*.deb"
  deb="$cache_dir/$(basename "$downloaded")"
  # The temp folder may be on another file system: copy under a temporary name, then rename, so an
  # interrupted run never leaves a truncated .deb that looks cached.
  mv "$downloaded" "$deb.partial"
  mv "$deb.partial" "$deb"
  log "cached $(du -h "$deb" | cut -f1) in $deb"
fi

# 2. Unpack into the temp folder (no system install) and check what we got.
log "extracting $NEBULAE from $(basename "$deb") ..."
dpkg-deb -x "$deb" "$work_dir/root"
src="$work_dir/root/$NEBULAE"
[[ -f "$src/textures.json" ]] || die "$(basename "$deb") has no $NEBULAE/textures.json"
found="$(count_pngs "$src")"
if [[ "$found" -ne $EXPECTED_COUNT ]]; then
  log "warning: expected $EXPECTED_COUNT PNGs, the package holds $found; using them all"
fi

# 3. Copy the photos and the catalogue they come from.
mkdir -p "$data_dir"
find "$src" -maxdepth 1 -type f -name '*.png' -exec cp -p {} "$data_dir/" \;
cp -p "$src/textures.json" "$data_dir/textures.json"
copyright="$work_dir/root/usr/share/doc/$PACKAGE/copyright"
if [[ -f "$copyright" ]]; then
  cp "$copyright" "$data_dir/copyright-stellarium-data.txt"
fi
log "copied $found PNGs, textures.json and the package's copyright file into $data_dir"

# 4. CREDITS.md from textures.json. The file is not strict JSON (numbers like -.9794, keys spelt
# "short" or "Short"), so it is read line by line: each subtile has one "imageCredits" line and one
# "imageUrl" line; a pair is written when both have been seen, whatever their order.
version="$(dpkg-deb --field "$deb" Version)"
credits_tmp="$work_dir/CREDITS.md"
{
  printf '# Deep-sky photos: credits\n\n'
  printf 'The %s images in this folder come from Stellarium (https://stellarium.org), Debian package\n' "$found"
  printf '`%s` %s, folder `%s/`.\n' "$PACKAGE" "$version" "$NEBULAE"
  printf 'Debian distributes the package under the GNU GPL v2 or later; several photographers grant\n'
  printf 'their own terms (mostly: free use with credit). Those terms are in copyright-stellarium-data.txt\n'
  printf '(the package'"'"'s copyright file, section 4). Credit the photographers below when you show the\n'
  printf 'images or anything trained on them. Source of this list: textures.json, next to the images.\n\n'
  printf 'One line per image: file — credit (info URL).\n\n'
  awk '
    function field(line, pattern,    s) {
      # Value of the first "key" : "value" whose key matches pattern (case-insensitive keys).
      if (!match(line, pattern "[ \t]*:[ \t]*\"[^\"]*\"")) return ""
      s = substr(line, RSTART, RLENGTH)
      sub(/^[^:]*:[ \t]*"/, "", s)
      sub(/"$/, "", s)
      return s
    }
    function flush() {
      if (file != "" && have_credit) {
        line = "- " file " — " (credit == "" ? "unknown" : credit)
        if (url != "") line = line " (" url ")"
        print line
        file = ""; credit = ""; url = ""; have_credit = 0
      }
    }
    /"imageCredits"/ { credit = field($0, "\"[sS]hort\""); url = field($0, "\"infoUrl\""); have_credit = 1; flush() }
    /"imageUrl"/ {
      if (file != "" && !have_credit) print "- " file " — unknown"  # a subtile without credits
      file = field($0, "\"imageUrl\""); flush()
    }
  ' "$src/textures.json"
} >"$credits_tmp"
lines="$(grep -c '^- ' "$credits_tmp" || true)"
mv "$credits_tmp" "$data_dir/CREDITS.md"
log "wrote $data_dir/CREDITS.md ($lines images credited)"

log "done: $(count_pngs "$data_dir") PNGs in $data_dir ($(du -sh --exclude=.cache "$data_dir" | cut -f1), package cached in .cache)"

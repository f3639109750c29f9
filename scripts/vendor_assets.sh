#!/usr/bin/env bash
# Re-fetches the JavaScript/CSS the map needs into static/, from the npm registry, reproducibly:
# each package is pinned to a version and checked against the registry's sha512 integrity
# before anything is copied. The files are copied verbatim; static/LICENSES.md and
# static/SHA256SUMS are regenerated. Needs npm, tar and sha256sum; no other network access.
#
#   bash scripts/vendor_assets.sh          # fetch and copy
#   bash scripts/vendor_assets.sh --check  # only verify static/ against static/SHA256SUMS
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
STATIC=static

if [ "${1:-}" = "--check" ]; then
  (cd "$STATIC" && sha256sum --quiet -c SHA256SUMS)
  echo "static/ matches static/SHA256SUMS"
  exit 0
fi

# name version licence sha512-integrity (from `npm view NAME@VERSION dist.integrity`)
PACKAGES=(
  "leaflet 1.9.4 BSD-2-Clause sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "jquery 3.7.1 MIT sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg=="
  "leaflet.markercluster 1.5.3 MIT sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA=="
)
# Files taken from each package's tarball (paths inside package/), copied into static/NAME/.
declare -A FILES=(
  [leaflet]="dist/leaflet.js dist/leaflet.css dist/images/layers.png dist/images/layers-2x.png dist/images/marker-icon.png dist/images/marker-icon-2x.png dist/images/marker-shadow.png LICENSE"
  [jquery]="dist/jquery.min.js LICENSE.txt"
  [leaflet.markercluster]="dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css MIT-LICENCE.txt"
)
declare -A HOMEPAGE=(
  [leaflet]="https://leafletjs.com/"
  [jquery]="https://jquery.com/"
  [leaflet.markercluster]="https://github.com/Leaflet/Leaflet.markercluster"
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

licences="$work/LICENSES.md"
cat > "$licences" <<'HEAD'
# Third-party files in static/

Served by Streamlit at `/app/static/...` (and inlined into standalone HTML exports) so the map
works with no internet. Fetched with `bash scripts/vendor_assets.sh` from the npm registry
(`npm pack NAME@VERSION`, checked against the registry's sha512 integrity) and copied verbatim;
`static/SHA256SUMS` lists every file (`bash scripts/vendor_assets.sh --check` verifies them).

| package | version | licence | files | licence text | home |
|---|---|---|---|---|---|
HEAD

for entry in "${PACKAGES[@]}"; do
  read -r name version licence integrity <<<"$entry"
  echo "fetching $name@$version"
  (cd "$work" && npm pack --silent "$name@$version" >/dev/null 2>&1)
  tgz="$work/$name-$version.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "integrity mismatch for $name@$version: expected $integrity, got $actual" >&2
    exit 1
  fi
  mkdir -p "$work/$name"
  tar -xzf "$tgz" -C "$work/$name"
  rm -rf "${STATIC:?}/$name"
  copied=()
  licence_file=""
  for f in ${FILES[$name]}; do
    dest="$STATIC/$name/${f#dist/}"
    mkdir -p "$(dirname "$dest")"
    cp "$work/$name/package/$f" "$dest"
    copied+=("\`${dest#"$STATIC"/}\`")
    case "$f" in *LICEN*) licence_file="\`${dest#"$STATIC"/}\`" ;; esac
  done
  list=$(IFS=,; echo "${copied[*]}" | sed 's/,/, /g')
  echo "| $name | $version | $licence | $list | $licence_file | ${HOMEPAGE[$name]} |" >> "$licences"
done

cat >> "$licences" <<'TAIL'

`eventmap/eventmap.js` and `eventmap/eventmap.css` are this project's own code (MIT, like the project),
not fetched by the script.

The offline basemap (`geo/basemap/*.geojson`) is derived from Natural Earth (public domain) through
the npm package `world-atlas` 2.0.2 (ISC); `geo/basemap/build.py` regenerates it.
TAIL

cp "$licences" "$STATIC/LICENSES.md"
vendored=()
for entry in "${PACKAGES[@]}"; do read -r name _ <<<"$entry"; vendored+=("$name"); done
(cd "$STATIC" && find "${vendored[@]}" -type f | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "static/ updated; $(wc -l < "$STATIC/SHA256SUMS") files listed in static/SHA256SUMS"

#!/usr/bin/env bash
# Refreshes the vendored OpenSeadragon (the facsimile viewer's zoom and pan) from the npm
# registry: the pinned version below, checked against the registry's integrity hash.
# The copy is committed (scripts/edition/site/vendor/openseadragon/), so that building a
# site needs neither npm nor a network; run this only to change the version.
#   scripts/vendor-openseadragon.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="6.1.1"
INTEGRITY="sha512-g4iKe2q8B642SaBT3+x4ZF3/8b1TxPPydyjmtrOLgDrlYWMKd9ZXM+1Cb/xa9DVySkvs/7l6HR1nHKfD5F3Tsw=="
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "openseadragon@$VERSION" >/dev/null)
tarball="$work/openseadragon-$VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$got" != "$INTEGRITY" ]; then
  echo "vendor-openseadragon: integrity mismatch for $VERSION: $got" >&2
  exit 2
fi
tar xzf "$tarball" -C "$work"
target=scripts/edition/site/vendor/openseadragon
mkdir -p "$target"
cp "$work/package/build/openseadragon/openseadragon.min.js" "$target/"
cp "$work/package/LICENSE.txt" "$target/"
printf 'openseadragon %s (npm), %s\n' "$VERSION" "$INTEGRITY" > "$target/VERSION"
echo "vendor-openseadragon: $target now holds OpenSeadragon $VERSION"

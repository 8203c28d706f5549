#!/usr/bin/env bash
# Regenerates the gallery (docs/gallery.sh) into a temporary directory and checks that every
# diagram and page (SVG, PNG, HTML) is byte-identical to the committed one: same input, same bytes out, in every
# build. Usage: gallery.sh CAREERPATH SOURCE_DIR
set -u
bin=$1 src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$src/docs/gallery.sh" "$bin" "$out" || { echo "FAIL: docs/gallery.sh failed" >&2; exit 1; }
status=0
for f in "$src"/docs/gallery/*.{svg,png,html}; do
  if ! cmp -s "$f" "$out/$(basename "$f")"; then
    echo "FAIL: $(basename "$f") differs from the committed gallery (run docs/gallery.sh)" >&2
    status=1
  fi
done
[ "$(ls "$out" | wc -l)" = "$(ls "$src"/docs/gallery/ | wc -l)" ] ||
  { echo "FAIL: the gallery has a different number of diagrams" >&2; status=1; }
exit $status

#!/usr/bin/env bash
# The corpus as a regression test: runs every command line of cases.txt and compares what
# came out (exit codes, stdout, stderr, files written) with expected.txt, showing the
# difference. A change that moves output on purpose regenerates it and commits the diff for
# review: check.sh --update CAREERPATH. Usage: check.sh [--update] CAREERPATH
set -u
update=0
if [ "${1:-}" = --update ]; then
  update=1
  shift
fi
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/run.sh" "$bin" "$work/run" >/dev/null || exit 1
# Issue 19: every SVG and HTML document the corpus writes (files, or stdout) is well-formed
# XML to libxml2, so a change that lets raw text into markup fails here.
docs=0
while IFS= read -r doc; do
  docs=$((docs + 1))
  xmllint --noout "$doc" 2>"$work/xml" || {
    echo "FAIL: ${doc#"$work/run/"} is not well-formed XML: $(head -2 "$work/xml")" >&2
    exit 1
  }
done < <(
  find "$work/run" \( -name '*.svg' -o -name '*.html' \) -type f
  grep -lE '^(<\?xml|<svg|<!DOCTYPE html)' "$work"/run/*.out
)
[ "$docs" -gt 50 ] || { echo "FAIL: only $docs SVG/HTML documents found to check" >&2; exit 1; }
/usr/bin/python3 "$here/transcript.py" "$work/run" "$here/cases.txt" >"$work/transcript.txt" ||
  exit 1
if [ $update -eq 1 ]; then
  cp "$work/transcript.txt" "$here/expected.txt"
  echo "wrote $here/expected.txt"
  exit 0
fi
if ! diff -u "$here/expected.txt" "$work/transcript.txt" >"$work/diff"; then
  head -c 20000 "$work/diff"
  echo "FAIL: the corpus's outputs moved (above); if on purpose, run" \
    "tests/corpus/check.sh --update CAREERPATH and commit expected.txt" >&2
  exit 1
fi
echo "$(grep -c '^=== ' "$work/transcript.txt") command lines give the expected outputs;" \
  "$docs SVG/HTML documents are well-formed XML"

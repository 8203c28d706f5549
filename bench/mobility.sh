#!/usr/bin/env bash
# The 10-million-row `mobility build`: generates the histories (seeded, rows shuffled), then
# times `wc -l`, `cat > /dev/null` and careerpath on the same file (on one thread, then
# with --jobs at its default, one per core), three runs each, and prints the medians, the
# ratio to wc -l and careerpath's peak memory.
# Usage: bench/mobility.sh BINARY [ROWS] [WORKDIR]   (default 10000000 rows, /tmp)
set -euo pipefail
bin=$(realpath "$1")
rows=${2:-10000000}
work=${3:-/tmp}
here=$(cd "$(dirname "$0")/.." && pwd)
file=$work/histories-$rows.csv
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ ! -s "$file" ]; then
  echo "generating $rows rows into $file (about 2 minutes per 10 million)" >&2
  /usr/bin/python3 "$here/data/generate_histories.py" --rows "$rows" --seed 7 --shuffle >"$file"
fi
median() { sort -n | sed -n 2p; }
time_of() { # command...; prints the wall seconds of one run
  /usr/bin/time -f "%e %M" -o "$out/t" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
  cut -d' ' -f1 "$out/t"
}
cat "$file" >/dev/null # warm the page cache so every tool reads from memory
wc=$(for i in 1 2 3; do time_of wc -l "$file"; done | median)
cat_t=$(for i in 1 2 3; do time_of cat "$file"; done | median)
cp1_t=$(for i in 1 2 3; do time_of "$bin" mobility build "$file" --jobs 1 -o "$out/t.csv"; done | median)
cp_t=$(for i in 1 2 3; do time_of "$bin" mobility build "$file" --jobs "$(nproc)" -o "$out/t.csv"; done | median)
peak=$(cut -d' ' -f2 "$out/t")
size=$(stat -c %s "$file")
echo "rows: $(($(wc -l <"$file") - 1)), $((size / 1048576)) MiB"
echo "summary: $(cat "$out/err" | head -1)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf 'wc -l: %s s; cat: %s s; careerpath mobility build: %s s --jobs 1, %s s --jobs %s (medians of 3), %s MiB peak\n' \
  "$wc" "$cat_t" "$cp1_t" "$cp_t" "$(nproc)" "$((peak / 1024))"
awk -v a="$cp_t" -v b="$wc" -v c="$cat_t" -v s="$size" 'BEGIN {
  printf "careerpath reads %.0f MB/s; wc -l %.0f MB/s; careerpath / wc -l = %.1fx, / cat = %.1fx\n",
    s / a / 1e6, s / b / 1e6, a / b, a / c }'

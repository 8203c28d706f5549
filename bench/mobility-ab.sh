#!/usr/bin/env bash
# Paired, alternated `mobility build` runs of two careerpath binaries on one histories file
# (--jobs 1, then --jobs 2, old then new, ROUNDS times), with `wc -l` on the same file three
# times each round and `uptime` before and after; prints every run (wall, user, sys seconds,
# peak KiB), the medians, and checks that both binaries wrote the same bytes.
# Usage: bench/mobility-ab.sh OLD NEW FILE [ROUNDS]   (FILE: e.g. made by bench/mobility.sh)
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
file=$3
rounds=${4:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat "$file" >/dev/null # warm the page cache
one() { # label binary args...
  local label=$1
  shift
  /usr/bin/time -f "$label %e %U %S %M" -o "$out/t" "$@" >/dev/null 2>"$out/err" ||
    { cat "$out/err" >&2; exit 1; }
  tee -a "$out/all" <"$out/t"
}
echo "load before: $(uptime)"
for _ in $(seq "$rounds"); do
  for j in 1 2; do
    for who in old new; do
      bin=$old
      [ "$who" = new ] && bin=$new
      one "$who-j$j" "$bin" mobility build "$file" --jobs "$j" -o "$out/$who-j$j.csv" \
        --roles-out "$out/$who-j$j-roles.csv"
    done
  done
  for _ in 1 2 3; do one wc-l wc -l "$file"; done
done
echo "load after: $(uptime)"
for j in 1 2; do
  if ! cmp -s "$out/old-j$j.csv" "$out/new-j$j.csv" ||
    ! cmp -s "$out/old-j$j-roles.csv" "$out/new-j$j-roles.csv"; then
    echo "--jobs $j: the outputs differ" >&2
    exit 1
  fi
done
echo "outputs: the same bytes"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for label in old-j1 new-j1 old-j2 new-j2 wc-l; do
  col() { awk -v l="$label" -v c="$1" '$1 == l { print $c }' "$out/all" | median; }
  printf '%-7s median wall %s s, user %s s, sys %s s, peak %s KiB\n' "$label" "$(col 2)" "$(col 3)" \
    "$(col 4)" "$(col 5)"
done

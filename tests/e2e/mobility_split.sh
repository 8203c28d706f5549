#!/usr/bin/env bash
# `mobility split` as a user runs it: every input row in exactly one shard, a person's rows
# together, the shards' partial builds merged byte for byte one build with the bad rows at
# their original file:line, and failures that leave no shard behind.
# Usage: mobility_split.sh BINARY SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() {
  echo "FAIL: $*" >&2
  status=1
}
cd "$work" || exit 1
cp "$src/data/sample-histories.csv" h.csv
# A row short of a field and a row with no person: kept, counted, reported by the build.
printf 'P0000001,nurse\n,nurse,2001-01,\n' >>h.csv
rows=$(($(wc -l <h.csv) - 1))

"$bin" mobility split h.csv --parts 4 --out-dir sh 2>err || fail "split: $(cat err)"
grep -q "^careerpath mobility split: $rows rows from 1 file into 4 shards in sh .* 2 bad rows kept" err ||
  fail "split summary: $(cat err)"
[ "$(ls sh)" = "$(printf 'part-0.csv\npart-1.csv\npart-2.csv\npart-3.csv')" ] || fail "shards: $(ls -A sh)"
for k in 0 1 2 3; do
  head -1 "sh/part-$k.csv" | grep -qx "cp_origin,person,role,start,end" || fail "part-$k header"
done
# The union of the shards is the input: each line 2..N exactly once, by origin.
tail -q -n +2 sh/part-*.csv | cut -d, -f1 | sed 's/^h.csv://' | sort -n >lines
seq 2 $((rows + 1)) | cmp -s - lines || fail "the shards' origins are not lines 2..$((rows + 1)) once each"
# A person in one shard only.
awk -F, 'FNR > 1 && $2 != "" { if (($2 in at) && at[$2] != FILENAME) bad = 1; at[$2] = FILENAME }
  END { exit bad }' sh/part-*.csv || fail "a person's rows in two shards"

# Built and merged: one build's output and bad rows, at h.csv:LINE.
"$bin" mobility build h.csv -o one.csv --roles-out one-roles.csv 2>one.err || fail "one build"
for k in 0 1 2 3; do
  "$bin" mobility build --partial --origin-column cp_origin "sh/part-$k.csv" -o "p$k.cpp" 2>/dev/null ||
    fail "partial build of part-$k"
done
"$bin" mobility merge p*.cpp -o merged.csv --roles-out merged-roles.csv 2>merged.err || fail "merge"
cmp -s one.csv merged.csv && cmp -s one-roles.csv merged-roles.csv || fail "merged output differs"
grep '^  ' one.err >want
grep '^  ' merged.err >got
cmp -s want got && [ "$(wc -l <want)" -eq 7 ] || fail "bad rows: $(cat got)"
grep -q "^  h.csv:$((rows + 1)): missing person$" got || fail "the row with no person not at its line"

# Usage and input errors: one line, the exit code, and no shard left behind.
"$bin" mobility split --help | grep -q "^Usage: careerpath mobility split" || fail "--help"
"$bin" mobility split h.csv 2>err
[ $? -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] || fail "no --out-dir: $(cat err)"
printf 'who,role,seq\np,x,1\n' >nop.csv
"$bin" mobility split nop.csv --out-dir e1 2>err
[ $? -eq 3 ] && grep -q "nop.csv:1: header lacks the required column 'person'" err || fail "no person: $(cat err)"
[ -z "$(ls -A e1)" ] || fail "a failed split left files: $(ls -A e1)"
printf 'person,role,seq\np,x,1\np,"y,2\n' >quote.csv
"$bin" mobility split h.csv quote.csv --out-dir e2 2>err
[ $? -eq 3 ] && [ "$(wc -l <err)" -eq 1 ] || fail "unterminated quote: $(cat err)"
[ -z "$(ls -A e2)" ] || fail "a failed split left files: $(ls -A e2)"
printf 'person,role,seq\np,x,1\n' >other.csv
"$bin" mobility split h.csv other.csv --out-dir e3 2>err
[ $? -eq 3 ] && grep -q "other.csv:1: its header differs from h.csv's" err || fail "headers: $(cat err)"
# A shard may not replace an input.
mkdir same && cp h.csv same/part-0.csv
"$bin" mobility split same/part-0.csv --parts 2 --out-dir same 2>err
[ $? -eq 2 ] && cmp -s h.csv same/part-0.csv || fail "a shard over its input: $(cat err)"
[ "$(ls -A same)" = "part-0.csv" ] || fail "a refused split left files: $(ls -A same)"
# Column maps and TSV, as the build reads them.
tr ',' '\t' <"$src/data/sample-histories.csv" | sed '1s/person/Worker ID/' >h.tsv
"$bin" mobility split h.tsv --parts 3 --out-dir tsv --columns 'person=Worker ID' 2>err ||
  fail "TSV: $(cat err)"
head -1 tsv/part-0.csv | grep -qx "cp_origin,Worker ID,role,start,end" || fail "TSV header"
exit $status

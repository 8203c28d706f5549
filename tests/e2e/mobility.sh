#!/usr/bin/env bash
# The research path end to end: histories -> graph -> stats, centrality, communities, markov;
# and the privacy threshold as a user sees it. Usage: mobility.sh BINARY SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() {
  echo "FAIL: $*" >&2
  status=1
}

# The sample (2,000 generated people, 5 bad rows) builds with the default threshold of 5.
if ! "$bin" mobility build "$src/data/sample-histories.csv" -o "$work/t.csv" 2>"$work/err"; then
  fail "mobility build: $(cat "$work/err")"
fi
grep -q "5 bad rows skipped" "$work/err" || fail "bad rows not reported: $(cat "$work/err")"
grep -q "sample-histories.csv:[0-9]*: missing role" "$work/err" || fail "bad row lines not listed"
grep -Eq "suppressed [0-9]+ roles? and [0-9]+ transitions? \([0-9]+ moves?\) seen in fewer than 5 people" \
  "$work/err" || fail "suppression counts not printed: $(cat "$work/err")"
head -1 "$work/t.csv" | grep -qx "from,to,count,people,probability,median_months" || fail "header"
[ -s "$work/roles.csv" ] || fail "no roles.csv beside the transitions"
# No published transition or role is seen in fewer than 5 people.
awk -F, 'NR > 1 && $4 < 5 { bad = 1 } END { exit bad }' "$work/t.csv" || fail "transition < 5 people"
awk -F, 'NR > 1 && $2 < 5 { bad = 1 } END { exit bad }' "$work/roles.csv" || fail "role < 5 people"
# With K = 1000 everything is suppressed, and the counts say so.
mkdir "$work/k1000"
"$bin" mobility build "$src/data/sample-histories.csv" --min-people 1000 -o "$work/k1000/t.csv" \
  2>"$work/err2" || fail "K=1000 build failed"
[ "$(wc -l <"$work/k1000/t.csv")" -eq 1 ] || fail "K=1000 left transitions"
grep -q "published 0 roles and 0 transitions; suppressed 28 roles" "$work/err2" ||
  fail "K=1000 counts: $(cat "$work/err2")"
# Person ids never appear.
if grep -q "P000" "$work/t.csv" "$work/roles.csv" "$work/err"; then fail "a person id leaked"; fi

# An output naming the input is refused before anything is written, roles.csv included.
mkdir "$work/same"
cp "$src/data/sample-histories.csv" "$work/same/h.csv"
"$bin" mobility build "$work/same/h.csv" -o "$work/same/h.csv" 2>"$work/err3"
[ $? -eq 2 ] || fail "output = input: wanted exit 2"
grep -q "is the input file; refusing to overwrite it" "$work/err3" || fail "$(cat "$work/err3")"
cmp -s "$work/same/h.csv" "$src/data/sample-histories.csv" || fail "the input was changed"
[ "$(ls "$work/same")" = h.csv ] || fail "output = input left files: $(ls "$work/same")"

# The measures run on the built graph, in each format.
for cmd in "stats" "centrality --measure pagerank" "centrality --measure betweenness --top 5" \
           "communities" "communities --method louvain" "markov --to cmio"; do
  for fmt in text csv json; do
    # shellcheck disable=SC2086
    if ! "$bin" $cmd "$work/t.csv" --format $fmt >"$work/out" 2>"$work/err"; then
      fail "$cmd --format $fmt: $(cat "$work/err")"
    elif [ ! -s "$work/out" ]; then
      fail "$cmd --format $fmt printed nothing"
    fi
  done
done
"$bin" stats "$work/t.csv" --format json >"$work/stats.json"
for key in roles transitions density reciprocity weak_components strong_components in_degree \
           out_degree in_strength out_strength diameter mean_path_length clustering; do
  grep -q "\"$key\"" "$work/stats.json" || fail "stats json lacks $key"
done
# DOT output reads back and the chain into the CMIO gives months from median_months.
"$bin" mobility build "$src/data/sample-histories.csv" -o "$work/m.gv" 2>/dev/null || fail "dot"
"$bin" markov "$work/m.gv" --to cmio --format csv >"$work/mk.csv" || fail "markov on DOT"
grep -q "^physician,.*,.*,.*,[0-9]" "$work/mk.csv" || fail "no expected months: $(head -3 "$work/mk.csv")"
# Communities drawn as the domains of the diagram (no levels here: placed by force, each
# community a colour named in the key): as many named as there are communities.
"$bin" render "$work/m.gv" --communities louvain --by steps -o "$work/c.svg" || fail "render --communities"
want=$("$bin" communities "$work/m.gv" --method louvain --format csv | tail -n +2 | cut -d, -f2 | sort -u | wc -l)
got=$(grep -o '>Community [0-9]*</text>' "$work/c.svg" | sort -u | wc -l)
[ "$want" -eq "$got" ] && [ "$got" -gt 1 ] || fail "render --communities: $got named for $want communities"
grep -q ">Community 1</text>" "$work/c.svg" || fail "no 'Community 1' in the key"
# Refusals: an output over the input, --strict on bad rows.
cp "$src/data/sample-histories.csv" "$work/h.csv"
"$bin" mobility build "$work/h.csv" -o "$work/h.csv" 2>"$work/err"
[ $? -eq 2 ] || fail "output over the input not refused"
cmp -s "$work/h.csv" "$src/data/sample-histories.csv" || fail "input overwritten"
"$bin" mobility build "$work/h.csv" --strict >/dev/null 2>"$work/err"
[ $? -eq 3 ] || fail "--strict did not fail on a bad row"
[ "$(wc -l <"$work/err")" -eq 1 ] || fail "--strict error is not one line"
# --jobs: the same bytes and the same summary (bad rows at their lines) on 1, 2 or 4 threads.
for j in 1 2 4; do
  "$bin" mobility build "$work/h.csv" --jobs "$j" -o "$work/j$j.csv" --roles-out "$work/j$j-roles.csv" \
    2>"$work/j$j.err" || fail "--jobs $j"
  sed -i "s/j$j/jN/g" "$work/j$j.err"
done
for j in 2 4; do
  cmp -s "$work/j1.csv" "$work/j$j.csv" && cmp -s "$work/j1-roles.csv" "$work/j$j-roles.csv" &&
    cmp -s "$work/j1.err" "$work/j$j.err" || fail "--jobs $j differs from --jobs 1"
done
grep -q "h.csv:1382: start '2025/04'" "$work/j4.err" || fail "--jobs 4: bad row lines: $(cat "$work/j4.err")"
exit $status

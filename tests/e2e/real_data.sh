#!/usr/bin/env bash
# Real data end to end (issue 12's acceptance): the O*NET import and its bad tables, the
# built-in O*NET graph answering a student, the CPS flows read through column maps.
# Usage: real_data.sh BINARY SOURCE_DIR
set -u
bin=$1
src=$2
onet=$src/data/onet-29.3
cps=$src/data/cps-mobility
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() {
  echo "FAIL: $*" >&2
  status=1
}
json() { # json FILE EXPRESSION: a Python expression on the parsed document `d`
  /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# ---- 1. import onet: 923 roles, 18,460 moves, every role a level and a domain, every move
# months, cost and effort; the attribution is printed and carried by the roles.
if ! "$bin" import onet "$onet" -o "$work/onet.csv" 2>"$work/err"; then
  fail "import onet: $(cat "$work/err")"
fi
grep -q "O\*NET 29.3: 923 occupations, 18460 moves" "$work/err" || fail "import summary: $(cat "$work/err")"
grep -q "Used under the CC BY 4.0 license" "$work/err" || fail "no attribution printed"
grep -q "Used under the CC BY 4.0 license" "$work/roles.csv" || fail "roles carry no attribution"
"$bin" validate "$work/onet.csv" --format json >"$work/v.json" || fail "validate the import"
[ "$(json "$work/v.json" "d['roles'], d['transitions']")" = "923 18460" ] ||
  fail "counts: $(json "$work/v.json" "d['roles'], d['transitions']")"
[ "$(json "$work/v.json" "sorted(d['transitions_missing'].values())")" = "[0, 0, 0]" ] ||
  fail "moves without months, cost or effort: $(json "$work/v.json" "d['transitions_missing']")"
"$bin" roles "$work/onet.csv" --format json >"$work/r.json" || fail "roles of the import"
[ "$(json "$work/r.json" "sum(1 for r in d if 1 <= r['level'] <= 5 and r['domain'])")" = 923 ] ||
  fail "a role without a level 1-5 or a domain"
# The same graph as TSV is byte for byte the built-in one.
mkdir "$work/tsv"
"$bin" import onet "$onet" -o "$work/tsv/transitions.tsv" 2>/dev/null || fail "import to TSV"
cmp -s "$work/tsv/transitions.tsv" "$src/graphs/onet-29.3/transitions.tsv" &&
  cmp -s "$work/tsv/roles.tsv" "$src/graphs/onet-29.3/roles.tsv" ||
  fail "the import is not graphs/onet-29.3"

# ---- 2. Bad tables: one line naming file (and line), exit 3, nothing written.
bad() { # bad NAME: import $work/NAME, expecting exit 3 and the message in $2
  local dir=$work/$1 want=$2
  "$bin" import onet "$dir" -o "$work/out-$1/g.csv" 2>"$work/err-$1"
  local code=$?
  [ $code -eq 3 ] || fail "$1: exit $code, wanted 3"
  [ "$(wc -l <"$work/err-$1")" -eq 1 ] || fail "$1: not one line: $(cat "$work/err-$1")"
  grep -qF "$want" "$work/err-$1" || fail "$1: wanted '$want', got $(cat "$work/err-$1")"
  [ -z "$(ls -A "$work/out-$1")" ] || fail "$1: wrote $(ls "$work/out-$1")"
}
copy() { # copy NAME: a private copy of the release
  mkdir "$work/$1" "$work/out-$1"
  cp "$onet"/*.txt "$work/$1/"
}
copy missing
rm "$work/missing/Job Zones.txt"
bad missing "missing/Job Zones.txt: cannot open: No such file or directory"
copy header
sed -i '1s/\tJob Zone\t/\tZone\t/' "$work/header/Job Zones.txt"
bad header "header/Job Zones.txt:1: header lacks the required column 'Job Zone'"
copy nozone
sed -i '/^29-1141.00\t/d' "$work/nozone/Job Zones.txt"
line=$(awk -F'\t' '$1 == "29-1141.00" || $3 == "29-1141.00" { print NR; exit }' "$onet/Related Occupations.txt")
bad nozone "nozone/Related Occupations.txt:$line: occupation 29-1141.00 has no Job Zone in"

# ---- 3. The built-in O*NET graph, as a student asks it.
"$bin" route @onet --from "Registered Nurses" --to "Health Informatics Specialists" --by steps \
  >"$work/route.txt" 2>&1 || fail "route on @onet: $(cat "$work/route.txt")"
grep -q "Total: 2 steps, 61.8 months" "$work/route.txt" || fail "route: $(cat "$work/route.txt")"
grep -q "education +37.2 mo" "$work/route.txt" || fail "the route's notes are missing"
"$bin" route @onet --from "Registered Nurses" --to "Health Informatics Specialists" --by steps \
  --format json >"$work/route.json" || fail "route json"
[ "$(json "$work/route.json" "all('O*NET 29.3 Related Occupations' in t['source'] and
  t['months'] > 0 for t in d['routes'][0]['transitions'])")" = True ] ||
  fail "the route's steps lack months or sources"
"$bin" route @onet --from "Medical Secretaries and Administrative Assistants" \
  --to "Medical Records Specialists" >"$work/route2.txt" 2>&1 || fail "secretaries: $(cat "$work/route2.txt")"
"$bin" reach @onet --from "Registered Nurses" --within months=12 --format json >"$work/reach.json" ||
  fail "reach on @onet"
[ "$(json "$work/reach.json" "len(d['reachable']) > 5")" = True ] || fail "reach found too little"
"$bin" into @onet --to "Health Informatics Specialists" --by steps --format json \
  >"$work/into.json" || fail "into on @onet"
[ "$(json "$work/into.json" "len(d['into'])")" = 922 ] || fail "into: $(json "$work/into.json" "len(d['into'])")"
for cmd in "stats" "centrality --top 5" "communities" "validate" "roles" \
  "render --focus 29-1141.00 --radius 1 --format dot"; do
  # shellcheck disable=SC2086
  "$bin" $cmd @onet >"$work/out" 2>"$work/err" || [ $? -eq 1 ] ||
    fail "$cmd @onet: $(cat "$work/err")"
done

# ---- 4. The CPS flows through column maps: markov says the chain is annual and its years
# conditional; a wrong map names the header's columns.
cols=from=OCC_source,to=OCC_target,probability=transition_prob_BLS_ASECnorm_corr
"$bin" markov "$cps/asec_to_bls_mobility_edgelist.csv" --columns "$cols" \
  --roles "$cps/occ_names_bls_minor_major.csv" --role-columns id=OCC_CODE,label=OCC_TITLE \
  --normalize --to "Medical and Health Services Managers" --step year >"$work/markov.txt" ||
  fail "markov on the CPS flows"
grep -q "one step of the chain is a year" "$work/markov.txt" || fail "markov: not said annual"
grep -q "conditional on reaching" "$work/markov.txt" || fail "markov: not said conditional"
grep -Eq "Registered Nurses +- +0\.869" "$work/markov.txt" || fail "markov: RN $(grep "Registered Nurses" "$work/markov.txt")"
for cmd in stats centrality communities; do
  "$bin" $cmd "$cps/asec_to_bls_mobility_edgelist.csv" --columns "$cols" >/dev/null 2>"$work/err" ||
    fail "$cmd on the CPS flows: $(cat "$work/err")"
done
"$bin" stats "$cps/asec_to_bls_mobility_edgelist.csv" --columns from=OCC_src 2>"$work/err"
[ $? -eq 3 ] || fail "a map naming a missing column: wanted exit 3"
grep -q "which the header lacks; its columns are: OCC_source, OCC_target" "$work/err" ||
  fail "map error: $(cat "$work/err")"
"$bin" stats "$cps/asec_to_bls_mobility_edgelist.csv" --columns from 2>"$work/err"
[ $? -eq 2 ] || fail "a malformed map: wanted exit 2"
grep -q "column map item 'from' has no '='" "$work/err" || fail "malformed map: $(cat "$work/err")"

exit $status

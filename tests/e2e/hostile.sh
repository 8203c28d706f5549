#!/usr/bin/env bash
# Issue 19: hostile inputs (tests/data/hostile, tests/data/pareto-front.gv): bounded work,
# well-formed SVG/HTML for every hostile label kind (libxml2's xmllint), control characters
# refused on reading with one visible line, overflowing totals as null in JSON.
# Usage: hostile.sh BINARY SOURCE_DIR
set -u
bin=$1 src=$2
data=$src/tests/data/hostile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
# Under memcheck (the valgrind build hands a wrapper) runs are 20-50x slower: there the CPU
# limits are not checked, only that each run ends, and Graphviz's neato (whose leaks only
# tests/lsan.supp names) is not drawn.
valgrind=0
case $bin in *valgrind*) valgrind=1 ;; esac
fail() { echo "FAIL: $*" >&2; status=1; }

# cpu_under SECONDS COMMAND...: runs it (wall clock capped at 20x, so a hang fails rather than
# stalls) into $work/out and $work/err; fails when it used more CPU time than SECONDS. CPU time,
# not wall time: the machines running the suite are shared.
cpu_under() {
  local limit=$1
  shift
  local TIMEFORMAT='%3U %3S'
  { time timeout "$((limit * 20))" "$bin" "$@" >"$work/out" 2>"$work/err"; } 2>"$work/time"
  [ $? = 124 ] && fail "$*: still running after $((limit * 20)) s"
  [ "$valgrind" = 1 ] && return
  local used
  used=$(tail -n 1 "$work/time" | awk '{print $1 + $2}')
  awk -v u="$used" -v l="$limit" 'BEGIN { exit !(u < l) }' ||
    fail "$*: took ${used}s of CPU, limit ${limit}s"
}

# Leiden on graphs with no moves of positive flow answers at once (igraph's never returns).
for g in header-only.csv one-role.gv self-loops.gv zero-counts.gv; do
  for method in leiden louvain; do
    cpu_under 1 communities "$data/$g" --method "$method" --format json
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/out" ||
      fail "communities $g --method $method: not JSON: $(cat "$work/err")"
  done
done

# An exponential Pareto front (2^20 routes, none dominated): an answer or the limit, quickly.
front=$src/tests/data/pareto-front.gv
for limits in "--pareto months,cost" "--by months --budget 2000000"; do
  # shellcheck disable=SC2086
  cpu_under 10 route "$front" --from n0 --to n20 $limits
  grep -q 'work limit' "$work/err" || [ ! -s "$work/err" ] ||
    fail "route $limits: $(cat "$work/err")"
done

# Every SVG and HTML of 1,024-byte CJK labels, notes and titles parses as XML.
cjk=$data/cjk.gv
for args in "render $cjk --format svg" \
  "render $cjk --from a --to c --format svg" "route $cjk --from a --to c --format html" \
  "route $cjk --from a --to c --format svg" "reach $cjk --from a --format svg" \
  "into $cjk --to c --format svg"; do
  # shellcheck disable=SC2086
  "$bin" $args >"$work/doc" 2>"$work/err" || fail "$args: $(cat "$work/err")"
  xmllint --noout "$work/doc" 2>"$work/xml" || fail "$args: not well-formed: $(head -3 "$work/xml")"
  # A card whose label Graphviz could not read shows its node's name instead of the role.
  grep -q '>route_node_[0-9]*<' "$work/doc" && fail "$args: a card lost its text"
done

# The layouts tests draw with, under LeakSanitizer in the ASan build (tests/lsan.supp).
if [ "$valgrind" = 0 ]; then
  for layout in neato sfdp; do
    "$bin" render --layout "$layout" --format svg >"$work/doc" 2>"$work/err" ||
      fail "render --layout $layout: $(cat "$work/err")"
  done
fi

# Endless input (/dev/zero under a table's or a graph's name): one line, exit 3, no hang.
for name in z.csv z.gv; do
  ln -sf /dev/zero "$work/$name"
  for cmd in "validate $work/$name" "mobility build $work/$name -o $work/zz.csv"; do
    # shellcheck disable=SC2086
    timeout 60 "$bin" $cmd >/dev/null 2>"$work/err"
    code=$?
    [ "$code" = 3 ] || fail "$cmd on /dev/zero: exit $code, wanted 3"
    grep -q "NUL" "$work/err" && [ "$(wc -l <"$work/err")" = 1 ] || fail "$cmd: $(cat "$work/err")"
  done
done

# Control characters in ids and labels: refused on reading, file and line, one visible line.
for g in control-label.gv control-id.csv; do
  "$bin" validate "$data/$g" >/dev/null 2>"$work/err"
  code=$?
  [ "$code" = 3 ] || fail "validate $g: exit $code, wanted 3"
  [ "$(wc -l <"$work/err")" = 1 ] || fail "validate $g: not one line"
  grep -q "$g:2: role .* holds control character" "$work/err" || fail "validate $g: $(cat "$work/err")"
  LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$work/err" && fail "validate $g: raw control in the message"
done
# A name typed with a terminal escape is shown, not obeyed.
"$bin" route "$cjk" --from $'x\x1b[31my' --to c >/dev/null 2>"$work/err"
LC_ALL=C grep -q $'\x1b' "$work/err" && fail "route --from ESC: raw escape in the message"
grep -qF 'x\x1B[31my' "$work/err" || fail "route --from ESC: $(cat "$work/err")"

# Totals that overflow to infinity: every total present in the JSON, as null.
"$bin" route "$data/overflow.gv" --from a --to c --by steps --format json >"$work/out" ||
  fail "route overflow.gv failed"
python3 - "$work/out" <<'PY' || fail "route overflow.gv: totals missing from the JSON"
import json, sys
route = json.load(open(sys.argv[1]))["routes"][0]
assert all(k in route and (route[k] is None or isinstance(route[k], (int, float)))
           for k in ("months", "cost", "effort")), route
assert route["months"] is None and route["cost"] is None, route
PY
"$bin" route "$data/overflow.gv" --from a --to c --by steps >"$work/out"
grep -q 'Total: 2 steps, never, infinite' "$work/out" || fail "overflow text: $(cat "$work/out")"
grep -q '1e+308 months (8.33e+306 years), $1e+308' "$work/out" || fail "overflow step: a huge figure is cut: $(cat "$work/out")"
exit $status

#!/usr/bin/env bash
# The acceptance questions on the built-in graph, run the way a user runs them: from another
# directory, no graph argument. Usage: routes.sh BINARY DATA_DIR
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
status=0
check() { # description, then the command; the command must exit 0
  local what=$1
  shift
  if ! "$@" >"$work/out" 2>"$work/err"; then
    echo "FAIL: $what: exit $?: $(cat "$work/err")" >&2
    status=1
  fi
}
for pair in "Health Systems Analyst|Clinical Informaticist" "Registered Nurse|CNIO" \
            "Physician|CMIO"; do
  from=${pair%|*} to=${pair#*|}
  for by in steps months cost; do
    check "$from -> $to by $by" "$bin" route --from "$from" --to "$to" --by "$by"
    heading=$(case $by in steps) echo "Route with the fewest steps" ;; months) echo Fastest route ;;
              cost) echo Cheapest route ;; esac)
    grep -q "^$heading from $from to .*:" "$work/out" ||
      { echo "FAIL: $from -> $to by $by: no route header" >&2; status=1; }
    grep -q "Total: " "$work/out" || { echo "FAIL: no totals" >&2; status=1; }
    cat "$work/out"
  done
done
check "k=3" "$bin" route --from "Health Systems Analyst" --to "Clinical Informaticist" --k 3
[ "$(grep -c '^Route [123] of 3' "$work/out")" = 3 ] ||
  { echo "FAIL: --k 3 did not list three routes" >&2; status=1; }
check "route svg" "$bin" route --from "Physician" --to "CMIO" --format svg -o route.svg
grep -q '<svg' route.svg && grep -q 'route_node_0' route.svg ||
  { echo "FAIL: route.svg lacks the route" >&2; status=1; }
check "render svg" "$bin" render --from "Registered Nurse" --to CNIO -o graph.svg
grep -q 'route_edge_0' graph.svg || { echo "FAIL: graph.svg lacks the route" >&2; status=1; }
# PNG and PDF through the cairo renderer: the file is the format it says.
check "route png" "$bin" route --from "Physician" --to "CMIO" --format png -o route.png
[ "$(head -c 8 route.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  { echo "FAIL: route.png is not a PNG" >&2; status=1; }
check "render pdf" "$bin" render --from "Registered Nurse" --to CNIO --format pdf -o graph.pdf
head -c 5 graph.pdf | grep -q '%PDF-' && tail -c 8 graph.pdf | grep -q '%%EOF' ||
  { echo "FAIL: graph.pdf is not a PDF" >&2; status=1; }
check "render pdf again" "$bin" render --from "Registered Nurse" --to CNIO --format pdf -o again.pdf
cmp -s graph.pdf again.pdf || { echo "FAIL: the same PDF twice differs" >&2; status=1; }
ls -A "$work" | grep -q '^\.careerpath\.' && { echo "FAIL: temporary file left behind" >&2; status=1; }
exit $status

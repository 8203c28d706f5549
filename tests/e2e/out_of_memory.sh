#!/usr/bin/env bash
# Out of memory is an error message, not a crash. Runs careerpath on generated graphs under
# `ulimit -v`, at limits from "the program barely starts" to "the command barely succeeds",
# and checks that every run either succeeds or exits 5 with one line saying "out of memory"
# (never a signal or another code), and that some run did run out. Usage: out_of_memory.sh BINARY
#
# Plain builds only: ASan's shadow memory and valgrind both need more address space than any
# limit that would leave careerpath short (tests/CMakeLists.txt).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# 5,000 roles and 50,000 transitions as CSV (1 MB); 1,000 roles and 5,000 transitions as DOT,
# which goes through Graphviz's parser and layout. Big enough that loading them takes tens of
# megabytes beyond what the program needs to start.
awk 'BEGIN {
  print "from,to,months,cost,effort"
  for (i = 0; i < 5000; i++)
    for (j = 1; j <= 10; j++)
      printf "r%d,r%d,%d,%d,%d\n", i, (i * 7 + j * 131) % 5000, 1 + (i + j) % 24,
             100 * ((i * j) % 50), 1 + (i + j) % 5
}' >"$work/big.csv"
awk 'BEGIN {
  print "digraph big {"
  for (i = 0; i < 1000; i++)
    printf "r%d [label=\"Role %d\", domain=\"d%d\", level=%d];\n", i, i, i % 7, 1 + i % 5
  for (i = 0; i < 1000; i++)
    for (j = 1; j <= 5; j++)
      printf "r%d -> r%d [months=%d, cost=%d, effort=%d];\n", i, (i * 7 + j * 131) % 1000,
             1 + (i + j) % 24, 100 * ((i * j) % 50), 1 + (i + j) % 5
  print "}"
}' >"$work/big.gv"
printf 'from,to\nr1,r500\nr2,r4999\nr3,r4\nr10,r17\n' >"$work/queries.csv"
# For the research commands: observed counts among 800 roles (a Markov chain once
# row-normalised), and 200,000 rows of career histories.
awk 'BEGIN {
  print "from,to,count"
  for (i = 0; i < 800; i++)
    for (j = 0; j <= 6; j++)
      printf "r%d,r%d,%d\n", i, (i * 13 + j * 97 + 1) % 800, 1 + (i * j) % 9
}' >"$work/counts.csv"
awk 'BEGIN {
  print "person,role,seq"
  for (p = 0; p < 40000; p++)
    for (k = 0; k < 5; k++)
      printf "p%d,r%d,%d\n", p, (p * 31 + k * 17 * (1 + p % 3)) % 300, k
}' >"$work/histories.csv"

# Runs the binary with address space limited to $1 KiB; its exit code, stdout and stderr land in
# $work. The subshell keeps the limit away from this script.
limited() {
  local kib=$1
  shift
  (
    ulimit -v "$kib" || exit 90
    exec "$bin" "$@"
  ) >"$work/out" 2>"$work/err"
}

# The least limit (KiB, to within 1 MiB) under which the command exits 0, from `lo` up.
least() {
  local lo=$1 hi=4194304 mid
  shift
  limited "$hi" "$@" || {
    echo "FAIL: $* fails even with $hi KiB: $(head -c 300 "$work/err")" >&2
    return 1
  }
  while [ $((hi - lo)) -gt 1024 ]; do
    mid=$(((lo + hi) / 2))
    if limited "$mid" "$@"; then hi=$mid; else lo=$mid; fi
  done
  echo "$hi"
}

start=$(least 16384 --version) || exit 1
echo "careerpath starts with ${start} KiB of address space"
check() { # the command; each run short of memory must fail cleanly
  local need ran_out=0 kib code
  need=$(least "$start" "$@") || {
    status=1
    return
  }
  for step in $(seq 0 9); do
    kib=$((start + (need - start) * step / 10))
    limited "$kib" "$@"
    code=$?
    [ "$code" = 0 ] && continue
    if [ "$code" != 5 ]; then
      echo "FAIL: $* with $kib KiB: exit $code (a signal above 128): $(head -c 300 "$work/err")" >&2
      status=1
    elif [ "$(wc -l <"$work/err")" -ne 1 ] || ! grep -q '^careerpath .*out of memory' "$work/err"; then
      echo "FAIL: $* with $kib KiB: wanted one line saying out of memory, got:" >&2
      cat "$work/err" >&2
      status=1
    else
      ran_out=$((ran_out + 1))
    fi
  done
  echo "$*: needs about ${need} KiB; ran out in $ran_out of 10 runs below that; last message: $(cat "$work/err")"
  [ "$ran_out" -gt 0 ] || { echo "FAIL: $* never ran out of memory" >&2; status=1; }
}

cd "$work" || exit 1
check validate big.csv --format json
check route big.csv --from r1 --to r4999 --k 3 --max-steps 12 --format json
check route big.csv --batch queries.csv
check validate big.gv
check render big.gv --focus r1 --radius 1 -o drawing.svg
mkdir -p mobility
check mobility build histories.csv --min-people 1 -o mobility/transitions.csv
check stats big.csv --format json
check centrality big.csv --measure betweenness --top 5
check centrality big.csv --measure pagerank --top 5
check communities big.csv --method leiden
check markov counts.csv --to r7 --format json
exit $status

#!/usr/bin/env bash
# Runs careerpath over the command lines in tests/corpus/cases.txt, each in a fresh directory
# holding copies of the fixtures, and keeps per case its exit code, stdout, stderr and every
# file it wrote (NAME.code, NAME.out, NAME.err, NAME.files/). Two such directories compared
# with `diff -r` show every byte a change to the CLI moved.
# Usage: run.sh CAREERPATH OUTDIR [CASE-NAME-REGEX]
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
only=${3:-.}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
mkdir -p "$out"
# Handouts carry the date they were made: a fixed one, so that runs on other days compare.
export SOURCE_DATE_EPOCH=1767225600
fixtures=$(mktemp -d)
trap 'rm -rf "$fixtures"' EXIT
# The fixtures every case sees, by short relative names (messages name them as given).
cp "$src/tests/data/small.gv" "$fixtures/small.gv"
cp -r "$src/tests/data/csv" "$fixtures/csv"
cp "$src/tests/data/batch/queries.csv" "$src/tests/data/batch/students.csv" "$fixtures/"
cp "$src/tests/data/bad/missing-to-column.csv" "$fixtures/bad.csv"
head -n 301 "$src/data/sample-histories.csv" >"$fixtures/histories.csv"
printf 'person,role,seq\np1,a,1\np1,b,2\np2,a,1\np2,b,2\np2,c,3\nbad row\np3,a,1\np3,c,2\n' \
  >"$fixtures/tiny-histories.csv"
printf 'from,to,count\na,b,3\na,c,1\nb,a,2\nb,c,2\nc,a,1\nc,c,4\n' >"$fixtures/counts.csv"
printf 'from,to,probability\na,b,0.5\na,a,0.4\nb,a,1\n' >"$fixtures/offprob.csv"
printf 'PMP\n# comment\n\n' >"$fixtures/have.txt"
printf 'from,to,months\ns,a,1\ns,b,1\nb,t,9\na,t,1\n' >"$fixtures/tie.csv"
printf 'from,to,by\ns,a,steps\ns,b,steps\ns,t,steps\n' >"$fixtures/tie-batch.csv"
printf 'digraph g { a -> b [months=1] }\n' >"$fixtures/g.gv"
printf 'from,to\n' >"$fixtures/empty-batch.csv"
printf 'name,from,to\nx,a,d\n' >"$fixtures/small-students.csv"
mkdir -p "$fixtures/mob"
"$bin" mobility build "$fixtures/histories.csv" --min-people 1 -o "$fixtures/mob/t.csv" 2>/dev/null
# A compiled image of small.gv (named as compiled from the fixtures' directory), and one cut
# short.
(cd "$fixtures" && "$bin" compile small.gv -o small.cpg 2>/dev/null)
head -c 200 "$fixtures/small.cpg" >"$fixtures/cut.cpg"
(cd "$fixtures" && find . -type f | sort) >"$fixtures/.list"

n=0
while IFS= read -r line; do
  case $line in '' | '#'*) continue ;; esac
  name=${line%% *}
  args=${line#"$name"}
  [[ $name =~ $only ]] || continue
  dir=$(mktemp -d)
  cp -al "$fixtures/." "$dir/" # hard links: outputs are renamed into place, never written in
  (
    cd "$dir" || exit 99
    eval "set -- $args"
    "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"
    echo $? >"$out/$name.code"
  )
  # Files the run made or replaced: newer than the fixtures (outputs are renamed into place,
  # so a fixture it did not touch keeps its time).
  (cd "$dir" && find . -type f -newer "$fixtures/.list") | while IFS= read -r f; do
    mkdir -p "$out/$name.files/$(dirname "$f")"
    cp "$dir/$f" "$out/$name.files/$f"
  done
  rm -rf "$dir"
  n=$((n + 1))
done <"$here/cases.txt"
echo "$n cases run into $out"

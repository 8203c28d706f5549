#!/usr/bin/env bash
# Issue 19: no output overwrites an input a command reads (given, or found beside the graph),
# nor another output; a long but valid -o name works. Usage: protect.sh BINARY SOURCE_DIR
set -u
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*" >&2; status=1; }
cp "$src/tests/data/csv/"*.csv "$work/"
cd "$work" || exit 1
printf 'Epic EHR Certification\n' >have.txt

# refused WANT_CODE FILE -- COMMAND...: exit WANT_CODE, one line on stderr, FILE unchanged.
refused() {
  local want=$1 file=$2
  shift 3
  local before
  before=$(md5sum <"$file")
  "$bin" "$@" >out.txt 2>err.txt
  local code=$?
  [ "$code" = "$want" ] || fail "$*: exit $code, wanted $want"
  [ "$(wc -l <err.txt)" = 1 ] || fail "$*: wanted one line on stderr: $(cat err.txt)"
  [ "$(md5sum <"$file")" = "$before" ] || fail "$*: $file changed"
}
refused 2 roles.csv -- render transitions.csv --format dot -o roles.csv
refused 2 credentials.csv -- render transitions.csv --format dot -o credentials.csv
refused 2 transitions.csv -- validate transitions.csv -o ./transitions.csv
refused 2 have.txt -- whatif transitions.csv --from sa --have-file have.txt -o have.txt
ln -s roles.csv alias.csv
refused 2 roles.csv -- roles transitions.csv -o alias.csv

# Two outputs of one command are one file: refused before any work, nothing written.
mkdir out
"$bin" mobility build "$src/data/sample-histories.csv" -o out/a.csv --roles-out out/../out/a.csv \
  >/dev/null 2>err.txt
code=$?
[ "$code" = 2 ] || fail "mobility build with -o = --roles-out: exit $code, wanted 2"
grep -q "are the same file" err.txt || fail "mobility build clash: $(cat err.txt)"
[ -z "$(ls -A out)" ] || fail "mobility build clash wrote: $(ls -A out)"

# The longest name a directory allows (255 bytes) is a valid -o.
long=$(printf 'x%.0s' $(seq 251)).txt
"$bin" roles transitions.csv -o "$long" 2>err.txt || fail "-o of 255 bytes: $(cat err.txt)"
[ -s "$long" ] || fail "-o of 255 bytes wrote nothing"
ls -A | grep -q '^\.careerpath\.' && fail "temporary file left behind"
exit $status

#!/usr/bin/env bash
# A compiled graph answers as its source does: the same commands on GRAPH and on
# `careerpath compile GRAPH -o g.cpg` print the same bytes; a damaged image is a one-line
# error with exit code 3. Usage: compiled.sh BINARY SOURCE_DIR
set -u
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 1
status=0
fail() {
  echo "FAIL: $*" >&2
  status=1
}

# Runs one command on the source graph and on its image; both must exit alike and print
# the same bytes (standard output and standard error).
same() { # source image command [args...]
  local source=$1 image=$2 cmd=$3
  shift 3
  "$bin" "$cmd" "$source" "$@" >"$work/a.out" 2>"$work/a.err"
  local a=$?
  "$bin" "$cmd" "$image" "$@" >"$work/b.out" 2>"$work/b.err"
  local b=$?
  [ "$a" = "$b" ] || fail "$cmd $*: exit $a on $source, $b on $image"
  cmp -s "$work/a.out" "$work/b.out" || fail "$cmd $*: output differs on $image"
  cmp -s "$work/a.err" "$work/b.err" || fail "$cmd $*: messages differ on $image"
  [ -s "$work/a.out" ] || fail "$cmd $*: printed nothing (exit $a): $(cat "$work/a.err")"
}

hi=graphs/health-informatics.gv onet=graphs/onet-29.3/transitions.tsv
"$bin" compile "$hi" -o "$work/hi.cpg" 2>"$work/err" || fail "compile $hi: $(cat "$work/err")"
grep -q "wrote $work/hi.cpg (29 roles" "$work/err" || fail "compile names no file: $(cat "$work/err")"
"$bin" compile "$onet" -o "$work/onet.cpg" 2>/dev/null || fail "compile $onet"
# Told by its magic bytes, whatever its name.
cp "$work/hi.cpg" "$work/hi-image.bin"

for image in "$work/hi.cpg" "$work/hi-image.bin"; do
  same "$hi" "$image" route --from Physician --to CMIO
  same "$hi" "$image" route --from "Registered Nurse" --to CNIO --by cost --k 3 --format json
  same "$hi" "$image" route --from "Health Systems Analyst" --to "Clinical Informaticist" \
    --by months --have CPHIMS --format json
done
image=$work/hi.cpg
same "$hi" "$image" route --from Physician --to "Registered Nurse"
printf 'from,to,by,k\nPhysician,CMIO,months,\nRegistered Nurse,CNIO,cost,2\nPhysician,Registered Nurse,steps,\n' \
  >"$work/q.csv"
same "$hi" "$image" route --batch "$work/q.csv" --jobs 2
same "$hi" "$image" stats
same "$hi" "$image" stats --format json
same "$hi" "$image" roles
same "$hi" "$image" validate
same "$hi" "$image" reach --from "Registered Nurse" --within months=36
same "$hi" "$image" centrality --format csv
same "$hi" "$image" render --format dot
same "$hi" "$image" render --from Physician --to CMIO --format svg
same "$hi" "$image" convert --format graphml
same "$hi" "$image" convert --format dot

image=$work/onet.cpg
same "$onet" "$image" route --from 29-1141.00 --to 11-9111.00 --by months --format json
same "$onet" "$image" route --from "Registered Nurses" --to "Chief Executives" --k 2
same "$onet" "$image" stats
same "$onet" "$image" roles --format json
same "$onet" "$image" validate
same "$onet" "$image" centrality --format csv
same "$onet" "$image" convert --format graphml

# Compiling the image again gives the same bytes.
"$bin" compile "$work/onet.cpg" -o "$work/again.cpg" 2>/dev/null || fail "compile an image"
cmp -s "$work/onet.cpg" "$work/again.cpg" || fail "an image compiled again differs"

# Damaged images: exit 3, one line naming the file and what is wrong.
bad() { # file, expected text
  "$bin" route "$1" --from Physician --to CMIO >"$work/out" 2>"$work/err"
  local code=$?
  [ "$code" = 3 ] || fail "$1: exit $code, wanted 3: $(cat "$work/err")"
  [ "$(wc -l <"$work/err")" = 1 ] || fail "$1: not one line: $(cat "$work/err")"
  grep -qF "$1: $2" "$work/err" || fail "$1: wanted '$2' in: $(cat "$work/err")"
  [ -s "$work/out" ] && fail "$1: printed an answer"
}
size=$(stat -c %s "$work/hi.cpg")
head -c $((size - 100)) "$work/hi.cpg" >"$work/cut.cpg"
bad "$work/cut.cpg" "truncated"
head -c 100 "$work/hi.cpg" >"$work/short.cpg"
bad "$work/short.cpg" "truncated"
: >"$work/empty.cpg"
bad "$work/empty.cpg" "not a compiled careerpath graph (bad magic bytes)"
cp "$work/hi.cpg" "$work/flip.cpg"
printf '\x7f' | dd of="$work/flip.cpg" bs=1 seek=$((size / 2)) conv=notrunc status=none
bad "$work/flip.cpg" "checksum mismatch"
cp "$work/hi.cpg" "$work/version.cpg"
printf '\x09' | dd of="$work/version.cpg" bs=1 seek=8 conv=notrunc status=none
bad "$work/version.cpg" "compiled graph version 9"
cp "$work/hi.cpg" "$work/order.cpg"
printf '\x01\x02\x03\x04' | dd of="$work/order.cpg" bs=1 seek=12 conv=notrunc status=none
bad "$work/order.cpg" "compiled on a machine of the other byte order"

# Usage: an image is binary, so -o is required; a roles file has no place beside it.
"$bin" compile "$hi" >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q "give -o FILE.cpg" "$work/err" || fail "compile without -o: $(cat "$work/err")"
"$bin" route "$work/hi.cpg" --roles roles.csv --from a --to b >/dev/null 2>"$work/err"
[ $? = 3 ] || fail "--roles with an image: $(cat "$work/err")"
exit $status

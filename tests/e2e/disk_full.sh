#!/usr/bin/env bash
# A full disk, for real: outputs written onto a tiny tmpfs that fills up part way. Each run
# must exit 4 with one line naming the file, leave the earlier file byte for byte, and leave
# no temporary file behind. Usage: disk_full.sh BINARY SOURCE_DIR
#
# Mounting needs root (CI runs as root); elsewhere the test is skipped (exit 77), and
# test_cli_write's full_disks_and_devices_leave_outputs_intact still covers /dev/full and a
# file-size limit.
set -u
bin=$1
src=$2
work=$(mktemp -d)
disk="$work/disk"
mkdir "$disk"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=256k,mode=0755 careerpath-full "$disk" 2>/dev/null; then
  rm -rf "$work"
  echo "SKIP: mounting a tmpfs needs root" >&2
  exit 77
fi
trap 'umount "$disk"; rm -rf "$work"' EXIT
status=0
fail() {
  echo "FAIL: $*" >&2
  status=1
}

# Earlier outputs, small and good, made while there is room.
"$bin" route --from "Health Systems Analyst" --to "Clinical Informaticist" -o "$disk/route.svg" ||
  fail "the earlier route did not write"
"$bin" route --from "Health Systems Analyst" --to "Clinical Informaticist" --format json \
  -o "$disk/route.json" || fail "the earlier json did not write"
mkdir "$disk/mobility"
# Empty, so that they hold no tmpfs page a rename could free for the second file (below).
: >"$disk/mobility/t.csv"
: >"$disk/mobility/roles.csv"
cp -a "$disk" "$work/before"

# Fill the disk, leaving less room than any of the outputs below needs (the built-in map is
# over 100 KiB as SVG; the mobility sample's outputs about 6 KiB together).
dd if=/dev/zero of="$disk/filler" bs=1k count=1024 2>/dev/null
rm -f "$disk/filler"
dd if=/dev/zero of="$disk/filler" bs=1k count=$(($(df -k --output=avail "$disk" | tail -1) - 2)) \
  2>/dev/null

expect_full() { # OUTPUT COMMAND...: exit 4, one line naming OUTPUT, nothing changed
  local out=$1 code
  shift
  "$bin" "$@" >"$work/stdout" 2>"$work/err"
  code=$?
  [ "$code" = 4 ] || fail "$*: exit $code, wanted 4: $(cat "$work/err")"
  grep -q "cannot write '$out'" "$work/err" || fail "$*: message: $(cat "$work/err")"
  grep -qi "no space left on device" "$work/err" || fail "$*: the cause: $(cat "$work/err")"
}
expect_full "$disk/route.svg" render -o "$disk/route.svg"
expect_full "$disk/route.png" render -o "$disk/route.png"
expect_full "$disk/route.json" reach --from "Registered Nurse" --format json -o "$disk/route.json"
expect_full "$disk/mobility/roles.csv" mobility build "$src/data/sample-histories.csv" \
  --min-people 1 -o "$disk/mobility/t.csv"
# Room for the roles (837 bytes, one 4 KiB page) but not then for the transitions as well
# (4,089 bytes, one more page): the second file fails, and the first must not have replaced
# its earlier self (written one after the other, roles.csv was replaced).
rm -f "$disk/filler"
dd if=/dev/zero of="$disk/filler" bs=1k count=$(($(df -k --output=avail "$disk" | tail -1) - 4)) \
  2>/dev/null
expect_full "$disk/mobility/t.csv" mobility build "$src/data/sample-histories.csv" \
  --min-people 1 -o "$disk/mobility/t.csv"

rm -f "$disk/filler"
# Byte for byte as before, and nothing else: no temporary file left anywhere on the disk.
diff -r "$work/before" "$disk" >"$work/diff" 2>&1 || fail "the disk changed: $(cat "$work/diff")"
[ $status = 0 ] && echo "5 runs on a full disk: each exit 4, earlier files untouched, no temporary files"
exit $status

#!/usr/bin/env bash
# Runs careerpath on one entry of the bad-input corpus and checks its exit code and its
# one-line error, as listed in tests/data/bad/EXPECTED. Usage: bad_input.sh BINARY DIR NAME
# An entry NAME.gen is a bash script that writes the file NAME on stdout: inputs of megabytes
# (the size limits) are made here rather than kept in git.
set -u
bin=$1 dir=$2 name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
graph="$dir/$name"
if [ "${name%.gen}" != "$name" ]; then
  name=${name%.gen}
  graph="$work/$name"
  bash "$dir/$name.gen" >"$graph" || { echo "FAIL: $dir/$name.gen failed" >&2; exit 1; }
fi
line=$(awk -F'|' -v name="$name" '$1 == name' "$dir/EXPECTED" | head -n 1)
if [ -z "$line" ]; then
  echo "FAIL: $name has no line in $dir/EXPECTED" >&2
  exit 1
fi
IFS='|' read -r _ want_code want_text command <<<"$line"
[ -d "$graph" ] && graph="$graph/transitions.csv"
read -r -a args <<<"${command:-validate}"
out=$work/out err=$work/err
"$bin" "${args[0]}" "$graph" "${args[@]:1}" >"$out" 2>"$err"
code=$?
status=0
if [ "$code" != "$want_code" ]; then
  echo "FAIL: $name: exit $code, wanted $want_code" >&2
  status=1
fi
if [ "$(wc -l <"$err")" -ne 1 ]; then
  echo "FAIL: $name: wanted exactly one line on stderr, got:" >&2
  status=1
fi
if ! grep -qF -- "$want_text" "$err"; then
  echo "FAIL: $name: stderr lacks: $want_text" >&2
  status=1
fi
if ! grep -q '^careerpath ' "$err"; then
  echo "FAIL: $name: stderr does not start with 'careerpath'" >&2
  status=1
fi
if [ "$code" -ne 1 ] && [ -s "$out" ]; then
  echo "FAIL: $name: an error run printed output" >&2
  status=1
fi
echo "--- stderr of: careerpath ${args[0]} $name ${args[*]:1}"
cat "$err"
exit $status

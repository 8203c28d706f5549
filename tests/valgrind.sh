#!/usr/bin/env bash
# Runs a program under valgrind memcheck for the CP_VALGRIND build; any report fails the run.
# Usage: valgrind.sh [--html-only] PROGRAM [ARGS...]
# --html-only: suppress nothing but Graphviz's HTML-label parser (tests/valgrind-html.supp).
#
# The exit code is the program's, or 99 when memcheck reported an error or a definitely lost
# byte; the report is then printed on stderr and kept in $CP_VALGRIND_REPORTS (when set), where
# the test valgrind.reports looks for it: a script that ignores an exit code still fails there.
set -u
html=--suppressions="$(dirname "$0")/valgrind-html.supp"
supp=(--suppressions="$(dirname "$0")/valgrind.supp" "$html")
if [ "${1:-}" = --html-only ]; then
  supp=("$html")
  shift
fi
log=$(mktemp "${TMPDIR:-/tmp}/careerpath-valgrind.XXXXXX")
valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --error-exitcode=99 --quiet \
  "${supp[@]}" --log-file="$log" "$@"
code=$?
if [ "$code" = 99 ]; then
  echo "valgrind: memcheck reported errors running: $*" >&2
  cat "$log" >&2
  if [ -n "${CP_VALGRIND_REPORTS:-}" ]; then
    mkdir -p "$CP_VALGRIND_REPORTS"
    { echo "command: $*"; cat "$log"; } >"$CP_VALGRIND_REPORTS/$(basename "$log").txt"
  fi
fi
rm -f "$log"
exit "$code"

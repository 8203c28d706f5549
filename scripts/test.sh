#!/usr/bin/env bash
# Runs every test in a plain build and in an AddressSanitizer + UndefinedBehaviorSanitizer
# build, then the fuzzers, then the end-to-end and CLI suites under valgrind memcheck, each
# through CTest. Any failure, sanitizer or memcheck report makes it exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
jobs=$(nproc)
# The sanitizer options (stop at the first report, so a report is a failed test) are set
# per test by tests/CMakeLists.txt, so plain `ctest` in the build directory behaves the same.
for kind in plain asan; do
  dir=build/test-$kind
  if [ "$kind" = asan ]; then
    flags=(-DCMAKE_BUILD_TYPE=Debug -DCP_SANITIZE=ON)
  else
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
  fi
  echo "== $kind build ($dir)"
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  cmake --build "$dir" -j"$jobs"
  ctest --test-dir "$dir" --output-on-failure -j"$jobs"
done

# Fuzz build: clang + libFuzzer under ASan+UBSan, each target for a bounded time from its seed
# corpus in tests/fuzz/ (CP_FUZZ_SECONDS each: .ci/run sets 60, the default is 10).
CP_FUZZ_SECONDS=${CP_FUZZ_SECONDS:-10}
dir=build/test-fuzz
echo "== fuzz build ($dir, ${CP_FUZZ_SECONDS}s per target)"
CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCP_FUZZ=ON \
  -DCP_FUZZ_SECONDS="$CP_FUZZ_SECONDS" >/dev/null
cmake --build "$dir" -j"$jobs"
ctest --test-dir "$dir" --output-on-failure -j"$jobs" -L fuzz

# Valgrind build: the end-to-end scripts run careerpath under memcheck, and the in-process CLI
# suite runs under it too (label valgrind). Memcheck sees inside the uninstrumented libraries
# (Graphviz, igraph) that ASan cannot; an error or a definitely lost byte fails the test.
# Suppressions, each for a library and why: tests/valgrind.supp.
dir=build/test-valgrind
echo "== valgrind build ($dir)"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCP_VALGRIND=ON >/dev/null
cmake --build "$dir" -j"$jobs"
ctest --test-dir "$dir" --output-on-failure -j"$jobs" -L 'e2e|valgrind'
echo "== all tests passed in the plain and the ASan+UBSan builds, the fuzzers found nothing," \
  "and memcheck found nothing"

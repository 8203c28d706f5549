#!/usr/bin/env bash
# Quick start: installs what is missing (Debian 12, as root), builds careerpath in build/,
# and asks the built-in graph for the fastest route from Health Systems Analyst to Clinical
# Informaticist, printing it and drawing it to route.svg; then names `careerpath serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)"
echo
echo "\$ build/careerpath route --from \"Health Systems Analyst\" --to \"Clinical Informaticist\""
build/careerpath route --from "Health Systems Analyst" --to "Clinical Informaticist"
build/careerpath route --from "Health Systems Analyst" --to "Clinical Informaticist" \
  --format svg -o route.svg
echo
echo "Drawn to $(pwd)/route.svg. Next: build/careerpath --help"
echo "Advisors and students: build/careerpath serve, then open the address it prints."

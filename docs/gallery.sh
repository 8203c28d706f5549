#!/usr/bin/env bash
# Draws the gallery's three stock questions on the built-in graph into docs/gallery/ (or
# OUTDIR). Usage: docs/gallery.sh CAREERPATH [OUTDIR]. tests/e2e/gallery.sh checks that a
# fresh run gives the committed files byte for byte.
set -euo pipefail
bin=$1
out=${2:-$(dirname "$0")/gallery}
mkdir -p "$out"
# 1. A student's route, each step a card with what it costs and requires.
"$bin" route --from "Registered Nurse" --to CNIO --by cost --format svg \
  -o "$out/nurse-to-cnio.svg"
# 2. The whole map with the three fastest routes from systems analyst to informaticist.
"$bin" render --from "Health Systems Analyst" --to "Clinical Informaticist" --k 3 \
  -o "$out/analyst-to-informaticist.svg"
# 3. Every way into the CMIO role, cheapest first.
"$bin" into --to CMIO --by cost --format svg -o "$out/into-cmio.svg"

#!/usr/bin/env bash
# Draws the gallery's stock questions on the built-in graph into docs/gallery/ (or OUTDIR). Usage: docs/gallery.sh CAREERPATH [OUTDIR]. tests/e2e/gallery.sh checks that a
# fresh run gives the committed files byte for byte.
set -euo pipefail
bin=$1
out=${2:-$(dirname "$0")/gallery}
mkdir -p "$out"
# Pages carry a date: the gallery's is fixed (1 January 2026), so a fresh run is identical.
export SOURCE_DATE_EPOCH=1767225600
# 1. A student's route, each step a card with what it costs and requires.
"$bin" route --from "Registered Nurse" --to CNIO --by cost --format svg \
  -o "$out/nurse-to-cnio.svg"
# 2. The whole map with the three fastest routes from systems analyst to informaticist.
"$bin" render --from "Health Systems Analyst" --to "Clinical Informaticist" --k 3 \
  -o "$out/analyst-to-informaticist.svg"
# 3. Every way into the CMIO role, cheapest first.
"$bin" into --to CMIO --by cost --format svg -o "$out/into-cmio.svg"
# 4. The whole career map, as a poster's PNG (96 dpi to keep the file small).
"$bin" render --dpi 96 -o "$out/career-map.png"
# 5. A two-route handout: the cheapest route and the next, side by side, for a named student;
#    the page itself, and its drawing as PNG.
"$bin" route --from "Registered Nurse" --to CNIO --by cost --k 2 --title "José Álvarez" \
  -o "$out/handout-two-routes.html"
"$bin" route --from "Registered Nurse" --to CNIO --by cost --k 2 --dpi 96 \
  -o "$out/handout-two-routes.png"

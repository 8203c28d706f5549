#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages careerpath builds and tests with; skips what is present.
set -euo pipefail

packages=(
  cmake make gcc pkg-config            # toolchain
  libigraph-dev                        # graph algorithms
  libgraphviz-dev graphviz             # cgraph (DOT reader) and gvc (layout, SVG)
  libcsv-dev                           # RFC 4180 CSV parsing
  libjansson-dev                       # JSON output
  libxxhash-dev                        # hashing for the role-id index
  libcmocka-dev                        # unit tests
  libxml2-dev                          # tests parse the SVG we render
  libxml2-utils                        # xmllint: e2e.hostile checks SVG/HTML well-formed
  fonts-liberation                     # Helvetica-metric fonts for PNG and PDF text
  clang libclang-rt-14-dev             # libFuzzer targets (the fuzz build in test.sh)
  python3 python3-networkx python3-numpy  # tests compare the measures with NetworkX
  chromium                             # a test loads the html page in headless Chromium
  libmicrohttpd-dev                    # careerpath serve: the HTTP server
  python3-websocket                    # the serve tests drive Chromium through DevTools
  poppler-utils                        # pdfinfo/pdftoppm: printed pages are one page; PDF sizes
  apache2-utils                        # ab: the serve load test
  valgrind                             # memcheck over the end-to-end tests (test.sh)
  man-db groff-base                    # a test renders the installed careerpath(1) with man
  universal-ctags                      # a test measures the CLI's functions (tests/structure.py)
  python3-dask python3-distributed     # scripts/careerpath-dask and its LocalCluster tests
)

# `deps.sh bench` adds what bench/ compares against (Debian's NetworkX and python-igraph,
# for /usr/bin/python3).
if [ "${1:-}" = bench ]; then
  packages+=(python3 python3-networkx python3-igraph time)
fi
# `deps.sh validation` adds the independent implementations docs/validation.md compares
# careerpath's measures with: R's markovchain package and NetworkX.
if [ "${1:-}" = validation ]; then
  packages+=(r-base-core r-cran-markovchain)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

#!/usr/bin/env bash
# Issue 18's scale bench: ROWS generated history rows (seeded, shuffled, in FILES files)
# through one `careerpath mobility build` and through scripts/careerpath-dask on a
# LocalCluster of WORKERS workers; prints both wall times, the driver's split, per-partition
# and merge times, and checks that the two outputs are byte for byte equal.
# Usage: bench/dask.sh BINARY [ROWS] [FILES] [WORKERS] [PARTITIONS] [WORKDIR]
#        (defaults: 50000000 rows, 8 files, 2 workers, 16 partitions, /tmp)
set -euo pipefail
bin=$(realpath "$1")
rows=${2:-50000000}
files=${3:-8}
workers=${4:-2}
partitions=${5:-16}
work=${6:-/tmp}
here=$(cd "$(dirname "$0")/.." && pwd)
data=$work/dask-histories-$rows
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$data"
if [ ! -s "$data/all.csv" ]; then
  echo "generating $rows rows into $data (about 2 minutes per 10 million)" >&2
  # The generator's own --shuffle holds every row in Python (tens of GB at 50 million rows):
  # generate in person order, then shuffle the body with shuf, seeded.
  /usr/bin/python3 "$here/data/generate_histories.py" --rows "$rows" --seed 7 >"$data/sorted.csv"
  head -1 "$data/sorted.csv" >"$data/all.csv.tmp"
  tail -n +2 "$data/sorted.csv" | shuf --random-source=<(yes 7) >>"$data/all.csv.tmp"
  rm "$data/sorted.csv"
  mv "$data/all.csv.tmp" "$data/all.csv"
fi
if [ ! -s "$data/h-0.csv" ]; then
  # FILES pieces of consecutive rows, each with the header (as exports come).
  tail -n +2 "$data/all.csv" >"$data/body"
  split -n "l/$files" -d -a 3 "$data/body" "$data/body-"
  rm "$data/body"
  i=0
  for body in "$data"/body-*; do
    { head -1 "$data/all.csv"; cat "$body"; } >"$data/h-$i.csv"
    rm "$body"
    i=$((i + 1))
  done
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
/usr/bin/time -f "%e" -o "$out/one.t" "$bin" mobility build "$data/all.csv" -o "$out/one.csv" \
  --roles-out "$out/one-roles.csv" 2>"$out/one.err"
cd "$data"
/usr/bin/time -f "%e" -o "$out/dask.t" "$here/scripts/careerpath-dask" --workers "$workers" \
  --careerpath "$bin" --work-dir "$out" --timings mobility 'h-*.csv' -o "$out/dask.csv" \
  --roles-out "$out/dask-roles.csv" --partitions "$partitions" 2>"$out/dask.err"
echo "rows: $rows in $files files, $(du -sm "$data/all.csv" | cut -f1) MiB"
echo "one mobility build:         $(cat "$out/one.t") s"
echo "careerpath-dask, $workers workers: $(cat "$out/dask.t") s (LocalCluster start included)"
grep -E "timings" "$out/dask.err"
grep -E "partition .* done" "$out/dask.err" | sed 's/^careerpath-dask: /  /'
cmp "$out/one.csv" "$out/dask.csv" && cmp "$out/one-roles.csv" "$out/dask-roles.csv" &&
  echo "outputs: byte for byte equal"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

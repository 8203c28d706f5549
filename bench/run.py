#!/usr/bin/python3
"""Point-to-point route benchmark: careerpath against NetworkX and python-igraph.

For graphs of 1,000, 20,000 and 200,000 roles (bench/generate.py, fixed seeds, 10 moves per
role) it answers the same 1,000 random fewest-months queries three ways, each as one whole
run that loads the CSV graph and answers every query:

  careerpath route transitions.csv --batch queries.csv --format json   (median of 3 runs)
  bench/reference.py networkx ...   (NetworkX bidirectional Dijkstra)
  bench/reference.py igraph ...     (python-igraph get_shortest_paths)

It checks that every total agrees, and prints wall times, peak memory and the ratios.

At 200,000 roles the references take minutes for 1,000 queries, more than this benchmark's
10-minute budget on a 2-core machine; there they run once with no query (the load alone)
and once with the first REF_QUERIES queries, and their 1,000-query time is extrapolated as
load + (1000 / REF_QUERIES) x per-query time. The table says where it did so.

Usage: bench/run.py CAREERPATH [WORKDIR]   (install the references: scripts/deps.sh bench)
"""
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = [(1000, 11), (20000, 12), (200000, 13)]  # roles, seed
DEGREE, QUERIES, REF_QUERIES, RUNS = 10, 1000, 100, 3


def timed(cmd, out_path):
    """Runs cmd with stdout to out_path; returns (seconds, peak KiB)."""
    with open(out_path, "w") as out:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=out,
                           stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    return seconds, int(p.stderr.strip().splitlines()[-1])


def careerpath_totals(path):
    totals = []
    for line in open(path):
        o = json.loads(line)
        totals.append(o["routes"][0]["months"] if o["routes"] else None)
    return totals


def reference_totals(path):
    totals = []
    for line in open(path):
        months = line.split()[2]
        totals.append(None if months == "-" else float(months))
    return totals


def head(path, n, out):
    with open(path) as f, open(out, "w") as o:
        for i, line in enumerate(f):
            if i > n:
                break
            o.write(line)


def main():
    careerpath = os.path.abspath(sys.argv[1])
    work = sys.argv[2] if len(sys.argv) > 2 else "/tmp/careerpath-bench"
    os.makedirs(work, exist_ok=True)
    rows = []
    for roles, seed in SIZES:
        d = os.path.join(work, f"{roles}")
        t, q = os.path.join(d, "transitions.csv"), os.path.join(d, "queries.csv")
        if not os.path.exists(q):
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), d, str(roles),
                            str(DEGREE), str(QUERIES), str(seed)], check=True)
        mine = [timed([careerpath, "route", t, "--batch", q, "--format", "json"],
                      os.path.join(d, "careerpath.out")) for _ in range(RUNS)]
        cp_time = statistics.median(s for s, _ in mine)
        cp_mem = max(m for _, m in mine)
        ours = careerpath_totals(os.path.join(d, "careerpath.out"))
        row = {"roles": roles, "careerpath": cp_time, "careerpath_kib": cp_mem}
        for ref in ("igraph", "networkx"):
            out = os.path.join(d, f"{ref}.out")
            if roles < 200000:
                secs, mem = timed([sys.executable, os.path.join(HERE, "reference.py"), ref, t, q],
                                  out)
                extrapolated = False
            else:
                none_q, some_q = os.path.join(d, "q0.csv"), os.path.join(d, "qsome.csv")
                head(q, 0, none_q)
                head(q, REF_QUERIES, some_q)
                load, _ = timed([sys.executable, os.path.join(HERE, "reference.py"), ref, t,
                                 none_q], out)
                some, mem = timed([sys.executable, os.path.join(HERE, "reference.py"), ref, t,
                                   some_q], out)
                secs = load + (some - load) * QUERIES / REF_QUERIES
                extrapolated = True
            theirs = reference_totals(out)
            bad = [i for i, (a, b) in enumerate(zip(ours, theirs))
                   if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-6)]
            if bad:
                sys.exit(f"{ref} disagrees with careerpath at {roles} roles on queries {bad[:5]}")
            row[ref] = secs
            row[ref + "_kib"] = mem
            row[ref + "_checked"] = len(theirs)
            row[ref + "_extrapolated"] = extrapolated
        rows.append(row)
        print(f"{roles} roles done: careerpath {cp_time:.2f} s", file=sys.stderr)

    print("| roles | transitions | careerpath (median of 3) | python-igraph | NetworkX | "
          "vs python-igraph | vs NetworkX | careerpath peak memory |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        mark = lambda ref: " (extrapolated)" if r[ref + "_extrapolated"] else ""
        print(f"| {r['roles']:,} | {r['roles'] * DEGREE:,} | {r['careerpath']:.2f} s | "
              f"{r['igraph']:.1f} s{mark('igraph')} | {r['networkx']:.1f} s{mark('networkx')} | "
              f"{r['igraph'] / r['careerpath']:.0f}x | {r['networkx'] / r['careerpath']:.0f}x | "
              f"{r['careerpath_kib'] / 1024:.0f} MiB |")
    print()
    for r in rows:
        print(f"{r['roles']:,} roles: totals agree on {r['igraph_checked']} queries with "
              f"python-igraph and {r['networkx_checked']} with NetworkX "
              f"(peak memory: python-igraph {r['igraph_kib'] / 1024:.0f} MiB, "
              f"NetworkX {r['networkx_kib'] / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""careerpath's stats, centrality and modularity against NetworkX on generated graphs.

Usage: against_networkx.py BINARY SOURCE_DIR. Exits 77 (skipped) where NetworkX is not installed.
Each graph: 5-60 roles with levels and domains, random moves with counts (some zero, some
self-loops, some parallel rows), seeded, so a failure names a seed that reproduces it.
"""
import os
import random
import sys
import tempfile

try:
    sys.path.insert(0, os.path.join(sys.argv[2], "bench"))
    import nx_measures as nm
except ImportError as e:
    print("skipped: %s" % e)
    sys.exit(77)


def generate(seed, directory):
    rng = random.Random(seed)
    n = rng.randint(5, 60)
    ids = ["r%d" % i for i in range(n)]
    with open(os.path.join(directory, "roles.csv"), "w") as f:
        f.write("id,level,domain\n")
        for r in ids:
            f.write("%s,%d,d%d\n" % (r, rng.randint(1, 5), rng.randint(0, 2)))
    p = rng.uniform(0.02, 0.3)
    with open(os.path.join(directory, "t.csv"), "w") as f:
        f.write("from,to,count\n")
        for a in ids:
            for b in ids:
                if rng.random() < p or (a == b and rng.random() < 0.1):
                    count = 0 if rng.random() < 0.1 else rng.randint(1, 500)
                    f.write("%s,%s,%d\n" % (a, b, count))
                    if rng.random() < 0.05:
                        f.write("%s,%s,%d\n" % (a, b, rng.randint(1, 50)))
    return os.path.join(directory, "t.csv")


def main():
    binary = sys.argv[1]
    failures = 0
    cases = 0
    for seed in range(40):
        with tempfile.TemporaryDirectory() as d:
            path = generate(seed, d)
            for name, mine, theirs, ok in nm.compare_stats(binary, path):
                cases += 1
                if not ok:
                    failures += 1
                    print("seed %d: stats %s: careerpath %r, NetworkX %r" % (seed, name, mine, theirs))
            for measure, worst, n, ok in nm.compare_centrality(binary, path):
                cases += 1
                if not ok:
                    failures += 1
                    print("seed %d: %s differs by up to %g over %d roles" % (seed, measure, worst, n))
            for method in ("leiden", "louvain"):
                cases += 1
                mine, theirs, ok = nm.compare_modularity(binary, path, method)
                if not ok:
                    failures += 1
                    print("seed %d: %s modularity %r, NetworkX %r" % (seed, method, mine, theirs))
    print("%d comparisons, %d failures" % (cases, failures))
    sys.exit(1 if failures else 0)


main()

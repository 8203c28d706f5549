#!/usr/bin/env python3
"""Fewest-step routes on the O*NET graph against a BFS NetworkX computes from the table.

Usage: onet_networkx.py BINARY SOURCE_DIR [GRAPH]. GRAPH defaults to the built-in @onet.
The comparison is bench/real_data.py's onet_bfs: every answer must agree (the same number
of steps, or no route; every route a path of Related Occupations.txt). Exits 77 (skipped)
where NetworkX is missing.
"""
import os
import sys
import tempfile

try:
    sys.path.insert(0, os.path.join(sys.argv[2], "bench"))
    import real_data
except ImportError as e:
    print("skipped: %s" % e)
    sys.exit(77)


def main():
    binary, root = sys.argv[1], sys.argv[2]
    graph = sys.argv[3] if len(sys.argv) > 3 else "@onet"
    with tempfile.TemporaryDirectory() as work:
        r = real_data.onet_bfs(binary, root, graph, work)
    for line in r["differ"][:10]:
        print(line)
    print("O*NET %s: %d fewest-step routes (%d with none) and %d reachable sets on %d roles and "
          "%d moves, against NetworkX's BFS of Related Occupations.txt: %d differ"
          % (graph, r["routes"], r["no_route"], r["reach"], r["roles"], r["moves"],
             len(r["differ"])))
    return 1 if r["differ"] else 0


if __name__ == "__main__":
    sys.exit(main())

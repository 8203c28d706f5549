#!/usr/bin/python3
"""Answers the benchmark's queries with NetworkX or python-igraph, as a user of those would.

Loads transitions.csv (from,to,months,cost,...), then for each row of queries.csv finds the
route of least CRITERION (months unless given; NetworkX: bidirectional Dijkstra; igraph:
get_shortest_paths with weights) and prints one line per query: "from to total steps", or
"from to - -" when there is none. The whole run (load included) is what bench/run.py times.
Usage: reference.py networkx|igraph TRANSITIONS QUERIES [LIMIT [CRITERION]]
"""
import csv
import sys


def load(path, criterion):
    with open(path, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        fi, ti, mi = header.index("from"), header.index("to"), header.index(criterion)
        return [(row[fi], row[ti], float(row[mi])) for row in r]


def queries(path, limit):
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        rows = [(q["from"], q["to"]) for q in r]
    return rows[:limit] if limit else rows


def run_networkx(edges, qs):
    import networkx as nx

    g = nx.DiGraph()
    for a, b, m in edges:
        # The generator writes no parallel moves; keep the cheaper one if a file has some.
        if not g.has_edge(a, b) or g[a][b]["w"] > m:
            g.add_edge(a, b, w=m)
    for a, b in qs:
        if a not in g or b not in g:  # a role with no moves (listed in roles.csv only)
            print(a, b, *(("0", 0) if a == b else ("-", "-")))
            continue
        try:
            total, path = nx.bidirectional_dijkstra(g, a, b, weight="w")
            print(a, b, f"{total:g}", len(path) - 1)
        except nx.NetworkXNoPath:
            print(a, b, "-", "-")


def run_igraph(edges, qs):
    import igraph as ig

    ids = {}
    for a, b, _ in edges:
        ids.setdefault(a, len(ids))
        ids.setdefault(b, len(ids))
    g = ig.Graph(n=len(ids), edges=[(ids[a], ids[b]) for a, b, _ in edges], directed=True)
    weights = [m for _, _, m in edges]
    for a, b in qs:
        if a not in ids or b not in ids:  # a role with no moves (listed in roles.csv only)
            print(a, b, *(("0", 0) if a == b else ("-", "-")))
            continue
        path = g.get_shortest_paths(ids[a], to=ids[b], weights=weights, mode="out",
                                    output="epath")[0]
        if not path and a != b:
            print(a, b, "-", "-")
        else:
            print(a, b, f"{sum(weights[e] for e in path):g}", len(path))


def main():
    which, transitions, query_file = sys.argv[1:4]
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    criterion = sys.argv[5] if len(sys.argv) > 5 else "months"
    edges = load(transitions, criterion)
    qs = queries(query_file, limit)
    {"networkx": run_networkx, "igraph": run_igraph}[which](edges, qs)


if __name__ == "__main__":
    main()

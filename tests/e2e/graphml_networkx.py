#!/usr/bin/env python3
"""GraphML written by careerpath, read back by NetworkX's read_graphml: same nodes, edges, weights.

Usage: graphml_networkx.py BINARY SOURCE_DIR. Exits 77 (skipped) where NetworkX is not installed.
Each graph is written twice by careerpath, as CSV (read here with the csv module) and as GraphML
(read by NetworkX): the built-in graph and a published mobility table through `convert`, and the
sample histories through `mobility build` (jump chain and per-year chain). Every node with its
label, domain and level, and every edge with every number, must be the same in both.
"""
import csv
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter

try:
    import networkx as nx
except ImportError as e:
    print("skipped: %s" % e)
    sys.exit(77)

BIN, SRC = sys.argv[1], sys.argv[2]
NODE_KEYS = ("label", "domain", "level")
EDGE_NUMBERS = ("months", "cost", "effort", "count", "people", "probability", "median_months")


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("careerpath %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))


def number(text):
    return None if text in (None, "") else float(text)


def from_csv(transitions, roles):
    """Nodes {id: (label, domain, level)} and a multiset of edges (from, to, numbers...)."""
    nodes = {}
    with open(roles, newline="") as f:
        for r in csv.DictReader(f):
            level = number(r.get("level"))
            nodes[r["id"]] = (r.get("label") or r["id"], r.get("domain") or None, level)
    edges = Counter()
    with open(transitions, newline="") as f:
        for r in csv.DictReader(f):
            nodes.setdefault(r["from"], (r["from"], None, None))
            nodes.setdefault(r["to"], (r["to"], None, None))
            edges[(r["from"], r["to"]) + tuple(number(r.get(k)) for k in EDGE_NUMBERS)] += 1
    return nodes, edges


def from_graphml(path):
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.is_directed(), path
    nodes = {}
    for n, a in g.nodes(data=True):
        level = a.get("level")
        nodes[n] = (a.get("label", n), a.get("domain"), None if level is None else float(level))
    edges = Counter()
    for u, v, a in g.edges(data=True):
        values = tuple(None if a.get(k) is None else float(a[k]) for k in EDGE_NUMBERS)
        for k in EDGE_NUMBERS:  # numbers are typed as numbers, not strings
            assert a.get(k) is None or isinstance(a[k], (int, float)), (path, k, a[k])
        edges[(u, v) + values] += 1
    return nodes, edges


def same(label, want, got):
    wn, we = want
    gn, ge = got
    if wn != gn:
        diff = {k: (wn.get(k), gn.get(k)) for k in set(wn) | set(gn) if wn.get(k) != gn.get(k)}
        sys.exit("%s: nodes differ: %s" % (label, list(diff.items())[:5]))
    if we != ge:
        sys.exit("%s: edges differ: only in CSV %s; only in GraphML %s"
                 % (label, list((we - ge).items())[:3], list((ge - we).items())[:3]))
    weights = [e[2 + EDGE_NUMBERS.index("count")] for e in ge]
    print("%s: %d nodes, %d edges, %d with a count (sum %g): the same in NetworkX %s"
          % (label, len(gn), sum(ge.values()), sum(w is not None for w in weights),
             math.fsum(w for w in weights if w is not None), nx.__version__))


def main():
    histories = os.path.join(SRC, "data", "sample-histories.csv")
    glass = os.path.join(SRC, "data", "mobility-tables", "glass54.csv")
    with tempfile.TemporaryDirectory() as d:
        def path(name):
            return os.path.join(d, name)
        os.mkdir(path("builtin"))
        run("convert", "-o", path("builtin/t.csv"))
        run("convert", "-o", path("builtin.graphml"))
        same("built-in graph", from_csv(path("builtin/t.csv"), path("builtin/roles.csv")),
             from_graphml(path("builtin.graphml")))
        os.mkdir(path("glass"))
        run("convert", glass, "-o", path("glass/t.csv"))
        run("convert", glass, "-o", path("glass.graphml"))
        same("glass54.csv", from_csv(path("glass/t.csv"), path("glass/roles.csv")),
             from_graphml(path("glass.graphml")))
        for label, extra in (("jump chain", []), ("per-year chain", ["--period", "year"])):
            name = label.replace(" ", "-")
            os.mkdir(path(name))
            common = ["mobility", "build", histories, "--min-people", "1", "--roles", "@builtin"]
            run(*common, *extra, "-o", path(name + "/t.csv"))
            run(*common, *extra, "-o", path(name + ".graphml"))
            same("sample histories, " + label,
                 from_csv(path(name + "/t.csv"), path(name + "/roles.csv")),
                 from_graphml(path(name + ".graphml")))


if __name__ == "__main__":
    main()

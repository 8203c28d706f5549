"""The same network measures as `careerpath stats` and `centrality`, computed by NetworkX.

Shared by tests/e2e/networkx.py (generated graphs) and bench/validate.py (the published
mobility tables). Both sides read the same CSV graph: transitions with `from`, `to` and a
`count` (or `probability`) column, and optionally a roles.csv beside it with `level` and
`domain`. careerpath measures moves: transitions between two different roles with a positive
flow, parallel ones merged; the graph built here follows the same rule, so the figures are
comparable one to one.
"""
import csv
import json
import math
import os
import statistics
import subprocess

import networkx as nx


def read_graph(path):
    """A DiGraph of moves (weight: summed flow) and the list of all roles in file order."""
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
    flow = "count" if rows and all(r.get("count", "") != "" for r in rows) else (
        "probability" if rows and all(r.get("probability", "") != "" for r in rows) else None)
    g = nx.DiGraph()
    roles_path = os.path.join(os.path.dirname(path), "roles.csv")
    if os.path.exists(roles_path):
        for r in csv.DictReader(open(roles_path, newline="", encoding="utf-8")):
            attrs = {}
            if r.get("level"):
                attrs["level"] = int(r["level"])
            if r.get("domain") is not None:
                attrs["domain"] = r["domain"]
            g.add_node(r["id"].strip(), **attrs)
    for r in rows:
        a, b = r["from"].strip(), r["to"].strip()
        g.add_node(a)
        g.add_node(b)
        w = float(r[flow]) if flow else 1.0
        if a == b or not w > 0:
            continue
        if g.has_edge(a, b):
            g[a][b]["weight"] += w
        else:
            g.add_edge(a, b, weight=w)
    return g, flow


def describe(values):
    values = list(values)
    if not values:
        return {"min": None, "median": None, "mean": None, "max": None}
    return {"min": min(values), "median": statistics.median(values),
            "mean": sum(values) / len(values), "max": max(values)}


def networkx_stats(g, flow):
    n = g.number_of_nodes()
    lengths = [d for s, ds in nx.all_pairs_shortest_path_length(g) for t, d in ds.items() if s != t]
    out = {
        "roles": n,
        "transitions": g.number_of_edges(),
        "density": nx.density(g) if n > 1 else None,
        "reciprocity": nx.overall_reciprocity(g) if g.number_of_edges() else None,
        "weak_components": nx.number_weakly_connected_components(g),
        "strong_components": nx.number_strongly_connected_components(g),
        "in_degree": describe(d for _, d in g.in_degree()),
        "out_degree": describe(d for _, d in g.out_degree()),
        "diameter": max(lengths) if lengths else None,
        "mean_path_length": sum(lengths) / len(lengths) if lengths else None,
        "clustering": nx.transitivity(g.to_undirected()),
    }
    if flow:
        out["in_strength"] = describe(d for _, d in g.in_degree(weight="weight"))
        out["out_strength"] = describe(d for _, d in g.out_degree(weight="weight"))
    if n and all("level" in a for _, a in g.nodes(data=True)) and g.number_of_edges():
        out["assortativity_level"] = nx.numeric_assortativity_coefficient(g, "level")
    domains = {a.get("domain", "") for _, a in g.nodes(data=True)}
    if len(domains) > 1 and g.number_of_edges():
        for v, a in g.nodes(data=True):
            a.setdefault("domain", "")
        out["assortativity_domain"] = nx.attribute_assortativity_coefficient(g, "domain")
    return out


def networkx_centrality(g, measure, flow):
    if measure == "betweenness":
        return nx.betweenness_centrality(g, normalized=False)
    if measure == "pagerank":
        # NetworkX 2.8's pagerank() needs SciPy; its pure-Python power iteration is the same
        # algorithm (dangling roles jump uniformly, as igraph's PRPACK does).
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(g, alpha=0.85, weight="weight" if flow else None, tol=1e-15,
                                max_iter=100000)
    if measure == "closeness":
        # careerpath: 1 / mean distance to the roles a role reaches (outward); NetworkX
        # measures inward distance, so reverse, and without Wasserman-Faust scaling. A role
        # that reaches nothing is NaN there and 0 here.
        c = nx.closeness_centrality(g.reverse(), wf_improved=False)
        return {v: (x if x > 0 else float("nan")) for v, x in c.items()}
    if measure == "degree":
        return dict(g.degree())
    if measure == "strength":
        return dict(g.degree(weight="weight"))
    raise ValueError(measure)


def careerpath_json(binary, *args):
    out = subprocess.run([binary, *args, "--format", "json"], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)


def careerpath_centrality(binary, path, measure):
    j = careerpath_json(binary, "centrality", path, "--measure", measure, "--top", "1000000")
    return {r["role"]: (float("nan") if r["score"] is None else r["score"]) for r in j["roles"]}


def close(a, b, tol=1e-6):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and math.isnan(a) or isinstance(b, float) and math.isnan(b):
        return (isinstance(a, float) and math.isnan(a)) and (isinstance(b, float) and math.isnan(b))
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def flatten(d, prefix=""):
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flatten(v, prefix + k + "."))
        else:
            out[prefix + k] = v
    return out


def compare_stats(binary, path):
    """(measure, careerpath, networkx, agrees) for every measure NetworkX computes."""
    g, flow = read_graph(path)
    mine = flatten(careerpath_json(binary, "stats", path))
    theirs = flatten(networkx_stats(g, flow))
    return [(k, mine.get(k), v, close(mine.get(k), v)) for k, v in sorted(theirs.items())]


def compare_centrality(binary, path, measures=("betweenness", "pagerank", "closeness", "degree",
                                               "strength")):
    """(measure, largest difference, roles compared, agrees) per measure."""
    g, flow = read_graph(path)
    rows = []
    for m in measures:
        if m == "strength" and not flow:
            continue
        mine = careerpath_centrality(binary, path, m)
        theirs = networkx_centrality(g, m, flow)
        worst, ok = 0.0, True
        for v, x in theirs.items():
            y = mine.get(v)
            if not close(y, x):
                ok = False
            if y is not None and not (math.isnan(x) or math.isnan(y)):
                worst = max(worst, abs(x - y))
        rows.append((m, worst, len(theirs), ok and len(mine) == len(theirs)))
    return rows


def compare_modularity(binary, path, method):
    """careerpath's modularity of its own partition against NetworkX's of the same one."""
    g, flow = read_graph(path)
    j = careerpath_json(binary, "communities", path, "--method", method)
    parts = [set(c["roles"]) for c in j["communities"]]
    u = nx.Graph()
    u.add_nodes_from(g.nodes())
    for a, b, d in g.edges(data=True):
        w = d["weight"]
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    q = nx.community.modularity(u, parts, weight="weight") if u.number_of_edges() else None
    return j["modularity"], q, close(j["modularity"], q)

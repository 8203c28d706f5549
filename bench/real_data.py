"""careerpath on the real data it ships, against independent computations.

Used by tests/e2e/onet_networkx.py (CI: it fails on any difference).

- O*NET: NetworkX reads data/onet-29.3/Related Occupations.txt itself, not careerpath's
  graph, and answers by breadth-first search how many moves each route needs; careerpath
  answers the same questions on the graph `careerpath import onet` makes (or the built-in
  @onet) with `route --batch --by steps` and `reach --by steps`.
"""
import csv
import json
import os
import random
import subprocess

import networkx as nx

# The health-informatics occupations (data/onet-29.3/SOURCE.md), medical secretaries, and
# the two occupations no other lists as related (nobody reaches them).
ONET_FOCUS = ["15-1211.01", "29-9021.00", "29-2072.00", "15-2051.02", "11-9111.00",
              "15-2051.00", "15-1211.00", "29-1141.00", "15-1212.00", "15-1242.00",
              "43-6013.00"]
ONET_UNREACHABLE = ["43-5041.00", "29-1299.02"]


def run(binary, *args, ok=(0,)):
    out = subprocess.run([binary, *args], capture_output=True, text=True, check=False)
    if out.returncode not in ok:
        raise RuntimeError("careerpath %s exited %d: %s" % (" ".join(args), out.returncode,
                                                            out.stderr.strip()))
    return out.stdout


# ---- O*NET: fewest-step routes against NetworkX's BFS ----

def onet_table_graph(root):
    g = nx.DiGraph()
    path = os.path.join(root, "data", "onet-29.3", "Related Occupations.txt")
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            g.add_edge(row["O*NET-SOC Code"], row["Related O*NET-SOC Code"])
    return g


def onet_questions(g, n_random=3000):
    rng = random.Random(12)
    nodes = sorted(g.nodes)
    pairs = [(a, b) for a in ONET_FOCUS for b in ONET_FOCUS if a != b]
    pairs += [(a, b) for a in ONET_FOCUS for b in ONET_UNREACHABLE]
    pairs += [(b, a) for a in ONET_FOCUS for b in ONET_UNREACHABLE]
    pairs += [tuple(rng.sample(nodes, 2)) for _ in range(n_random)]
    return pairs


def onet_bfs(binary, root, graph, work):
    """Compares every answer; returns a summary with the differences found."""
    g = onet_table_graph(root)
    pairs = onet_questions(g)
    queries = os.path.join(work, "onet-queries.csv")
    with open(queries, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["from", "to"])
        w.writerows(pairs)
    out = run(binary, "route", graph, "--batch", queries, "--by", "steps", "--format", "json",
              ok=(0, 1))
    answers = [json.loads(line) for line in out.splitlines()]
    if len(answers) != len(pairs):
        raise RuntimeError("%d answers to %d questions" % (len(answers), len(pairs)))
    differ, steps, none = [], {}, 0
    for (a, b), answer in zip(pairs, answers):
        want = nx.shortest_path_length(g, a, b) if nx.has_path(g, a, b) else None
        routes = answer["routes"]
        got = routes[0]["steps"] if routes else None
        path = routes[0]["roles"] if routes else []
        walks = not routes or (path[0] == a and path[-1] == b and
                               all(g.has_edge(x, y) for x, y in zip(path, path[1:])))
        if got != want or not walks:
            differ.append("%s -> %s: careerpath %r steps (%s), NetworkX %r" % (a, b, got,
                                                                              " > ".join(path),
                                                                              want))
        none += want is None
        steps[want] = steps.get(want, 0) + 1
    reach_differ = []
    for a in ONET_FOCUS:
        got = {r["role"]: r["steps"] for r in
               json.loads(run(binary, "reach", graph, "--from", a, "--by", "steps", "--format",
                              "json"))["reachable"]}
        want = {b: d for b, d in nx.single_source_shortest_path_length(g, a).items() if b != a}
        if got != want:
            reach_differ.append("reach from %s: %d roles differ" %
                                (a, len(set(got.items()) ^ set(want.items()))))
    return {"graph": graph, "roles": g.number_of_nodes(), "moves": g.number_of_edges(),
            "routes": len(pairs), "no_route": none, "steps": steps, "reach": len(ONET_FOCUS),
            "differ": differ + reach_differ}

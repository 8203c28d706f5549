"""careerpath on the real data it ships, against independent computations.

Used by tests/e2e/onet_networkx.py and tests/e2e/cps_numpy.py (CI: they fail on any
difference).

- O*NET: NetworkX reads data/onet-29.3/Related Occupations.txt itself, not careerpath's
  graph, and answers by breadth-first search how many moves each route needs; careerpath
  answers the same questions on the graph `careerpath import onet` makes (or the built-in
  @onet) with `route --batch --by steps` and `reach --by steps`.
- CPS: numpy builds the annual transition matrix from
  data/cps-mobility/asec_to_bls_mobility_edgelist.csv itself and solves for the
  probability of ever reaching an occupation and the expected years to reach it given that
  it is reached; careerpath answers with `markov --to`.
"""
import csv
import json
import os
import random
import subprocess

import networkx as nx

CPS_COLUMNS = "from=OCC_source,to=OCC_target,probability=transition_prob_BLS_ASECnorm_corr"
CPS_ROLE_COLUMNS = "id=OCC_CODE,label=OCC_TITLE"
TOL = 1e-9

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


# ---- CPS: the annual chain against numpy ----

def cps_paths(root):
    d = os.path.join(root, "data", "cps-mobility")
    return (os.path.join(d, "asec_to_bls_mobility_edgelist.csv"),
            os.path.join(d, "occ_names_bls_minor_major.csv"))


def cps_numpy(root, source, target):
    """Reach probability and expected years given reaching, per occupation, from the file."""
    import numpy as np
    edges, _ = cps_paths(root)
    with open(edges, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    codes = sorted({r["OCC_source"] for r in rows} | {r["OCC_target"] for r in rows})
    ix = {c: i for i, c in enumerate(codes)}
    n = len(codes)
    P = np.zeros((n, n))
    for r in rows:
        P[ix[r["OCC_source"]], ix[r["OCC_target"]]] += float(r["transition_prob_BLS_ASECnorm_corr"])
    sums = P.sum(axis=1)
    P = P / sums[:, None]  # careerpath's --normalize: each row rescaled to sum to 1
    t = ix[target]
    can = {t}
    frontier = [t]
    while frontier:  # who can reach the target, backwards over positive moves
        v = frontier.pop()
        for u in np.nonzero(P[:, v] > 0)[0]:
            if u not in can:
                can.add(int(u))
                frontier.append(int(u))
    s = [i for i in sorted(can) if i != t]
    q = np.eye(len(s)) - P[np.ix_(s, s)]
    h = np.zeros(n)
    h[t] = 1
    h[s] = np.linalg.solve(q, P[s, t])
    # E[T; reached] = sum_j P_ij (h_j + E[T_j; reached]), 0 at the target.
    g = np.zeros(n)
    g[s] = np.linalg.solve(q, P[s, :] @ h)
    years = {c: (g[i] / h[i] if h[i] > 0 else None) for c, i in ix.items()}
    years[target] = 0.0
    return {"codes": codes, "row_sum_min": float(sums.min()), "row_sum_max": float(sums.max()),
            "reach": {c: float(h[i]) for c, i in ix.items()}, "years": years,
            "never": n - len(can), "source": source, "target": target}


def cps_careerpath(binary, root, target):
    edges, names = cps_paths(root)
    j = json.loads(run(binary, "markov", edges, "--columns", CPS_COLUMNS, "--roles", names,
                       "--role-columns", CPS_ROLE_COLUMNS, "--normalize", "--to", target,
                       "--format", "json"))
    return j


def cps_markov(binary, root, source="29-1140", target="11-9110"):
    mine = cps_careerpath(binary, root, target)
    theirs = cps_numpy(root, source, target)
    states = {s["role"]: s for s in mine["states"]}
    differ = []
    worst_p = worst_y = 0.0
    for c in theirs["codes"]:
        p, y = theirs["reach"][c], theirs["years"][c]
        got_p, got_y = states[c]["reach_probability"], states[c]["expected_steps"]
        dp = abs(got_p - p)
        dy = 0.0 if y is None and got_y is None else (
            float("inf") if y is None or got_y is None else abs(got_y - y) / max(1.0, abs(y)))
        worst_p, worst_y = max(worst_p, dp), max(worst_y, dy)
        if dp > TOL or dy > TOL:
            differ.append("%s: careerpath %r, %r years; numpy %r, %r" % (c, got_p, got_y, p, y))
    return {"mine": mine, "numpy": theirs, "worst_reach": worst_p, "worst_years": worst_y,
            "differ": differ, "from": states[source], "roles": len(states)}

#!/usr/bin/env python3
"""careerpath's mobility indices beside numpy's, and its bootstrap intervals on growing samples.

Usage (from the repository root, after a build):
  /usr/bin/python3 bench/indices_check.py build/plain/careerpath [--write]

1. Every published table in data/mobility-tables: `careerpath indices --format json` against the
   same indices computed here with numpy from the CSV (docs/indices.md has the formulas):
   immobility, Shorrocks M, Prais per role and overall, Bartholomew (stationary distribution
   from numpy's eigen-decomposition, distances between places in the table's order), and the
   log odds ratio of the first and last classes with its standard error. Every figure must
   agree to 1e-9; Glass (1954) must give immobility 0.417 and Shorrocks 0.773.
2. data/sample-histories.csv cut to its first 250, 500, 1000 and all 2000 people (by id): the
   per-year indices with `--bootstrap 200 --seed 1`. Each interval must hold its estimate,
   and the intervals must narrow as the sample grows.
With --write the results replace the section between the markers in docs/validation.md.
Exits 1 on any disagreement.
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(ROOT, "data", "mobility-tables")
BEGIN, END = "<!-- indices_check.py: begin -->", "<!-- indices_check.py: end -->"
failures = []


def careerpath(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def table(path):
    """The counts as a matrix, classes in order of first appearance (careerpath's order)."""
    rows = list(csv.DictReader(open(path, newline="")))
    names = []
    for r in rows:
        for k in ("from", "to"):
            if r[k] not in names:
                names.append(r[k])
    n = len(names)
    c = np.zeros((n, n))
    for r in rows:
        c[names.index(r["from"]), names.index(r["to"])] += float(r["count"])
    return names, c


def numpy_indices(c):
    n = len(c)
    P = c / c.sum(axis=1, keepdims=True)
    w, v = np.linalg.eig(P.T)
    pi = np.real(v[:, np.argmin(abs(w - 1))])
    pi = pi / pi.sum()
    r = np.arange(n)
    four = (c[0, 0], c[-1, -1], c[0, -1], c[-1, 0])
    zero = min(four) == 0  # careerpath gives no ratio (null) and warns
    return {
        "immobility": np.trace(c) / c.sum(),
        "shorrocks": (n - np.trace(P)) / (n - 1),
        "prais": (n - np.trace(P)) / n,
        "prais_state": list(1 - np.diag(P)),
        "bartholomew": float(sum(pi[i] * P[i, j] * abs(r[i] - r[j])
                                 for i in range(n) for j in range(n))),
        "log_odds": None if zero else math.log(four[0] * four[1] / (four[2] * four[3])),
        "se": None if zero else math.sqrt(sum(1 / x for x in four)),
    }


def check(label, want, got):
    if want is None or got is None:
        if want is not got:
            failures.append("%s: numpy %s, careerpath %s" % (label, want, got))
        return 0.0
    if not (abs(want - got) <= 1e-9):
        failures.append("%s: numpy %.15g, careerpath %.15g" % (label, want, got))
    return abs(want - got)


def tables(binary):
    lines = ["| table | classes | people | immobility | Shorrocks M | Prais | Bartholomew "
             "| log odds (first, last) | largest difference |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name in sorted(os.listdir(TABLES)):
        if not name.endswith(".csv"):
            continue
        path = os.path.join(TABLES, name)
        names, c = table(path)
        first, last = names[0], names[-1]
        got = careerpath(binary, "indices", path, "--odds", "%s,%s" % (first, last),
                         "--format", "json")
        want = numpy_indices(c)
        states = [s["role"] for s in got["states"]]
        if states != names:
            failures.append("%s: classes in another order: %s" % (name, states))
        diff = max(
            [check(name + " " + k, want[k], got[k])
             for k in ("immobility", "shorrocks", "prais", "bartholomew")]
            + [check("%s prais %s" % (name, s["role"]), want["prais_state"][i], s["prais"])
               for i, s in enumerate(got["states"])]
            + [check(name + " log odds", want["log_odds"], got["odds"][0]["log_odds"]),
               check(name + " se", want["se"], got["odds"][0]["se"])])
        o = got["odds"][0]
        odds = ("%.3f (se %.3f)" % (o["log_odds"], o["se"]) if o["log_odds"] is not None
                else "none: a zero cell")
        lines.append("| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %s | %.1e |" % (
            name, len(names), c.sum(), got["immobility"], got["shorrocks"], got["prais"],
            got["bartholomew"], odds, diff))
        if name == "glass54.csv" and (round(got["immobility"], 3) != 0.417
                                      or round(got["shorrocks"], 3) != 0.773):
            failures.append("glass54.csv: not Glass's 0.417 and 0.773")
    return lines


def subsets(binary):
    path = os.path.join(ROOT, "data", "sample-histories.csv")
    with open(path, newline="") as f:
        header, rows = f.readline(), f.readlines()
    people = sorted({r.split(",", 1)[0] for r in rows})
    keys = ("immobility", "shorrocks", "prais")
    lines = ["| people | " + " | ".join("%s (95%% interval, width)" % k for k in keys) + " |",
             "|---|" + "---|" * len(keys)]
    widths = []
    with tempfile.TemporaryDirectory() as d:
        for size in (250, 500, 1000, len(people)):
            keep = set(people[:size])
            sub = os.path.join(d, "h%d.csv" % size)
            with open(sub, "w") as f:
                f.write(header)
                f.writelines(r for r in rows if r.split(",", 1)[0] in keep)
            got = careerpath(binary, "indices", "--histories", sub, "--period", "year",
                             "--min-people", "1", "--bootstrap", "200", "--seed", "1",
                             "--format", "json")
            cells, w = [], []
            for k in keys:
                lo, hi = got["bootstrap"]["intervals"][k]
                if not lo <= got[k] <= hi:
                    failures.append("%d people: %s %g outside [%g, %g]" % (size, k, got[k], lo, hi))
                cells.append("%.3f [%.3f, %.3f], %.3f" % (got[k], lo, hi, hi - lo))
                w.append(hi - lo)
            widths.append(w)
            lines.append("| %d | %s |" % (size, " | ".join(cells)))
    for a, b in zip(widths, widths[1:]):
        if not all(y < x for x, y in zip(a, b)):
            failures.append("an interval did not narrow: %s then %s" % (a, b))
    return lines


def main():
    binary = sys.argv[1]
    command = "/usr/bin/python3 bench/indices_check.py build/plain/careerpath --write"
    section = [BEGIN, "## Mobility indices against numpy (`careerpath indices`)", "",
               "Written by `%s`. Each table's indices from `careerpath indices --odds FIRST,LAST "
               "--format json` and from numpy on the same CSV (formulas: docs/indices.md; "
               "Bartholomew's distances between places in the table's order, its stationary "
               "distribution from `numpy.linalg.eig`). Largest difference over every figure "
               "of the table, the per-class Prais included:" % command, ""]
    section += tables(binary)
    section += ["", "Glass (1954): 1,459 of 3,500 men in their father's class, immobility "
                "**0.417**, Shorrocks M **0.773**, as published.", "",
                "### Bootstrap intervals on growing samples", "",
                "data/sample-histories.csv cut to its first N people (sorted by id), per-year "
                "chains (`indices --histories FILE --period year --min-people 1 --bootstrap 200 "
                "--seed 1`): every interval holds its estimate and narrows as N grows (checked "
                "by the script).", ""]
    section += subsets(binary)
    section.append(END)
    print("\n".join(section))
    if failures:
        print("\n".join(["FAILED:"] + failures), file=sys.stderr)
        sys.exit(1)
    if "--write" in sys.argv:
        doc = os.path.join(ROOT, "docs", "validation.md")
        text = open(doc).read()
        if BEGIN in text:
            text = text[:text.index(BEGIN)] + "\n".join(section) + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
        open(doc, "w").write(text)


if __name__ == "__main__":
    main()

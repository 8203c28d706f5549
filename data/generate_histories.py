#!/usr/bin/env python3
"""Generates synthetic career histories (person,role,start,end) for `careerpath mobility build`.

People walk the built-in health-informatics graph (graphs/health-informatics.gv): each
starts at a role nothing leads into (mostly `student`) or, for a share of them, at a role
chosen at random, stays a while, and moves along one of the graph's transitions, chosen with
weights that favour short, cheap moves. A stay lasts the move's `months` plus a tenure drawn
from a log-normal distribution (median about three years); some stays are written as several
consecutive spells in the same role (a re-graded contract, a new employer in the same role),
which `mobility build` must merge. Careers end after a random number of moves or at the
census date (2026-01). Nothing here is real: it is test data with a known generator.

Deterministic: the same --seed and options give the same bytes.

  data/generate_histories.py --people 2000 --seed 1 > data/sample-histories.csv
  data/generate_histories.py --rows 10000000 --seed 7 --shuffle > /tmp/histories-10m.csv

Options:
  --people N     people to generate (default 2000)
  --rows N       instead of --people: generate people until about N rows
  --seed S       random seed (default 1)
  --shuffle      write rows in random order (the reader must not depend on order)
  --bad N        replace N rows by bad ones (missing role, unparsable date, end before start)
  --days         write YYYY-MM-DD dates (default YYYY-MM)
"""
import argparse
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GRAPH = os.path.join(HERE, "..", "graphs", "health-informatics.gv")
EDGE = re.compile(r'^\s*"([^"]+)"\s*->\s*"([^"]+)"\s*\[(.*)\];\s*$')
CENSUS = 2026 * 12  # careers are cut at 2026-01


def load_graph():
    moves = {}
    roles = set()
    with open(GRAPH, encoding="utf-8") as f:
        for line in f:
            m = EDGE.match(line)
            if not m:
                continue
            a, b, attrs = m.groups()
            months = float(re.search(r"months=([0-9.]+)", attrs).group(1))
            cost = float(re.search(r"cost=([0-9.]+)", attrs).group(1))
            # Short, cheap moves are taken more often.
            weight = 1.0 / (1.0 + months / 12.0) / (1.0 + cost / 5000.0)
            moves.setdefault(a, []).append((b, months, weight))
            roles.update((a, b))
    entries = sorted(r for r in roles if not any(r == b for v in moves.values() for b, _, _ in v))
    return sorted(roles), entries, moves


def month_text(m, rng, days):
    y, mo = divmod(int(m), 12)
    if days:
        return "%04d-%02d-%02d" % (y, mo + 1, rng.randint(1, 28))
    return "%04d-%02d" % (y, mo + 1)


def person_rows(pid, roles, entries, moves, rng, days):
    role = rng.choice(entries) if rng.random() < 0.8 else rng.choice(roles)
    start = rng.randint(1985 * 12, 2020 * 12)
    rows = []
    for _ in range(rng.randint(1, 8)):
        nxt = moves.get(role)
        tenure = max(1, int(round(rng.lognormvariate(math.log(36), 0.6))))
        end = start + tenure
        ongoing = end >= CENSUS or not nxt
        # One stay, sometimes written as several spells in the same role.
        pieces = 1 if rng.random() < 0.8 else rng.randint(2, 3)
        cut = sorted(rng.sample(range(start + 1, end), pieces - 1)) if end - start > pieces else []
        bounds = [start] + cut + [end]
        for i in range(len(bounds) - 1):
            last = i == len(bounds) - 2
            end_text = "" if last and (ongoing or rng.random() < 0.5) else month_text(
                bounds[i + 1], rng, days)
            rows.append((pid, role, month_text(bounds[i], rng, days), end_text))
            if last:
                break
        if ongoing:
            break
        targets = [b for b, _, _ in nxt]
        weights = [w for _, _, w in nxt]
        choice = rng.choices(range(len(targets)), weights)[0]
        role = targets[choice]
        start = end + int(nxt[choice][1] * rng.random())
        if start >= CENSUS:
            break
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--rows", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shuffle", action="store_true")
    ap.add_argument("--bad", type=int, default=0)
    ap.add_argument("--days", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    roles, entries, moves = load_graph()
    out = sys.stdout
    out.write("person,role,start,end\n")
    rows = []
    n = 0
    pid = 0
    chunk = []
    while (a.rows and n < a.rows) or (not a.rows and pid < a.people):
        pid += 1
        rs = person_rows("P%07d" % pid, roles, entries, moves, rng, a.days)
        n += len(rs)
        if a.shuffle or a.bad:
            rows.extend(rs)
        else:
            chunk.extend("%s,%s,%s,%s\n" % r for r in rs)
            if len(chunk) > 100000:
                out.write("".join(chunk))
                chunk = []
    out.write("".join(chunk))
    if rows:
        for i in rng.sample(range(len(rows)), min(a.bad, len(rows))):
            p, role, start, end = rows[i]
            kind = i % 3
            if kind == 0:
                rows[i] = (p, "", start, end)
            elif kind == 1:
                rows[i] = (p, role, start.replace("-", "/"), end)
            else:
                rows[i] = (p, role, "2030-01", "2029-01")
        if a.shuffle:
            rng.shuffle(rows)
        for i in range(0, len(rows), 100000):
            out.write("".join("%s,%s,%s,%s\n" % r for r in rows[i:i + 100000]))


if __name__ == "__main__":
    main()

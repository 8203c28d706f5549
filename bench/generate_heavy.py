#!/usr/bin/python3
"""Writes a deterministic heavy-tailed career graph and random queries for the benchmarks.

The family issue 17 describes, where a few roles receive thousands of moves as in observed
mobility graphs:
- levels 1-5, most roles low (40%, 28%, 17%, 10%, 5%);
- each role's out-degree drawn from an exponential distribution with mean 10 (rounded down,
  distinct targets);
- each move goes to the same level (45%), one up (30%), two up (10%) or one down (15%),
  staying inside 1-5; its target is drawn among that level's roles in proportion to a
  popularity drawn per role from Pareto(1.3), so a few roles receive thousands of moves;
- months 1-48; cost one of six bands, $0, $1,000, $2,500, $6,000, $12,000, $31,000, each
  as likely; effort 1-5.

transitions.csv: from,to,months,cost,effort. roles.csv: id,label,level. queries.csv: from,to
pairs drawn uniformly with the same seed (some have no route: roles nobody moves into).
Usage: generate_heavy.py DIR ROLES QUERIES SEED
"""
import bisect
import csv
import itertools
import os
import random
import sys

from generate import write_queries

LEVEL_SHARE = [0.40, 0.28, 0.17, 0.10, 0.05]
STEP = [(0, 0.45), (1, 0.30), (2, 0.10), (-1, 0.15)]
COST_BANDS = [0, 1000, 2500, 6000, 12000, 31000]
MEAN_DEGREE = 10
PARETO_ALPHA = 1.3


def main() -> None:
    out, roles, queries, seed = sys.argv[1], *map(int, sys.argv[2:5])
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    level = [1 + bisect.bisect(list(itertools.accumulate(LEVEL_SHARE)), rng.random())
             for _ in range(roles)]
    level = [min(v, 5) for v in level]
    popularity = [rng.paretovariate(PARETO_ALPHA) for _ in range(roles)]
    by_level = {v: [i for i in range(roles) if level[i] == v] for v in range(1, 6)}
    cumulative = {v: list(itertools.accumulate(popularity[i] for i in members))
                  for v, members in by_level.items()}
    steps, step_weights = zip(*STEP)

    def target(v):
        members, cum = by_level[v], cumulative[v]
        return members[bisect.bisect(cum, rng.random() * cum[-1]) if cum else 0]

    with open(os.path.join(out, "roles.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "level"])
        for i in range(roles):
            w.writerow([f"r{i}", f"Role {i}", level[i]])
    with open(os.path.join(out, "transitions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to", "months", "cost", "effort"])
        for i in range(roles):
            degree = int(rng.expovariate(1 / MEAN_DEGREE))
            targets = set()
            for _ in range(degree):
                v = level[i] + rng.choices(steps, step_weights)[0]
                if not 1 <= v <= 5 or not by_level[v]:
                    v = level[i]
                t = target(v)
                if t != i:
                    targets.add(t)
            for t in sorted(targets):
                w.writerow([f"r{i}", f"r{t}", rng.randint(1, 48), rng.choice(COST_BANDS),
                            rng.randint(1, 5)])
    write_queries(out, rng, roles, queries)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes a deterministic random career graph and random queries for the benchmarks.

transitions.csv: from,to,months,cost,effort. Every role r_i moves to r_(i+1) (so every
query has a route) plus DEGREE-1 distinct random others; months 1-24, cost 0-5,000 in
steps of 100, effort 1-5. queries.csv: from,to pairs drawn with the same seed.
Usage: generate.py DIR ROLES DEGREE QUERIES SEED
"""
import csv
import os
import random
import sys


def main() -> None:
    out, roles, degree, queries, seed = sys.argv[1], *map(int, sys.argv[2:6])
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "transitions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to", "months", "cost", "effort"])
        for i in range(roles):
            targets = {(i + 1) % roles}
            while len(targets) < min(degree, roles - 1):
                t = rng.randrange(roles)
                if t != i:
                    targets.add(t)
            for t in sorted(targets):
                w.writerow([f"r{i}", f"r{t}", rng.randint(1, 24), 100 * rng.randint(0, 50),
                            rng.randint(1, 5)])
    write_queries(out, rng, roles, queries)


def write_queries(out, rng, roles, queries) -> None:
    """queries.csv: QUERIES from,to pairs of roles r0..r(ROLES-1), drawn uniformly by rng."""
    with open(os.path.join(out, "queries.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to"])
        for _ in range(queries):
            w.writerow([f"r{rng.randrange(roles)}", f"r{rng.randrange(roles)}"])


if __name__ == "__main__":
    main()

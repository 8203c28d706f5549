#!/usr/bin/env python3
"""The CPS chain's `markov --to` figures against numpy.

Usage: cps_numpy.py BINARY SOURCE_DIR. careerpath reads
data/cps-mobility/asec_to_bls_mobility_edgelist.csv through column maps; numpy builds the
same annual chain from the file itself (bench/real_data.py). For every occupation, the
probability of ever reaching Medical and Health Services Managers (11-9110) must agree to
1e-9, and the expected years to reach it given that it is reached to a relative 1e-9; from
Registered Nurses (29-1140) the probability is 0.869, and 44 occupations never reach it.
Exits 77 (skipped) where numpy or NetworkX is missing.
"""
import os
import sys

try:
    sys.path.insert(0, os.path.join(sys.argv[2], "bench"))
    import numpy  # noqa: F401
    import real_data
except ImportError as e:
    print("skipped: %s" % e)
    sys.exit(77)


def main():
    binary, root = sys.argv[1], sys.argv[2]
    r = real_data.cps_markov(binary, root)
    for line in r["differ"][:10]:
        print(line)
    rn = r["from"]
    numpy_rn = r["numpy"]
    never = sum(1 for s in r["mine"]["states"] if s["reach_probability"] == 0)
    print("CPS chain, %d occupations, into 11-9110: reach probability differs by at most %.1e, "
          "expected years (given reaching) by a relative %.1e; from 29-1140: %.6f, %.4f years "
          "(numpy %.6f, %.4f); %d never reach it (numpy %d)"
          % (r["roles"], r["worst_reach"], r["worst_years"], rn["reach_probability"],
             rn["expected_steps"], numpy_rn["reach"]["29-1140"], numpy_rn["years"]["29-1140"],
             never, numpy_rn["never"]))
    bad = bool(r["differ"]) or round(rn["reach_probability"], 3) != 0.869 or never != 44
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

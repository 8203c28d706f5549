#!/usr/bin/env python3
"""Writes docs/validation.md: careerpath's measures beside R markovchain's and NetworkX's.

Usage (from the repository root, after `./scripts/deps.sh validation` and a build):
  /usr/bin/python3 bench/validate.py build/test-plain/careerpath

For every published mobility table in ../shared/data/mobility-tables (from,to,count CSV):
- the stationary distribution and the mean first-passage times between every pair of
  classes, from `careerpath markov` and from R's markovchain package (steadyStates,
  meanFirstPassageTime) on the row-normalised counts;
- the network measures of `careerpath stats`, `centrality` and `communities` (modularity of
  careerpath's partition), against NetworkX on the same moves.
The sample histories (data/sample-histories.csv) are built into a graph and compared with
NetworkX the same way. Every figure must agree to 1e-6 or be explained in the page.
"""
import csv
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import nx_measures as nm  # noqa: E402

TABLES = os.path.join(ROOT, "data", "mobility-tables")
TOL = 1e-6

R_CODE = r"""
suppressPackageStartupMessages(library(markovchain))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, check.names = FALSE)
states <- unique(c(d$from, d$to))
M <- matrix(0, length(states), length(states), dimnames = list(states, states))
for (i in seq_len(nrow(d))) M[d$from[i], d$to[i]] <- M[d$from[i], d$to[i]] + d$count[i]
P <- M / rowSums(M)
mc <- new("markovchain", states = states, transitionMatrix = P)
s <- steadyStates(mc)
write.csv(data.frame(state = colnames(s), p = as.vector(s[1, ])), args[2], row.names = FALSE)
f <- meanFirstPassageTime(mc)
write.csv(f, args[3])
"""


def careerpath(binary, *args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout


def r_markov(table, work):
    script = os.path.join(work, "markov.R")
    with open(script, "w") as f:
        f.write(R_CODE)
    st, mf = os.path.join(work, "st.csv"), os.path.join(work, "mfpt.csv")
    subprocess.run(["Rscript", script, table, st, mf], check=True, capture_output=True)
    stationary = {r["state"]: float(r["p"]) for r in csv.DictReader(open(st))}
    rows = list(csv.reader(open(mf)))
    header = rows[0][1:]
    mfpt = {(r[0], header[j]): float(v) for r in rows[1:] for j, v in enumerate(r[1:])}
    return stationary, mfpt


def mine_markov(binary, table, states):
    j = json.loads(careerpath(binary, "markov", table, "--format", "json"))
    stationary = {s["role"]: s["stationary"] for s in j["states"]}
    mfpt = {}
    for t in states:
        k = json.loads(careerpath(binary, "markov", table, "--to", t, "--format", "json"))
        for s in k["states"]:
            mfpt[(s["role"], t)] = s["expected_steps"]
    return j, stationary, mfpt


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, int):
        return str(v)
    return "%.10g" % v


def network_section(out, binary, path, title):
    out.append("#### %s: network measures against NetworkX\n" % title)
    out.append("| measure | careerpath | NetworkX | agrees to 1e-6 |")
    out.append("|---|---|---|---|")
    bad = 0
    for name, mine, theirs, ok in nm.compare_stats(binary, path):
        bad += not ok
        out.append("| %s | %s | %s | %s |" % (name, fmt(mine), fmt(theirs), "yes" if ok else "**no**"))
    for measure, worst, n, ok in nm.compare_centrality(binary, path):
        bad += not ok
        out.append("| centrality: %s (%d roles) | | largest difference %.2g | %s |"
                   % (measure, n, worst, "yes" if ok else "**no**"))
    for method in ("leiden", "louvain"):
        mine, theirs, ok = nm.compare_modularity(binary, path, method)
        bad += not ok
        out.append("| modularity of the %s partition | %s | %s | %s |"
                   % (method, fmt(mine), fmt(theirs), "yes" if ok else "**no**"))
    out.append("")
    return bad


def real_data_section(binary):
    """The real data careerpath ships: O*NET routes against NetworkX, the CPS chain against
    numpy (bench/real_data.py, which tests/e2e/onet_networkx.py and cps_numpy.py also run)."""
    import real_data as rd
    out = ["## Real data", ""]
    bad = 0
    with tempfile.TemporaryDirectory() as work:
        imported = os.path.join(work, "onet", "transitions.csv")
        os.mkdir(os.path.dirname(imported))
        subprocess.run([binary, "import", "onet", os.path.join(ROOT, "data", "onet-29.3"),
                        "-o", imported], check=True, capture_output=True)
        out.append("### O*NET 29.3: fewest-step routes against NetworkX's BFS\n")
        out.append(
            "NetworkX reads `data/onet-29.3/Related Occupations.txt` itself (one directed edge "
            "per row, O*NET-SOC Code to Related O*NET-SOC Code) and answers each question by "
            "breadth-first search; careerpath answers on the graph `careerpath import onet "
            "data/onet-29.3` writes and on the built-in `@onet`, with `route --batch --by "
            "steps` (the questions: every pair of %d health-informatics and clerical "
            "occupations, each with the %d occupations nobody lists as related, both ways, "
            "and 3,000 random pairs, seeded) and `reach --by steps` from each of the %d. An "
            "answer agrees when the number of steps is the same (or both find no route) and "
            "careerpath's route is a path of the table.\n"
            % (len(rd.ONET_FOCUS), len(rd.ONET_UNREACHABLE), len(rd.ONET_FOCUS)))
        out.append("| graph | roles | moves | routes asked | with no route | reachable sets | "
                   "differ |")
        out.append("|---|---|---|---|---|---|---|")
        for label, graph in (("`import onet` (CSV)", imported), ("`@onet`", "@onet")):
            r = rd.onet_bfs(binary, ROOT, graph, work)
            bad += len(r["differ"])
            out.append("| %s | %d | %d | %d | %d | %d | %d |" % (
                label, r["roles"], r["moves"], r["routes"], r["no_route"], r["reach"],
                len(r["differ"])))
        steps = sorted((k, v) for k, v in r["steps"].items() if k is not None)
        out.append("")
        out.append("Steps of the routes asked: %s.\n" % ", ".join(
            "%d × %d" % (v, k) for k, v in steps))
    c = rd.cps_markov(binary, ROOT)
    bad += len(c["differ"])
    n = c["numpy"]
    out.append("### The CPS chain against numpy\n")
    out.append(
        "numpy builds the annual transition matrix from "
        "`data/cps-mobility/asec_to_bls_mobility_edgelist.csv` itself "
        "(`transition_prob_BLS_ASECnorm_corr`, row sums %.4f to %.4f, each row rescaled to 1 "
        "as `--normalize` does), finds who can reach Medical and Health Services Managers "
        "(11-9110) by searching backwards, and solves (I - Q) h = P[:, t] for the probability "
        "of ever reaching it and (I - Q) g = P h for the expected years, g / h given that it "
        "is reached. careerpath: `markov FILE --columns %s --roles "
        "data/cps-mobility/occ_names_bls_minor_major.csv --role-columns %s --normalize --to "
        "11-9110`.\n" % (n["row_sum_min"], n["row_sum_max"], rd.CPS_COLUMNS,
                          rd.CPS_ROLE_COLUMNS))
    rn = c["from"]
    out.append("| figure | careerpath | numpy | largest difference over %d occupations |"
               % c["roles"])
    out.append("|---|---|---|---|")
    out.append("| P(reach 11-9110) from Registered Nurses (29-1140) | %.12f | %.12f | %.1e |"
               % (rn["reach_probability"], n["reach"]["29-1140"], c["worst_reach"]))
    out.append("| E[years to 11-9110, given reaching] from 29-1140 | %.9f | %.9f | %.1e "
               "(relative) |" % (rn["expected_steps"], n["years"]["29-1140"], c["worst_years"]))
    never = sum(1 for st in c["mine"]["states"] if st["reach_probability"] == 0)
    out.append("| occupations that never reach it | %d | %d | |" % (never, n["never"]))
    out.append("")
    out.append("Tolerance 1e-9 (absolute for probabilities, relative for years); figures that "
               "differ: %d.\n" % len(c["differ"]))
    return out, bad


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/test-plain/careerpath")
    version = careerpath(binary, "--version").strip()
    r_version = subprocess.run(["Rscript", "-e", "cat(as.character(packageVersion('markovchain')))"],
                               check=True, capture_output=True, text=True).stdout.strip()
    import networkx
    out = []
    summary = []
    sparse = []
    bad_total = 0
    with tempfile.TemporaryDirectory() as work:
        for table in sorted(glob.glob(os.path.join(TABLES, "*.csv"))):
            name = os.path.basename(table)
            rows = list(csv.DictReader(open(table)))
            people = sum(int(r["count"]) for r in rows)
            empty = sum(1 for r in rows if r["from"] != r["to"] and int(r["count"]) == 0)
            if empty:
                sparse.append("%s (%d)" % (name, empty))
            r_st, r_mfpt = r_markov(table, work)
            states = list(r_st)
            j, my_st, my_mfpt = mine_markov(binary, table, states)
            out.append("### %s\n" % name)
            out.append("%d classes, %d people; careerpath: %s, %d closed class(es), %s.\n"
                       % (len(states), people, "irreducible" if j["irreducible"] else
                          "not irreducible", j["closed_classes"],
                          "stationary distribution unique" if j["stationary_unique"] else
                          "stationary distribution not unique"))
            out.append("| class | stationary: careerpath | R markovchain | difference |")
            out.append("|---|---|---|---|")
            worst_st = 0.0
            for s in states:
                diff = abs(my_st[s] - r_st[s])
                worst_st = max(worst_st, diff)
                out.append("| %s | %.12f | %.12f | %.1e |" % (s, my_st[s], r_st[s], diff))
            worst_mf = max(abs(my_mfpt[k] - r_mfpt[k]) / max(1.0, abs(r_mfpt[k])) for k in r_mfpt)
            out.append("")
            out.append("Mean first-passage times, all %d ordered pairs (careerpath `markov --to`"
                       " expected steps against `meanFirstPassageTime`): largest relative "
                       "difference %.1e.\n" % (len(r_mfpt), worst_mf))
            bad = (worst_st > TOL) + (worst_mf > TOL)
            bad += network_section(out, binary, table, name)
            bad_total += bad
            summary.append("| %s | %d | %.1e | %.1e | %s |" % (
                name, len(states), worst_st, worst_mf, "all agree" if not bad else
                "%d differ" % bad))
        sample = os.path.join(work, "sample")
        os.mkdir(sample)
        subprocess.run([binary, "mobility", "build", os.path.join(ROOT, "data",
                                                                 "sample-histories.csv"),
                        "-o", os.path.join(sample, "transitions.csv")], check=True,
                       capture_output=True)
        out.append("### data/sample-histories.csv, built with `mobility build` (K = 5)\n")
        bad = network_section(out, binary, os.path.join(sample, "transitions.csv"),
                              "sample histories")
        bad_total += bad
        summary.append("| sample-histories.csv (network measures only) | | | | %s |"
                       % ("all agree" if not bad else "%d differ" % bad))

    real, bad = real_data_section(binary)
    bad_total += bad
    summary.append("| real data: O*NET routes, the CPS chain ([below](#real-data)) | | | | %s |"
                   % ("all agree" if not bad else "%d differ" % bad))

    head = [
        "# Validation: careerpath's measures beside independent implementations",
        "",
        "Generated by `bench/validate.py` on %s with %s, R markovchain %s and NetworkX %s; "
        "rerun with" % (datetime.date.today().isoformat(), version, r_version,
                        networkx.__version__),
        "",
        "```sh",
        "./scripts/deps.sh validation      # R (r-base-core, r-cran-markovchain) and NetworkX",
        "cmake -S . -B build/test-plain && cmake --build build/test-plain",
        "/usr/bin/python3 bench/validate.py build/test-plain/careerpath   # rewrites this page",
        "```",
        "",
        "The inputs are the published occupational mobility tables in "
        "`data/mobility-tables` (see its SOURCE.md: Hauser 1979, Glass 1954, "
        "Erikson-Goldthorpe-Portocarero, Yamaguchi 1987), read by careerpath as they are: "
        "`from,to,count` edges whose probabilities are the row-normalised counts, the diagonal "
        "being the chance of staying. R builds the same transition matrix from the same file.",
        "",
        "## Summary",
        "",
        "| table | classes | stationary: largest difference | first passage: largest relative "
        "difference | every figure |",
        "|---|---|---|---|---|",
        *summary,
        "",
        "Figures that differ: %d." % bad_total,
        "",
        "## How the figures line up",
        "",
        "- **Stationary distribution**: careerpath solves pi (P - I) = 0 with sum(pi) = 1 on "
        "the one closed class by LU; markovchain's `steadyStates` takes the eigenvector of P' "
        "for eigenvalue 1. Both are exact up to rounding, so they agree to about 1e-15.",
        "- **Mean first-passage times**: `careerpath markov --to J` reports, per class, the "
        "expected number of steps to reach J given that J is reached; in an irreducible chain "
        "J is reached with probability 1, so this is the mean first-passage time that "
        "`meanFirstPassageTime` gives. Both give 0 from J to itself (the mean return time, "
        "1/pi_J, is not what either reports).",
        "- **Network measures** count moves: cells between two different classes with a "
        "positive count. The diagonal (people who stayed) is a self-loop, not a move, on both "
        "sides, and an empty cell (count 0) is not a move either. Where every off-diagonal cell is positive a "
        "table is a complete directed graph: density, reciprocity and clustering are 1, "
        "diameter and mean path length 1, and betweenness is 0 everywhere. That is the right "
        "answer, not a weak test; the tables with empty cells (%s) are not complete, and "
        "the generated graphs of `tests/e2e/against_networkx.py` (40 seeds, sparse, with zero "
        "counts, self-loops and parallel rows) and the sample histories below exercise the "
        "measures where they vary." % (", ".join(sparse) or "none"),
        "- **Strength and pagerank** weigh moves by count. NetworkX 2.8's `pagerank` needs "
        "SciPy, so the comparison calls its pure-Python power iteration "
        "(`_pagerank_python`, tolerance 1e-15); both send a role with no way out to every "
        "role uniformly.",
        "- **Closeness**: careerpath's is 1 / the mean distance to the roles a role reaches "
        "(igraph, outward); NetworkX's `closeness_centrality` measures inward distance and "
        "scales by reach (Wasserman-Faust), so the comparison uses it on the reversed graph "
        "with `wf_improved=False`. A role that reaches nothing has no closeness in careerpath "
        "(null) and 0 in NetworkX; those are counted as agreeing.",
        "- **Communities**: Leiden and Louvain are randomised heuristics whose partitions "
        "depend on the implementation's order of visits, so partitions are not compared; the "
        "modularity careerpath reports for its partition is checked against NetworkX's "
        "`modularity` of the same partition on the same undirected weighted moves.",
        "- **Assortativity** (by level and domain) is compared on the generated graphs only: "
        "the tables' classes carry neither.",
        "",
        "## Per table",
        "",
    ]
    doc = os.path.join(ROOT, "docs", "validation.md")
    # bench/indices_check.py --write owns the section between its markers: kept as it is.
    kept = []
    begin, end = "<!-- indices_check.py: begin -->", "<!-- indices_check.py: end -->"
    if os.path.exists(doc):
        text = open(doc).read()
        if begin in text and end in text:
            kept = ["", text[text.index(begin):text.index(end) + len(end)]]
    with open(doc, "w") as f:
        f.write("\n".join(head + out + real).rstrip() + "\n" + "\n".join(kept) + ("\n" if kept else ""))
    print("docs/validation.md: %d figures differ" % bad_total)
    sys.exit(1 if bad_total else 0)


if __name__ == "__main__":
    main()

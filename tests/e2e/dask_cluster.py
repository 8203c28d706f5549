#!/usr/bin/python3
"""dask_cluster.py: scripts/careerpath-dask on a LocalCluster of 2 workers equals one careerpath run:
the mobility build over data/sample-histories.csv split into 8 files (K = 1 and 5, CSV and
DOT), bad rows reported at their file:line in those 8 files, the same rows as TSV under other
column names through --columns, the workers' `mobility split` errors passed on, and 1,000
route questions split
over the 2 workers. Skips (77) only when python3-distributed is not installed.
Usage: dask_cluster.py CAREERPATH SOURCE_DIR"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

try:
    from dask.distributed import LocalCluster
except ImportError:
    print("skipped: python3-distributed is not installed (./scripts/deps.sh installs it)")
    sys.exit(77)

BIN, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DRIVER = os.path.join(SRC, "scripts", "careerpath-dask")
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def split_sample(work):
    """The sample in 8 files of consecutive rows, each with the header; and where each
    original line went."""
    with open(os.path.join(SRC, "data", "sample-histories.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines(True)
    header, rows = lines[0], lines[1:]
    size = -(-len(rows) // 8)
    place = {}
    for i in range(8):
        with open(os.path.join(work, f"h{i}.csv"), "w", encoding="utf-8") as f:
            f.write(header + "".join(rows[i * size:(i + 1) * size]))
        for j in range(len(rows[i * size:(i + 1) * size])):
            place[i * size + j + 2] = f"h{i}.csv:{j + 2}"
    return place


def bad_listed(stderr):
    return [line.strip() for line in stderr.splitlines() if line.startswith("  ")]


def mobility(work, scheduler, place):
    sample = os.path.join(SRC, "data", "sample-histories.csv")
    for k in (1, 5):
        one = run([BIN, "mobility", "build", sample, "-o", f"one{k}.csv", "--roles-out",
                   f"one{k}-roles.csv", "--min-people", str(k)], work)
        dist = run([DRIVER, "--scheduler", scheduler, "--careerpath", BIN, "mobility", "h*.csv",
                    "-o", f"dist{k}.csv", "--roles-out", f"dist{k}-roles.csv", "--min-people",
                    str(k), "--partitions", "6"], work)
        check(one.returncode == 0 and dist.returncode == 0,
              f"K={k}: both runs succeed ({one.returncode}, {dist.returncode}) {dist.stderr[-300:]}")
        for name in ("", "-roles"):
            check(read(os.path.join(work, f"one{k}{name}.csv")) ==
                  read(os.path.join(work, f"dist{k}{name}.csv")),
                  f"K={k}: transitions{name} byte for byte one build's")
        check(len(re.findall(r"partition \d+/6 done", dist.stderr)) == 6,
              f"K={k}: a progress line per partition")
        # Bad rows: the same rows, named at their line in the 8 files.
        want = []
        for line in bad_listed(one.stderr):
            m = re.match(r".*sample-histories\.csv:(\d+): (.*)", line)
            want.append(f"{place[int(m.group(1))]}: {m.group(2)}")
        got = bad_listed(dist.stderr)
        check(len(want) == 5 and got == want, f"K={k}: bad rows at their file:line {got}")
    one = run([BIN, "mobility", "build", sample, "-o", "one.gv"], work)
    dist = run([DRIVER, "--scheduler", scheduler, "--careerpath", BIN, "mobility", "h*.csv", "-o",
                "dist.gv", "--partitions", "3"], work)
    check(read(os.path.join(work, "one.gv")) == read(os.path.join(work, "dist.gv")),
          "DOT, K=5 by default: byte for byte")


def mobility_tsv(work, scheduler):
    """Tab-separated inputs under other column names, read through --columns (one file named
    .tsv, one told by its header): the same graph as the CSV build, bad rows at their line."""
    with open(os.path.join(SRC, "data", "sample-histories.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    names = {"person": "Worker ID", "role": "occ", "start": "from", "end": "until"}
    header = "\t".join(names.get(c, c) for c in lines[0].split(","))
    rows = ["\t".join(line.split(",")) for line in lines[1:]]
    half = len(rows) // 2
    for name, part in (("t0.tsv", rows[:half]), ("t1.dat", rows[half:])):
        with open(os.path.join(work, name), "w", encoding="utf-8") as f:
            f.write(header + "\n" + "\n".join(part) + "\n")
    cmap = "person=Worker ID,role=occ,start=from,end=until"
    dist = run([DRIVER, "--scheduler", scheduler, "--careerpath", BIN, "mobility", "t0.tsv",
                "t1.dat", "-o", "tsv5.csv", "--columns", cmap, "--partitions", "4"], work)
    check(dist.returncode == 0, f"TSV with --columns: the run succeeds {dist.stderr[-300:]}")
    for name in ("", "-roles"):
        check(os.path.exists(os.path.join(work, "roles.csv")) and
              read(os.path.join(work, f"one5{name}.csv")) ==
              read(os.path.join(work, "tsv5.csv" if not name else "roles.csv")),
              f"TSV with --columns: transitions{name} byte for byte the CSV build's")
    one = run([BIN, "mobility", "build", os.path.join(SRC, "data", "sample-histories.csv"), "-o",
               "-"], work)
    want = []
    for line in bad_listed(one.stderr):
        m = re.match(r".*sample-histories\.csv:(\d+): (.*)", line)
        at = int(m.group(1))
        want.append((f"t0.tsv:{at}" if at <= half + 1 else f"t1.dat:{at - half}") + ": " +
                    m.group(2))
    got = bad_listed(dist.stderr)
    check(len(want) == 5 and got == want, f"TSV with --columns: bad rows at their file:line {got}")


def mobility_split(work, scheduler):
    """The workers' `careerpath mobility split`: its timings, and its one-line errors naming
    file:line, passed on with its exit code."""
    dist = run([DRIVER, "--scheduler", scheduler, "--careerpath", BIN, "--timings", "mobility",
                "h0.csv", "h1.csv", "-o", "two.csv", "--partitions", "3"], work)
    check(dist.returncode == 0 and re.search(r"timings: split [0-9.]+ s", dist.stderr),
          f"split: timed {dist.stderr[-200:]}")
    with open(os.path.join(work, "nop.csv"), "w", encoding="utf-8") as f:
        f.write("who,role,start\np,x,2001\n")
    dist = run([DRIVER, "--scheduler", scheduler, "--careerpath", BIN, "mobility", "h0.csv",
                "nop.csv", "-o", "nop-out.csv"], work)
    check(dist.returncode == 3 and "nop.csv:1: header lacks the required column 'person'" in
          dist.stderr and not os.path.exists(os.path.join(work, "nop-out.csv")),
          f"split: a header without person is exit 3 at its file:line {dist.stderr[-300:]}")
    with open(os.path.join(work, "other.csv"), "w", encoding="utf-8") as f:
        f.write("person,start,role,end\np,2001,x,\n")
    dist = run([DRIVER, "--scheduler", scheduler, "--careerpath", BIN, "mobility", "h0.csv",
                "other.csv", "-o", "other-out.csv"], work)
    check(dist.returncode == 3 and "other.csv: its header differs from h0.csv's" in dist.stderr,
          f"split: headers that differ are exit 3 {dist.stderr[-300:]}")


def questions(work):
    roles = json.loads(subprocess.run([BIN, "roles", "--format", "json"], capture_output=True,
                                      text=True, check=True).stdout)
    ids = [r["id"] for r in (roles["roles"] if isinstance(roles, dict) else roles)]
    rnd = random.Random(18)
    rows = ["from,to,by,k"]
    for i in range(1000):
        by = rnd.choice(["months", "cost", "steps", "effort"])
        a, b = rnd.choice(ids), rnd.choice(ids)
        if i in (17, 503):
            b = "nobody"  # a bad row, reported with its line
        rows.append(f"{a},{b},{by},{rnd.choice(['', '', '2'])}")
    with open(os.path.join(work, "q.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")


def route(work, scheduler):
    questions(work)
    for fmt in ("text", "json"):
        one = run([BIN, "route", "--batch", "q.csv", "--format", fmt], work)
        dist = run([DRIVER, "--scheduler", scheduler, "--careerpath", BIN, "route", "--batch",
                    "q.csv", "--format", fmt], work)
        check(one.stdout == dist.stdout and one.stdout.count("\n") >= 998,
              f"route --batch ({fmt}), 1,000 questions over 2 workers: the same answers in order")
        check(one.returncode == dist.returncode == 3, f"{fmt}: exit 3 for the bad rows")
        check(one.stderr == dist.stderr, f"{fmt}: the same messages (lines 19, 505) and summary "
              f"{dist.stderr!r}")


def main():
    with tempfile.TemporaryDirectory(prefix="cp-dask-test.") as work:
        place = split_sample(work)
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        try:
            mobility(work, cluster.scheduler_address, place)
            mobility_tsv(work, cluster.scheduler_address)
            mobility_split(work, cluster.scheduler_address)
            route(work, cluster.scheduler_address)
        finally:
            cluster.close()
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

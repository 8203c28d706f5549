#!/usr/bin/env python3
"""The CLI's shape, as issue 11 set it: no function in src/cli over 60 lines (measured with
ctags, as the issue does) and no cycle between its modules (module A depends on B when A's
object uses a symbol B's object defines). Usage: structure.py SOURCE_DIR CLI_OBJECT_DIR"""
import collections
import glob
import os
import subprocess
import sys

LIMIT = 60


def long_functions(src):
    out = subprocess.run(
        ["ctags", "--fields=+ne", "--kinds-C=f", "-o", "-"] + sorted(glob.glob(src + "/src/cli/*.c")),
        capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        fields = line.split("\t")
        attrs = dict(f.split(":", 1) for f in fields[3:] if ":" in f)
        if "line" in attrs and "end" in attrs:
            n = int(attrs["end"]) - int(attrs["line"]) + 1
            found.append((n, os.path.relpath(fields[1], src), fields[0]))
    return sorted(found, reverse=True)


def module_cycles(objdir):
    defs, uses = {}, collections.defaultdict(set)
    for obj in glob.glob(objdir + "/*.o"):
        module = os.path.basename(obj)[:-len(".c.o")]
        for line in subprocess.run(["nm", obj], capture_output=True, text=True,
                                   check=True).stdout.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in "TDRB":
                defs[p[2]] = module
            elif len(p) == 2 and p[0] == "U":
                uses[module].add(p[1])
    deps = {m: {defs[s] for s in us if s in defs and defs[s] != m} for m, us in uses.items()}
    # Tarjan's strongly connected components.
    index, low, stack, on, cycles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in deps.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(set(defs.values()) | set(deps)):
        if v not in index:
            visit(v)
    return cycles, len(set(defs.values()))


def main():
    src, objdir = sys.argv[1], sys.argv[2]
    status = 0
    functions = long_functions(src)
    if not functions:
        print("FAIL: ctags found no functions in src/cli")
        return 1
    for n, path, name in functions:
        if n > LIMIT:
            print(f"FAIL: {path}: {name} is {n} lines (at most {LIMIT})")
            status = 1
    print(f"{len(functions)} functions in src/cli; the longest: "
          + ", ".join(f"{name} {n}" for n, _, name in functions[:3]))
    cycles, modules = module_cycles(objdir)
    if modules < 10:
        print(f"FAIL: only {modules} modules in {objdir}")
        status = 1
    for c in cycles:
        print("FAIL: modules depend on each other in a cycle: " + ", ".join(c))
        status = 1
    print(f"{modules} modules, {len(cycles)} cycles")
    return status


if __name__ == "__main__":
    sys.exit(main())

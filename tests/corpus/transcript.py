#!/usr/bin/env python3
"""One reviewable text of a corpus run (run.sh's output directory): per case, in cases.txt
order, its exit code, stdout, stderr and the files it wrote. Text is shown whole; drawings
(SVG, HTML, PNG, PDF, laid-out DOT) and anything not UTF-8 by size and SHA-256, which is
enough to say that they changed (docs/gallery.sh's diagrams are the ones to look at).
Usage: transcript.py RUN_DIR CASES_TXT"""
import hashlib
import os
import sys


def drawing(data):
    head = data[:200]
    return (b"\0" in data or head.startswith((b"<?xml", b"<!DOCTYPE html", b"%PDF", b"\x89PNG"))
            or (head.startswith(b"digraph") and b" pos=" in data))


def show(title, data):
    if drawing(data):
        return f"--- {title}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}\n"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return f"--- {title}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}\n"
    if not text:
        return f"--- {title}: empty\n"
    end = "" if text.endswith("\n") else "\n--- (no newline at the end)\n"
    return f"--- {title}\n{text}{end}"


def main():
    run, cases = sys.argv[1], sys.argv[2]
    out = sys.stdout
    for line in open(cases, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        name = line.split()[0]
        if not os.path.exists(os.path.join(run, name + ".code")):
            continue
        code = open(os.path.join(run, name + ".code")).read().strip()
        out.write(f"=== {name}: exit {code}\n")
        for stream in ("out", "err"):
            with open(os.path.join(run, f"{name}.{stream}"), "rb") as f:
                out.write(show("stdout" if stream == "out" else "stderr", f.read()))
        files = os.path.join(run, name + ".files")
        for root, _, names in sorted(os.walk(files)):
            for n in sorted(names):
                path = os.path.join(root, n)
                with open(path, "rb") as f:
                    out.write(show("file " + os.path.relpath(path, files), f.read()))


if __name__ == "__main__":
    main()

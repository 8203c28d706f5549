#!/usr/bin/env python3
"""The html route page as a student's browser sees it: loaded in headless Chromium.

Usage: chromium.py BINARY. Exits 77 (skipped) where Debian's chromium is not installed.
For three questions, `route --format html` is loaded from a file:// URL with the network
off; the DOM Chromium builds must hold the inline drawing (every step's role, in order)
and a step table whose every cell matches the same question's `route --format json`.
A screenshot must come out, and be more than a blank page.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = shutil.which("chromium")
if not CHROMIUM:
    print("skipped: chromium is not installed")
    sys.exit(77)

QUESTIONS = [
    ["--from", "nurse-manager", "--to", "cnio"],
    ["--from", "General IT Professional", "--to", "Privacy Officer", "--have", "PMP"],
    ["--from", "physician", "--to", "cmio", "--by", "cost"],
]


class Page(html.parser.HTMLParser):
    """Collects the step table's body rows (cell texts) and the SVG route node titles."""

    def __init__(self):
        super().__init__()
        self.rows, self.in_body, self.cell, self.row = [], False, None, None
        self.svg_titles, self.in_route_node, self.in_title = {}, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.row = []
        elif tag == "td" and self.row is not None:
            self.cell = ""
        elif tag == "g" and a.get("id", "").startswith("route_node_"):
            self.in_route_node = int(a["id"][len("route_node_"):])
        elif tag == "title" and self.in_route_node is not None:
            self.in_title = True
            self.svg_titles[self.in_route_node] = ""

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "td" and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "title" and self.in_title:
            self.in_title = False
            self.in_route_node = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.in_title:
            self.svg_titles[self.in_route_node] += data


def money(v):
    return "$" + format(int(round(v)), ",")


def chromium(args, work):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--user-data-dir=" + os.path.join(work, "profile"),
           # Nothing may come from the network: the page must be self-contained.
           "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"] + args
    return subprocess.run(cmd, capture_output=True, timeout=120)


def main():
    binary = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for i, q in enumerate(QUESTIONS):
            page = os.path.join(work, "plan%d.html" % i)
            subprocess.run([binary, "route", *q, "--format", "html", "-o", page], check=True)
            route = json.loads(subprocess.run([binary, "route", *q, "--format", "json"],
                                              check=True, capture_output=True,
                                              text=True).stdout)["routes"][0]
            r = chromium(["--dump-dom", "file://" + page], work)
            if r.returncode != 0 or b"</html>" not in r.stdout:
                print("question %d: Chromium did not load the page: %s" % (i, r.stderr[-500:]))
                failures += 1
                continue
            p = Page()
            p.feed(r.stdout.decode("utf-8"))
            labels = route["labels"]
            want_rows = []
            for k, t in enumerate(route["transitions"]):
                want_rows.append([str(k + 1), labels[k], labels[k + 1], "%g" % t["months"],
                                  money(t["cost"]), "%g" % t["effort"], ", ".join(t["held"]),
                                  ", ".join(t["to_earn"])])
            got_rows = [row[:8] for row in p.rows]
            if got_rows != want_rows:
                print("question %d: step table %r, JSON route %r" % (i, got_rows, want_rows))
                failures += 1
            titles = [p.svg_titles.get(k) for k in range(len(labels))]
            if titles != labels:
                print("question %d: drawing's route roles %r, JSON %r" % (i, titles, labels))
                failures += 1
            shot = os.path.join(work, "shot%d.png" % i)
            r = chromium(["--screenshot=" + shot, "--window-size=1200,800", "file://" + page],
                         work)
            if not os.path.exists(shot) or os.path.getsize(shot) < 5000:
                print("question %d: no screenshot, or a blank one" % i)
                failures += 1
    print("%d questions, %d failures" % (len(QUESTIONS), failures))
    sys.exit(1 if failures else 0)


main()

#!/usr/bin/env python3
"""The html route page as a student's browser sees it: loaded in headless Chromium.

Usage: chromium.py BINARY. Exits 77 (skipped) where Debian's chromium is not installed.
For three questions, `route --format html` is loaded from a file:// URL with the network
off; the DOM Chromium builds must hold the inline drawing (every step's role, in order)
and a step table whose every cell matches the same question's `route --format json`.
A screenshot must come out, and be more than a blank page.

Printing (issue 13): handouts of 2-4 step routes, alone, with --k 2 and with --pareto, are
printed to PDF on Letter and on A4 (the page given an A4 @page size, as a browser set to A4
prints it); pdfinfo must find one page of that paper. At 816 px wide (Letter's width at 96
dpi) no element may overflow: the page's scrollWidth must not exceed its clientWidth.
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


HANDOUTS = [
    ["--from", "registered-nurse", "--to", "cnio"],
    ["--from", "registered-nurse", "--to", "cnio", "--by", "cost", "--k", "2",
     "--title", "Jos\u00e9 \u00c1lvarez"],
    ["--from", "registered-nurse", "--to", "cnio", "--pareto", "months,cost"],
    ["--from", "Health Systems Analyst", "--to", "Clinical Informaticist", "--k", "3"],
]
PAPERS = {"letter": (612, 792, ""), "a4": (595.28, 841.89, "@page{size:A4}")}
MEASURE = ("<script>addEventListener('load',function(){var e=document.documentElement;"
           "document.body.setAttribute('data-fit',e.scrollWidth+'/'+e.clientWidth);});"
           "</script>")


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))
    size = next(l for l in info.splitlines() if l.startswith("Page size:")).split()
    return pages, float(size[2]), float(size[4])


def printing(binary, work):
    failures = 0
    for i, q in enumerate(HANDOUTS):
        page = os.path.join(work, "handout%d.html" % i)
        subprocess.run([binary, "route", *q, "-o", page], check=True)
        text = open(page, encoding="utf-8").read()
        for name, (w, h, css) in PAPERS.items():
            sheet = os.path.join(work, "handout%d-%s.html" % (i, name))
            with open(sheet, "w", encoding="utf-8") as f:
                f.write(text.replace("</style>", css + "</style>", 1))
            pdf = os.path.join(work, "handout%d-%s.pdf" % (i, name))
            chromium(["--print-to-pdf=" + pdf, "--no-pdf-header-footer", "file://" + sheet], work)
            if not os.path.exists(pdf):
                print("handout %d: no PDF on %s" % (i, name))
                failures += 1
                continue
            pages, pw, ph = pdf_pages(pdf)
            if pages != 1 or abs(pw - w) > 1 or abs(ph - h) > 1:
                print("handout %d on %s: %d pages of %g x %g pt" % (i, name, pages, pw, ph))
                failures += 1
        measured = os.path.join(work, "handout%d-fit.html" % i)
        with open(measured, "w", encoding="utf-8") as f:
            f.write(text.replace("</body>", MEASURE + "</body>", 1))
        r = chromium(["--window-size=816,1056", "--dump-dom", "file://" + measured], work)
        dom = r.stdout.decode("utf-8")
        fit = dom.split('data-fit="', 1)[1].split('"', 1)[0] if 'data-fit="' in dom else ""
        scroll, client = (int(v) for v in fit.split("/")) if fit else (1, 0)
        if scroll > client:
            print("handout %d: overflows at 816 px (scrollWidth/clientWidth %s)" % (i, fit))
            failures += 1
    print("%d handouts printed on letter and a4, %d failures" % (len(HANDOUTS), failures))
    return failures


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
            for k, t in enumerate(route["transitions"]):
                want_rows[k][5] = "%g (" % t["effort"]
                want_rows[k][6:] = []
            got_rows = [row[:5] + [row[5][:len(w[5])]] for row, w in zip(p.rows, want_rows)]
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
        failures += printing(binary, work)
    print("%d questions, %d failures" % (len(QUESTIONS), failures))
    sys.exit(1 if failures else 0)


main()

#!/usr/bin/python3
"""careerpath serve in a real browser: Debian's headless Chromium, driven through DevTools.

Usage: serve_browser.py BINARY [SHOTS_DIR]. Exits 77 (skipped) where chromium or
python3-websocket is missing. Starts `BINARY serve --port 0` (the built-in graph), opens the
URL it prints, and as a person does: types part of a role's name into "I am now", picks the
suggestion with the keyboard, the same for the target, submits with Enter. Then checks:
- the fastest and cheapest totals on the page are those of `route --by months` and
  `route --by cost --format json` (issue 15's acceptance: RN -> CNIO);
- the drawn route names each role of the CLI's route, in order, and the step table's every
  row is the CLI's transition (roles, months, cost, effort);
- the address holds the question, and loading it again shows the same answer;
- choosing Cheapest with the keyboard shows the cheapest route's table;
- a hostile query stays text (no element made from it), the page is readable at 400 px
  (nothing wider than the screen but the drawing, which scrolls), no console error or CSP
  violation happened;
- the handout the Print button prints, printed to PDF by Chromium, is one page (pdfinfo).
- /api/route?from=registered-nurse&to=cnio&by=cost is byte for byte the CLI's JSON.
Screenshots go to SHOTS_DIR when given.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import cdp
except ImportError:
    print("skipped: python3-websocket is not installed")
    sys.exit(77)
if not cdp.CHROMIUM:
    print("skipped: chromium is not installed")
    sys.exit(77)

BIN = sys.argv[1]
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None


def cli_json(*args):
    out = subprocess.run([BIN, "route", *args, "--format", "json"], check=True,
                         capture_output=True).stdout
    return out, json.loads(out)


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def number(text):
    """'$60,695' or '24' as a float."""
    return float(re.sub(r"[$,]", "", text))


def start_server():
    proc = subprocess.Popen([BIN, "serve", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for _ in range(2):
        line = proc.stdout.readline()
        m = re.search(r"Open (http://127\.0\.0\.1:\d+/) in a browser", line)
        if m:
            return proc, m.group(1)
    proc.kill()
    fail("serve printed no URL: " + proc.stderr.read())


def shot(page, name):
    if SHOTS:
        page.screenshot(os.path.join(SHOTS, name))


def pick_role(page, field, typed, want_id):
    page.focus("#" + field)
    page.type(typed)
    page.wait("!document.getElementById('%s-list').hidden" % field, what="suggestions")
    page.press("ArrowDown")
    page.press("Enter")
    got = page.eval("document.getElementById('%s').dataset.value" % field)
    check(got == want_id, "typing %r into %s picked %r, not %r" % (typed, field, got, want_id))


def check_answer(page, answer):
    """The drawn route and the step table are the CLI's first route."""
    route = answer["routes"][0]
    page.wait("document.querySelector('#drawing svg')", what="the drawing")
    drawn = page.eval("document.querySelector('#drawing svg').textContent")
    at = 0
    for label in route["labels"]:
        i = drawn.find(label, at)
        check(i >= 0, "the drawing lacks %r after position %d" % (label, at))
        at = i + len(label)
    rows = page.eval("[...document.querySelectorAll('#steps tbody tr')].map(r => "
                     "[...r.cells].map(c => c.textContent.trim()))")
    check(len(rows) == len(route["transitions"]),
          "%d table rows for %d steps" % (len(rows), len(route["transitions"])))
    labels = dict(zip(route["roles"], route["labels"]))
    for i, (row, t) in enumerate(zip(rows, route["transitions"])):
        check(row[0] == str(i + 1), "row %d is numbered %r" % (i, row[0]))
        check(labels[t["from"]] in row[1] and labels[t["to"]] in row[1],
              "row %d's move %r is not %s to %s" % (i, row[1], t["from"], t["to"]))
        for col, key in ((2, "months"), (3, "cost"), (4, "effort")):
            check(number(row[col]) == t[key], "row %d %s %r, the CLI says %s" %
                  (i, key, row[col], t[key]))


def check_cards(page, fastest, cheapest):
    cards = page.eval("Object.fromEntries([...document.querySelectorAll('#compare .card')]"
                      ".map(c => [c.dataset.by, c.querySelector('.big').textContent]))")
    check(cards.get("months") == "%g months" % fastest["routes"][0]["months"],
          "fastest card %r, the CLI says %s months" % (cards.get("months"),
                                                        fastest["routes"][0]["months"]))
    check(number(cards.get("cost", "x0")) == cheapest["routes"][0]["cost"],
          "cheapest card %r, the CLI says %s" % (cards.get("cost"), cheapest["routes"][0]["cost"]))


def ask_rn_cnio(page, url, fastest, cheapest):
    page.goto(url, ready="document.documentElement.dataset.ready === 'true'")
    shot(page, "serve-empty.png")
    pick_role(page, "from", "registered nu", "registered-nurse")
    pick_role(page, "to", "cnio", "cnio")
    page.press("Enter")  # submits the form
    page.wait("document.querySelectorAll('#compare .card').length === 4", what="the answer")
    check_answer(page, fastest)
    check_cards(page, fastest, cheapest)
    shot(page, "serve-rn-cnio.png")
    address = page.eval("location.search")
    check("from=registered-nurse" in address and "to=cnio" in address and "by=months" in address,
          "the address %r does not hold the question" % address)
    return address


def choose_cheapest(page, cheapest):
    page.focus("input[name=by][value=cost]")
    page.press(" ")
    page.eval("document.getElementById('question').requestSubmit()")
    page.wait("location.search.includes('by=cost') && "
              "document.getElementById('route-title').textContent.includes('cheapest')",
              what="the cheapest route")
    page.wait("document.querySelector('#drawing svg')", what="the drawing")
    check_answer(page, cheapest)


def check_bookmark(browser, url, address, fastest):
    page = browser.page()
    page.goto(url + address.lstrip("/"), ready="document.documentElement.dataset.ready === 'true'")
    page.wait("document.querySelectorAll('#steps tbody tr').length", what="the bookmarked answer")
    check_answer(page, fastest)
    check(not page.problems, "problems: %s" % page.problems)


def check_narrow_and_hostile(browser, url):
    page = browser.page(width=400, height=900)
    hostile = "<img src=x onerror=alert(1)>"
    page.goto(url + "?from=registered-nurse&to=cnio&by=cost",
              ready="document.documentElement.dataset.ready === 'true'")
    page.wait("document.querySelectorAll('#steps tbody tr').length", what="the narrow answer")
    wide = page.eval("[...document.querySelectorAll('body *')].filter(e => "
                     "!e.closest('#drawing') && e.getBoundingClientRect().right > 401).length")
    check(wide == 0, "%d elements are wider than 400 px" % wide)
    check(page.eval("document.documentElement.scrollWidth") <= 400, "the page scrolls sideways")
    shot(page, "serve-400px.png")
    page.goto(url + "?from=" + urllib.request.quote(hostile) + "&to=cnio",
              ready="document.documentElement.dataset.ready === 'true'")
    # Wait for the answer's message itself: under load the status first says it is asking.
    page.wait("document.getElementById('status').textContent.includes('no role')",
              what="the error message")
    check(page.eval("document.querySelectorAll('img[src=x]').length") == 0,
          "the hostile text became an element")
    check(hostile in page.eval("document.getElementById('status').textContent"),
          "the error does not name what was typed")
    check(not [p for p in page.problems if "dialog" in p], "a dialog opened: %s" % page.problems)


def check_handout(browser, url, tmp):
    page = browser.page()
    page.goto(url + "?from=registered-nurse&to=cnio&by=cost",
              ready="document.documentElement.dataset.ready === 'true'")
    page.wait("document.getElementById('handout').href.includes('format=html')",
              what="the handout link")
    handout = page.eval("document.getElementById('handout').href")
    page.goto(handout)
    pdf = os.path.join(tmp, "handout.pdf")
    page.pdf(pdf)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = re.search(r"Pages:\s+(\d+)", info).group(1)
    check(pages == "1", "the handout prints on %s pages" % pages)
    if SHOTS:
        shutil.copy(pdf, os.path.join(SHOTS, "serve-handout.pdf"))


def check_api_bytes(url):
    want, _ = cli_json("--from", "registered-nurse", "--to", "cnio", "--by", "cost")
    with urllib.request.urlopen(url + "api/route?from=registered-nurse&to=cnio&by=cost") as r:
        got = r.read()
    check(got == want, "/api/route is not the CLI's JSON byte for byte")


def main():
    if shutil.which("pdfinfo") is None:
        print("skipped: pdfinfo (poppler-utils) is not installed")
        sys.exit(77)
    _, fastest = cli_json("--from", "registered-nurse", "--to", "cnio", "--by", "months")
    _, cheapest = cli_json("--from", "registered-nurse", "--to", "cnio", "--by", "cost")
    check(fastest["routes"][0]["roles"] != [] and cheapest["routes"], "the CLI found no route")
    server, url = start_server()
    browser = cdp.Browser()
    tmp = tempfile.mkdtemp(prefix="cp-serve-browser-")
    try:
        check_api_bytes(url)
        page = browser.page()
        address = ask_rn_cnio(page, url, fastest, cheapest)
        choose_cheapest(page, cheapest)
        check(not page.problems, "problems in the page: %s" % page.problems)
        check_bookmark(browser, url, address, fastest)
        check_narrow_and_hostile(browser, url)
        check_handout(browser, url, tmp)
    finally:
        browser.close()
        shutil.rmtree(tmp, ignore_errors=True)
        server.terminate()
        out, err = server.communicate(timeout=30)
    check(server.returncode == 0, "serve exited %d on SIGTERM: %s" % (server.returncode, err))
    check("Stopped (SIGTERM)" in out, "serve did not say it stopped: %r" % out)
    print("ok: RN -> CNIO fastest and cheapest in Chromium equal the CLI's JSON; "
          "handout one page; API bytes equal")


if __name__ == "__main__":
    main()

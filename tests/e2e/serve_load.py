#!/usr/bin/python3
"""careerpath serve under load and under attack, on loopback, stopping by itself.

Usage: serve_load.py BINARY [--sanitized] [--requests N]. Exits 77 (skipped) where ab
(apache2-utils) is missing. Starts `BINARY serve --port 0` on the built-in graph, then twice:
- N API requests (default 20,000) over 64 concurrent connections: four `ab` runs at once,
  each N/4 requests over 16 keep-alive connections, on four questions (route by cost, route
  by months with k=3, reach within a budget, into); none may fail or answer other than 200;
  every request's time is gathered (ab -g) for the median, p99 and the slowest;
- meanwhile 200 malformed requests from another thread (bad percent-encoding, unknown roles,
  bad numbers, POST, a target over the bound, a foreign Host, garbage, no Host, a header
  over libmicrohttpd's memory limit, an unserved format), each of which must be answered
  4xx; 10 requests that are not HTTP/1.x (HTTP/9.9: 505; a line with no target, such as a
  TLS hello, is closed unanswered by libmicrohttpd);
  and a connection that sends half a request and then nothing, which the server must
  close within its idle timeout (10 s) plus 5 s.
The server's resident memory (VmRSS) after the first run and after the second must not grow
by more than 1 MiB (no leak per request: 20,000 requests leaking 64 bytes each would grow it
1.2 MiB),
unless --sanitized (ASan's quarantine holds freed memory; LeakSanitizer checks instead, when
the server exits). After both runs one more answer must be the CLI's bytes, and SIGTERM must
stop the server with exit 0 (under ASan: no report at exit).
Prints the figures docs/performance.md quotes.
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

BIN = sys.argv[1]
SANITIZED = "--sanitized" in sys.argv
TOTAL = int(sys.argv[sys.argv.index("--requests") + 1]) if "--requests" in sys.argv else 20000
AB = shutil.which("ab")
if not AB:
    print("skipped: ab (apache2-utils) is not installed")
    sys.exit(77)

QUESTIONS = [
    "/api/route?from=registered-nurse&to=cnio&by=cost",
    "/api/route?from=registered-nurse&to=cnio&by=months&k=3",
    "/api/reach?from=registered-nurse&budget=20000",
    "/api/into?to=cmio",
]
CONNECTIONS = 64
IDLE = 10


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def start_server():
    proc = subprocess.Popen([BIN, "serve", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for _ in range(2):
        m = re.search(r"Open http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())
        if m:
            return proc, int(m.group(1))
    proc.kill()
    fail("serve printed no URL: " + proc.stderr.read())


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def malformed(port):
    """Raw requests the server must answer 4xx, each on its own connection."""
    host = "Host: 127.0.0.1:%d\r\n" % port
    end = "Connection: close\r\n\r\n"
    get = lambda target: "GET %s HTTP/1.1\r\n%s%s" % (target, host, end)
    return [
        get("/api/route?from=%zz&to=cnio"),
        get("/api/route?from=nobody&to=cnio"),
        get("/api/route?from=registered-nurse&to=cnio&budget=lots"),
        get("/api/route?from=registered-nurse&to=cnio&max-months=-3"),
        get("/api/route?from=registered-nurse&to=cnio&k=many"),
        get("/api/route?from=%ff&to=cnio"),
        get("/api/route?from=a%00b&to=cnio"),
        get("/api/route?from=registered-nurse&to=cnio&format=png"),
        get("/api/route?from=registered-nurse&to=cnio&have-file=/etc/passwd"),
        get("/api/nothing"),
        get("/" + "a" * 5000),
        "POST /api/route HTTP/1.1\r\n%sContent-Length: 4\r\n%sbody" % (host, end),
        "GET /api/roles HTTP/1.1\r\nHost: evil.example\r\n" + end,
        "GET /api/roles HTTP/1.1\r\n" + end,  # HTTP/1.1 without Host
        "GET /api/roles HTTP/1.1\r\n%sX-Big: %s\r\n%s" % (host, "b" * 40000, end),
        "GET /api/roles\r\n\r\n",  # HTTP/0.9
        "FOO BAR\r\n\r\n",
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n",
        "GET / HTTP/1.1\r\n%sBad Header Line\r\n%s" % (host, end),
        get("/api/route?from=registered-nurse&to=cnio&" + "&".join("a%d=1" % i for i in range(70))),
    ]


def send_raw(port, data):
    """The status the server answers to `data`, or None if it closed without one."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        try:
            s.sendall(data.encode("latin-1"))
        except (BrokenPipeError, ConnectionResetError):
            pass  # answered and closed before reading it all: the answer is still there
        reply = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        except ConnectionResetError:
            pass
    m = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
    return int(m.group(1)) if m else None


# Not HTTP/1.x at all: the answer HTTP gives (505), or none (bytes that are no request line).
NOT_HTTP = [("GET /api/roles HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 505),
            ("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03hello\r\n\r\n", None),
            ("GET\r\n\r\n", None)]


def attack(port, results):
    bad = malformed(port)
    for i in range(200):
        data = bad[i % len(bad)]
        status = send_raw(port, data)
        if status is None or not 400 <= status < 500:
            results.append("malformed request %d (%r...) answered %s" % (i, data[:60], status))
        if i % 20 == 0:
            data, want = NOT_HTTP[i // 20 % len(NOT_HTTP)]
            if send_raw(port, data) != want:
                results.append("%r was not answered %s" % (data[:30], want))
        time.sleep(0.005)


def idle_connection(port, results):
    """Half a request, then silence: the server must hang up after its idle timeout."""
    start = time.time()
    with socket.create_connection(("127.0.0.1", port), timeout=IDLE + 20) as s:
        s.sendall(b"GET /api/roles HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        try:
            while s.recv(4096):
                pass
        except (socket.timeout, ConnectionResetError) as e:
            if isinstance(e, socket.timeout):
                results.append("an idle connection stayed open %.0f s" % (time.time() - start))
                return
    waited = time.time() - start
    if waited > IDLE + 5:
        results.append("an idle connection was closed after %.1f s, not %d" % (waited, IDLE))


def load(port, tmp, run):
    """TOTAL requests over CONNECTIONS connections; every request's time in ms."""
    procs = []
    for i, q in enumerate(QUESTIONS):
        times = os.path.join(tmp, "run%d-%d.tsv" % (run, i))
        cmd = [AB, "-q", "-k", "-r", "-s", "30", "-n", str(TOTAL // len(QUESTIONS)),
               "-c", str(CONNECTIONS // len(QUESTIONS)), "-g", times,
               "http://127.0.0.1:%d%s" % (port, q)]
        procs.append((subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True), times, q))
    ms, seconds = [], 0.0
    for p, times, q in procs:
        out, err = p.communicate(timeout=600)
        if p.returncode:
            fail("ab on %s exited %d: %s" % (q, p.returncode, err.strip()))
        done = int(re.search(r"Complete requests:\s+(\d+)", out).group(1))
        failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
        non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
        if done != TOTAL // len(QUESTIONS) or failed or non2xx:
            fail("%s: %d complete, %d failed, %s non-2xx\n%s" %
                 (q, done, failed, non2xx.group(1) if non2xx else 0, out))
        seconds = max(seconds, float(re.search(r"Time taken for tests:\s+([\d.]+)", out).group(1)))
        with open(times) as f:
            next(f)
            ms += [int(line.split("\t")[4]) for line in f if line.strip()]
    if len(ms) != TOTAL:
        fail("%d request times for %d requests" % (len(ms), TOTAL))
    ms.sort()
    return {"p50": statistics.median(ms), "p99": ms[int(0.99 * len(ms)) - 1], "max": ms[-1],
            "rate": TOTAL / seconds, "seconds": seconds}


def main():
    server, port = start_server()
    tmp = tempfile.mkdtemp(prefix="cp-serve-load-")
    problems, figures, rss = [], [], []
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/api/roles" % port) as r:
            r.read()  # warm: the first answers allocate what every later one reuses
        for run in (1, 2):
            threads = [threading.Thread(target=attack, args=(port, problems))]
            if run == 1:
                threads.append(threading.Thread(target=idle_connection, args=(port, problems)))
            for t in threads:
                t.start()
            figures.append(load(port, tmp, run))
            for t in threads:
                t.join()
            rss.append(rss_kib(server.pid))
        want = subprocess.run([BIN, "route", "--from", "registered-nurse", "--to", "cnio", "--by",
                               "cost", "--format", "json"], capture_output=True,
                              check=True).stdout
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, QUESTIONS[0])) as r:
            if r.read() != want:
                problems.append("after the load, /api/route is not the CLI's bytes")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=120)
        shutil.rmtree(tmp, ignore_errors=True)
    if server.returncode != 0 or "Stopped (SIGTERM)" not in out:
        problems.append("serve exited %d on SIGTERM: %s" % (server.returncode, err[-3000:]))
    if err.strip():
        problems.append("serve wrote to stderr: " + err[-3000:])
    for run, f in enumerate(figures, 1):
        print("run %d: %d requests over %d connections in %.2f s (%.0f/s): median %g ms, "
              "p99 %d ms, slowest %d ms; 200 malformed requests mixed in; RSS %d KiB" %
              (run, TOTAL, CONNECTIONS, f["seconds"], f["rate"], f["p50"], f["p99"], f["max"],
               rss[run - 1]))
    if not SANITIZED and rss[1] - rss[0] > 1024:
        problems.append("resident memory grew from %d KiB to %d KiB" % (rss[0], rss[1]))
    if problems:
        fail("\n".join(problems))
    print("ok: no failed request, every malformed one answered 4xx, memory flat, clean stop")


if __name__ == "__main__":
    main()

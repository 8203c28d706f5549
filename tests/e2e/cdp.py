"""A small Chrome DevTools Protocol client for the serve tests: Debian's chromium, headless,
driven over its DevTools WebSocket (python3-websocket), with no download of any kind.

Browser() starts chromium with its own profile and the network limited to loopback; page()
opens a tab. A Page navigates, evaluates JavaScript, types and presses keys as a person does
(real key events, so the page's handlers run), takes screenshots and prints to PDF. Console
errors, uncaught exceptions, CSP violations and dialogs are collected in page.problems.
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

import websocket

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
         # Nothing may come from the network but the server on loopback (which Chromium never
         # sends through a proxy): the page must be self-contained.
         "--proxy-server=127.0.0.1:9"]

KEYS = {
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "Tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    "Escape": {"key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27},
    "ArrowDown": {"key": "ArrowDown", "code": "ArrowDown", "windowsVirtualKeyCode": 40},
    "ArrowUp": {"key": "ArrowUp", "code": "ArrowUp", "windowsVirtualKeyCode": 38},
    " ": {"key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " "},
}


class Browser:
    def __init__(self, timeout=30):
        self.dir = tempfile.mkdtemp(prefix="cp-chromium-")
        self.proc = subprocess.Popen(
            [CHROMIUM] + FLAGS + ["--user-data-dir=" + self.dir, "--remote-debugging-port=0",
                                  "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.dir, "DevToolsActivePort")
        deadline = time.time() + timeout
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        time.sleep(0.1)
        with open(port_file) as f:
            port, path = f.read().split("\n")[:2]
        self.ws = websocket.create_connection("ws://127.0.0.1:%s%s" % (port, path),
                                              timeout=timeout, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.time() + timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.time()))
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
            if time.time() > deadline:
                raise TimeoutError(method)

    def pump(self, seconds):
        """Reads events for a while (dialogs must be answered while they are open)."""
        end = time.time() + seconds
        while time.time() < end:
            self.ws.settimeout(max(0.01, end - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break

    def page(self, width=1280, height=900):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session, width, height)

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Page:
    def __init__(self, browser, session, width, height):
        self.b, self.session = browser, session
        self.seen = 0
        self.problems = []
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable")
        self.resize(width, height)

    def send(self, method, params=None, timeout=30):
        result = self.b.send(method, params, self.session, timeout)
        self._events()
        return result

    def _events(self):
        """Collects what went wrong in this tab, and dismisses any dialog (a failure)."""
        events = self.b.events[self.seen:]
        self.seen = len(self.b.events)
        for e in events:
            if e.get("sessionId") != self.session:
                continue
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.exceptionThrown":
                self.problems.append("exception: " + json.dumps(p["exceptionDetails"])[:400])
            elif m == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                self.problems.append("console: " + json.dumps(p["args"])[:400])
            elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
                self.problems.append("log: " + p["entry"].get("text", "")[:400])
            elif m == "Page.javascriptDialogOpening":
                self.problems.append("dialog: " + p.get("message", ""))
                self.b.send("Page.handleJavaScriptDialog", {"accept": False}, self.session)

    def resize(self, width, height):
        self.width = width
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def goto(self, url, ready="document.readyState === 'complete'", timeout=30):
        self.send("Page.navigate", {"url": url})
        self.wait(ready, timeout)

    def eval(self, expression, timeout=30):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": True}, timeout)
        if "exceptionDetails" in r:
            raise RuntimeError("%s: %s" % (expression, json.dumps(r["exceptionDetails"])[:500]))
        return r["result"].get("value")

    def wait(self, expression, timeout=30, what=None):
        deadline = time.time() + timeout
        while True:
            try:
                if self.eval("!!(%s)" % expression):
                    return
            except RuntimeError:
                pass
            if time.time() > deadline:
                raise TimeoutError("waited %ss for %s" % (timeout, what or expression))
            self.b.pump(0.05)
            self._events()

    def focus(self, selector):
        self.eval("document.querySelector(%s).focus()" % json.dumps(selector))

    def type(self, text):
        """Types text a key at a time: keydown, keypress, input, keyup, as a keyboard does."""
        for ch in text:
            self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": ch, "key": ch,
                                                 "unmodifiedText": ch})
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch})

    def press(self, key):
        k = KEYS[key]
        self.send("Input.dispatchKeyEvent", dict(k, type="keyDown" if "text" in k else "rawKeyDown"))
        self.send("Input.dispatchKeyEvent", dict(k, type="keyUp"))

    def screenshot(self, path, full_page=True, top=0, height=None):
        """The whole page (or `height` pixels of it from `top`) as a PNG."""
        params = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            h = height or self.eval("document.documentElement.scrollHeight") - top
            params["clip"] = {"x": 0, "y": top, "width": self.width, "height": h, "scale": 1}
        data = self.send("Page.captureScreenshot", params, timeout=60)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def pdf(self, path, paper="letter"):
        size = {"letter": (8.5, 11), "a4": (8.27, 11.69)}[paper]
        data = self.send("Page.printToPDF", {"printBackground": True, "paperWidth": size[0],
                                              "paperHeight": size[1], "preferCSSPageSize": True},
                         timeout=60)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

#!/usr/bin/env python3
"""`upfront lsp` on a big site: how long from a keystroke (didChange) to the findings of the
edited file (publishDiagnostics), and how long a hover takes meanwhile.

Usage: benches/lsp_latency.py UPFRONT_BINARY SITE_ROOT [EDITS]
Opens the site's first guide, appends a hand-written wait EDITS times (default 10), and prints
the time until the edited file's findings arrive with the new finding, and the hover times.
No number here is asserted by a test.
"""

import json
import os
import statistics
import subprocess
import sys
import time


def main():
    binary, root = sys.argv[1], os.path.abspath(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    proc = subprocess.Popen([binary, "--root", root, "lsp", "--today", "2026-11-23"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    ids = iter(range(1, 10**9))

    def send(msg):
        body = json.dumps(msg).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def read():
        length = 0
        while True:
            line = proc.stdout.readline()
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(proc.stdout.read(length))

    def request(method, params):
        rid = next(ids)
        send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            msg = read()
            if msg.get("id") == rid:
                return msg

    started = time.monotonic()
    request("initialize", {"processId": None, "rootUri": "file://" + root, "capabilities": {}})
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    print(f"initialize: {(time.monotonic() - started) * 1000:.0f} ms (loads the site)")
    guide = None
    for dirpath, _, names in sorted(os.walk(os.path.join(root, "content"))):
        for n in sorted(names):
            if n.endswith(".md") and not n.startswith("_"):
                guide = os.path.join(dirpath, n)
                break
        if guide:
            break
    uri = "file://" + guide
    text = open(guide, encoding="utf-8").read()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    latencies, hovers = [], []
    for i in range(edits):
        marker = f"It takes {17 + i} minutes."
        text += f"\n\n{marker}\n"
        sent = time.monotonic()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": text}]}})
        h = time.monotonic()
        request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        hovers.append((time.monotonic() - h) * 1000)
        while True:
            msg = read()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri and any(
                    f"{17 + i} minutes" in d["message"] for d in msg["params"]["diagnostics"]):
                latencies.append((time.monotonic() - sent) * 1000)
                break
    request("shutdown", None)
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=10)
    print(f"keystroke -> findings of the edited file: median {statistics.median(latencies):.0f} ms "
          f"(min {min(latencies):.0f}, max {max(latencies):.0f}, {edits} edits; includes the 150 ms pause)")
    print(f"hover while checking: median {statistics.median(hovers):.1f} ms (max {max(hovers):.1f})")


if __name__ == "__main__":
    main()

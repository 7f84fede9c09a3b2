#!/usr/bin/env python3
"""Time one-guide edits in `upfront serve`: from the file write to the `reload` event at an
SSE client (the browser's side of live reload), debounce included.

Usage: benches/reload_latency.py BIN SITE [RUNS] [PORT]
Prints one line per run and the median. Restores the edited file at the end.
SETTLE=seconds between edits (default 1.5); SERVER_LOG=file keeps the server's stderr.
"""
import os, socket, statistics, subprocess, sys, time

bin_, site = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
port = int(sys.argv[4]) if len(sys.argv) > 4 else 18911

log = os.environ.get("SERVER_LOG")  # where the server's own timings go (default: nowhere)
server = subprocess.Popen([bin_, "--root", site, "serve", "--port", str(port), "--today", "2026-11-23"],
                          stdout=subprocess.DEVNULL,
                          stderr=open(log, "w") if log else subprocess.DEVNULL)
try:
    deadline = time.time() + 600
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=600)
            break
        except OSError:
            if time.time() > deadline:
                sys.exit("server did not start")
            time.sleep(0.2)
    s.sendall(f"GET /__upfront/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    f = s.makefile("rb")

    def wait_for(name, needle=None):
        """The next `name` event (whose data mentions `needle`): stale events are skipped."""
        while True:
            line = f.readline()
            if not line:
                sys.exit("stream ended")
            if line.strip() == f"event: {name}".encode():
                data = f.readline()
                if needle is None or needle.encode() in data:
                    return

    wait_for("hello")
    # A guide in the middle of the site, in the default locale.
    guides = sorted(os.path.join(d, n) for d, _, fs in os.walk(os.path.join(site, "content"))
                    for n in fs if n.endswith(".md") and not n.startswith("_") and n.count(".") == 1)
    path = guides[len(guides) // 2]
    original = open(path, encoding="utf-8").read()
    times = []
    try:
        time.sleep(1.0)
        for i in range(runs):
            text = original + f"\nEdit number {i} of this guide.\n"
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            wait_for("reload", '"/' + os.path.relpath(path, os.path.join(site, "content"))[:-3] + '/"')
            ms = (time.perf_counter() - t0) * 1000
            times.append(ms)
            print(f"run {i + 1}: {ms:.1f} ms")
            time.sleep(float(os.environ.get("SETTLE", "1.5")))  # let the background work finish
    finally:
        with open(path, "w", encoding="utf-8") as out:
            out.write(original)
    print(f"median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} ({path})")
finally:
    server.send_signal(2)
    server.wait(timeout=30)

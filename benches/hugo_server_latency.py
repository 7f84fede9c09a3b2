#!/usr/bin/env python3
"""Time one-page edits in `hugo server` on the same content: from the file write to Hugo's
"Total in … ms" log line after its rebuild (its live-reload message goes out after that).

Usage: benches/hugo_server_latency.py HUGO SITE [RUNS] [PORT]
"""
import os, re, statistics, subprocess, sys, threading, time, queue

hugo, site = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
port = int(sys.argv[4]) if len(sys.argv) > 4 else 18912
proc = subprocess.Popen([hugo, "server", "--source", site, "--port", str(port), "--bind", "127.0.0.1"],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()

def wait_total(timeout=900):
    end = time.time() + timeout
    while time.time() < end:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if re.search(r"Total in \d+ ms|Web Server is available", line):
            return line.strip()
    sys.exit("hugo did not finish")

try:
    print("startup:", wait_total())
    time.sleep(2)
    guides = sorted(os.path.join(d, n) for d, _, fs in os.walk(os.path.join(site, "content"))
                    for n in fs if n.endswith(".md") and not n.startswith("_"))
    path = guides[len(guides) // 2]
    original = open(path, encoding="utf-8").read()
    times = []
    try:
        for i in range(runs):
            while not lines.empty():
                lines.get()
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as out:
                out.write(original + f"\nEdit number {i} of this page.\n")
            line = wait_total()
            ms = (time.perf_counter() - t0) * 1000
            times.append(ms)
            print(f"run {i + 1}: {ms:.0f} ms ({line})")
            time.sleep(2)
    finally:
        with open(path, "w", encoding="utf-8") as out:
            out.write(original)
    print(f"median {statistics.median(times):.0f} ms ({path})")
finally:
    proc.terminate()
    proc.wait(timeout=30)

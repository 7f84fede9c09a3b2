#!/usr/bin/env python3
"""`upfront live --once` and `upfront audit` over 1,000,000 measured waits.

Usage: benches/live_1m.py UPFRONT_BINARY [ROWS] [RUNS]
Copies the bundled sample (this repository's root) into a temp folder, makes `er.triage` live,
writes ROWS (default 1,000,000) rows of `data/waits.csv` spread over the 26 weeks before
2026-11-23 (deterministic: a fixed seed), raises `limits.max_file_bytes` to fit (about 45 MB),
builds once, then times RUNS (default 5) runs of `live --once --now 2026-11-23T10:00:00+01:00`
and of `audit --format json`, printing the best and the median wall time. No number here is
asserted by a test (speed lives in benches/, not in tests).
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COPY = ["upfront.yaml", "facts.yaml", "glossary.yaml", "content", "notices", "i18n", "static", "templates"]


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main():
    binary = os.path.abspath(sys.argv[1])
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        os.makedirs(os.path.join(site, "data"))
        for name in COPY:
            src = os.path.join(REPO, name)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(site, name))
            elif os.path.exists(src):
                shutil.copy(src, site)
        with open(os.path.join(site, "facts.yaml"), encoding="utf-8") as f:
            facts = f.read().replace("  measured: data/waits.csv\n", "  measured: data/waits.csv\n  live: true\n", 1)
        with open(os.path.join(site, "facts.yaml"), "w", encoding="utf-8") as f:
            f.write(facts)
        with open(os.path.join(site, "upfront.yaml"), "a", encoding="utf-8") as f:
            f.write("limits: { max_file_bytes: 200000000 }\n")
        rng = random.Random(16)
        end = 1795424400  # 2026-11-23T09:00:00Z
        span = 26 * 7 * 86400
        with open(os.path.join(site, "data", "waits.csv"), "w", encoding="utf-8") as f:
            f.write("fact,started,minutes\n")
            for _ in range(rows):
                t = end - rng.randrange(span)
                stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
                f.write(f"er.triage,{stamp},{rng.randint(5, 28)}\n")
        size = os.path.getsize(os.path.join(site, "data", "waits.csv"))
        out = os.path.join(tmp, "public")
        subprocess.run([binary, "--root", site, "--out", out, "build", "--today", "2026-11-23"], check=True,
                       stdout=subprocess.DEVNULL)
        live = [binary, "--root", site, "--out", out, "live", "--once", "--now", "2026-11-23T10:00:00+01:00"]
        best, median = timed(live, runs)
        print(f"live --once over {rows:,} rows ({size / 1e6:.1f} MB): best {best:.3f} s, median {median:.3f} s")
        audit = [binary, "--root", site, "audit", "--format", "json"]
        best, median = timed(audit, runs)
        print(f"audit --format json over {rows:,} rows: best {best:.3f} s, median {median:.3f} s")


if __name__ == "__main__":
    main()

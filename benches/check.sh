#!/usr/bin/env bash
# Benchmark `upfront check` and a full `upfront build` on a generated site.
# Usage: benches/check.sh [PAGES] [RUNS]   (defaults: 10000 guides, 5 runs)
# Needs ../shared/bench/gen_corpus.py beside the project. Prints wall time, CPU and peak RSS
# per run; no number here is asserted by a test.
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-10000}"
runs="${2:-5}"
corpus="${TMPDIR:-/tmp}/upfront-corpus-$pages"
gen="../shared/bench/gen_corpus.py"
if [ ! -f "$corpus/upfront.yaml" ]; then
  echo "== generating $pages guides into $corpus"
  python3 "$gen" --format upfront --pages "$pages" --out "$corpus" >/dev/null
fi
cargo build --release --locked --quiet
bin=target/release/upfront
measure() {
  local label="$1"; shift
  for i in $(seq "$runs"); do
    /usr/bin/time -f "$label run $i: %e s wall, %U s user, %S s sys, %M KB peak" "$@" >/dev/null 2>/tmp/upfront-bench.err || true
    tail -n 1 /tmp/upfront-bench.err
  done
}
measure "check" "$bin" --root "$corpus" check --today 2026-11-23
out="$(mktemp -d)"
measure "build" "$bin" --root "$corpus" --out "$out/public" build --today 2026-11-23
rm -rf "$out"

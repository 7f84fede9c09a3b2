#!/usr/bin/env bash
# A fresh journaled ext4 (a 4 GB image file, loop-mounted) to write benchmark outputs on:
#   BENCH_OUT="$(benches/journaled_fs.sh)" benches/build.sh 10000 3
# Needs root and loop devices. The machine's own disk is ext4 *without* a journal, where the
# inode allocator scans past every inode deleted in the last minute(s): each run after an
# `rm -rf` of a 20,000-file output pays ~1 ms per new file (docs/performance.md).
set -euo pipefail
mnt="${1:-/mnt/upfront-bench}"
img="${TMPDIR:-/tmp}/upfront-bench-ext4.img"
if ! mountpoint -q "$mnt"; then
  truncate -s 4G "$img"
  mkfs.ext4 -q -F "$img"
  mkdir -p "$mnt"
  mount -o loop "$img" "$mnt"
fi
echo "$mnt"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rendering the same input twice gives byte-identical outputs, whether the voices'
# loudness calibration was measured (empty cache) or read back from the cache.
set -euo pipefail
ROOT=${VC_SOURCE_DIR:?}; VC_BIN=${VC_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seed=$(ls "$ROOT"/seeds/003_*.txt | head -n1)
name=$(basename "$seed" .txt)
export VOICECAP_CACHE=$tmp/calibration.tsv
"$VC_BIN" render -o "$tmp/a" "$seed" >/dev/null   # measures, fills the cache
[ -s "$VOICECAP_CACHE" ] || { echo "FAIL: no calibration cache written"; exit 1; }
"$VC_BIN" render -o "$tmp/b" "$seed" >/dev/null   # reads the cache
VOICECAP_CACHE=off "$VC_BIN" render -o "$tmp/c" "$seed" >/dev/null   # measures, no cache
fails=0
for ext in wav srt vtt ass json transcript.txt; do
  for other in b c; do
    if ! cmp -s "$tmp/a/$name.$ext" "$tmp/$other/$name.$ext"; then
      echo "FAIL: $name.$ext differs between run a and run $other"
      fails=$((fails + 1))
    fi
  done
done
[ $fails -eq 0 ] || exit 1
echo "ok   three renders of $name (measured, cached, uncached) are byte-identical in all six outputs"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Voice loudness calibration is deterministic: a voice measured in a process that spoke
# other interviews first gets the same figure as one measured by a fresh process; a batch
# whose workers measure at once writes each voice once; a render with a cold cache, a warm
# one or none is byte-identical; `render A B` gives B the bytes `render B` does.
set -euo pipefail
source "$(dirname "$0")/lib/harness.bash"

seeds=("$ROOT"/seeds/*.txt)
mkdir "$tmp/in"
cp "${seeds[@]:0:3}" "$tmp/in/"

# 1. One command renders every seed (later seeds' voices measured after earlier seeds
#    were spoken) against one command per seed: the same figures and the same bytes.
VOICECAP_CACHE=$tmp/one.tsv "$VC_BIN" render -o "$tmp/one" "${seeds[@]}" >/dev/null
for s in "${seeds[@]}"; do
  VOICECAP_CACHE=$tmp/each.tsv "$VC_BIN" render -o "$tmp/each" "$s" >/dev/null
done
[ -s "$tmp/one.tsv" ] || fail "no calibration cache written"
if ! diff <(sort "$tmp/one.tsv") <(sort "$tmp/each.tsv") >"$tmp/cal.diff"; then
  fail "calibration differs between one process and one process per seed:"
  indent "$tmp/cal.diff"
fi
# ... and the same bytes: `render A B` renders B as `render B` does.
for f in "$tmp"/one/*; do
  cmp -s "$f" "$tmp/each/$(basename "$f")" || fail "$(basename "$f") differs: render of all seeds and render of one"
done

# 2. A cold batch (two workers measuring at once), the same batch warm, and one without
#    a cache give the same bytes; the cache holds each voice once.
VOICECAP_CACHE=$tmp/batch.tsv "$VC_BIN" batch -j 2 -o "$tmp/cold" "$tmp/in" >/dev/null
VOICECAP_CACHE=$tmp/batch.tsv "$VC_BIN" batch -j 2 -o "$tmp/warm" "$tmp/in" >/dev/null
VOICECAP_CACHE=off "$VC_BIN" batch -j 2 -o "$tmp/none" "$tmp/in" >/dev/null
dups=$(cut -f1 "$tmp/batch.tsv" | sort | uniq -d)
[ -z "$dups" ] || fail "voices measured twice in the cache: $dups"
n=0
for f in "$tmp"/cold/*; do
  for other in warm none; do
    cmp -s "$f" "$tmp/$other/$(basename "$f")" || fail "$(basename "$f") differs: cold and $other"
  done
  n=$((n + 1))
done
[ "$n" -ge 18 ] || fail "only $n outputs in the cold batch"

# 3. No cache unless asked: with VOICECAP_CACHE=off, nothing of voicecap's appears under
#    HOME (espeak-ng's audio library may leave its own .config/pulse there).
mkdir "$tmp/home"
HOME=$tmp/home XDG_CACHE_HOME= VOICECAP_CACHE=off \
  "$VC_BIN" render -o "$tmp/off" "${seeds[0]}" >/dev/null
found=$(find "$tmp/home" -ipath '*voicecap*' -o -name '*calibration*')
[ -z "$found" ] || fail "a render with VOICECAP_CACHE=off wrote under HOME: $found"

finish calibration "same figures in one process and in many; cold, warm and no cache byte-identical ($n outputs)"

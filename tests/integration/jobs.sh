#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Units (paragraphs) spoken in parallel give the same files as units spoken one at a time:
# `render --jobs 1` (the sequential path: each unit is sent only when the one before is
# joined), `--jobs 2` and `--jobs 3` write byte-identical outputs for an interview of many
# short turns and paragraphs in three voices, and `batch -j 1` (two units at once per
# file on two cores), `batch -j 2` and `batch -j 5` byte-identical outputs for the seeds.
# Every unit is spoken from the same engine state (src/synth/synth_engine.c), whoever
# speaks it: the engine program (voicecap-engine) or, without it (VOICECAP_ENGINE=fork),
# forks of the rendering process give the same files too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
export VOICECAP_CACHE=$tmp/calibration.tsv

# 30 exchanges, some answers in two paragraphs: 90 units or so.
{
  printf 'A conversation about the harbour, recorded in the spring.\n\n'
  for i in $(seq 1 30); do
    printf 'Q: What happened on day %d, when the tide came in early?\n\n' "$i"
    printf 'A: On day %d the boats went out at dawn, and the nets came back full.\n' "$i"
    if [ $((i % 3)) -eq 0 ]; then
      printf 'Then the wind turned, and we waited %d hours for the water to settle.\n' "$i"
    fi
    printf '\n'
  done
} >"$tmp/many.txt"

same_sets() { # DIR_A DIR_B LABEL: every file of A is in B with the same bytes, and back
  local a=$1 b=$2 label=$3 n=0
  for f in "$a"/*; do
    n=$((n + 1))
    cmp -s "$f" "$b/$(basename "$f")" || fail "$label: $(basename "$f") differs"
  done
  for f in "$b"/*; do
    [ -e "$a/$(basename "$f")" ] || fail "$label: $(basename "$f") only in $b"
  done
  [ "$n" -ge 8 ] || fail "$label: only $n files in $a"
  echo "ok   $label: $n files byte-identical"
}

for j in 1 2 3; do
  "$VC_BIN" render -q -j "$j" -o "$tmp/many-$j" "$tmp/many.txt" || fail "render -j $j exit $?"
done
units=$(grep -c '^[QA]:' "$tmp/many.txt")
same_sets "$tmp/many-1" "$tmp/many-2" "$units turns, --jobs 1 and --jobs 2"
same_sets "$tmp/many-1" "$tmp/many-3" "$units turns, --jobs 1 and --jobs 3"
VOICECAP_ENGINE=fork "$VC_BIN" render -v -j 2 -o "$tmp/many-fork" "$tmp/many.txt" \
  >/dev/null 2>"$tmp/fork.log" || fail "render with VOICECAP_ENGINE=fork exit $?"
grep -q 'units spoken by forks of this process' "$tmp/fork.log" ||
  fail "VOICECAP_ENGINE=fork did not speak units by forks: $(grep units "$tmp/fork.log")"
same_sets "$tmp/many-1" "$tmp/many-fork" "$units turns, the engine program and forks"

for j in 1 2 5; do
  "$VC_BIN" batch -q -j "$j" -o "$tmp/seeds-$j" "$ROOT/seeds" || fail "batch -j $j exit $?"
done
same_sets "$tmp/seeds-1" "$tmp/seeds-2" "seeds, batch -j 1 and batch -j 2"
same_sets "$tmp/seeds-1" "$tmp/seeds-5" "seeds, batch -j 1 and batch -j 5"

finish jobs "the outputs do not depend on the number of units spoken at once"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The segmenter on real interviews it was not written from: every text of the shared
# corpus (../shared/corpus next to the source tree, never copied into it) and the seeds
# with their gold lists, scored letter by letter by the corpus's own scorer. Fails when a
# file falls below its floor (the score reached when the floors were set, minus a small
# margin), or when the corpus is missing.
source "$(dirname "$0")/lib/harness.bash"

corpus=${VC_CORPUS_DIR:-$ROOT/../shared/corpus}
scorer=$corpus/score_segments.py
[ -r "$scorer" ] || { echo "FAIL: no shared corpus at $corpus (score_segments.py)"; exit 1; }

# name  role_floor  speaker_floor
floors="
18f-code-or-design 0.97 0.89
changelog-phoenix-panel 0.98 0.98
digitalgov-deepfakes-qa 0.97 0.98
livera-bip324-podcast 0.98 0.98
opensource-linux-stories 0.98 0.89
opensource-whitehurst-profile 0.82 0.17
000_05a18542847d4624 0.999 0.999
001_669cbb3ea90f365c 0.999 0.999
002_6eca7a42313b4901 0.999 0.999
003_8a43273eaab03832 0.999 0.999
004_88efdafc0dbf597c 0.999 0.999
"

score() { # NAME SRC GOLD ROLE_FLOOR SPEAKER_FLOOR
  local pred=$tmp/$1.tsv line role spk
  if ! "$VC_BIN" segment --format tsv "$2" >"$pred" 2>"$tmp/$1.err"; then
    fail "$1: segment failed: $(head -1 "$tmp/$1.err")"
    return
  fi
  line=$(python3 "$scorer" "$2" "$3" "$pred") || { fail "$1: scorer failed: $line"; return; }
  role=$(sed -n 's/.*role_acc=\([0-9.]*\).*/\1/p' <<<"$line")
  spk=$(sed -n 's/.*speaker_acc=\([0-9.]*\).*/\1/p' <<<"$line")
  printf '%-32s role %s (floor %s)  speaker %s (floor %s)\n' "$1" "$role" "$4" "$spk" "$5"
  awk -v r="$role" -v s="$spk" -v fr="$4" -v fs="$5" 'BEGIN { exit !(r >= fr && s >= fs) }' ||
    fail "$1: below its floor"
}

n=0
while read -r name rf sf; do
  [ -n "$name" ] || continue
  if [ -r "$corpus/$name.txt" ]; then
    score "$name" "$corpus/$name.txt" "$corpus/$name.gold.tsv" "$rf" "$sf"
  elif [ -r "$ROOT/seeds/$name.txt" ]; then
    score "$name" "$ROOT/seeds/$name.txt" "$corpus/seeds-gold/$name.gold.tsv" "$rf" "$sf"
  else
    fail "$name: text missing"
  fi
  n=$((n + 1))
done <<<"$floors"
# a corpus text without a floor is scored too, and must not be worse than the weakest floor
for f in "$corpus"/*.txt; do
  name=$(basename "$f" .txt)
  grep -q "^$name " <<<"$floors" || score "$name" "$f" "$corpus/$name.gold.tsv" 0.80 0.00
done
finish segment_corpus "$n files at or above their floors"

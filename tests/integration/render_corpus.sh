#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every text of the shared corpus (../shared/corpus next to the source tree, never copied
# into it) renders, and its captions pass `voicecap check --audio` against its own audio,
# in every format. Then reading time (docs/captions.md): a text of our own (links, a long
# token, sound notes, one-word turns, a very long turn) read by a voice too fast to read
# along with needs pauses for reading, and still keeps every rule; one timeline: the
# sync map's cues keep to its words (tests/node/cue-timing.js), its duration is the
# audio's, and the chapters start where the sync map's turns do.
source "$(dirname "$0")/lib/harness.bash"

corpus=${VC_CORPUS_DIR:-$ROOT/../shared/corpus}
compgen -G "$corpus/*.txt" >/dev/null || { echo "FAIL: no shared corpus at $corpus"; exit 1; }

# checks NAME in DIR: the caption checker with the audio, the sync map against its words,
# the audio's length and the chapters against the sync map
checks() {
  local b=$2/$1
  "$VC_BIN" check -q --audio "$b.wav" "$b.srt" "$b.vtt" "$b.ass" >"$tmp/$1.check" 2>&1 ||
    fail "$1: check --audio: $(head -1 "$tmp/$1.check")"
  node "$ROOT/tests/node/cue-timing.js" "$b.json" >"$tmp/$1.timing" 2>&1 ||
    fail "$1: sync map: $(sed -n 2p "$tmp/$1.timing")"
  python3 - "$b" <<'PY' || fail "$1: one timeline: see above"
import json, re, sys, wave
b = sys.argv[1]
d = json.load(open(b + ".json"))
w = wave.open(b + ".wav")
audio = w.getnframes() / w.getframerate()
bad = []
if abs(audio - d["duration"]) > 0.002:
    bad.append("audio %.3f s, sync map %.3f s" % (audio, d["duration"]))
starts = [t["start"] for t in d["turns"]]
chapters = re.findall(r"^(\d+):(\d+):(\d+\.\d+) -->", open(b + ".chapters.vtt").read(), re.M)
chapters = [int(h) * 3600 + int(m) * 60 + float(s) for h, m, s in chapters]
for k, c in enumerate(chapters[1:], 1):
    if not any(abs(c - s) < 0.002 for s in starts):
        bad.append("chapter %d at %.3f s starts no turn" % (k + 1, c))
for a, z in zip(d["turns"], d["turns"][1:]):
    if z["start"] < a["end"] - 0.002:
        bad.append("turns overlap at %.3f s" % z["start"])
for m in bad[:5]:
    print("    " + m)
sys.exit(1 if bad else 0)
PY
}

"$VC_BIN" batch -j 2 -q --no-html -o "$tmp/corpus" "$corpus" >"$tmp/batch.log" 2>&1 ||
  fail "batch of the corpus: $(head -3 "$tmp/batch.log")"
n=0
for f in "$corpus"/*.txt; do
  name=$(basename "$f" .txt)
  n=$((n + 1))
  if [ ! -s "$tmp/corpus/$name.wav" ]; then
    fail "$name: not rendered"
    continue
  fi
  checks "$name" "$tmp/corpus"
done

# our own text, its interviewee 1.75 times faster than the shipped voice
mkdir -p "$tmp/fast"
cp "$ROOT"/voices/*.ini "$tmp/fast/"
sed -i 's/^rate *=.*/rate = 260/' "$tmp/fast/interviewee.ini"
own=$ROOT/tests/data/reading/lighthouse.txt
if "$VC_BIN" render -v --no-html --voices="$tmp/fast" -o "$tmp/own" "$own" >/dev/null 2>"$tmp/own.log"; then
  pauses=$(sed -n 's/.*pauses for reading: \([0-9]*\), .*/\1/p' "$tmp/own.log")
  [ "${pauses:-0}" -gt 0 ] || fail "lighthouse, fast: no pause for reading was needed"
  echo "lighthouse, fast voice: $(grep -o 'pauses for reading.*' "$tmp/own.log")"
  checks lighthouse "$tmp/own"
else
  fail "lighthouse, fast: $(grep -v ': note\|voices from\|turns,\|: audio\|cues$' "$tmp/own.log" | tail -1)"
fi
finish render_corpus "$n corpus texts and a fast voice render with captions that keep every rule"

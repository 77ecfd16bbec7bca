#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Text that is not plain speech, rendered and checked end to end: sound notes and stage
# directions ([laughs], (APPLAUSE), [Witness conferring with counsel.]) shown in brackets
# and not spoken, a link and an e-mail address, a comma-joined list, CJK, an emoji run and
# zero-width words. Every caption file must pass `voicecap check --audio`, the W3C WebVTT
# parser and the sync-map timing check; the transcript keeps what the article wrote. A
# render whose captions cannot keep the rules (a voice too fast to read, where reading
# time cannot help) must fail naming the rule, and write nothing.
set -euo pipefail
source "$(dirname "$0")/lib/harness.bash"

in="$tmp/in/notes_links.txt"
mkdir -p "$tmp/in"
cjk=$(printf '\xe6\x88\x91\xe4\xbb\xac\xe4\xbb\x8a\xe5\xa4\xa9\xe8\xae\xa8\xe8\xae\xba\xe5\xa3\xb0\xe9\x9f\xb3\xe5\x92\x8c\xe6\x96\x87\xe5\xad\x97%.0s' {1..12})
emoji=$(printf '\xf0\x9f\x98\x80\xf0\x9f\x8e\x89\xf0\x9f\x9a\x80\xf0\x9f\x8c\x8d%.0s' {1..10})
zw=$(printf '\xe2\x80\x8b')
list=$(seq -s, 300 7 440)
cat >"$in" <<TXT
Ada Quill talks to Ben Hart about the new archive.

BEN HART: Good to have you here. [laughs] Where can people find it?

ADA QUILL: It is all at https://www.example.org/archive/2031/collections-and-oral-histories.html and you can write to the.desk@example.org any day. (APPLAUSE) The catalogue is at https://catalogue.example.org/search/results?collection=oral-histories&decade=1970s&sort=date&page=12 as well.

BEN HART: Which boxes came first?

ADA QUILL: Boxes $list in that order. [LAUGHTER]

BEN HART: And the letters from abroad?

ADA QUILL: One begins: $cjk

BEN HART: And the postcards?

ADA QUILL: They end with $emoji like that. (and I mean it)

BEN HART: Anything else?

ADA QUILL: Nothing $zw $zw $zw $zw more. [Witness conferring with counsel.] Thank you.
TXT

out="$tmp/out"
if ! "$VC_BIN" render -o "$out" "$in" >"$tmp/render.log" 2>&1; then
  indent "$tmp/render.log"
  fail "render failed"
  finish speech_text ""
fi
base="$out/notes_links"
"$VC_BIN" check --audio "$base.wav" "$base.srt" "$base.vtt" "$base.ass" >"$tmp/check.log" 2>&1 ||
  { indent "$tmp/check.log"; fail "voicecap check --audio"; }
node "$ROOT/tests/node/check-vtt.js" "$base.vtt" >"$tmp/vtt.log" 2>&1 ||
  { indent "$tmp/vtt.log"; fail "W3C WebVTT parser"; }
node "$ROOT/tests/node/cue-timing.js" "$base.json" >"$tmp/timing.log" 2>&1 ||
  { indent "$tmp/timing.log"; fail "sync-map timing"; }

# Captions: notes in square brackets, lower case; speech in parentheses as written; the
# whole link (its pieces joined) and the address shown.
tr '\n' ' ' <"$base.srt" >"$tmp/srt.oneline"
for note in '[laughs]' '[applause]' '[laughter]' '[witness conferring with counsel]' \
  '(and I mean it)' 'the.desk@example.org'; do
  grep -qF -- "$note" "$tmp/srt.oneline" || fail "captions lack '$note'"
done
tr -d '\n' <"$base.srt" | grep -qF 'https://www.example.org/archive/2031/collections-and-oral-histories.html' ||
  fail "captions lack the whole link"
# A link longer than two lines, shown in pieces over cues: the cues' lines joined.
node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  process.stdout.write(d.cues.map((c) => c.lines.join("")).join(""));' "$base.json" |
  grep -qF 'https://catalogue.example.org/search/results?collection=oral-histories&decade=1970s&sort=date&page=12' ||
  fail "captions lack the whole long link"
grep -qF '(APPLAUSE)' "$base.srt" && fail "captions show '(APPLAUSE)' as written"
# The transcript keeps the article's own text.
for kept in '[laughs]' '(APPLAUSE)' '[LAUGHTER]' '[Witness conferring with counsel.]' \
  'https://www.example.org/archive/2031/collections-and-oral-histories.html'; do
  grep -qF -- "$kept" "$base.transcript.txt" || fail "transcript lacks '$kept'"
done
# The link is said by its site's name and read during a pause, not spelled out: the
# cue showing it lasts at most 7 s (spelling took over 10 s).
grep -q 'lasts' "$tmp/check.log" && fail "a cue breaks a duration rule"

# A voice too fast to read at 20 characters a second, on a text that reading time
# (docs/captions.md: an early in-time, pauses for reading) cannot save: one word, too
# long to read in its speech and 0.5 s, that no cue can cut, at the very start of the
# audio. The render fails naming the rule, and nothing is written.
mkdir -p "$tmp/fast"
cp "$ROOT"/voices/*.ini "$tmp/fast/"
sed -i 's/^rate *=.*/rate = 450/' "$tmp/fast"/*.ini
printf 'JANE DOE: %s\n' "Incomprehensibilitiesnotwithstandingly." >"$tmp/in/fast.txt"
if "$VC_BIN" render --voices "$tmp/fast" -o "$tmp/fast_out" "$tmp/in/fast.txt" \
  >"$tmp/fast.log" 2>&1; then
  fail "a render with captions too fast to read exited 0"
fi
grep -q 'captions break a caption rule.*reading rate' "$tmp/fast.log" ||
  { indent "$tmp/fast.log"; fail "the error does not name the rule"; }
[ -z "$(ls -A "$tmp/fast_out" 2>/dev/null)" ] || fail "a failed render left files behind"

finish speech_text "notes, links, long tokens and zero-width words keep every caption rule"

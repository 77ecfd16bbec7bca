#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# For listeners who cannot see (issue 13): --announce, chapters and tags in every audio
# format, --epub. One seed (the one with a byline and two named speakers) and the
# untrusted-text interview.
#  - render --epub --announce first --audio-format opus: the captions cover the speech
#    (voicecap check --audio), one announcement per speaker other than the narrator, the
#    sync map and transcript record it, the book passes epubcheck (0 errors, 0 warnings)
#    and DAISY Ace (0 violations, system Chromium);
#  - every audio format: ffprobe and mpv (chapter-list, Lua) list one chapter per turn,
#    at the turn's start within 1 ms, titled "Speaker: first words"; title and artist tags;
#  - --announce every / none; a second seed and the untrusted text give valid books.
set -euo pipefail
: "${VC_SOURCE_DIR:?}" "${VC_BIN:?}"
source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
seed=$(ls "$ROOT"/seeds/001_*.txt | head -n1)
name=$(basename "$seed" .txt)
node_dir="$ROOT/tests/node"
lua="$ROOT/tests/tools/chapters.lua"

epubcheck_ok() { # BOOK: epubcheck's verdict must be no errors and no warnings
  local out
  out=$(java -jar /usr/bin/epubcheck "$1" 2>&1) || true
  if ! grep -q "Messages: 0 fatals / 0 errors / 0 warnings" <<<"$out"; then
    fail "epubcheck: $1"
    indent <<<"$out"
    return
  fi
  echo "ok   epubcheck $(basename "$1"): $(grep Messages <<<"$out")"
}

# 1. The done-when render: opus, announcements, the book.
out="$tmp/opus"
"$VC_BIN" render --epub --announce first --audio-format opus -o "$out" "$seed" >/dev/null
"$VC_BIN" check --quiet --audio "$out/$name.opus" "$out/$name.srt" "$out/$name.vtt" \
  "$out/$name.ass" || fail "opus: the captions do not cover the speech"
node - "$out/$name.json" "$out/$name.transcript.txt" <<'JS' || fail "announcements"
const fs = require('fs');
const map = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const txt = fs.readFileSync(process.argv[3], 'utf8');
const names = new Map(map.speakers.map((s) => [s.id, s.name]));
let bad = 0, seen = new Set(), n = 0;
map.turns.forEach((t, i) => {
  if (!t.announcement) {
    const prev = map.turns[i - 1];
    if (t.speaker !== 0 && !seen.has(t.speaker) && !(prev && prev.announcement)) {
      console.log(`no announcement before turn ${i + 1}`);
      bad++;
    }
    seen.add(t.speaker);
    return;
  }
  n++;
  const next = map.turns[i + 1];
  const said = t.words.map((w) => w.text).join(' ');
  if (t.speaker !== 0 || !next || next.speaker === 0 || seen.has(next.speaker) ||
      said !== `${names.get(next.speaker)}.` || !txt.includes(`Narrator: ${said}`)) {
    console.log(`announcement ${i + 1} '${said}' is not the narrator naming the next, new speaker`);
    bad++;
  }
});
const speakers = new Set(map.turns.filter((t) => !t.announcement && t.speaker !== 0).map((t) => t.speaker));
if (n !== speakers.size) { console.log(`${n} announcements for ${speakers.size} speakers`); bad++; }
console.log(`ok   --announce first: ${n} announcements, one per speaker, in the sync map and transcript`);
process.exit(bad ? 1 : 0);
JS
epubcheck_ok "$out/$name.epub"
if node "$node_dir/ace-check.js" "$out/$name.epub" "$tmp/ace" >"$tmp/ace.log" 2>&1; then
  echo "ok   $(tail -n1 "$tmp/ace.log")"
else
  fail "DAISY Ace"
  indent "$tmp/ace.log"
fi

# 2. Chapters in every format (the opus render above, and the others).
files=("$out/$name.opus")
for fmt in wav flac ogg mp3; do
  "$VC_BIN" render --audio-format "$fmt" -o "$tmp/$fmt" "$seed" >/dev/null
  files+=("$tmp/$fmt/$name.$fmt")
done
if node "$node_dir/chapters-check.js" "$out/$name.json" "$lua" "${files[@]}" >"$tmp/ch.log"; then
  sed 's/^/ok   /' "$tmp/ch.log"
else
  fail "chapters"
  indent "$tmp/ch.log"
fi
for f in "${files[@]}"; do
  tags=$(ffprobe -v error -show_entries format_tags=title,artist:stream_tags=title,artist \
    -of default=nw=1 "$f")
  grep -qi "^TAG:title=$name$" <<<"$tags" && grep -qi "^TAG:artist=." <<<"$tags" ||
    fail "$(basename "$f"): title/artist tags missing: $tags"
done

# 3. --announce every and none.
"$VC_BIN" render --announce every -o "$tmp/every" "$seed" >/dev/null
"$VC_BIN" render --announce none -o "$tmp/none" "$seed" >/dev/null
node - "$tmp/every/$name.json" "$tmp/none/$name.json" <<'JS' || fail "--announce every/none"
const fs = require('fs');
const every = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const none = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const spoken = none.turns.filter((t) => t.speaker !== 0).length;
const said = every.turns.filter((t) => t.announcement).length;
const bad = none.turns.some((t) => t.announcement) || said !== spoken ||
  every.turns.length !== none.turns.length + spoken;
console.log(`${bad ? 'FAIL' : 'ok  '} --announce every: ${said} announcements for ${spoken} turns; none: ${none.turns.length} turns, none announced`);
process.exit(bad ? 1 : 0);
JS
"$VC_BIN" check --quiet --audio "$tmp/every/$name.wav" "$tmp/every/$name.srt" \
  "$tmp/every/$name.vtt" "$tmp/every/$name.ass" || fail "every: the captions do not cover the speech"

# 4. A second seed's book (WAV render: the book's MP3 encoded from it), whose dash-only
# sentences have no sound of their own; and the untrusted text: valid books.
seed2=$(ls "$ROOT"/seeds/003_*.txt | head -n1)
"$VC_BIN" render --epub -o "$tmp/seed2" "$seed2" >/dev/null
epubcheck_ok "$tmp/seed2/$(basename "$seed2" .txt).epub"
"$VC_BIN" render --epub --audio-format mp3 -o "$tmp/untrusted" \
  "$ROOT/tests/data/untrusted/hostile_interview.txt" >/dev/null
epubcheck_ok "$tmp/untrusted/hostile_interview.epub"

finish listen "all good"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Untrusted text end to end: tests/data/untrusted/hostile_interview.txt (markup, arrows,
# entities, backslash escapes, a timing-shaped line, a label with a comma and an
# ampersand) is segmented as its hand-checked turn list says, and rendered so that every
# client reads those strings as text:
#  - segment_score: 100% of letters with the right role and speaker;
#  - check_render.sh: WAV vs sync map; libass loads the ASS (one event per cue, no
#    warning, pixels at each middle); mpv shows each cue's lines at its middle in the SRT,
#    the WebVTT and the ASS; ffprobe counts; the W3C WebVTT parser reports no error;
#  - libass draws every ASS event in the lower half of the 1920x1080 frame (no \an8 took
#    effect), and mpv's events for the SRT and the WebVTT hold no override block at all;
#  - each hostile string is in the sync map's cue lines and in what mpv showed for each
#    format (SRT's look-alikes read back as the characters they stand for, see src/writers/srt.c);
#  - the SRT, the WebVTT, the ASS and the sync map have the same number of cues (a parser
#    line count: a timing-shaped line of text would add one);
#  - voicecap check --audio passes on the three caption files.
set -euo pipefail

ROOT=${VC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BUILD=${VC_BUILD_DIR:-$ROOT/build}
VC_BIN=${VC_BIN:-$BUILD/voicecap}
export VC_SOURCE_DIR=$ROOT VC_BUILD_DIR=$BUILD

DATA=$ROOT/tests/data/untrusted
NAME=hostile_interview
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
stem=$out/$NAME
failed=()

# check NAME CMD...: runs one check, records a failure by name.
check() {
  local name=$1
  shift
  echo "--- $name"
  if ! "$@"; then
    failed+=("$name")
  fi
}

check "turns match the hand-checked list" \
  "$BUILD/tools/segment_score" -v --min-role 100 --min-speaker 100 \
  "$DATA/$NAME.txt" "$DATA/$NAME.expected"

echo "=== $VC_BIN render -o OUT $DATA/$NAME.txt"
if ! "$VC_BIN" render -o "$out" "$DATA/$NAME.txt" >"$tmp/stdout" 2>"$tmp/stderr"; then
  echo "FAIL: render failed; its stderr:"
  sed 's/^/    /' "$tmp/stderr"
  exit 1
fi

check "check_render.sh" bash "$ROOT/tests/tools/check_render.sh" "$stem"
check "libass draws every event in the lower half" \
  "$BUILD/tools/vc_ass_check" --bottom "$stem.ass"
check "voicecap check --audio" \
  "$VC_BIN" check --audio "$stem.wav" "$stem.srt" "$stem.vtt" "$stem.ass"
check "mpv dump" node "$ROOT/tests/node/mpv-cuecheck.js" --dump "$tmp/shown.json" \
  "$stem.srt" "$stem.vtt" "$stem.ass"

# The hostile strings, the cue counts and mpv's event texts.
assert_text() {
  node - "$stem" "$tmp/shown.json" <<'EOF'
'use strict';
const fs = require('fs');
const [stem, shownPath] = process.argv.slice(2);
const HOSTILE = ['{\\an8}', '{\\b1}', '<b>', '<script>', '-->', '&amp;', '\\N',
  '00:00:01,000 --> 00:00:02,000'];
let bad = 0;
const say = (ok, msg) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${msg}`);
  if (!ok) bad++;
};

// Where `s` is in a list of cue texts: "cue N", "cues N-M" (read on across cues), or null.
function where(texts, s) {
  const one = texts.findIndex((t) => t.includes(s));
  if (one >= 0) return `cue ${one + 1}`;
  for (let n = 2; n <= 3; n++) {
    for (let a = 0; a + n <= texts.length; a++) {
      if (texts.slice(a, a + n).join(' ').includes(s)) {
        return `cues ${a + 1}-${a + n} (read on across cues)`;
      }
    }
  }
  return null;
}

const map = JSON.parse(fs.readFileSync(stem + '.json', 'utf8'));
const cueTexts = map.cues.map((c) => c.lines.join(' '));
for (const s of HOSTILE) {
  const w = where(cueTexts, s);
  say(w !== null, `sync map cue lines hold ${JSON.stringify(s)}${w ? ' in ' + w : ''}`);
}

const shown = JSON.parse(fs.readFileSync(shownPath, 'utf8'));
for (const ext of ['srt', 'vtt', 'ass']) {
  const got = shown[`${stem}.${ext}`] || [];
  say(got.length === map.cues.length, `mpv showed ${got.length} cues of the ${ext.toUpperCase()}` +
    ` (map: ${map.cues.length})`);
  const texts = got.map((g) => g.read.replace(/\n/g, ' '));
  for (const s of HOSTILE) {
    const w = where(texts, s);
    say(w !== null, `mpv shows ${JSON.stringify(s)} from the ${ext.toUpperCase()}` +
      `${w ? ' in ' + w : ''}`);
  }
  if (ext !== 'ass') {
    // An override block libass would read: '{' not escaped as "\{".
    const styled = got.filter((g) => /(^|[^\\])\{/.test(g.ass));
    say(styled.length === 0, `mpv's events from the ${ext.toUpperCase()} hold no override ` +
      `block${styled.length ? ': cue ' + styled[0].cue + ' ' + JSON.stringify(styled[0].ass) : ''}`);
  }
}

// Cues as a parser counts them: timing lines, Dialogue lines.
const count = (ext, re) =>
  fs.readFileSync(`${stem}.${ext}`, 'utf8').split(/\r?\n/).filter((l) => re.test(l)).length;
const counts = {
  json: map.cues.length,
  srt: count('srt', /^\d{2,}:\d{2}:\d{2},\d{3} --> \d{2,}:\d{2}:\d{2},\d{3}/),
  vtt: count('vtt', /^(\d{2,}:)?\d{2}:\d{2}\.\d{3} --> (\d{2,}:)?\d{2}:\d{2}\.\d{3}/),
  ass: count('ass', /^Dialogue:/),
};
say(counts.srt === counts.json && counts.vtt === counts.json && counts.ass === counts.json,
  `cue counts: ${JSON.stringify(counts)}`);
process.exit(bad ? 1 : 0);
EOF
}
check "hostile strings kept, one cue count, no override" assert_text

echo "==="
if [ ${#failed[@]} -eq 0 ]; then
  echo "untrusted: all checks passed"
  exit 0
fi
echo "untrusted: ${#failed[@]} check(s) FAILED:"
printf '  - %s\n' "${failed[@]}"
exit 1

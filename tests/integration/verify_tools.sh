#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The checking tools themselves: the hand-made render in tests/data/verify passes every
# check of tests/tools/check_render.sh, and each way of breaking it is caught by the
# check meant to catch it (so a passing render check means something).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
export VC_SOURCE_DIR=$ROOT VC_BUILD_DIR=$BUILD
TOOLS=$BUILD/tools
DATA=$ROOT/tests/data/verify
NODE=$ROOT/tests/node
CHECK=$ROOT/tests/tools/check_render.sh

# mutant NAME: a fresh copy of the sample as $tmp/NAME/sample.*; prints the stem.
mutant() {
  mkdir -p "$tmp/$1"
  cp "$DATA"/sample.* "$tmp/$1/"
  echo "$tmp/$1/sample"
}

# caught WHAT PATTERN CMD...: CMD must exit 1 and print a line matching PATTERN.
caught() {
  local what=$1 pattern=$2 out rc=0
  shift 2
  out=$("$@" 2>&1) || rc=$?
  if [ $rc -ne 1 ]; then
    fail "$what: expected exit 1, got $rc"
    printf '%s\n' "$out" | sed 's/^/    /'
  elif ! grep -Eq -- "$pattern" <<<"$out"; then
    fail "$what: no line matching /$pattern/"
    printf '%s\n' "$out" | sed 's/^/    /'
  else
    echo "ok   $what caught: $(grep -E -m1 -- "$pattern" <<<"$out" | sed 's/^ *//' | cut -c1-150)"
  fi
}

echo "=== the hand-made sample passes every check"
if ! bash "$CHECK" "$DATA/sample"; then
  fail "the hand-made sample does not pass check_render.sh"
fi

echo "=== each breakage is caught"
s=$(mutant ass_leak)
sed -i 's/learn to play\\N/learn to play\n/' "$s.ass"
caught "ASS line break leaking out of its Dialogue line" "Not understood" \
  "$TOOLS/vc_ass_check" "$s.ass"

s=$(mutant ass_missing)
sed -i '/^Dialogue: 0,0:00:05.70/d' "$s.ass"
caught "ASS with an event missing" "2 events \(expected 3\)" "$TOOLS/vc_ass_check" "$s.ass"
caught "ASS with an event missing, for ffprobe" "ffprobe reads 2 events" bash "$CHECK" "$s"

s=$(mutant ass_style)
sed -i 's/^Dialogue: 0,0:00:05.70,0:00:07.50,Sam Roe/Dialogue: 0,0:00:05.70,0:00:07.50,Nobody/' "$s.ass"
caught "ASS event naming no style" "no style named 'Nobody'" "$TOOLS/vc_ass_check" "$s.ass"

s=$(mutant ass_time)
sed -i 's/0:00:05.70,0:00:07.50/0:00:05.70,0:00:07.90/' "$s.ass"
caught "ASS event ending 400 ms after its cue" "event 3 is 5700..7900 ms" \
  "$TOOLS/vc_ass_check" "$s.ass"

s=$(mutant ass_three_decimals)
sed -i 's/0:00:05.70,0:00:07.50/0:00:05.700,0:00:07.500/' "$s.ass"
caught "ASS times with 3 decimals (read as ten times too much)" "event 3 is" \
  "$TOOLS/vc_ass_check" "$s.ass"

s=$(mutant ass_invisible)
sed -i 's/^\(Dialogue: 0,0:00:05.70.*,,\)/\1{\\alpha\&HFF\&}/' "$s.ass"
caught "ASS event drawing nothing" "nothing visible at 6600 ms" "$TOOLS/vc_ass_check" "$s.ass"

s=$(mutant ass_font)
sed -i 's/DejaVu Sans,54,&H0000FFFF/No Such Font Family,54,\&H0000FFFF/' "$s.ass"
caught "ASS style naming a font fontconfig lacks" "Using default font" \
  "$TOOLS/vc_ass_check" "$s.ass"

s=$(mutant srt_text)
sed -i 's/every single day\./every other day./' "$s.srt"
caught "SRT text differing from the cue" 'mpv shows "SAM ROE: Practice & patience —\\nevery other day\."' \
  node "$NODE/mpv-cuecheck.js" "$s.srt"

s=$(mutant srt_braces)
sed -i 's/^Then I lost my hearing/{Then} I lost my hearing/' "$s.srt"
caught "SRT text in braces, which players hide" 'mpv shows " I lost my hearing' \
  node "$NODE/mpv-cuecheck.js" "$s.srt"

s=$(mutant ass_braces)
sed -i 's/,,Then I lost my hearing/,,{Then} I lost my hearing/' "$s.ass"
caught "ASS text in unescaped braces" 'mpv shows " I lost my hearing' \
  node "$NODE/mpv-cuecheck.js" "$s.ass"

s=$(mutant srt_late)
sed -i 's/00:00:05,700 --> 00:00:07,500/00:00:06,700 --> 00:00:07,500/' "$s.srt"
caught "SRT cue starting after its middle" 'cue 3 at 6.600 s' node "$NODE/mpv-cuecheck.js" "$s.srt"

s=$(mutant vtt_amp)
sed -i 's/Practice &amp; patience/Practice \& patience/' "$s.vtt"
caught "WebVTT with a raw ampersand" "Incorrect escape" node "$NODE/webvtt-check.js" "$s.vtt"

s=$(mutant vtt_blank)
sed -i 's/^<v Jane Doe>JANE DOE: How did you learn to play$/&\n/' "$s.vtt"
caught "WebVTT cue with a blank line inside" "standalone" node "$NODE/webvtt-check.js" "$s.vtt"

s=$(mutant vtt_voice)
sed -i 's/<v Sam Roe>Then/Then/; s/café\.<\/v>/café./' "$s.vtt"
caught "WebVTT cue without its voice span" "outside a <v> voice span" \
  node "$NODE/webvtt-check.js" "$s.vtt"

s=$(mutant vtt_time)
sed -i 's/00:00:05.700 --> 00:00:07.500/00:00:05.800 --> 00:00:07.500/' "$s.vtt"
caught "WebVTT cue 100 ms late" "cue 3: 5.800 --> 7.500" node "$NODE/webvtt-check.js" "$s.vtt"

s=$(mutant wav_length)
sed -i 's/"duration": 8.000/"duration": 8.010/' "$s.json"
caught "WAV 10 ms shorter than the map says" "off by -220.5 samples" \
  "$TOOLS/vc_wav_check" "$s.wav"

s=$(mutant wav_rate)
sed -i 's/"sample_rate": 22050/"sample_rate": 24000/' "$s.json"
caught "WAV at another rate than the map says" "rate 22050 Hz, map says 24000 Hz" \
  "$TOOLS/vc_wav_check" "$s.wav"

s=$(mutant wav_clipped)
ffmpeg -v error -y -i "$DATA/sample.wav" -af volume=12dB -c:a pcm_s16le -fflags +bitexact "$s.wav"
caught "WAV clipped by a gain 12 dB too high" "clipped in [0-9]+ places" \
  "$TOOLS/vc_wav_check" "$s.wav"

s=$(mutant map_overlap)
sed -i 's/"start": 2.450, "end": 5.100/"start": 2.350, "end": 5.100/' "$s.json"
caught "sync map with overlapping cues" "cue 2 starts at 2.350, before cue 1 ends" \
  "$TOOLS/vc_syncmap_check" "$s.json"

s=$(mutant all_missing)
rm "$s.vtt"
caught "a render missing its WebVTT" "sample.vtt: missing" bash "$CHECK" "$s"

echo "==="
finish verify_tools "the sample passes and every breakage is caught"

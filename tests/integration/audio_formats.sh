#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --audio-format and --sample-rate: each format decodes (ffmpeg) to the WAV's length
# within 20 ms, the captions are byte-identical to the WAV render's, and at 48 kHz the
# caption checker finds every stretch of speech covered (times unchanged and exact).
set -euo pipefail
: "${VC_SOURCE_DIR:?}" "${VC_BIN:?}"
source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
seed=$(ls "$ROOT"/seeds/003_*.txt | head -n1)
name=$(basename "$seed" .txt)

seconds() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
decoded() { # decoded length by ffmpeg itself, in seconds
  ffmpeg -hide_banner -nostats -i "$1" -f null - 2>&1 | tr '\r' '\n' |
    sed -n 's/.*time=\([0-9:.]*\).*/\1/p' | tail -n1 |
    awk -F: '{printf "%.3f", $1 * 3600 + $2 * 60 + $3}'
}

"$VC_BIN" render -o "$tmp/wav" "$seed" >/dev/null
ref=$(seconds "$tmp/wav/$name.wav")
for fmt in flac ogg opus mp3; do
  "$VC_BIN" render --audio-format "$fmt" -o "$tmp/$fmt" "$seed" >/dev/null
  f="$tmp/$fmt/$name.$fmt"
  [ -s "$f" ] || { fail "$fmt: $f missing"; continue; }
  got=$(decoded "$f")
  awk -v a="$got" -v b="$ref" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d <= 0.020)}' ||
    fail "$fmt decodes to $got s, the WAV is $ref s (more than 20 ms apart)"
  for ext in srt vtt ass; do
    cmp -s "$tmp/wav/$name.$ext" "$tmp/$fmt/$name.$ext" || fail "$fmt: $name.$ext differs from the WAV render's"
  done
  echo "ok   $fmt: decodes to $got s (WAV $ref s), captions identical"
done

"$VC_BIN" render --sample-rate 48000 -o "$tmp/48k" "$seed" >/dev/null
rate=$(ffprobe -v error -show_entries stream=sample_rate -of csv=p=0 "$tmp/48k/$name.wav")
[ "$rate" = 48000 ] || fail "--sample-rate 48000 wrote a $rate Hz file"
for ext in srt vtt ass; do
  cmp -s "$tmp/wav/$name.$ext" "$tmp/48k/$name.$ext" || fail "48 kHz: $name.$ext differs from the 22.05 kHz render's"
done
"$VC_BIN" check --audio "$tmp/48k/$name.wav" "$tmp/48k/$name.srt" "$tmp/48k/$name.vtt" \
  "$tmp/48k/$name.ass" || fail "48 kHz: the captions do not cover the speech"
echo "ok   48 kHz: same captions, speech covered"

"$VC_BIN" render --audio-format aiff -o "$tmp/bad" "$seed" >/dev/null 2>&1 && fail "an unknown format was accepted"
finish audio_formats "all good"

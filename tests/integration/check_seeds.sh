#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the five seeds once and checks every caption file (SRT, WebVTT, ASS) with the
# caption checker against its own audio (--audio), and measures each WAV's loudness with
# libebur128 (tests/tools/vc_loudness: -16 LUFS +/- 1, true peak <= -1 dBTP, speakers
# within 1 LU), runs the W3C WebVTT parser on every VTT, and checks from each sync map that
# the cues read word for word as the turns and keep to the in-time/out-time rules
# (tests/node/cue-timing.js): all must pass.
set -euo pipefail
: "${VC_BIN:?}" "${VC_SOURCE_DIR:?}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$VC_BIN" batch -j 2 -o "$tmp" "$VC_SOURCE_DIR/seeds" >"$tmp/batch.log" 2>&1 || {
  cat "$tmp/batch.log"
  echo "check_seeds: rendering the seeds failed"
  exit 1
}

mapfile -t wavs < <(find "$tmp" -name '*.wav' | sort)
if [ "${#wavs[@]}" -ne 5 ]; then
  echo "check_seeds: expected 5 rendered WAV files, found ${#wavs[@]}"
  exit 1
fi

fail=0
for wav in "${wavs[@]}"; do
  base=${wav%.wav}
  for ext in srt vtt ass; do
    if [ ! -s "$base.$ext" ]; then
      echo "check_seeds: $base.$ext missing"
      fail=1
    fi
  done
  "$VC_BIN" check --audio "$wav" "$base.srt" "$base.vtt" "$base.ass" || fail=1
  "${VC_BUILD_DIR:?}/tools/vc_loudness" "$wav" || fail=1
  node "$VC_SOURCE_DIR/tests/node/webvtt-check.js" "$base.vtt" || fail=1
  node "$VC_SOURCE_DIR/tests/node/cue-timing.js" "$base.json" || fail=1
done
exit "$fail"

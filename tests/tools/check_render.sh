#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks one render, STEM.{wav,srt,vtt,ass,json}, with the real clients: libsndfile,
# libass, mpv, ffprobe and the W3C WebVTT parser. Prints every tool's lines, then a
# summary naming each failed check; exits 1 if any failed, 2 on a usage error.
#
# Usage: check_render.sh STEM...      e.g. check_render.sh out/000_05a18542847d4624
# Env:   VC_BUILD_DIR (default ROOT/build: the tools are in VC_BUILD_DIR/tools),
#        VC_SOURCE_DIR (default: this checkout).
set -euo pipefail

ROOT=${VC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BUILD=${VC_BUILD_DIR:-$ROOT/build}
TOOLS=$BUILD/tools
NODE_DIR=$ROOT/tests/node

if [ $# -eq 0 ]; then
  echo "usage: check_render.sh STEM...   (checks STEM.wav .srt .vtt .ass .json)" >&2
  exit 2
fi
for t in vc_wav_check vc_ass_check vc_syncmap_check; do
  if [ ! -x "$TOOLS/$t" ]; then
    echo "check_render: $TOOLS/$t missing: build first (cmake --build build)" >&2
    exit 2
  fi
done
if [ ! -d "$NODE_DIR/node_modules/webvtt-parser" ]; then
  echo "check_render: webvtt-parser missing: run scripts/npm-deps.sh" >&2
  exit 2
fi

failed=()
n_checks=0

# run NAME CMD...: runs one check, keeps its output, records a failure by name.
run() {
  local name=$1
  shift
  n_checks=$((n_checks + 1))
  echo "--- $name"
  if "$@"; then
    return 0
  fi
  failed+=("$name")
  return 0
}

files_present() {
  local stem=$1 ok=0 ext
  for ext in wav srt vtt ass json transcript.txt; do
    if [ ! -s "$stem.$ext" ]; then
      echo "FAIL $stem.$ext: missing or empty"
      ok=1
    fi
  done
  [ $ok -eq 0 ] && echo "ok   $stem.{wav,srt,vtt,ass,json,transcript.txt} present"
  return $ok
}

# ffprobe must read every caption format with one packet (event) per cue of the map.
ffprobe_counts() {
  local stem=$1 want ext got ok=0
  want=$("$TOOLS/vc_syncmap_check" --count "$stem.json") || {
    echo "FAIL $stem.json: no cue count"
    return 1
  }
  for ext in srt vtt ass; do
    if ! got=$(ffprobe -v error -count_packets -show_entries stream=nb_read_packets \
      -of csv=p=0 "$stem.$ext" 2>&1); then
      echo "FAIL $stem.$ext: ffprobe cannot read it: $got"
      ok=1
    elif [ "$got" != "$want" ]; then
      echo "FAIL $stem.$ext: ffprobe reads $got events, the map has $want cues"
      ok=1
    else
      echo "ok   $stem.$ext: ffprobe reads $got events (map: $want cues)"
    fi
  done
  return $ok
}

for stem in "$@"; do
  stem=${stem%.json}
  echo "=== $stem"
  run "$stem: outputs present" files_present "$stem"
  run "$stem: sync map well formed" "$TOOLS/vc_syncmap_check" "$stem.json"
  run "$stem: WAV length = sync map duration" "$TOOLS/vc_wav_check" "$stem.wav"
  run "$stem: libass loads and renders the ASS" "$TOOLS/vc_ass_check" "$stem.ass"
  run "$stem: mpv shows each cue at its middle" \
    node "$NODE_DIR/mpv-cuecheck.js" "$stem.srt" "$stem.vtt" "$stem.ass"
  run "$stem: ffprobe event counts" ffprobe_counts "$stem"
  run "$stem: W3C WebVTT parser" node "$NODE_DIR/webvtt-check.js" "$stem.vtt"
done

echo "==="
if [ ${#failed[@]} -eq 0 ]; then
  echo "check_render: all $n_checks checks passed"
  exit 0
fi
echo "check_render: ${#failed[@]} of $n_checks checks FAILED:"
printf '  - %s\n' "${failed[@]}"
exit 1

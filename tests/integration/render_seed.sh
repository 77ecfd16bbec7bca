#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders one seed and checks every output with the real clients (tests/tools/
# check_render.sh): WAV length = sync map duration; libass loads the ASS with one event
# per cue, no warning, pixels at every event's middle; mpv shows each cue's text at its
# middle in the SRT, the WebVTT and the ASS; ffprobe reads all three with one event per
# cue; the W3C WebVTT parser reports no error. Also: exit 0, the eight outputs (NAME.transcript.txt is
# the transcript) and nothing else in the output folder (no temporary file left).
# VC_SEED=path picks another seed (default seeds/000_*.txt).
set -euo pipefail

ROOT=${VC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BUILD=${VC_BUILD_DIR:-$ROOT/build}
VC_BIN=${VC_BIN:-$BUILD/voicecap}
export VC_SOURCE_DIR=$ROOT VC_BUILD_DIR=$BUILD

seeds=("$ROOT"/seeds/000_*.txt)
SEED=${VC_SEED:-${seeds[0]}}
NAME=$(basename "$SEED" .txt)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

echo "=== $VC_BIN render -o OUT $SEED"
start=$(date +%s%N)
rc=0
"$VC_BIN" render -o "$out" "$SEED" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
end=$(date +%s%N)
ms=$(((end - start) / 1000000))
printf 'render took %d.%03d s, exit %d\n' $((ms / 1000)) $((ms % 1000)) "$rc"
if [ $rc -ne 0 ]; then
  echo "FAIL: render exited $rc; its stderr:"
  sed 's/^/    /' "$tmp/stderr"
  exit 1
fi

expected=$(printf '%s\n' "$NAME".{ass,chapters.vtt,html,json,srt,transcript.txt,vtt,wav} | LC_ALL=C sort)
actual=$(ls -A "$out" | LC_ALL=C sort)
if [ "$actual" != "$expected" ]; then
  echo "FAIL: the output folder should hold exactly the eight outputs; it holds:"
  sed 's/^/    /' <<<"$actual"
  exit 1
fi
echo "ok   $out holds the eight outputs and nothing else"

bash "$ROOT/tests/tools/check_render.sh" "$out/$NAME"

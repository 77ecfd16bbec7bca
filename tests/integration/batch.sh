#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `voicecap batch -j 2` over a folder holding copies of the two shortest seeds (one of
# them in a subfolder, beside a non-.txt file and a hidden .txt that must be skipped):
# exit 0, the eight outputs of each seed (NAME.transcript.txt is the transcript) and nothing else,
# each WAV matching its sync
# map. Also --help and --version exit 0 with their text on stdout.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
TOOLS=$BUILD/tools


echo "=== --help and --version"
for args in "--help" "--version" "render --help" "batch --help"; do
  rc=0
  # shellcheck disable=SC2086 # the words of $args are meant to split
  "$VC_BIN" $args >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
  if [ $rc -ne 0 ] || ! [ -s "$tmp/stdout" ]; then
    fail "voicecap $args: exit $rc, $(wc -c <"$tmp/stdout") bytes on stdout (want 0 and text)"
  else
    echo "ok   voicecap $args: exit 0: $(head -n 1 "$tmp/stdout")"
  fi
done
if ! grep -Eq '^voicecap [0-9]+\.[0-9]+\.[0-9]+' <("$VC_BIN" --version); then
  fail "--version does not print 'voicecap X.Y.Z'"
fi
if ! grep -q "batch" <("$VC_BIN" --help); then
  fail "--help does not mention batch"
fi

echo "=== batch -j 2 over two seeds"
mapfile -t short < <(ls -1S "$ROOT"/seeds/*.txt | tail -n 2)
A=$(basename "${short[1]}" .txt)
B=$(basename "${short[0]}" .txt)
in=$tmp/in
out=$tmp/out
mkdir -p "$in/sub"
cp "${short[1]}" "$in/$A.txt"
cp "${short[0]}" "$in/sub/$B.txt"
echo "not an interview" >"$in/notes.md"
cp "${short[1]}" "$in/.hidden.txt"

start=$(date +%s%N)
rc=0
"$VC_BIN" batch -j 2 -o "$out" "$in" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
printf 'batch took %d.%03d s, exit %d\n' $((ms / 1000)) $((ms % 1000)) "$rc"
if [ $rc -ne 0 ]; then
  fail "batch exited $rc, expected 0; stderr:"
  indent "$tmp/stderr"
fi
# The output tree mirrors the input tree: sub/B.txt -> out/sub/B.*; beside each set
# the record a rerun resumes by (.NAME.voicecap); at the top the cast, kept for reruns.
expected=$({ printf '%s\n' "$A".{ass,chapters.vtt,html,json,srt,transcript.txt,vtt,wav} ".$A.voicecap"
  printf 'sub/%s\n' "$B".{ass,chapters.vtt,html,json,srt,transcript.txt,vtt,wav} ".$B.voicecap"
  echo .voicecap-cast.tsv; } | LC_ALL=C sort)
actual=$(cd "$out" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
if [ "$actual" != "$expected" ]; then
  fail "the output tree should hold exactly the sixteen outputs of $A and sub/$B, their records and the cast; it holds:"
  indent <<<"$actual"
else
  echo "ok   $out mirrors the input tree: the sixteen outputs, two records, the cast, nothing else"
fi
for f in $expected; do
  if ! [ -s "$out/$f" ]; then
    fail "$f is empty"
  fi
done
for n in "$A" "sub/$B"; do
  if [ -s "$out/$n.json" ] && [ -s "$out/$n.wav" ]; then
    "$TOOLS/vc_wav_check" "$out/$n.wav" || fail "$n.wav does not match $n.json"
  fi
done
# mpv still loads the captions beside the audio by name (SRT, VTT, ASS), and never the
# transcript.
mpv --no-config --ao=null --vo=null --length=0.1 "$out/sub/$B.wav" >"$tmp/mpv.log" 2>&1 || true
subs=$(grep -o "'$B\.[a-z.]*' ([a-z]*) (external)" "$tmp/mpv.log" | LC_ALL=C sort | tr '\n' ' ')
if [ "$subs" != "'$B.ass' (ass) (external) '$B.srt' (subrip) (external) '$B.vtt' (webvtt) (external) " ]; then
  fail "mpv did not load exactly the three caption files by name; it loaded: $subs"
  indent "$tmp/mpv.log"
else
  echo "ok   mpv loads $B.ass, .srt and .vtt beside $B.wav by name, not the transcript"
fi

# Two inputs with one base name in different subfolders: both rendered, each into its
# own subfolder. Two folders given that both hold x.txt: the first kept, the second
# refused (exit 1), never silently overwritten.
dup=$tmp/dup
mkdir -p "$dup/a" "$dup/b"
cp "${short[0]}" "$dup/a/same.txt"
cp "${short[1]}" "$dup/b/same.txt"
rc=0
"$VC_BIN" batch -o "$tmp/dupout" "$dup" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 0 ] || ! [ -s "$tmp/dupout/a/same.wav" ] || ! [ -s "$tmp/dupout/b/same.wav" ] ||
  cmp -s "$tmp/dupout/a/same.srt" "$tmp/dupout/b/same.srt"; then
  fail "a/same.txt and b/same.txt: exit $rc, want 0 and each in its own subfolder; stderr:"
  indent "$tmp/stderr"
else
  echo "ok   a/same.txt and b/same.txt: out/a/same.* and out/b/same.*, no collision"
fi
mkdir -p "$tmp/r1" "$tmp/r2"
cp "${short[0]}" "$tmp/r1/x.txt"
cp "${short[1]}" "$tmp/r2/x.txt"
rc=0
"$VC_BIN" batch -o "$tmp/rout" "$tmp/r1" "$tmp/r2" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 1 ] || ! grep -q "r2/x.txt: skipped: its outputs would overwrite those of .*r1/x.txt" "$tmp/stderr"; then
  fail "two folders holding x.txt: exit $rc (want 1) and a line naming both; stderr:"
  indent "$tmp/stderr"
elif ! "$VC_BIN" render -o "$tmp/single" "$tmp/r1/x.txt" >/dev/null ||
  ! cmp -s "$tmp/single/x.srt" "$tmp/rout/x.srt"; then
  fail "the duplicate's outputs are not those of the first file"
else
  echo "ok   a duplicate output name is refused, naming both files; the first file's outputs kept"
fi

# -o inside the input tree: never walked, and transcripts are never inputs.
cp -r "$in" "$tmp/inside"
rc=0
"$VC_BIN" batch -o "$tmp/inside/out" "$tmp/inside" >"$tmp/stdout" 2>"$tmp/stderr" &&
  "$VC_BIN" batch --force -o "$tmp/inside/o2" "$tmp/inside" >"$tmp/stdout2" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 0 ] || ! grep -q "^2 rendered, 0 failed" "$tmp/stdout" ||
  ! grep -q "^2 rendered, 0 failed" "$tmp/stdout2"; then
  fail "-o inside the input tree: exit $rc; the runs should render 2 files each:"
  indent "$tmp/stdout" "$tmp/stdout2" "$tmp/stderr"
else
  echo "ok   -o inside the input tree: its outputs (and transcripts) are never taken as inputs"
fi

echo "==="
finish batch "all good"

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
expected=$(for n in "$A" "$B"; do printf '%s\n' "$n".{ass,chapters.vtt,html,json,srt,transcript.txt,vtt,wav}; done | LC_ALL=C sort)
actual=$(ls -A "$out" 2>/dev/null | LC_ALL=C sort)
if [ "$actual" != "$expected" ]; then
  fail "the output folder should hold exactly the sixteen outputs of $A and $B; it holds:"
  indent <<<"$actual"
else
  echo "ok   $out holds the sixteen outputs and nothing else"
fi
for f in $expected; do
  if ! [ -s "$out/$f" ]; then
    fail "$f is empty"
  fi
done
for n in "$A" "$B"; do
  if [ -s "$out/$n.json" ] && [ -s "$out/$n.wav" ]; then
    "$TOOLS/vc_wav_check" "$out/$n.wav" || fail "$n.wav does not match $n.json"
  fi
done

# Two inputs with one base name: the first is rendered, the second refused (exit 1),
# never silently overwritten.
dup=$tmp/dup
mkdir -p "$dup/a" "$dup/b"
cp "${short[0]}" "$dup/a/same.txt"
cp "${short[1]}" "$dup/b/same.txt"
rc=0
"$VC_BIN" batch -o "$tmp/dupout" "$dup" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 1 ]; then
  fail "batch with a duplicate name exited $rc, expected 1"
elif ! grep -q "b/same.txt: skipped: its outputs would overwrite those of .*a/same.txt" "$tmp/stderr"; then
  fail "batch with a duplicate name did not name both files; stderr:"
  indent "$tmp/stderr"
elif ! "$VC_BIN" render -o "$tmp/single" "$dup/a/same.txt" >/dev/null ||
  ! cmp -s "$tmp/single/same.srt" "$tmp/dupout/same.srt"; then
  fail "the duplicate's outputs are not those of the first file"
else
  echo "ok   a duplicate name is refused, naming both files; the first file's outputs kept"
fi

echo "==="
finish batch "all good"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 14 on one machine, with the real engine: the cast file (render --cast equals
# batch byte for byte), resuming (a rerun skips everything, --force renders all), a batch
# killed at several points (SIGINT, SIGTERM, SIGKILL to the whole process group) and run
# again ends with exactly the tree of one clean run and no temporary file, --progress=json
# events and the summary, and `make run`'s command run twice over the seeds skips all five.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
cd "$tmp"

# tree DIR: every file below DIR (hidden ones too) with its sha256, sorted.
tree() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum); }
temporaries() { find "$1" -name '.*.vc-*' 2>/dev/null | head -n 5 || true; }

mapfile -t short < <(ls -1S "$ROOT"/seeds/*.txt | tail -n 2)
A=$(basename "${short[1]}" .txt)
B=$(basename "${short[0]}" .txt)
mkdir -p in/one in/two
cp "${short[1]}" "in/one/$A.txt"
cp "${short[0]}" "in/one/$B.txt"
cp "${short[1]}" "in/two/$A.txt"
cp "${short[0]}" "in/$B.txt"

echo "=== a clean run"
start=$(date +%s%N)
"$VC_BIN" batch -j 2 -o clean in >clean.log 2>&1 || fail "clean batch exited $?"
echo "clean run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
tree clean >clean.sum
[ "$(grep -c '\.wav$' clean.sum)" -eq 4 ] || fail "the clean run did not write 4 audio files"
grep -q "^4 rendered, 0 failed, 0 skipped" clean.log || fail "clean run summary: $(cat clean.log)"
grep -Eq "^4 files, [0-9]+:[0-9]{2}:[0-9]{2} of audio .* wall time [0-9]+:" clean.log ||
  fail "the summary gives no files, audio and wall time: $(tail -n 2 clean.log)"

echo "=== the cast: render --cast gives batch's bytes"
"$VC_BIN" cast in >cast.tsv || fail "voicecap cast exited $?"
head -n 2 cast.tsv | tail -n 1 | grep -q "^speaker	voice	slot$" || fail "cast.tsv has no header"
[ "$(grep -vc '^#' cast.tsv)" -ge 2 ] || fail "cast.tsv casts nobody: $(cat cast.tsv)"
"$VC_BIN" render -q --cast cast.tsv -o alone "in/two/$A.txt" || fail "render --cast exited $?"
same=0
for f in clean/two/"$A".*; do
  n=$(basename "$f")
  if cmp -s "$f" "alone/$n"; then same=$((same + 1)); else fail "render --cast: $n differs from batch's"; fi
done
[ "$same" -eq 8 ] && echo "ok   render --cast cast.tsv in/two/$A.txt: the 8 outputs equal batch's byte for byte"
rc=0
"$VC_BIN" batch --cast cast.tsv -o withcast in >/dev/null 2>&1 || rc=$?
# (batch --cast keeps no cast of its own: .voicecap-cast.tsv is the cast batch made)
if [ $rc -ne 0 ] || ! diff -q <(grep -v voicecap-cast clean.sum) <(tree withcast) >/dev/null; then
  fail "batch --cast cast.tsv: exit $rc, or a tree other than batch's own cast gives"
else
  echo "ok   batch --cast cast.tsv writes the tree batch's own cast does"
fi
printf '# a comment\nspeaker\tvoice\tslot\nSomeone\tno-such-voice\t0\n' >bad.tsv
rc=0
"$VC_BIN" render --cast bad.tsv -o badcast "in/$B.txt" >/dev/null 2>err.log || rc=$?
if [ $rc -ne 1 ] || ! grep -q "bad.tsv:3: no such voice" err.log || [ -e badcast ]; then
  fail "a cast naming an unknown voice: exit $rc, want 1 and 'bad.tsv:3: no such voice':"
  indent err.log
fi

echo "=== resume"
cp -a clean rerun
start=$(date +%s%N)
"$VC_BIN" batch -j 2 -o rerun in >rerun.log 2>&1 || fail "rerun exited $?"
echo "resumed run: $(( ($(date +%s%N) - start) / 1000000 )) ms"
if ! grep -q "^4 of 4 up to date, skipped" rerun.log || ! grep -q "^0 rendered, 0 failed, 4 skipped" rerun.log ||
  ! diff -q clean.sum <(tree rerun) >/dev/null || ! [ -s rerun/.voicecap-cast.tsv ]; then
  fail "a rerun should skip all 4 and change nothing:"
  indent rerun.log
else
  echo "ok   a rerun skips all 4 inputs (the cast read from rerun/.voicecap-cast.tsv), nothing changed"
fi
# The kept cast is the one voicecap cast writes, and a changed collection makes it again.
if ! diff -q <(grep -v '^#' cast.tsv) <(grep -v '^#' rerun/.voicecap-cast.tsv) >/dev/null; then
  fail "the cast batch keeps differs from voicecap cast's:"
  diff cast.tsv rerun/.voicecap-cast.tsv | indent
fi
printf '\nQ: One more question?\n\nA: One more answer.\n' >>"in/one/$B.txt"
"$VC_BIN" batch -j 2 -o rerun in >rerun2.log 2>&1 || fail "rerun after an edit exited $?"
grep -q "^1 rendered, 0 failed, 3 skipped" rerun2.log || fail "an edited input: $(cat rerun2.log)"
cp "${short[0]}" "in/one/$B.txt"
"$VC_BIN" batch -j 2 --force -o rerun in >force.log 2>&1 || fail "--force exited $?"
if ! grep -q "^4 rendered, 0 failed, 0 skipped" force.log || ! diff -q clean.sum <(tree rerun) >/dev/null; then
  fail "--force should render all 4 again, to the same bytes:"
  indent force.log
else
  echo "ok   an edited input alone is rendered again; --force renders all, same bytes"
fi

echo "=== killed at several points, then run again"
k=0
for point in "INT 0.4" "TERM 1.5" "KILL 0.8" "KILL 2.5" "KILL 4"; do
  read -r sig delay <<<"$point"
  k=$((k + 1))
  setsid "$VC_BIN" batch -j 2 -o "k$k" in >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if [ "$sig" = KILL ]; then kill -KILL -- "-$pid" 2>/dev/null || true; else kill "-$sig" "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
  sleep 0.2
  partial=$(find "k$k" -name '*.wav' -not -path '*/.*' 2>/dev/null | wc -l || true)
  left=$(temporaries "k$k" | wc -l)
  rc=0
  "$VC_BIN" batch -j 2 -o "k$k" in >"k$k.log" 2>&1 || rc=$?
  if [ $rc -ne 0 ] || ! diff -q clean.sum <(tree "k$k") >/dev/null || [ -n "$(temporaries "k$k")" ]; then
    fail "SIG$sig after ${delay}s, then a rerun: exit $rc; the tree differs from a clean run's or temporaries remain:"
    diff clean.sum <(tree "k$k") | indent
    temporaries "k$k" | indent
  else
    echo "ok   SIG$sig after ${delay}s ($partial audio files published, $left temporary folders left), rerun: $(head -n 1 "k$k.log"); the clean run's tree, no temporary"
  fi
done

echo "=== --progress=json and failures"
printf 'Q: Was it hard?\nA: Not at all, caf\xe9 talk.\n' >in/two/bad.txt
rc=0
"$VC_BIN" batch -j 2 --progress=json -o rerun in >events.jsonl 2>err.log || rc=$?
[ $rc -eq 1 ] || fail "a batch with a bad input exited $rc, want 1"
python3 - events.jsonl <<'PY' || fail "JSON events"
import json, sys
ev = [json.loads(line) for line in open(sys.argv[1])]
kinds = [e["event"] for e in ev]
assert kinds[0] == "start" and kinds[-1] == "end", kinds
s, e = ev[0], ev[-1]
assert (s["files"], s["skipped"], s["to_render"]) == (5, 4, 1), s
assert kinds.count("skipped") == 4 and kinds.count("failed") == 1, kinds
f = [x for x in ev if x["event"] == "failed"][0]
assert f["file"].endswith("two/bad.txt") and "bad.txt" in f["error"], f
assert all(x["audio_seconds"] > 10 for x in ev if x["event"] == "skipped"), ev
assert (e["files"], e["rendered"], e["skipped"], e["failed"]) == (5, 0, 4, 1), e
assert e["audio_seconds"] > 60 and e["wall_seconds"] >= 0, e
print("ok   --progress=json: start, 4 skipped, 1 failed with its error, end (%d events)" % len(ev))
PY
grep -q "two/bad.txt" err.log || fail "the failure is not on standard error"
rc=0
"$VC_BIN" batch -o rerun in >plain.log 2>/dev/null || rc=$?
if [ $rc -ne 1 ] || ! grep -q "^0 rendered, 1 failed, 4 skipped" plain.log ||
  ! grep -q "^failed: .*two/bad.txt: " plain.log || ! grep -q "FAILED .*two/bad.txt" plain.log; then
  fail "plain progress and summary with a failure: exit $rc:"
  indent plain.log
else
  echo "ok   the summary lists the failure and its reason: $(grep '^failed: ' plain.log | cut -c1-100)"
fi

echo "=== make run's command, twice"
mkdir mk && cd mk
"$VC_BIN" batch -o out "$ROOT/seeds" >run1.log 2>&1 || fail "batch -o out seeds exited $?"
start=$(date +%s%N)
"$VC_BIN" batch -o out "$ROOT/seeds" >run2.log 2>&1 || fail "the second batch -o out seeds exited $?"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if ! grep -q "^0 rendered, 0 failed, 5 skipped" run2.log; then
  fail "a rerun of make run's command should skip all five seeds:"
  indent run2.log
else
  echo "ok   a rerun of 'batch -o out seeds' skips all five seeds ($ms ms)"
fi
cd ..

echo "==="
finish batch_resume "all good"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile files, folders and signals (issue 11): planted links and FIFOs, words the speech
# engine cannot take, a crash in the engine, outputs published as a set, signals, batch
# workers outliving their parent, the folder walk, outputs taken for inputs, limits,
# messages, and the smaller items (FIFO input, CR line ends, paths in outputs, fsync).
# Each check failed before the fix. Short texts of our own: about 40 renders, ~1 minute.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"

ok() { echo "ok   $*"; }
# hidden DIR: the hidden entries of DIR (temporaries), one a line.
# hidden DIR: hidden entries, but for what batch keeps on purpose (the records
# .NAME.voicecap and the cast .voicecap-cast.tsv): temporaries.
hidden() { ls -A "$1" 2>/dev/null | grep '^\.' | grep -Ev '^\..*\.voicecap$|^\.voicecap-cast\.tsv$' || true; }
sums() { (cd "$1" && find . -maxdepth 1 -type f ! -name '.*' -print0 | sort -z | xargs -0r sha256sum); }

short_text() { # short_text FILE WORD: a two-turn interview
  printf 'Q: Did the %s work out in the end?\n\nA: Yes, it did, and we were glad of it.\n' "$2" >"$1"
}
long_text() { # long_text FILE: about fifteen seconds of speech
  {
    printf 'Q: Where did the project begin, and who was there at the start?\n\n'
    printf 'A: It began in a small workshop by the harbour. There were four of us, a lathe, '
    printf 'two old computers and far too much coffee. We argued about everything, from the '
    printf 'name to the colour of the boxes, and somehow that made it better.\n\n'
    printf 'Q: What changed when the first customers arrived?\n\n'
    printf 'A: Everything changed. We had to answer letters, fix what broke, and learn to say '
    printf 'no to ideas we liked. It was the best year of my working life, and the hardest.\n'
  } >"$1"
}

# worker_of PID: the render's child (render works in one), waiting for it to start.
worker_of() {
  local c=""
  for _ in $(seq 20); do
    c=$(pgrep -P "$1" | head -n1)
    [ -n "$c" ] && break
    sleep 0.05
  done
  echo "$c"
}

cd "$tmp" || exit 1
short_text s.txt plan
long_text l1.txt
for _ in $(seq 80); do cat l1.txt; done >l.txt # about 1.5 s to render with two engines (10 copies took 0.2 s: signals came too late)

echo "=== 1. planted links and FIFOs at predictable names"
printf 'precious\n' >victim
mkdir o1
for e in wav srt vtt ass json txt; do ln -s "$tmp/victim" "o1/s.$e"; done
# The names temporaries used to have (.NAME.EXT.tmp-PID): this shell's PID becomes
# voicecap's through exec.
timeout 60 bash -c 'for e in wav srt vtt ass json; do ln -s "$1/victim" "$1/o1/.s.$e.tmp-$$"; done
  mkfifo "$1/o1/.s.txt.tmp-$$"; exec "$2" render -o "$1/o1" "$1/s.txt"' _ "$tmp" "$VC_BIN" \
  >out.log 2>err.log
rc=$?
if [ $rc -ne 0 ]; then
  fail "render with planted links exited $rc (124: hung on a FIFO)"
  indent err.log
elif [ "$(cat victim)" != precious ]; then
  fail "a planted link redirected a write: the victim file changed"
elif [ -L o1/s.wav ] || ! [ -f o1/s.wav ] || [ -L o1/s.srt ]; then
  fail "the outputs are still links, not the new files"
else
  ok "planted links and a FIFO neither redirect nor hang a render"
fi

echo "=== 2. words the engine cannot take, and a crash in the engine"
w=$(printf "s'%.0s" $(seq 80))
printf 'Q: What did the sign say?\n\nA: It said %s and nothing else.\n' "$w" >word.txt
printf 'Q: And the other one?\n\nA: walk%s was written there.\n' "$(printf 'ness%.0s' $(seq 70))" >ness.txt
rc=0
"$VC_BIN" render -o o2 word.txt >out.log 2>err.log || rc=$?
rc2=0 # its captions may break the reading rate (refused, exit 1): never a crash
"$VC_BIN" render -o o2 ness.txt >out.log 2>err2.log || rc2=$?
if [ $rc -ne 0 ] || { [ $rc2 -ne 0 ] && ! grep -q "caption rule" err2.log; }; then
  fail "render of very long words exited $rc and $rc2"
  indent err.log err2.log
elif ! grep -q "read in pieces" o2/word.transcript.txt; then
  fail "the transcript does not say a word was read in pieces"
else
  ok "very long words are read in pieces, and the transcript says so"
fi
# A fault in the engine: the render is made to abort in the middle of synthesis.
mkdir o2b
short_text s.txt plan
"$VC_BIN" render -o o2b s.txt >/dev/null 2>&1
sums o2b >old.sum
cp l.txt s.txt
"$VC_BIN" render -o o2b s.txt >out.log 2>err.log &
pid=$!
child=$(worker_of $pid)
sleep 0.3
kill -ABRT "${child:-$pid}" 2>/dev/null
rc=0
wait $pid || rc=$?
short_text s.txt plan
if [ $rc -ne 1 ] || [ "$(wc -l <err.log)" -ne 1 ] || ! grep -q "s.txt.*crashed" err.log; then
  fail "an engine crash: exit $rc (want 1) and one line naming s.txt:"
  indent err.log
elif [ -n "$(hidden o2b)" ] || ! diff -q old.sum <(sums o2b) >/dev/null; then
  fail "an engine crash left temporaries or changed the earlier outputs: $(hidden o2b)"
else
  ok "a crash in the engine is an error for that file (exit 1), nothing left behind"
fi

echo "=== 3. outputs published as a set"
mkdir o3
"$VC_BIN" render -o o3 s.txt >/dev/null 2>&1
rm o3/s.ass && mkdir o3/s.ass && touch o3/s.ass/keep
sums o3 >old.sum
short_text s.txt change
rc=0
"$VC_BIN" render -o o3 s.txt >out.log 2>err.log || rc=$?
if [ $rc -ne 1 ] || ! grep -q "s.ass" err.log; then
  fail "publishing over a folder named s.ass: exit $rc, want 1 naming s.ass"
  indent err.log
elif ! diff -q old.sum <(sums o3) >/dev/null || [ -n "$(hidden o3)" ]; then
  fail "a failed publication changed some outputs (or left temporaries):"
  diff old.sum <(sums o3) | indent
else
  ok "a publication that cannot complete changes nothing"
fi
if ! grep -q "^voicecap: s.txt: " err.log; then
  fail "an error after segmentation does not begin with the input's name:"
  indent err.log
else
  ok "errors after segmentation name the input first"
fi
short_text s.txt plan

echo "=== 4. signals, workers and stale temporaries"
mkdir o4
cp l1.txt l4.txt
"$VC_BIN" render -o o4 l4.txt >/dev/null 2>&1
sums o4 >old.sum
cp l.txt l4.txt
"$VC_BIN" render -o o4new l4.txt >/dev/null 2>&1
sums o4new >new.sum
for sig in INT TERM HUP; do
  "$VC_BIN" render -o o4 l4.txt >/dev/null 2>err.log &
  pid=$!
  worker_of $pid >/dev/null
  sleep 0.3
  kill -$sig $pid
  rc=0
  wait $pid || rc=$?
  want=$((128 + $(kill -l $sig)))
  if [ $rc -ne $want ]; then
    fail "SIG$sig: exit $rc, want $want"
  elif [ -n "$(hidden o4)" ] || ! { diff -q old.sum <(sums o4) || diff -q new.sum <(sums o4); } >/dev/null; then
    fail "SIG$sig left temporaries or a mixed set: $(hidden o4)"
    diff old.sum <(sums o4) | indent
  else
    ok "SIG$sig: exit $rc, nothing left, the old set or the new one whole"
  fi
done
# batch's parent killed: its workers die too, and clean up.
mkdir b4
for n in 1 2; do for _ in 1 2 3 4; do cat l.txt; done >"b4/w$n.txt"; done
"$VC_BIN" batch -j 2 -o o4b b4 >/dev/null 2>&1 &
pid=$!
# batch casts and checks its records before starting workers (slow under ASan): wait
# for them, up to 30 s.
for _ in $(seq 300); do [ -n "$(pgrep -P $pid)" ] && break; sleep 0.1; done
sleep 0.5
workers=$(pgrep -P $pid | tr '\n' ' ')
kill -KILL $pid
wait $pid 2>/dev/null
left=""
for _ in $(seq 30); do
  left=""
  for w in $workers; do kill -0 "$w" 2>/dev/null && left="$left $w"; done
  [ -z "$left" ] && break
  sleep 0.1
done
if [ -z "$workers" ]; then
  fail "batch started no workers to watch"
elif [ -n "$left" ]; then
  fail "batch workers outlived their killed parent:$left"
  for w in $left; do kill -KILL "$w" 2>/dev/null; done
elif [ -n "$(hidden o4b)" ]; then
  fail "dead workers left temporaries: $(hidden o4b)"
else
  ok "batch workers die with their parent and leave nothing"
fi
# SIGTERM to batch: passed on to the workers, all clean up, batch exits 143.
"$VC_BIN" batch -j 2 -o o4d b4 >/dev/null 2>&1 &
pid=$!
worker_of $pid >/dev/null
sleep 0.5
workers=$(pgrep -P $pid | tr '\n' ' ')
kill -TERM $pid
rc=0
wait $pid || rc=$?
sleep 0.2
left=""
for w in $workers; do kill -0 "$w" 2>/dev/null && left="$left $w"; done
if [ $rc -ne 143 ] || [ -n "$left" ] || [ -n "$(hidden o4d)" ]; then
  fail "SIGTERM to batch: exit $rc (want 143), workers left:$left, temporaries: $(hidden o4d)"
else
  ok "SIGTERM to batch: passed on to its workers, exit 143, nothing left"
fi
# A render killed outright leaves its temporaries; the next render of NAME removes them,
# and those an older version left (.NAME.EXT.tmp-PID, PID dead) too.
mkdir o4c
head -c 4096 /dev/zero >o4c/.l.wav.tmp-4194300
"$VC_BIN" render -o o4c l.txt >/dev/null 2>&1 &
pid=$!
child=$(worker_of $pid)
# killed once it has a temporary of its own (a fixed delay lost the race on a busy machine)
for _ in $(seq 200); do
  hidden o4c | grep -qv '^\.l\.wav\.tmp-4194300$' && break
  sleep 0.05
done
kill -KILL $child $pid 2>/dev/null
wait $pid 2>/dev/null
before=$(hidden o4c)
"$VC_BIN" render -o o4c l.txt >/dev/null 2>&1
if [ -z "$before" ]; then
  fail "a killed render left no temporary (nothing to test)"
elif [ -n "$(hidden o4c)" ]; then
  fail "stale temporaries of a killed render survive the next render: $(hidden o4c)"
else
  ok "the next render removes a killed render's temporaries ($before)"
fi

echo "=== 6. the folder walk"
mkdir -p w6/sub outside
short_text w6/a.txt walk
short_text outside/b.txt away
ln -s . w6/l1
ln -s . w6/sub/l2
ln -s .. w6/sub/up
ln -s "$tmp/outside" w6/ext
ln -s "$tmp/nowhere" w6/dangling
rc=0
timeout 60 "$VC_BIN" batch -o o6 w6 >out.log 2>err.log || rc=$?
if [ $rc -ne 0 ] || ! grep -q "^1 rendered, 0 failed" out.log; then
  fail "batch over links to . and ..: exit $rc (124: never finished), want 1 file rendered:"
  indent out.log err.log
elif [ -e o6/ext/b.wav ]; then
  fail "batch followed a link out of the folder without --follow-links"
elif ! grep -q "ext.*--follow-links" err.log; then
  fail "batch does not say it skipped the link out of the folder:"
  indent err.log
else
  ok "each folder once, links out of the tree skipped and named"
fi
rc=0
timeout 60 "$VC_BIN" batch --follow-links -o o6b w6 >out.log 2>err.log || rc=$?
if [ $rc -ne 0 ] || ! [ -e o6b/ext/b.wav ] || ! [ -e o6b/a.wav ]; then
  fail "batch --follow-links: exit $rc, want a and b rendered"
  indent out.log err.log
else
  ok "--follow-links follows a link out of the folder"
fi

echo "=== 7. outputs mistaken for inputs"
mkdir -p w7
short_text w7/a.txt own
rc=0
(cd w7 && "$VC_BIN" batch . >../out1.log 2>&1 && "$VC_BIN" batch . >../out.log 2>&1 &&
  "$VC_BIN" batch --force . >../out2.log 2>&1) || rc=$?
if [ $rc -ne 0 ] || ! grep -q "^0 rendered, 0 failed, 1 skipped" out.log ||
  ! grep -q "^1 rendered, 0 failed, 0 skipped" out2.log; then
  fail "a second 'batch .' took its own outputs for inputs (exit $rc):"
  indent out.log out2.log
else
  ok "batch never takes files from its own output folder"
fi
mkdir -p r7/a r7/b
short_text r7/a/x.txt first
short_text r7/b/x.txt second
rc=0
"$VC_BIN" render -o o7 r7/a/x.txt r7/b/x.txt >out.log 2>err.log || rc=$?
if [ $rc -ne 1 ] || ! grep -q "r7/b/x.txt.*r7/a/x.txt" err.log || ! grep -q first o7/x.transcript.txt; then
  fail "render a/x.txt b/x.txt: exit $rc, want 1 naming both and a's outputs kept:"
  indent err.log
else
  ok "render refuses a second FILE with the same name, naming both"
fi

echo "=== 8. limits"
python3 - <<'EOF'
names = [(a + v + b + v).capitalize() for a in "bcdfghjklmnprstvz" for v in "aeiou"
         for b in "bcdfghjklmnprstvz"][:300]
with open("spk.txt", "w") as f:
    f.write("An interview with many people.\n\n")
    for i, n in enumerate(names):
        f.write(f"{n.upper()}: Hello, I am speaker number {i}.\n\n")
with open("lab.txt", "w") as f:
    f.write("An interview with many labels.\n\n")
    for i in range(1100):
        f.write(f"{names[i % 300].upper()} {names[(i * 7 + 3) % 300].upper()}{i}: Hello.\n\n")
EOF
limit() { # limit WHAT PATTERN FILE
  local rc=0
  timeout 60 "$VC_BIN" segment "$3" >/dev/null 2>err.log || rc=$?
  if [ $rc -ne 1 ] || ! grep -Eq "$2" err.log; then
    fail "$1: exit $rc, want 1 and a message matching '$2':"
    indent err.log
  else
    ok "$1: $(cat err.log)"
  fi
}
limit "257 speakers" "256 speakers" spk.txt
limit "1100 labels" "1024 .*labels" lab.txt
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' >big.txt
limit "a file over 16 MiB" "over the limit of 16 MiB" big.txt
limit "/dev/zero" "character device" /dev/zero

echo "=== 9. messages"
nl_name=$'bad\nname.txt'
printf 'Q: Is this \x00 fine?\n' >"$nl_name"
"$VC_BIN" render -o o9 "$nl_name" >/dev/null 2>err.log
if [ "$(wc -l <err.log)" -ne 1 ] || ! grep -q 'bad\\nname.txt' err.log; then
  fail "a newline in a file name breaks the one-line rule:"
  indent err.log
else
  ok "a newline in a file name is escaped: $(cat err.log)"
fi
latin=$(printf 'caf\xe9.txt')
short_text "$latin" cafe
rc=0
"$VC_BIN" render -o o9 "$latin" >/dev/null 2>err.log || rc=$?
if [ $rc -ne 0 ]; then
  fail "a file name that is not UTF-8 (valid text) failed: $(cat err.log)"
else
  ok "a file name that is not UTF-8 renders"
fi

echo "=== 10. smaller"
mkfifo fifo.txt
rc=0
timeout 20 "$VC_BIN" render -o o10 fifo.txt >/dev/null 2>err.log || rc=$?
if [ $rc -ne 1 ] || ! grep -q "FIFO" err.log; then
  fail "a FIFO as input: exit $rc (124: blocked), want 1 naming a FIFO"
else
  ok "a FIFO is refused: $(cat err.log)"
fi
printf 'Q: Did the old Mac file work?\rA: It did, line by line.\rQ: Good.\r' >cr.txt
if [ "$("$VC_BIN" segment cr.txt | cut -f3 | sort -u | tr '\n' ' ')" != "interviewee interviewer role " ]; then
  fail "CR-only line ends lose the labels:"
  "$VC_BIN" segment cr.txt | indent
else
  ok "CR-only line ends are line ends"
fi
"$VC_BIN" render -o "$tmp/o10" "$tmp/s.txt" >/dev/null 2>&1
if grep -lF "$tmp" o10/s.json o10/s.ass o10/s.txt 2>/dev/null | grep -q .; then
  fail "the input's full path leaks into: $(grep -lF "$tmp" o10/s.json o10/s.ass o10/s.txt | tr '\n' ' ')"
else
  ok "outputs name the input by its base name only"
fi
strace -f -qq -e trace=openat,fsync,rename,renameat,renameat2 -o trace.log \
  "$VC_BIN" render -o o10 s.txt >/dev/null 2>&1
if ! python3 - trace.log <<'EOF'; then
import re, sys
fds, synced = {}, False
for line in open(sys.argv[1]):
    pid, call = line.split(None, 1)
    m = re.match(r'openat\(\w+, "([^"]*)".*= (\d+)$', call)
    if m:
        fds[(pid, m.group(2))] = m.group(1)
    m = re.match(r'fsync\((\d+)\)', call)
    if m and re.search(r's\.wav(\.tmp-\d+)?$', fds.get((pid, m.group(1)), "")):
        synced = True
    m = re.match(r'rename(at2?)?\((.*)\)\s+= 0', call)
    if m and re.findall(r'"([^"]*)"', m.group(2))[-1].endswith("s.wav"):
        sys.exit(0 if synced else 1)
sys.exit(1)
EOF
  fail "the audio file is not fsync'd before it is renamed into place"
else
  ok "the audio file is fsync'd before its rename"
fi

finish safety "hostile files, folders and signals handled"

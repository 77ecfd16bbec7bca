#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fault injection (issue 11): a render is stopped by SIGKILL, SIGTERM or SIGINT at random
# moments, many of them in its last 100 ms (while it writes and publishes), about forty
# times. After each, the output folder must hold the complete old set or the complete new
# set, byte for byte, and no temporary. SIGKILL to the program leaves the cleaning to its
# worker (which dies with it); SIGKILL to the whole process group is a crash: then its
# private folder may stay (or, cut short while publishing, a committed one), and the next
# render must remove (or complete) it. A last render must succeed. About a minute.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"

ROUNDS=${VC_FAULT_ROUNDS:-40}
cd "$tmp" || exit 1

sums() { (cd "$1" && find . -maxdepth 1 -type f ! -name '.*' -print0 | sort -z | xargs -0r sha256sum); }
hidden() { ls -A "$1" | grep '^\.' || true; }

# Two versions of one interview, A and B, about a second of rendering each.
version() {
  printf 'Q: What did the %s survey find in the end, after all the work?\n\n' "$1"
  for _ in 1 2 3 4 5 6; do
    printf 'A: It found that the %s harbour had changed more than anyone expected. ' "$1"
    printf 'The boats were newer, the nets were lighter, and the people were fewer.\n\n'
    printf 'Q: And what did the %s team make of that?\n\n' "$1"
  done
  printf 'A: We wrote it all down, and we were glad we did.\n'
}
version northern >A.txt
version southern >B.txt
mkdir refA refB out
cp A.txt job.txt && "$VC_BIN" render -o refA job.txt >/dev/null || exit 1
cp B.txt job.txt && "$VC_BIN" render -o refB job.txt >/dev/null || exit 1
sums refA >A.sum
sums refB >B.sum
cp -p refA/* out/
start=$(date +%s.%N)
cp B.txt job.txt && "$VC_BIN" render -o out job.txt >/dev/null || exit 1
dur=$(echo "$(date +%s.%N) - $start" | bc)
echo "a render takes ${dur}s; $ROUNDS rounds"

# which DIR: A, B, or "mixed" (the names of what differs from both).
which_set() {
  if diff -q A.sum <(sums "$1") >/dev/null; then
    echo A
  elif diff -q B.sum <(sums "$1") >/dev/null; then
    echo B
  else
    echo mixed
  fi
}

RANDOM=11
declare -A seen
stale=0
for round in $(seq "$ROUNDS"); do
  have=$(which_set out)
  want=$([ "$have" = A ] && echo B || echo A)
  cp "$want.txt" job.txt
  case $((round % 4)) in
  0) sig=KILL how=program ;;
  1) sig=TERM how=program ;;
  2) sig=INT how=program ;;
  3) sig=KILL how=group ;;
  esac
  # Four rounds in ten inside the last 100 ms, the rest anywhere in the render.
  delay=$(awk -v d="$dur" -v r=$RANDOM -v s=$RANDOM 'BEGIN {
    x = r % 10 < 4 ? d - (s % 100) / 1000.0 : d * (s % 1000) / 1000.0
    printf "%.3f", x < 0 ? 0 : x }')
  setsid "$VC_BIN" render -o out job.txt >/dev/null 2>err.log &
  pid=$!
  sleep "$delay"
  workers=$(pgrep -P $pid | tr '\n' ' ')
  if [ $how = group ]; then kill -KILL -- -$pid 2>/dev/null; else kill -$sig $pid 2>/dev/null; fi
  wait $pid 2>/dev/null
  for _ in $(seq 100); do # the worker cleans up after its parent is gone
    alive=0
    for w in $workers; do kill -0 "$w" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.05
  done
  now=$(which_set out)
  left=$(hidden out)
  seen["$sig/$how/$now"]=$((${seen["$sig/$how/$now"]:-0} + 1))
  if [ $how = group ]; then
    if [ -n "$left" ]; then
      stale=$((stale + 1))
      if [ "$now" = mixed ] && ! ls out/.job.vc-*/COMMIT >/dev/null 2>&1; then
        fail "round $round (SIG$sig to the group after ${delay}s): a mixed set and no committed folder"
      fi
    elif [ "$now" = mixed ]; then
      fail "round $round (SIG$sig to the group after ${delay}s): a mixed set"
    fi
    # The next render of the name completes or removes what the crash left.
    if ! "$VC_BIN" render -o out job.txt >/dev/null 2>err.log; then
      fail "round $round: the render after a crash failed: $(cat err.log)"
    elif [ "$(which_set out)" != "$want" ] || [ -n "$(hidden out)" ]; then
      fail "round $round: after a crash, a rerun left $(which_set out) and '$(hidden out)'"
    fi
  elif [ "$now" = mixed ] || [ -n "$left" ]; then
    fail "round $round (SIG$sig after ${delay}s): set $now, temporaries '$left'"
    diff A.sum <(sums out) | indent
  fi
done
for k in "${!seen[@]}"; do echo "  $k: ${seen[$k]}"; done | sort
echo "  crashes that left a private folder for the next render: $stale"

if ! "$VC_BIN" render -o out job.txt >/dev/null 2>err.log || [ -n "$(hidden out)" ]; then
  fail "the last render failed or left temporaries: $(cat err.log) $(hidden out)"
fi
finish faults "$ROUNDS rounds: the old set or the new one, whole, every time"

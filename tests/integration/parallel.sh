#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# GNU parallel (Debian's) spreads a batch over --files-from: the seeds (copied
# VC_CLUSTER_COPIES times; default once, five inputs, to keep the test short) are
# rendered (1) by contrib/parallel/voicecap-parallel.sh in three parts on this computer
# (GNU parallel's ":" host), from a list made by find, and (2) by three parallel jobs
# that each read find's unsorted list on standard input (--files-from -). Each union must
# equal one `voicecap batch` of the folder byte for byte, and every part must say which
# part it is. (integ_slurm covers people who recur across files.)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.bash"

command -v parallel >/dev/null || {
  echo "FAIL: GNU parallel is missing (scripts/deps/test-cluster.txt: parallel)"
  exit 1
}
parallel --version | head -n 1 | grep -q 'GNU parallel' || {
  echo "FAIL: 'parallel' is not GNU parallel (moreutils' has other options): $(command -v parallel)"
  exit 1
}

in=$tmp/in
copy_seeds "$ROOT/seeds" "$in" "${VC_CLUSTER_COPIES:-1}"
n_in=$(find "$in" -name '*.txt' | wc -l)
one=$tmp/one
t0=$(now_ms)
"$VC_BIN" batch -q -o "$one" "$in" 2>"$tmp/one.err" || {
  fail "the one-machine batch failed:"
  indent "$tmp/one.err"
}
echo "one-machine batch of $n_in inputs: $(since "$t0") s"

# checks_parts LOG WHAT: each of the three parts said which it is, and took its share.
check_parts() {
  local k
  for k in 0 1 2; do
    if ! grep -Eq "shard $k/3: [0-9]+ of $n_in interviews" "$1"; then
      fail "$2: no line 'shard $k/3: ... of $n_in interviews' in its output:"
      indent "$1"
    fi
  done
  local ok
  ok=$(grep -c '\] ok ' "$1" || true)
  [ "$ok" -eq "$n_in" ] || fail "$2: $ok inputs rendered between the parts, want $n_in"
}

echo "=== contrib/parallel/voicecap-parallel.sh, three parts on ':' (this computer)"
find "$in" -name '*.txt' >"$tmp/inputs.list"
t0=$(now_ms)
rc=0
VOICECAP=$VC_BIN PARTS=3 "$ROOT/contrib/parallel/voicecap-parallel.sh" : "$tmp/inputs.list" \
  "$tmp/out-script" >"$tmp/script.log" 2>&1 || rc=$?
echo "three parts through GNU parallel: $(since "$t0") s, exit $rc"
[ "$rc" -eq 0 ] || {
  fail "voicecap-parallel.sh exited $rc:"
  indent "$tmp/script.log"
}
check_parts "$tmp/script.log" "voicecap-parallel.sh"
compare_trees "$one" "$tmp/out-script" "voicecap-parallel.sh's three parts"

echo "=== parallel -j 3, each job's list on standard input (--files-from -)"
rc=0
export JOB_IN=$in JOB_VC=$VC_BIN JOB_OUT=$tmp/out-stdin
# shellcheck disable=SC2016 # the job's shell expands $JOB_IN and the others
parallel -j 3 'find "$JOB_IN" -name "*.txt" | "$JOB_VC" batch --files-from - --shard {}/3 -o "$JOB_OUT"' \
  ::: 0 1 2 >"$tmp/stdin.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || {
  fail "parallel exited $rc:"
  indent "$tmp/stdin.log"
}
check_parts "$tmp/stdin.log" "--files-from -"
compare_trees "$one" "$tmp/out-stdin" "the three parts reading their lists on standard input"

finish parallel "GNU parallel's parts over --files-from equal one batch of $n_in inputs byte for byte"

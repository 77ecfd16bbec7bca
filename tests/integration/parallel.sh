#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# GNU parallel (Debian's) spreads a batch over --files-from: the seeds (copied
# VC_CLUSTER_COPIES times, default once: five inputs in two subfolders, to keep the test
# short) are rendered (1) by contrib/parallel/voicecap-parallel.sh in three parts on this
# computer (GNU parallel's ":" host), from a list made by find, and (2) by three parallel
# jobs that each read find's unsorted list on standard input (--files-from -) and take
# their part (--shard); each must equal one `voicecap batch --files-from` of the same list
# byte for byte, and every part must say which part it is. (3) parallel --pipe cuts the
# list of one subfolder into chunks of two, each a batch of its own cast from the file
# `voicecap cast --files-from` wrote over the whole list: they must equal that
# subfolder's outputs in the one batch. (integ_slurm covers people who recur.)
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
# Listed files are laid out below the folder they all share (batch --files-from), as a
# batch over "$in" lays them out when they span its subfolders: two seeds move to c2.
if ! [ -d "$in/c2" ]; then
  mkdir "$in/c2"
  mv "$in"/c1/c1-00[34]_*.txt "$in/c2/"
fi
n_in=$(find "$in" -name '*.txt' | wc -l)
find "$in" -name '*.txt' >"$tmp/inputs.list"
one=$tmp/one
t0=$(now_ms)
"$VC_BIN" batch -q --files-from "$tmp/inputs.list" -o "$one" 2>"$tmp/one.err" || {
  fail "the one-machine batch failed:"
  indent "$tmp/one.err"
}
echo "one-machine batch of $n_in inputs: $(since "$t0") s"

# checks_parts LOG WHAT: each of the three parts said which it is, and took its share.
check_parts() {
  local k
  for k in 0 1 2; do
    if ! grep -Eq "voicecap: shard $k/3: [0-9]+ of $n_in interviews" "$1"; then
      fail "$2: no line 'voicecap: shard $k/3: ... of $n_in interviews' in its output:"
      indent "$1"
    fi
  done
  local ok
  ok=$(grep -c '\] ok ' "$1" || true)
  [ "$ok" -eq "$n_in" ] || fail "$2: $ok inputs rendered between the parts, want $n_in"
}

echo "=== contrib/parallel/voicecap-parallel.sh, three parts on ':' (this computer)"
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

echo "=== voicecap cast, then parallel --pipe: chunks of one folder's list, with the cast file"
# A chunk is a batch of its own: cast from the whole list's cast file, and laid out below
# the folder its own files share, which is the same for every chunk of one folder's list.
"$VC_BIN" cast --files-from "$tmp/inputs.list" >"$tmp/cast.tsv" 2>"$tmp/cast.err" || {
  fail "voicecap cast --files-from failed:"
  indent "$tmp/cast.err"
}
find "$in/c1" -name '*.txt' >"$tmp/c1.list"
n_c1=$(wc -l <"$tmp/c1.list")
rc=0
parallel --pipe -N 2 -j 3 "$VC_BIN" batch --cast "$tmp/cast.tsv" --files-from - \
  -o "$tmp/out-pipe" <"$tmp/c1.list" >"$tmp/pipe.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || {
  fail "parallel --pipe exited $rc:"
  indent "$tmp/pipe.log"
}
chunks=$(grep -c '^[0-9]* rendered, 0 failed' "$tmp/pipe.log" || true)
[ "$chunks" -eq $(((n_c1 + 1) / 2)) ] || fail "$chunks chunks rendered, want $(((n_c1 + 1) / 2)):"
compare_trees "$one/c1" "$tmp/out-pipe" "c1's list in chunks of two, cast from the cast file"

finish parallel "GNU parallel's parts over --files-from equal one batch of $n_in inputs byte for byte"

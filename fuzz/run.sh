#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs each libFuzzer target for N seconds from its seeds and kept corpus; any crash file
# is moved into fuzz/crashes/ under a name of its own, to be replayed by the tests. Prints
# each target's executions and coverage (libFuzzer's last "cov:" and "exec/s" figures).
# Usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
set -uo pipefail
build=${1:-build-fuzz}
secs=${2:-60}
shift 2 || true
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work="$here/corpus-work"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(segment captions engine checkers)
declare -A corpus=(
  [segment]="$here/corpus $root/seeds"
  [captions]="$here/corpus $root/seeds"
  [engine]="$here/corpus-engine"
  [checkers]="$here/corpus-checkers"
)
declare -A maxlen=([segment]=65536 [captions]=65536 [engine]=400 [checkers]=65536)
rc=0
summary=""
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  # shellcheck disable=SC2086
  (cd "$work" && "$root/$build/fuzz/fuzz_$t" -max_total_time="$secs" -max_len="${maxlen[$t]}" \
    -print_final_stats=1 "$work/$t" ${corpus[$t]}) >"$log" 2>&1 || rc=1
  for c in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -e "$c" ] || continue
    mv "$c" "$here/crashes/${t}-$(basename "$c")"
    echo "fuzz: kept $here/crashes/${t}-$(basename "$c")"
  done
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n1 | grep -o '[0-9]*')
  summary+="$(printf '%-9s %6ss  executions %-9s coverage %s edges, %s features' \
    "$t" "$secs" "${runs:-?}" "${cov:-?}" "${ft:-?}")"$'\n'
done
printf 'fuzz summary:\n%s' "$summary"
exit $rc

#!/usr/bin/env bash
# Runs each libFuzzer target for N seconds from the seeds and the kept corpus; any crash
# file is moved into fuzz/crashes/ under a name of its own, to be replayed by the tests.
set -uo pipefail
build=${1:-build-fuzz}; secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work="$here/corpus-work"
rc=0
for t in segment captions; do
  mkdir -p "$work/$t"
  (cd "$work" && "$OLDPWD/$build/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=65536 \
     "$work/$t" "$here/corpus" "$here/../seeds") || rc=1
  for c in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
    [ -e "$c" ] || continue
    mv "$c" "$here/crashes/${t}-$(basename "$c")"
    echo "fuzz: kept $here/crashes/${t}-$(basename "$c")"
  done
done
exit $rc

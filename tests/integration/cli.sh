#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line from a shell: an interview piped into `voicecap render -` lands under
# --name; `batch --quiet` prints nothing and `batch --verbose` notes every stage of every
# file on stderr (from the worker processes); `--jobs=2`, `-j2` and `-j 2` give the same
# renders. Two short texts of our own, rendered a few times.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"

in=$tmp/in
mkdir -p "$in"
printf 'A talk with Mara Voss, who draws maps.\n\nQ: Where did you grow up?\n\nA: By the sea, in a town with one bakery.\n\nQ: And now?\n\nA: Inland, with more bakeries.\n' >"$in/one.txt"
printf 'A talk with Tomas Reil, who mends clocks.\n\nQ: What do you read?\n\nA: Old maps, mostly, and letters.\n' >"$in/two.txt"

echo "=== standard input"
rc=0
"$VC_BIN" render --name=piped -o "$tmp/pipe" - <"$in/one.txt" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
n=$(ls "$tmp/pipe" 2>/dev/null | grep -c '^piped\.' || true)
if [ $rc -ne 0 ] || [ "$n" -ne 8 ] || ! grep -qx 'rendered piped' "$tmp/stdout"; then
  fail "render - <one.txt: exit $rc, $n outputs named piped.* (want 0 and 8); stdout, stderr:"
  indent "$tmp/stdout" "$tmp/stderr"
else
  echo "ok   render --name=piped - : the eight outputs piped.*"
fi
if ! cmp -s "$tmp/pipe/piped.srt" <("$VC_BIN" render -q -o "$tmp/file" "$in/one.txt" && cat "$tmp/file/one.srt"); then
  fail "the captions of the piped text differ from those of the same file"
else
  echo "ok   piped and file captions identical"
fi

echo "=== --quiet and --verbose in a batch"
rc=0
"$VC_BIN" batch --quiet -j2 -o "$tmp/q" "$in" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 0 ] || [ -s "$tmp/stdout" ] || [ -s "$tmp/stderr" ]; then
  fail "batch --quiet: exit $rc (want 0), and it printed:"
  indent "$tmp/stdout" "$tmp/stderr"
else
  echo "ok   batch --quiet: exit 0, nothing printed"
fi
rc=0
"$VC_BIN" batch --verbose --jobs 2 -o "$tmp/v" "$in" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
for f in one two; do
  for want in ": [0-9]* turns, 3 speakers" ": .* (interviewee): voice .*interviewee.ini" ": wrote $tmp/v/$f.wav" ": wrote $tmp/v/$f.transcript.txt"; do
    if ! grep -q "^voicecap: $in/$f.txt$want" "$tmp/stderr"; then
      fail "batch --verbose: no note '$f.txt$want'"
    fi
  done
done
if [ $rc -ne 0 ] || ! grep -q '2 rendered, 0 failed' "$tmp/stdout"; then
  fail "batch --verbose: exit $rc, stdout:"
  indent "$tmp/stdout"
fi
[ "$fails" -eq 0 ] && echo "ok   batch --verbose: turns, voices and files written of both interviews"

echo "=== -j2, --jobs=2 and -j 2 agree"
"$VC_BIN" batch -q -j2 -o "$tmp/j1" "$in"
"$VC_BIN" batch -q --jobs=2 -o "$tmp/j2" "$in"
for d in q v j1 j2; do (cd "$tmp/$d" && sha256sum -- *) >"$tmp/$d.sha"; done
if ! cmp -s "$tmp/q.sha" "$tmp/j1.sha" || ! cmp -s "$tmp/q.sha" "$tmp/j2.sha" || ! cmp -s "$tmp/q.sha" "$tmp/v.sha"; then
  fail "the four batches' outputs differ"
else
  echo "ok   four spellings, byte-identical outputs ($(wc -l <"$tmp/q.sha") files)"
fi

finish cli "standard input, --quiet, --verbose and the short and long forms behave"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The error contract (DESIGN.md): every bad input gives exit 1 and one line on stderr
# naming the file and the problem; usage errors give exit 2; a failed render leaves the
# earlier outputs of the same NAME byte-identical and no temporary file behind; a batch
# with one bad file among good ones exits 1 with the good outputs written.
# Renders the two shortest seeds once each (the batch); every other run fails early.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"


# The two shortest seeds: any seed will do here.
mapfile -t short < <(ls -1S "$ROOT"/seeds/*.txt | tail -n 2)
GOOD1=$(basename "${short[1]}" .txt)
GOOD2=$(basename "${short[0]}" .txt)

# listing DIR: the names in DIR, hidden ones included, one a line, sorted.
listing() { ls -A "$1" | LC_ALL=C sort; }
eight() {
  local n
  for n in "$@"; do printf '%s\n' "$n".ass "$n".chapters.vtt "$n".html "$n".json "$n".srt "$n".transcript.txt "$n".vtt "$n".wav; done | LC_ALL=C sort
}
# batch_set NAME...: the eight outputs of each, the record batch resumes by, and the
# cast it keeps for the next run.
batch_set() {
  { eight "$@"; for n in "$@"; do printf '.%s.voicecap\n' "$n"; done; echo .voicecap-cast.tsv; } | LC_ALL=C sort
}

echo "=== batch with one bad file among good ones"
bin=$tmp/batch_in
out=$tmp/out
mkdir -p "$bin"
cp "${short[1]}" "$bin/$GOOD1.txt"
cp "${short[0]}" "$bin/$GOOD2.txt"
printf 'Q: Was it hard?\nA: Not at all, caf\xe9 talk.\n' >"$bin/bad.txt"
rc=0
"$VC_BIN" batch -j 2 -o "$out" "$bin" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 1 ]; then
  fail "batch with a bad file exited $rc, expected 1; stderr:"
  indent "$tmp/stderr"
fi
if ! grep -q "bad\.txt" "$tmp/stderr"; then
  fail "batch: no stderr line names bad.txt; stderr:"
  indent "$tmp/stderr"
fi
if grep -Eq "$GOOD1|$GOOD2" "$tmp/stderr"; then
  fail "batch: stderr complains about a good file:"
  indent "$tmp/stderr"
fi
if [ "$(listing "$out" 2>/dev/null)" != "$(batch_set "$GOOD1" "$GOOD2")" ]; then
  fail "batch: the output folder should hold the good files' sixteen outputs and nothing else:"
  listing "$out" 2>&1 | indent
else
  echo "ok   batch exit $rc, bad.txt reported, the sixteen good outputs written, nothing else"
fi

if ! [ -s "$out/$GOOD1.wav" ]; then
  echo "FAIL: no earlier render of $GOOD1 to protect; the remaining checks cannot run"
  exit 1
fi
(cd "$out" && sha256sum -- * >"$tmp/before.sha256")

# bad_render WHAT PATTERN NAMED ARGS...: `voicecap render ARGS` must exit 1 with one
# stderr line containing NAMED and matching PATTERN (case-insensitive ERE), and leave the
# output folder byte-identical.
bad_render() {
  local what=$1 pattern=$2 named=$3 rc=0
  shift 3
  "$VC_BIN" render -o "$out" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
  local lines
  lines=$(wc -l <"$tmp/stderr")
  local ok=1
  if [ $rc -ne 1 ]; then
    fail "$what: exit $rc, expected 1"
    ok=0
  fi
  if [ "$lines" -ne 1 ]; then
    fail "$what: $lines stderr lines, expected exactly one"
    ok=0
  fi
  if ! grep -qF -- "$named" "$tmp/stderr"; then
    fail "$what: the message does not name $named"
    ok=0
  fi
  if ! grep -Eqi -- "$pattern" "$tmp/stderr"; then
    fail "$what: the message does not match /$pattern/"
    ok=0
  fi
  if [ "$(listing "$out")" != "$(batch_set "$GOOD1" "$GOOD2")" ]; then
    fail "$what: the output folder changed (temporary or new files?):"
    listing "$out" | indent
    ok=0
  elif ! (cd "$out" && sha256sum --quiet -c "$tmp/before.sha256" >/dev/null 2>&1); then
    fail "$what: earlier outputs of $GOOD1 were modified"
    (cd "$out" && sha256sum -c "$tmp/before.sha256" 2>&1 | grep -v ': OK$' | indent)
    ok=0
  fi
  if [ $ok -eq 1 ]; then
    echo "ok   $what: exit 1, outputs untouched: $(cat "$tmp/stderr")"
  else
    echo "    stderr was:"
    indent "$tmp/stderr"
  fi
}

echo "=== bad inputs with the NAME of an earlier render: one line, exit 1, outputs untouched"
same=$tmp/same
mkdir -p "$same"
f=$same/$GOOD1.txt

bad_render "missing file" "no such file|not found|cannot (open|read)|does not exist" \
  "$f" "$f"

mkdir -p "$tmp/dir/$GOOD1.txt"
bad_render "a folder named like the input" "folder|directory|cannot (open|read)|not a (regular )?file" \
  "$tmp/dir/$GOOD1.txt" "$tmp/dir/$GOOD1.txt"

if [ "$(id -u)" -ne 0 ]; then # root reads a mode-000 file anyway
  cp "${short[1]}" "$f"
  chmod 000 "$f"
  bad_render "a file without read permission" "permission|cannot (open|read)" "$f" "$f"
  chmod 644 "$f"
else
  echo "skip a file without read permission: running as root, who can read it"
fi

prefix=$'Q: How did the first rehearsal go?\n\nA: We met at the caf'
offset=$(printf '%s' "$prefix" | wc -c)
{
  printf '%s' "$prefix"
  printf '\xe9 on the corner.\n'
} >"$f"
bad_render "invalid UTF-8 at byte $offset" "utf-?8.*\\b$offset\\b|\\b$offset\\b.*utf-?8" "$f" "$f"

printf 'Q: How did it go?\n\nA: Well\0 enough.\n' >"$f"
bad_render "a NUL byte" "nul" "$f" "$f"

: >"$f"
bad_render "an empty file" "nothing to (speak|say|read)|empty|no (text|speech|turns)" "$f" "$f"

printf '   \n\n\t\n  \r\n\n' >"$f"
bad_render "only blank lines" "nothing to (speak|say|read)|empty|no (text|speech|turns)" "$f" "$f"

printf 'READ MORE: \xe2\x80\x9cA Film\xe2\x80\x9d: a review [Review]\n\nSIGN UP for our free newsletter with latest predictions\n' >"$f"
bad_render "only boilerplate" "nothing to (speak|say|read)|empty|no (text|speech|turns)" "$f" "$f"

cp "${short[1]}" "$f"
bad_render "a missing voices folder" "voice" "$tmp/no-voices" \
  --voices "$tmp/no-voices" "$f"

echo "=== an output folder holding the input (the transcript is NAME.transcript.txt)"
self=$tmp/self
mkdir -p "$self"
cp "${short[1]}" "$self/$GOOD1.txt"
rc=0
"$VC_BIN" render -o "$self" "$self/$GOOD1.txt" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 0 ] || ! cmp -s "${short[1]}" "$self/$GOOD1.txt" ||
  ! [ -s "$self/$GOOD1.transcript.txt" ]; then
  fail "render -o DIR DIR/NAME.txt: exit $rc (want 0, the input untouched, the transcript beside it); stderr:"
  indent "$tmp/stderr"
else
  echo "ok   rendered beside its input, the input untouched, the transcript NAME.transcript.txt"
fi
# An input named like a transcript: its outputs are odd.transcript.*, the input untouched.
cp "${short[1]}" "$self/odd.transcript.txt"
rc=0
"$VC_BIN" render -o "$self" "$self/odd.transcript.txt" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
if [ $rc -ne 0 ] || ! cmp -s "${short[1]}" "$self/odd.transcript.txt"; then
  fail "render of an input named NAME.transcript.txt: exit $rc, or the input changed"
  indent "$tmp/stderr"
else
  echo "ok   an input named like a transcript renders to odd.transcript.*, itself untouched"
fi

echo "=== usage errors: exit 2, nothing written"
usage_error() {
  local what=$1 rc=0
  shift
  "$VC_BIN" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
  if [ $rc -ne 2 ]; then
    fail "$what: exit $rc, expected 2"
    indent "$tmp/stderr"
  elif ! [ -s "$tmp/stderr" ]; then
    fail "$what: exit 2 but nothing on stderr"
  elif [ -e "$tmp/usage_out" ]; then
    fail "$what: created the output folder"
  else
    echo "ok   $what: exit 2: $(head -n 1 "$tmp/stderr")"
  fi
}
usage_error "unknown option" render --no-such-option -o "$tmp/usage_out" "${short[1]}"
if ! grep -qF -- "--no-such-option" "$tmp/stderr" || [ "$(wc -l <"$tmp/stderr")" -ne 1 ]; then
  fail "unknown option: wants one line naming the option"
fi
usage_error "render without a file" render -o "$tmp/usage_out"
usage_error "option without its value" render "${short[1]}" -o
usage_error "batch -j 0" batch -j 0 -o "$tmp/usage_out" "$bin"
usage_error "unknown command" frobnicate "${short[1]}"
usage_error "no command at all"

echo "==="
finish errors "the error contract holds"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# segment --explain names each speaker's role and name with the rule and source line and
# marks uncertain turns; render warns about them; render --turns renders a corrected
# segmentation and refuses a bad one with one line naming the TSV line, writing nothing.
source "$(dirname "$0")/lib/harness.bash"

text=$tmp/panel.txt
cat >"$text" <<'TXT'
Lantern Talk

"Nothing lasts like good glass," reads a sign on the workshop door.

Mara Quist: Welcome to the show. Joining me today is Ilse Brandt, who repairs lighthouse lenses.

Ilse Brandt: Thanks for having me.

Mara Quist: How old is the oldest lens you have mended?

Ilse Brandt: About a hundred and forty years. The brass was green, but the glass was perfect.
TXT

# --- explain
"$VC_BIN" segment --explain "$text" >"$tmp/explain.txt" 2>"$tmp/explain.err" ||
  fail "segment --explain failed: $(cat "$tmp/explain.err")"
grep -q "interviewer Mara Quist" "$tmp/explain.txt" || fail "explain: the host is not an interviewer"
grep -A1 "interviewer Mara Quist" "$tmp/explain.txt" | grep -q "role: line 5: " ||
  fail "explain: the host's evidence does not name line 5"
grep -A1 "interviewee Ilse Brandt" "$tmp/explain.txt" | grep -q "introduced as a guest\|speaks as a guest" ||
  fail "explain: the guest's evidence is missing"
grep -q "^? line 3 " "$tmp/explain.txt" || fail "explain: the unattributed quotation is not marked uncertain"
grep -q "1 uncertain" "$tmp/explain.txt" || fail "explain: the count of uncertain turns is wrong"
[ "$fails" -eq 0 ] || indent "$tmp/explain.txt"

# --- render warns about uncertain turns, one line
"$VC_BIN" render -o "$tmp/out1" "$text" >/dev/null 2>"$tmp/warn.err" || fail "render failed: $(cat "$tmp/warn.err")"
[ "$(grep -c 'uncertain' "$tmp/warn.err")" = 1 ] && grep -q "1 of .* turns are uncertain (see voicecap segment --explain" "$tmp/warn.err" ||
  fail "render: no one-line warning about the uncertain turn: $(cat "$tmp/warn.err")"

# --- render --turns: a corrected speaker is used
"$VC_BIN" segment --format tsv "$text" >"$tmp/turns.tsv"
awk -F'\t' 'BEGIN { OFS = "\t" } $3 == "quote" { $4 = "A Crate Painter" } { print }' "$tmp/turns.tsv" >"$tmp/fixed.tsv"
"$VC_BIN" render -o "$tmp/out2" --turns="$tmp/fixed.tsv" "$text" >/dev/null 2>"$tmp/fixed.err" ||
  fail "render --turns failed: $(cat "$tmp/fixed.err")"
grep -q "A Crate Painter" "$tmp/out2/panel.json" || fail "render --turns: the corrected speaker is not in the sync map"
grep -q "uncertain" "$tmp/fixed.err" && fail "render --turns: warns about turns the user settled"

# --- bad turns files: one line naming the TSV line, exit 1, nothing written
bad() { # NAME AWK-PROGRAM EXPECTED-WORDS
  awk -F'\t' "BEGIN { OFS = \"\t\" } $2" "$tmp/turns.tsv" >"$tmp/$1.tsv"
  if "$VC_BIN" render -o "$tmp/bad_$1" --turns="$tmp/$1.tsv" "$text" >/dev/null 2>"$tmp/$1.err"; then
    fail "render --turns accepted $1"
    return
  fi
  [ "$(wc -l <"$tmp/$1.err")" = 1 ] || fail "$1: not one line: $(cat "$tmp/$1.err")"
  grep -q "$1.tsv:[0-9]*: .*$3" "$tmp/$1.err" || fail "$1: message lacks the line or '$3': $(cat "$tmp/$1.err")"
  [ -e "$tmp/bad_$1" ] && [ -n "$(ls -A "$tmp/bad_$1")" ] && fail "$1: outputs written"
}
bad order 'NR == 4 { $1 = 0 } { print }' "before the previous span ends"
bad overlap 'NR == 3 { $2 = $2 + 40 } { print }' "before the previous span ends"
bad past_end 'NR == 6 { $2 = 100000 } { print }' "past the end of the text"
bad empty 'NR == 3 { $2 = $1 } { print }' "empty or ends before it starts"
bad role 'NR == 3 { $3 = "host" } { print }' "role must be"
finish segment_explain_turns "explain, the warning and render --turns behave"

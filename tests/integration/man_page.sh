#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# docs/voicecap.1 against the program: the page renders with groff and man without a
# warning; its COMMANDS and OPTIONS sections are what `voicecap --help-man` prints today
# (scripts/update-man.sh regenerates them); and for every command the options the page
# shows a reader (in the command's section, and in OPTIONS by their "Commands:" lines)
# are exactly those `voicecap COMMAND --help` lists.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
PAGE=$ROOT/docs/voicecap.1

echo "=== renders without warnings"
groff -man -ww -z "$PAGE" 2>"$tmp/groff.err" || fail "groff -man -ww -z exited $?"
if [ -s "$tmp/groff.err" ]; then
  fail "groff -man -ww warns:"
  indent "$tmp/groff.err"
fi
MANWIDTH=80 man --warnings -l "$PAGE" >"$tmp/man.txt" 2>"$tmp/man.err" || fail "man -l exited $?"
if [ -s "$tmp/man.err" ] || ! grep -q '^COMMANDS' "$tmp/man.txt"; then
  fail "man -l: warnings, or no COMMANDS section:"
  indent "$tmp/man.err"
else
  echo "ok   groff -ww and man --warnings -l: no warnings, $(wc -l <"$tmp/man.txt") lines"
fi

echo "=== generated sections are current"
sed -n '/^\.\\" BEGIN GENERATED/,/^\.\\" END GENERATED/p' "$PAGE" | sed '1d;$d' >"$tmp/page.gen"
"$VC_BIN" --help-man >"$tmp/help.gen"
if ! diff -u "$tmp/page.gen" "$tmp/help.gen" >"$tmp/gen.diff"; then
  fail "docs/voicecap.1 differs from voicecap --help-man (run scripts/update-man.sh):"
  indent "$tmp/gen.diff"
else
  echo "ok   COMMANDS and OPTIONS are voicecap --help-man's ($(wc -l <"$tmp/help.gen") lines)"
fi

echo "=== options of every command: man page against --help"
# "COMMAND OPTION" pairs, one a line, sorted.
mapfile -t commands < <("$VC_BIN" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }')
[ "${#commands[@]}" -ge 5 ] || fail "voicecap --help lists ${#commands[@]} commands"
for c in "${commands[@]}"; do
  "$VC_BIN" "$c" --help |
    grep -E '^  (-[a-zA-Z], )?--[a-z]|^      --[a-z]' |
    awk '{ print $1 " " $2 }' | grep -Eo -- '--?[a-zA-Z][a-z-]*' | sed "s/^/$c /"
done | sort >"$tmp/help.pairs"
# Wide lines, no wrapping and no hyphenation at line ends; plain ASCII. A short tag
# ("--epub") shares its line with its text: the option names are the words up to the
# first that does not start with a dash.
groff -man -Tascii -rLL=300n -P-c -P-b -P-u -P-o "$PAGE" 2>/dev/null >"$tmp/wide.txt"
awk '/^COMMANDS$/ { on = 1; next } /^[A-Z]/ { on = 0 }
     on && /^   [a-z]+ \[OPTIONS\]/ { cmd = $1 }
     on && cmd && /^ +Options:/ { sub(/^ +Options: */, ""); n = split($0, o, /[ ,.]+/)
       for (i = 1; i <= n; i++) if (o[i] != "") print cmd " " o[i] }' "$tmp/wide.txt" |
  sort >"$tmp/man-commands.pairs"
awk '/^OPTIONS$/ { on = 1; next } /^[A-Z]/ { on = 0 }
     on && /^       -/ { n = split($0, w, / +/); heads = ""
       for (i = 1; i <= n; i++) { if (w[i] == "") continue; if (w[i] !~ /^-/) break; heads = heads " " w[i] }
       gsub(/=[^ ,]*/, "", heads) }
     on && /^ +Commands:/ { sub(/^ +Commands: */, ""); nc = split($0, c, /[ ,.]+/)
       nh = split(heads, h, /[ ,]+/)
       for (i = 1; i <= nc; i++) for (k = 1; k <= nh; k++)
         if (c[i] != "" && h[k] != "") print c[i] " " h[k] }' "$tmp/wide.txt" |
  sort >"$tmp/man-options.pairs"
if ! grep -qx 'render --out' "$tmp/help.pairs" || ! grep -qx 'batch -j' "$tmp/help.pairs"; then
  fail "could not read the options from voicecap COMMAND --help:"
  indent "$tmp/help.pairs"
fi
for src in man-commands man-options; do
  if ! diff "$tmp/help.pairs" "$tmp/$src.pairs" >"$tmp/$src.diff"; then
    fail "$src: the man page and --help disagree ('<' only in --help, '>' only in the page):"
    indent "$tmp/$src.diff"
  else
    echo "ok   $src: $(wc -l <"$tmp/help.pairs") command-option pairs, as in --help"
  fi
done

finish man_page "the man page renders cleanly and lists every command's options as --help does"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The player page (NAME.html) and the WebVTT speaker colours in a real browser: Chromium
# (Debian's package) driven by puppeteer-core through tests/node/player-check.js, which
# says what it checks (console errors, exact captions at sampled cue middles, transcript
# seeking within 50 ms, Tab reaching every control, axe-core's WCAG 2.2 A/AA rules, reflow
# at 400% zoom, the chapters turn list, the VTT's ::cue colours in a <video>).
# Three renders: a short seed; the untrusted-text interview (its tags must show as text);
# our own panel interview, which also gives the README's screenshot (docs/player.png is
# refreshed from it when VC_UPDATE_SCREENSHOT=1).
set -uo pipefail
source "$(dirname "$0")/lib/harness.bash"
NODE_DIR=$ROOT/tests/node

# page NAME FILE [ARGS...]: renders FILE into $tmp/NAME and runs the browser checks.
page() {
  local name=$1 file=$2
  shift 2
  local stem
  stem=$(basename "$file" .txt)
  echo "=== $name: render $file"
  if ! "$VC_BIN" render -o "$tmp/$name" "$file" >"$tmp/$name.log" 2>&1; then
    fail "$name: render failed"
    indent "$tmp/$name.log"
    return
  fi
  for f in html chapters.vtt; do
    [ -s "$tmp/$name/$stem.$f" ] || fail "$name: no $stem.$f"
  done
  if ! node "$NODE_DIR/player-check.js" "$tmp/$name" "$stem" "$@" 2>&1 | indent; then
    fail "$name: browser checks"
  fi
}

page seed "$ROOT/seeds/001_669cbb3ea90f365c.txt"
page untrusted "$ROOT/tests/data/untrusted/hostile_interview.txt" --untrusted
page panel "$ROOT/tests/data/segment/own/dev2_panel_names.txt" --screenshot "$tmp/player.png"
if [ -s "$tmp/player.png" ] && [ "${VC_UPDATE_SCREENSHOT:-0}" = 1 ]; then
  cp "$tmp/player.png" "$ROOT/docs/player.png"
  echo "docs/player.png updated"
fi

# --no-html turns the page off and leaves everything else.
"$VC_BIN" render --no-html -o "$tmp/nohtml" "$ROOT/tests/data/segment/own/dev2_panel_names.txt" >/dev/null 2>&1 ||
  fail "render --no-html failed"
[ ! -e "$tmp/nohtml/dev2_panel_names.html" ] || fail "--no-html still wrote the page"
[ -s "$tmp/nohtml/dev2_panel_names.chapters.vtt" ] || fail "--no-html lost the chapters"

finish web_player "the page passes in Chromium for three interviews"

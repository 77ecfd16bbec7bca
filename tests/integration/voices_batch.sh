#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `voicecap voices` lists the voices, and across several files (as a batch casts them)
# every named person keeps one voice and pitch, even where their role changes (answering
# in one interview, quoted in another); distinct roles sound distinct.
set -euo pipefail
ROOT=${VC_SOURCE_DIR:?}; VC_BIN=${VC_BIN:?}
out=$("$VC_BIN" voices)
for role in narrator interviewer interviewee quote; do
  grep -q "^$role " <<<"$out" || { echo "FAIL: voices does not list $role"; exit 1; }
done
# the four role voices differ in variant or pitch
n=$(awk 'NR > 1 {print $2, $5}' <<<"$out" | sort -u | wc -l)
[ "$n" -ge 4 ] || { echo "FAIL: role voices are not distinct:"; echo "$out"; exit 1; }

cast=$("$VC_BIN" voices "$ROOT"/seeds/*.txt)
# rows: NAME (may contain spaces) ROLE VOICE LANG+VARIANT rate R pitch P ...; key on the
# text before the role column and on voice+pitch
bad=$(awk '/^[^ ]/ && !/:$/ {
  match($0, / (narrator|interviewer|interviewee|quote) +[^ ]+ +[^ ]+ rate [0-9]+ pitch [0-9]+/)
  name = substr($0, 1, RSTART - 1); sub(/ +$/, "", name)
  split(substr($0, RSTART), f, / +/)
  v = f[3] " " f[4] " pitch " f[8]
  if (name in seen && seen[name] != v) print name ": " seen[name] " and " v
  seen[name] = v
}' <<<"$cast")
if [ -n "$bad" ]; then
  echo "FAIL: a person speaks with more than one voice across the seeds:"
  echo "$bad"
  exit 1
fi
people=$(grep -c 'pitch' <<<"$cast")
echo "ok   $people cast rows over $(ls "$ROOT"/seeds/*.txt | wc -l) seeds: one voice per person"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the COMMANDS and OPTIONS sections of docs/voicecap.1 from the program's
# option table (voicecap --help-man), between the BEGIN/END GENERATED lines.
# Usage: scripts/update-man.sh [VOICECAP_BINARY]   (default: build/voicecap)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$root/build/voicecap}
page=$root/docs/voicecap.1
gen=$(mktemp)
trap 'rm -f "$gen" "$gen.page"' EXIT
"$bin" --help-man >"$gen"
awk -v gen="$gen" '
  /^\.\\" BEGIN GENERATED/ { print; while ((getline line < gen) > 0) print line; skip = 1; next }
  /^\.\\" END GENERATED/ { skip = 0 }
  !skip { print }
' "$page" >"$gen.page"
grep -q '^\.\\" END GENERATED' "$gen.page" || { echo "update-man: markers missing in $page" >&2; exit 1; }
mv "$gen.page" "$page"
echo "updated $page"

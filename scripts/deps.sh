#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages that are missing: `deps.sh run` those needed to build and
# render (scripts/deps/run.txt); `deps.sh test` those as well as every test list
# (scripts/deps/test*.txt); `deps.sh pkg` those and what make deb needs (test-pkg.txt).
# Lists hold one package a line; # starts a comment.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-run}
case "$mode" in
  run) lists=("$here/deps/run.txt") ;;
  test) lists=("$here/deps/run.txt" "$here"/deps/test*.txt) ;;
  pkg) lists=("$here/deps/run.txt" "$here/deps/test-pkg.txt") ;; # make deb
  *) echo "usage: deps.sh run|test|pkg" >&2; exit 2 ;;
esac

mapfile -t PKGS < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "${lists[@]}" | grep -v '^$' | sort -u)
# A machine that already has node and npm (from any source) keeps them.
if command -v npm >/dev/null 2>&1; then
  mapfile -t PKGS < <(printf '%s\n' "${PKGS[@]}" | grep -vx -e nodejs -e npm)
fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps ($mode): all ${#PKGS[@]} Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "deps ($mode): installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

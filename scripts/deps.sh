#!/usr/bin/env bash
# Installs the Debian packages voicecap needs to build, test and benchmark, if any are missing.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config clang libclang-rt-14-dev clang-format
  libespeak-ng-dev espeak-ng espeak-ng-data
  libsndfile1-dev libass-dev libebur128-dev libsamplerate0-dev
  libinih-dev libutf8proc-dev libjansson-dev libcmocka-dev
  libhunspell-dev hunspell-en-us
  fontconfig fonts-dejavu-core
  mpv ffmpeg time
)
# npm is needed for the W3C WebVTT parser used by the tests; a machine that already has
# node and npm (from any source) keeps them, otherwise Debian's are installed.
if ! command -v npm >/dev/null 2>&1; then PKGS+=(nodejs npm); fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PKGS[@]} Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

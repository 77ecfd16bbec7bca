# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the integration scripts: where the source and build trees are, a temporary
# folder removed on exit, and a problem counter. (Not a test itself: ctest runs
# tests/integration/*.sh only.)
ROOT=${VC_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
BUILD=${VC_BUILD_DIR:-$ROOT/build}
VC_BIN=${VC_BIN:-$BUILD/voicecap}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fails=0
fail() {
  echo "FAIL: $*"
  fails=$((fails + 1))
}
indent() { sed 's/^/    /' "$@"; }

# finish NAME MESSAGE: exit 1 naming the count of problems, or print MESSAGE.
finish() {
  if [ "$fails" -ne 0 ]; then
    echo "$1: $fails problem(s)"
    exit 1
  fi
  echo "$1: $2"
}

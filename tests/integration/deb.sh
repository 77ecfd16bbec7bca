#!/usr/bin/env bash
# The Debian packages (CPack, as `make deb` makes them, here from this build folder):
# voicecap, libvoicecap0 and libvoicecap-dev. Their dependencies come from the shared
# libraries (dpkg-shlibdeps), each has its copyright file, lintian reports no error, and
# the program unpacked with dpkg-deb -x into a scratch folder renders a seed exactly as
# the build does, finding the unpacked voices and data beside itself (no VOICECAP_*
# variable). The example builds against the unpacked voicecap.pc and renders too.
# Skipped (exit 77) only where dpkg-deb is missing, which it never is on Debian.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
command -v dpkg-deb >/dev/null || { echo "SKIP: no dpkg-deb"; exit 77; }
unset VOICECAP_VOICES VOICECAP_DATA
seed=$ROOT/seeds/001_669cbb3ea90f365c.txt

echo "=== cpack -G DEB"
cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 ||
  { indent "$tmp/cpack.log"; fail "cpack failed"; }
debs=("$tmp"/pkg/*.deb)
ls "$tmp/pkg"/*.deb | xargs -n1 basename | indent
[ "${#debs[@]}" -eq 3 ] || fail "${#debs[@]} packages, not 3"
prog=$(ls "$tmp"/pkg/voicecap_*.deb)

depends=$(dpkg-deb -f "$prog" Depends)
echo "    voicecap Depends: $depends"
for lib in libespeak-ng1 libsndfile1 libebur128-1 libass9; do
  [[ $depends == *"$lib"* ]] || fail "voicecap does not depend on $lib"
done

mkdir -p "$tmp/root"
for d in "${debs[@]}"; do
  dpkg-deb -x "$d" "$tmp/root"
  p=$(dpkg-deb -f "$d" Package)
  [ -s "$tmp/root/usr/share/doc/$p/copyright" ] || fail "$p: no copyright file"
done

echo "=== lintian"
if ! command -v lintian >/dev/null; then
  fail "lintian is missing (scripts/deps/test-pkg.txt)"
else
  rc=0
  lintian --tag-display-limit 0 "${debs[@]}" >"$tmp/lintian.log" 2>&1 || rc=$?
  indent "$tmp/lintian.log"
  if grep -q '^E:' "$tmp/lintian.log"; then
    fail "lintian reports errors"
  elif [ "$rc" -ne 0 ]; then
    fail "lintian failed (exit $rc)"
  fi
fi

echo "=== the build's own render, and the unpacked voicecap's"
"$VC_BIN" render -o "$tmp/ref" "$seed" >/dev/null
(cd "$tmp" && "$tmp/root/usr/bin/voicecap" render -o "$tmp/out" "$seed") >"$tmp/run.log" 2>&1 ||
  { indent "$tmp/run.log"; fail "the unpacked voicecap failed to render"; }
for f in "$tmp/ref"/*; do
  cmp -s "$f" "$tmp/out/$(basename "$f")" || fail "$(basename "$f") differs from the build's"
done

echo "=== the example against the unpacked libvoicecap-dev"
libdir=$(dirname "$(find "$tmp/root" -name libvoicecap.so.0)")
san=""
# (outputs go to files first: with pipefail, grep -q closing a pipe early fails its writer)
objdump -p "$libdir/libvoicecap.so.0" >"$tmp/objdump.txt"
if grep -q 'NEEDED.*libasan' "$tmp/objdump.txt"; then
  san="-fsanitize=address,undefined"
fi
PKG_CONFIG_PATH=$libdir/pkgconfig ${CC:-cc} -std=c11 $san -o "$tmp/render" \
  "$tmp/root/usr/share/doc/libvoicecap-dev/examples/render.c" \
  $(PKG_CONFIG_PATH=$libdir/pkgconfig pkg-config --cflags --libs voicecap) 2>"$tmp/cc.log" ||
  { indent "$tmp/cc.log"; fail "the example does not build against the package"; }
LD_LIBRARY_PATH=$libdir "$tmp/render" "$seed" "$tmp/ex" >"$tmp/ex.log" 2>&1 ||
  { indent "$tmp/ex.log"; fail "the example failed"; }
cmp -s "$tmp/ref/$(basename "$seed" .txt).srt" "$tmp/ex/$(basename "$seed" .txt).srt" ||
  fail "the example's captions differ from the build's"
finish deb "3 packages, no lintian error, the unpacked program renders as the build does"

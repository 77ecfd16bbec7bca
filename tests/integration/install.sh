#!/usr/bin/env bash
# `cmake --install` into a scratch prefix installs the program, both libraries, only the
# public headers, voicecap.pc, the man page, voices, data, README and LICENSE. A program
# built from examples/render.c against the INSTALLED voicecap.pc (pkg-config) renders a
# seed through libvoicecap.so; then the prefix is moved to another folder and the
# installed voicecap renders the same seed, finding voices and data beside itself (no
# VOICECAP_* variable, nothing of the source tree); both renders equal the build's own.
# Without its data the moved program fails naming where it looked.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
unset VOICECAP_VOICES VOICECAP_DATA VOICECAP_ENGINE
seed=$ROOT/seeds/001_669cbb3ea90f365c.txt
name=$(basename "$seed" .txt)
prefix=$tmp/prefix

echo "=== cmake --install $BUILD --prefix PREFIX"
cmake --install "$BUILD" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
  { indent "$tmp/install.log"; fail "cmake --install failed"; }
libdir=$(dirname "$(find "$prefix" -name 'libvoicecap.so.0' | head -1)")
for f in bin/voicecap libexec/voicecap/voicecap-engine libexec/voicecap/voicecap-video.so include/voicecap/voicecap.h include/voicecap/version.h \
  share/voicecap/voices/narrator.ini share/voicecap/data/pronunciations.tsv \
  share/man/man1/voicecap.1.gz share/doc/voicecap/README.md share/doc/voicecap/LICENSE; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
for f in libvoicecap.so.0 libvoicecap.so libvoicecap.a pkgconfig/voicecap.pc; do
  [ -e "$libdir/$f" ] || fail "not installed: LIBDIR/$f"
done
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$prefix/share/man/man1/voicecap.1.gz" >"$tmp/man.txt" 2>/dev/null || true
  grep -q '^NAME' "$tmp/man.txt" || fail "man -l cannot show the installed man page"
fi
(cd "$ROOT/include/voicecap" && ls *.h; echo version.h) | sort >"$tmp/public"
(cd "$prefix/include/voicecap" && ls) | sort >"$tmp/headers"
diff "$tmp/public" "$tmp/headers" >"$tmp/hdiff" ||
  { indent "$tmp/hdiff"; fail "installed headers are not the public ones"; }

echo "=== the program does not link FFmpeg's encoders (only the video module does)"
ldd "$prefix/bin/voicecap" >"$tmp/ldd-bin.txt" 2>&1 || fail "ldd cannot read bin/voicecap"
if grep -E 'libav(format|codec)|libswscale' "$tmp/ldd-bin.txt" >"$tmp/ldd-av.txt"; then
  indent "$tmp/ldd-av.txt"
  fail "bin/voicecap links the video encoders: every render would load them"
fi
ldd "$prefix/libexec/voicecap/voicecap-video.so" >"$tmp/ldd-video.txt" 2>&1 || true
grep -q 'libavformat' "$tmp/ldd-video.txt" || fail "the video module does not link libavformat"

echo "=== the build's own render of $name"
"$VC_BIN" render -o "$tmp/ref" "$seed" >/dev/null

echo "=== examples/render.c built with pkg-config --cflags --libs voicecap"
export PKG_CONFIG_PATH=$libdir/pkgconfig
flags=$(pkg-config --cflags --libs voicecap) || fail "pkg-config cannot read voicecap.pc"
echo "    $flags"
# a sanitized build's library needs its runtime in the program too
san=""
# (outputs go to files first: with pipefail, grep -q closing a pipe early fails its writer)
objdump -p "$libdir/libvoicecap.so.0" >"$tmp/objdump.txt"
if grep -q 'NEEDED.*libasan' "$tmp/objdump.txt"; then
  san="-fsanitize=address,undefined"
fi
${CC:-cc} -std=c11 -Wall -Wextra -Werror $san -o "$tmp/render" "$ROOT/examples/render.c" \
  $flags 2>"$tmp/cc.log" || { indent "$tmp/cc.log"; fail "the example does not build"; }
LD_LIBRARY_PATH=$libdir ldd "$tmp/render" >"$tmp/ldd.txt" || true
grep -q "libvoicecap.so.0 => $libdir/" "$tmp/ldd.txt" ||
  fail "the example does not link the installed libvoicecap.so.0"
LD_LIBRARY_PATH=$libdir "$tmp/render" "$seed" "$tmp/ex" >"$tmp/ex.log" 2>&1 ||
  { indent "$tmp/ex.log"; fail "the example failed to render"; }
indent "$tmp/ex.log"

echo "=== moved: PREFIX -> MOVED, MOVED/bin/voicecap render"
mv "$prefix" "$tmp/moved"
(cd "$tmp" && "$tmp/moved/bin/voicecap" render -v -o "$tmp/moved-out" "$seed") \
  >"$tmp/moved.log" 2>&1 || { indent "$tmp/moved.log"; fail "the moved program failed"; }
grep -q "units spoken by $tmp/moved/bin/../libexec/voicecap/voicecap-engine" "$tmp/moved.log" ||
  { indent "$tmp/moved.log"; fail "the moved program does not use the moved engine"; }

for f in "$tmp/ref"/*; do
  b=$(basename "$f")
  cmp -s "$f" "$tmp/ex/$b" || fail "example: $b differs from the build's render"
  cmp -s "$f" "$tmp/moved-out/$b" || fail "moved program: $b differs from the build's render"
done
[ "$(ls "$tmp/ref" | wc -l)" -eq 8 ] || fail "the build's render made $(ls "$tmp/ref" | wc -l) files"

echo "=== moved: a short --video from the moved video module"
printf 'Q: Where did it start?\nA: In a small room, with two friends.\n' >"$tmp/short.txt"
(cd "$tmp" && "$tmp/moved/bin/voicecap" render --video -o "$tmp/moved-video" "$tmp/short.txt") \
  >"$tmp/mvideo.log" 2>&1 || { indent "$tmp/mvideo.log"; fail "the moved program cannot make a video"; }
ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$tmp/moved-video/short.mp4" \
  >"$tmp/mvideo.probe" 2>&1 || { indent "$tmp/mvideo.probe"; fail "the moved video is no MP4"; }
grep -qx h264 "$tmp/mvideo.probe" || { indent "$tmp/mvideo.probe"; fail "the moved video has no H.264 stream"; }
mv "$tmp/moved/libexec/voicecap/voicecap-video.so" "$tmp/video.so.away"
if "$tmp/moved/bin/voicecap" render --video -o "$tmp/novideo" "$tmp/short.txt" >"$tmp/novideo.log" 2>&1; then
  echo "    (made a video: a voicecap is installed in the configured libexec)"
else
  indent "$tmp/novideo.log"
  grep -q 'voicecap-video.so' "$tmp/novideo.log" || fail "a missing video module is not named"
  [ "$(grep -o 'short\.txt' "$tmp/novideo.log" | wc -l)" -eq 1 ] ||
    fail "the missing-module error does not name the input exactly once"
fi
mv "$tmp/video.so.away" "$tmp/moved/libexec/voicecap/voicecap-video.so"

echo "=== moved, data removed: the error names where it looked"
rm -r "$tmp/moved/share/voicecap/data"
if "$tmp/moved/bin/voicecap" render -o "$tmp/nodata" "$seed" >"$tmp/nodata.log" 2>&1; then
  echo "    (rendered: a voicecap is installed in the configured datadir)"
else
  indent "$tmp/nodata.log"
  grep -q "cannot find voicecap data (pronunciations.tsv): looked in \$VOICECAP_DATA (unset), $tmp/moved/share/voicecap/data" \
    "$tmp/nodata.log" || fail "the error does not say where it looked"
fi
finish install "installed, the example and the moved program render as the build does"

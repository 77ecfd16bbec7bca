#!/usr/bin/env bash
# The shared library exports exactly the public interface: the dynamic symbols nm -D lists
# in libvoicecap.so are the functions declared in include/voicecap/*.h (read from the
# preprocessed umbrella header, comments gone), each of them marked VC_API, nothing else.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
: "${VC_LIB:?path of libvoicecap.so}"

echo "=== nm -D --defined-only $VC_LIB"
nm -D --defined-only "$VC_LIB" | awk '$2 ~ /^[A-Za-z]$/ && $2 !~ /^[aAUw]$/ {print $3}' |
  sort -u >"$tmp/exported"
indent "$tmp/exported"

# One declaration per ';' of the preprocessed headers; function declarations name a vc_
# function followed by '(' and are not typedefs.
${CC:-cc} -E -P -I "$ROOT/include" -I "$BUILD/include" "$ROOT/include/voicecap/voicecap.h" |
  tr '\n' ' ' | tr ';{}' '\n\n\n' | grep -E '\bvc_[a-z0-9_]+ *\(' | grep -vE '^ *typedef' \
  >"$tmp/decls" || true
grep -oE '\bvc_[a-z0-9_]+ *\(' "$tmp/decls" | awk '{print $1}' | tr -d '(' | sort -u \
  >"$tmp/declared" || true
n=$(wc -l <"$tmp/declared")
echo "=== $n functions declared in include/voicecap/*.h"
[ "$n" -ge 5 ] || fail "only $n declarations found in the public headers"
while IFS= read -r d; do
  case "$d" in
    *'visibility ("default")'* | *'visibility("default")'*) ;;
    *) fail "declared without VC_API: $d" ;;
  esac
done <"$tmp/decls"

extra=$(comm -23 "$tmp/exported" "$tmp/declared")
missing=$(comm -13 "$tmp/exported" "$tmp/declared")
[ -z "$extra" ] || fail "exported but not in the public headers: $(echo $extra)"
[ -z "$missing" ] || fail "public but not exported: $(echo $missing)"
finish exports "$(wc -l <"$tmp/exported") symbols exported, all public"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A full disk (issue 11), for every audio format: on a small tmpfs holding an earlier set
# of outputs and little room, a render must fail with exit 1 and one line naming the input
# and "No space left on device", leave the earlier outputs byte-identical, and leave no
# temporary. Needs root to mount the tmpfs; skipped (exit 77) where mounting is refused.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"

disk=$tmp/disk
mkdir -p "$disk"
if ! mount -t tmpfs -o size=4m,mode=0755 tmpfs "$disk" 2>/dev/null; then
  echo "fulldisk: cannot mount a tmpfs here (not root?): skipped"
  exit 77
fi
trap 'umount "$disk" 2>/dev/null; rm -rf "$tmp"' EXIT

sums() { (cd "$1" && find . -maxdepth 1 -type f ! -name '.*' -print0 | sort -z | xargs -0r sha256sum); }

printf 'Q: Was the disk full?\n\nA: Not yet, there was room.\n' >"$tmp/x.txt"
{
  printf 'Q: How long did the recording last, and who was there?\n\n'
  for _ in $(seq 12); do
    printf 'A: It lasted most of the afternoon. We talked about the river, the mill and the '
    printf 'people who worked there, and about how the town changed when the mill closed.\n\n'
  done
} >"$tmp/long.txt"

for fmt in wav flac ogg opus mp3; do
  out=$disk/$fmt
  rm -rf "${disk:?}"/*
  if ! "$VC_BIN" render --audio-format "$fmt" -o "$out" "$tmp/x.txt" >/dev/null 2>"$tmp/err"; then
    fail "$fmt: the earlier render did not fit: $(cat "$tmp/err")"
    continue
  fi
  sums "$out" >"$tmp/old.sum"
  # Fill the disk, leaving 16 KiB: the new audio starts, then finds no room.
  avail=$(df --output=avail -B1 "$disk" | tail -n1)
  head -c $((avail - 16384)) /dev/zero >"$disk/filler" 2>/dev/null
  cp "$tmp/long.txt" "$tmp/x.txt"
  rc=0
  "$VC_BIN" render --audio-format "$fmt" -o "$out" "$tmp/x.txt" >/dev/null 2>"$tmp/err" || rc=$?
  printf 'Q: Was the disk full?\n\nA: Not yet, there was room.\n' >"$tmp/x.txt"
  if [ $rc -ne 1 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
    ! grep -q "x.txt: .*No space left on device" "$tmp/err"; then
    fail "$fmt: exit $rc, want 1 and one line naming x.txt and 'No space left on device':"
    indent "$tmp/err"
  elif ! diff -q "$tmp/old.sum" <(sums "$out") >/dev/null; then
    fail "$fmt: the earlier outputs changed"
  elif ls -A "$out" | grep -q '^\.'; then
    fail "$fmt: temporaries left: $(ls -A "$out" | grep '^\.')"
  else
    echo "ok   $fmt: $(cat "$tmp/err"); earlier outputs intact, nothing left"
  fi
done

finish fulldisk "a full disk is named, for every audio format, and loses nothing"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# voicecap over several machines with GNU parallel and ssh: part K of N of the
# interviews named in LIST (one path a line) runs on whichever host is free, as
#   voicecap batch --files-from LIST --shard K/N -o OUTPUT_DIR [OPTION...]
# LIST, the interviews and OUTPUT_DIR must be on a folder every host mounts at the same
# path (absolute paths). Each part casts over the whole LIST, so the union of the parts
# is byte for byte what one `voicecap batch --files-from LIST -o OUTPUT_DIR` writes.
#
#   find /shared/in -name '*.txt' >/shared/inputs.list
#   contrib/parallel/voicecap-parallel.sh host1,host2,host3 /shared/inputs.list /shared/out
#
# HOSTS is GNU parallel's --sshlogin list ("host1,user@host2", ":" is this computer) or
# a file of them, one a line. Each host runs one part at a time (all its cores), and the
# input is cut into PARTS parts (default: as many as hosts; more parts even out hosts of
# different speeds). Each host runs $VOICECAP when set, else voicecap from its PATH.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: [PARTS=N] voicecap-parallel.sh HOSTS LIST OUTPUT_DIR [OPTION...]" >&2
  exit 2
fi
hosts=$1
list=$2
out=$3
shift 3
if ! [ -r "$list" ]; then
  echo "voicecap-parallel.sh: $list: cannot read the list of interviews" >&2
  exit 2
fi

if [ -f "$hosts" ]; then
  login=(--sshloginfile "$hosts")
  n_hosts=$(grep -cv '^[[:space:]]*\(#\|$\)' "$hosts")
else
  login=(--sshlogin "$hosts")
  n_hosts=$(tr ',' '\n' <<<"$hosts" | grep -c .)
fi
parts=${PARTS:-$n_hosts}

exec parallel "${login[@]}" --jobs 1 --tag --line-buffer \
  "${VOICECAP:-voicecap}" batch --files-from "$list" --shard "{}/$parts" -o "$out" "$@" \
  ::: $(seq 0 $((parts - 1)))

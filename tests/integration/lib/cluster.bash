# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the many-machines tests (slurm.sh, parallel.sh) after harness.bash: waiting,
# free ports, stopping what a test started, inputs made of copied seeds, and comparing
# two output trees byte for byte. (Not a test itself.)

# wait_for SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds (0) or time
# runs out (1).
wait_for() {
  local until=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$until" ] || return 1
    sleep 0.2
  done
}

# free_port [TAKEN]: a TCP port on 127.0.0.1 that nothing listens on (and not TAKEN).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    [ "$p" != "${1:-}" ] || continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# stop_pidfile FILE: ends the process whose id FILE holds (one this test started):
# SIGTERM, then SIGKILL after 10 s.
stop_pidfile() {
  [ -s "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# since MS: seconds (with tenths) from MS (now_ms) to now.
since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

# copy_seeds SEEDS DIR COPIES: DIR/cK/cK-NAME.txt for each seed and K in 1..COPIES (base
# names differ, so the inputs' outputs never share a name).
copy_seeds() {
  local k f
  for k in $(seq 1 "$3"); do
    mkdir -p "$2/c$k"
    for f in "$1"/*.txt; do
      cp "$f" "$2/c$k/c$k-$(basename "$f")"
    done
  done
}

# compare_trees WANT GOT WHAT: every file of WANT is in GOT with the same bytes, and GOT
# holds nothing else.
compare_trees() {
  local want=$1 got=$2 what=$3
  (cd "$want" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) >"$tmp/want.sha"
  (cd "$got" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) >"$tmp/got.sha" 2>/dev/null || true
  if ! [ -s "$tmp/want.sha" ]; then
    fail "the one-machine batch wrote nothing to compare with"
  elif ! diff -u "$tmp/want.sha" "$tmp/got.sha" >"$tmp/trees.diff"; then
    fail "$what differ from one batch's:"
    head -n 20 "$tmp/trees.diff" | indent
  else
    echo "ok   $what: $(wc -l <"$tmp/got.sha") files, byte for byte those of one batch"
  fi
}

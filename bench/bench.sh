#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark: voicecap render of one seed against the espeak-ng command speaking the same
# file, in alternating runs of one invocation; prints median wall-time ratio and peak memory.
# Also: peak memory for a long input (the seed ten times over) and each seed's loudness as
# measured by ffmpeg's ebur128 filter (an independent meter). Not a test: figures only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${VC_BIN:-$here/build/voicecap}
seed=${BENCH_SEED:-$(ls "$here"/seeds/000_*.txt | head -n1)}
runs=${BENCH_RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$bin" ] || { echo "bench: build first (make build): $bin missing" >&2; exit 1; }

# Wall seconds and peak RSS (KiB) of one command, via GNU time.
measure() {
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" ||
    { cat "$tmp/stderr" >&2; exit 1; }
  cat "$tmp/time"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$tmp/vc" ; : >"$tmp/es" ; : >"$tmp/vcmem"
for i in $(seq "$runs"); do
  read -r t m < <(measure "$bin" render -o "$tmp/out" "$seed")
  echo "$t" >>"$tmp/vc"; echo "$m" >>"$tmp/vcmem"
  read -r t m < <(measure espeak-ng -w "$tmp/espeak.wav" -f "$seed")
  echo "$t" >>"$tmp/es"
done
vc=$(median <"$tmp/vc"); es=$(median <"$tmp/es"); mem=$(sort -n "$tmp/vcmem" | tail -n1)
ratio=$(awk -v a="$vc" -v b="$es" 'BEGIN {printf "%.3f", (b > 0) ? a / b : 0}')
printf 'seed            %s\n' "$(basename "$seed")"
printf 'runs            %d each, alternating\n' "$runs"
printf 'voicecap median %.3f s\n' "$vc"
printf 'espeak-ng -w    %.3f s\n' "$es"
printf 'ratio           %s (target <= 1.0)\n' "$ratio"
printf 'peak memory     %.1f MiB (target < 30)\n' "$(awk -v k="$mem" 'BEGIN {print k/1024}')"

# Long input: the seed ten times in one file.
for i in $(seq 10); do cat "$seed"; printf '\n\n'; done >"$tmp/long.txt"
read -r t m < <(measure "$bin" render -o "$tmp/out" "$tmp/long.txt")
printf 'long input      10x seed: %.1f s, peak memory %.1f MiB (target <= 40)\n' "$t" \
  "$(awk -v k="$m" 'BEGIN {print k/1024}')"

# Loudness of every seed by ffmpeg's own EBU R128 meter.
if [ "${BENCH_LOUDNESS:-1}" = 1 ]; then
  "$bin" batch -o "$tmp/all" "$here/seeds" >/dev/null
  printf '\n%-28s %9s %9s\n' "seed (ffmpeg ebur128)" "I (LUFS)" "TP (dBTP)"
  for w in "$tmp"/all/*.wav; do
    ffmpeg -hide_banner -nostats -i "$w" -af ebur128=peak=true -f null - 2>"$tmp/ebu" || true
    i=$(grep -E '^\s+I:' "$tmp/ebu" | tail -n1 | awk '{print $2}')
    p=$(grep -E '^\s+Peak:' "$tmp/ebu" | tail -n1 | awk '{print $2}')
    printf '%-28s %9s %9s\n' "$(basename "$w" .wav)" "$i" "$p"
  done
fi

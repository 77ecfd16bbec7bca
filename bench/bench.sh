#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark: voicecap against the espeak-ng command, each figure a ratio to a baseline run
# in the same invocation, in alternating runs (medians, with the min and max of the
# per-pair ratios). Not a test: figures only.
#   1. render vs `espeak-ng` with the narrator's own voice and rate (the floor for one
#      engine instance): wall and CPU (all processes and threads);
#   2. render --jobs 1 vs --jobs 2;
#   3. batch of ten files vs the ten espeak-ng commands one after another;
#   4. peak memory of a render and of a 10x input;
#   5. render time from 1x to 10x input (linear?);
#   6. render vs plain `espeak-ng -w` (its default voice), the old comparison;
#   7. each seed's loudness by ffmpeg's ebur128 filter (BENCH_LOUDNESS=0 skips it).
# BENCH_RUNS (default 5) pairs per comparison; BENCH_SEED the file (default seed 000).
# CPU time is perf stat's task-clock, which counts every process and thread the command
# starts (the engine's helper and worker processes too); without perf, GNU time's user +
# system time of the processes waited for (a lower bound) is shown, and said so.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${VC_BIN:-$here/build/voicecap}
seed=${BENCH_SEED:-$(ls "$here"/seeds/000_*.txt | head -n1)}
runs=${BENCH_RUNS:-5}
voices=${VOICECAP_VOICES:-$here/voices}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$bin" ] || { echo "bench: build first (make build): $bin missing" >&2; exit 1; }

# The narrator's espeak-ng voice and rate, from its voice file.
ini() { sed -n "s/^$1 *= *//p" "$voices/narrator.ini" | head -n1; }
es_voice="$(ini language)+$(ini variant)"
es_args=(-v "$es_voice" -s "$(ini rate)" -p "$(ini pitch)")

cpu_tool=time
if command -v perf >/dev/null && perf stat -x, -e task-clock -o "$tmp/p" true 2>/dev/null; then
  cpu_tool=perf
fi

# "wall_s cpu_s maxrss_kib" of one command (its output thrown away).
measure() {
  if [ "$cpu_tool" = perf ]; then
    /usr/bin/time -f '%e %M' -o "$tmp/time" perf stat -x, -e task-clock -o "$tmp/perf" \
      -- "$@" >/dev/null 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
    local cpu
    cpu=$(awk -F, '/task-clock/ {printf "%.4f", $1 / 1000}' "$tmp/perf")
    read -r w m <"$tmp/time"
    echo "$w $cpu $m"
  else
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" ||
      { cat "$tmp/stderr" >&2; exit 1; }
    awk '{printf "%s %.3f %s\n", $1, $2 + $3, $4}' "$tmp/time"
  fi
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# compare LABEL_A LABEL_B FILE: FILE holds "a_wall a_cpu b_wall b_cpu" per pair; prints
# the medians and the ratio a/b (median of the pairs' ratios, min, max) for wall and CPU.
compare() {
  local f=$3
  for col in wall cpu; do
    local ia ib
    if [ $col = wall ]; then ia=1 ib=3; else ia=2 ib=4; fi
    local ma mb
    ma=$(awk -v c=$ia '{print $c}' "$f" | median)
    mb=$(awk -v c=$ib '{print $c}' "$f" | median)
    awk -v c=$ia -v d=$ib '{print ($d > 0) ? $c / $d : 0}' "$f" | sort -g >"$tmp/ratios"
    printf '  %-4s %s %7.3f s  %s %7.3f s  ratio %.3f (min %.3f, max %.3f)\n' "$col" \
      "$1" "$ma" "$2" "$mb" "$(median <"$tmp/ratios")" "$(head -n1 "$tmp/ratios")" \
      "$(tail -n1 "$tmp/ratios")"
  done
}

printf 'machine         %s cores, load average %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'seed            %s\n' "$(basename "$seed")"
printf 'runs            %d pairs per comparison, alternating; CPU by %s\n' "$runs" \
  "$([ $cpu_tool = perf ] && echo 'perf stat task-clock (all processes)' ||
    echo 'GNU time user+sys (processes waited for only: a lower bound)')"
printf 'floor           espeak-ng %s\n\n' "${es_args[*]}"

"$bin" render -q -o "$tmp/warm" "$seed" >/dev/null # warms the calibration cache

echo "1. render (default --jobs: 2 x $(nproc) cores) vs the same-voice espeak-ng command"
: >"$tmp/r1"
: >"$tmp/mem"
for _ in $(seq "$runs"); do
  read -r aw ac am < <(measure "$bin" render -q -o "$tmp/out" "$seed")
  read -r bw bc _ < <(measure espeak-ng "${es_args[@]}" -w "$tmp/es.wav" -f "$seed")
  echo "$aw $ac $bw $bc" >>"$tmp/r1"
  echo "$am" >>"$tmp/mem"
done
compare render espeak "$tmp/r1"
echo "  targets: CPU <= 1.20, wall <= 0.65 (2 cores)"

echo
echo "2. render --jobs 1 vs --jobs 2"
: >"$tmp/r2"
for _ in $(seq "$runs"); do
  read -r aw ac _ < <(measure "$bin" render -q -j 1 -o "$tmp/out1" "$seed")
  read -r bw bc _ < <(measure "$bin" render -q -j 2 -o "$tmp/out2" "$seed")
  echo "$aw $ac $bw $bc" >>"$tmp/r2"
done
compare "-j 1" "-j 2" "$tmp/r2"
same=identical
for f in "$tmp"/out1/*; do cmp -s "$f" "$tmp/out2/$(basename "$f")" || same=DIFFERENT; done
echo "  outputs of -j 1 and -j 2: $same"

echo
echo "3. batch of ten files vs ten espeak-ng commands in a row"
mkdir -p "$tmp/ten"
i=0
for s in "$here"/seeds/*.txt; do
  for copy in a b; do
    [ $i -lt 10 ] && cp "$s" "$tmp/ten/$copy$(basename "$s")"
    i=$((i + 1))
  done
done
{
  printf 'for f in "$1"/*.txt; do espeak-ng'
  printf ' %q' "${es_args[@]}"
  printf ' -w "$2" -f "$f"; done\n'
} >"$tmp/ten.sh"
: >"$tmp/r3"
for _ in $(seq "$(( runs < 3 ? runs : 3 ))"); do
  rm -rf "$tmp/tenout"
  read -r aw ac _ < <(measure "$bin" batch -q -o "$tmp/tenout" "$tmp/ten")
  read -r bw bc _ < <(measure bash "$tmp/ten.sh" "$tmp/ten" "$tmp/es.wav")
  echo "$aw $ac $bw $bc" >>"$tmp/r3"
done
compare batch "espeak x10" "$tmp/r3"
echo "  target: wall <= 0.60 (the limit on 2 cores is 0.5)"

echo
echo "4. peak memory (largest single process waited for, GNU time)"
printf '  render of the seed   %s MiB (max over runs)\n' "$(mib "$(sort -n "$tmp/mem" | tail -n1)")"

echo
echo "5. render time from 1x to 10x input"
# Each copy's lines end with their own words ("Take 3."): the segmenter drops a long line
# that repeats an earlier one word for word (page furniture), so plain copies would be
# dropped, not spoken, and the growth would look better than it is.
for k in 1 2 5 10; do
  for i in $(seq "$k"); do sed -E "/[^[:space:]]/s/\$/ Take $i./" "$seed"; printf '\n\n'; done \
    >"$tmp/x$k.txt"
done
printf '  %-4s %9s %9s %9s %14s\n' size wall_s cpu_s MiB 'cpu per 1x'
for k in 1 2 5 10; do
  read -r w c m < <(measure "$bin" render -q -o "$tmp/xout" "$tmp/x$k.txt")
  printf '  %-4s %9.2f %9.2f %9s %14.3f\n' "${k}x" "$w" "$c" "$(mib "$m")" \
    "$(awk -v c="$c" -v k="$k" 'BEGIN {print c / k}')"
done
echo "  linear when 'cpu per 1x' stays flat; memory target: 10x under 40 MiB per process"

echo
echo "6. render vs espeak-ng -w (its default voice), the old comparison"
: >"$tmp/r6"
for _ in $(seq "$runs"); do
  read -r aw ac _ < <(measure "$bin" render -q -o "$tmp/out" "$seed")
  read -r bw bc _ < <(measure espeak-ng -w "$tmp/espeak.wav" -f "$seed")
  echo "$aw $ac $bw $bc" >>"$tmp/r6"
done
compare render espeak "$tmp/r6"

# Loudness of every seed by ffmpeg's own EBU R128 meter.
if [ "${BENCH_LOUDNESS:-1}" = 1 ]; then
  "$bin" batch -q -o "$tmp/all" "$here/seeds" >/dev/null
  printf '\n7. %-25s %9s %9s\n' "seed (ffmpeg ebur128)" "I (LUFS)" "TP (dBTP)"
  for w in "$tmp"/all/*.wav; do
    ffmpeg -hide_banner -nostats -i "$w" -af ebur128=peak=true -f null - 2>"$tmp/ebu" || true
    i=$(grep -E '^\s+I:' "$tmp/ebu" | tail -n1 | awk '{print $2}')
    p=$(grep -E '^\s+Peak:' "$tmp/ebu" | tail -n1 | awk '{print $2}')
    printf '   %-25s %9s %9s\n' "$(basename "$w" .wav)" "$i" "$p"
  done
fi

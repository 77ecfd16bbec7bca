#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The job files in contrib/ hold together: the Kubernetes Indexed Job's command (read from
# contrib/k8s/voicecap-job.yaml, /data pointed at a temporary folder) run once for each
# JOB_COMPLETION_INDEX its `completions` gives, as Kubernetes would, renders four short
# interviews of our own exactly as one batch does, and its --shards equals completions;
# the Slurm array script refuses to run without its folders or outside an array (exit 2,
# one line). Slurm itself: integ_slurm; GNU parallel: integ_parallel.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.bash"

echo "=== contrib/k8s/voicecap-job.yaml"
yaml=$ROOT/contrib/k8s/voicecap-job.yaml
completions=$(sed -nE 's/^  completions: ([0-9]+).*/\1/p' "$yaml")
# The container's command, a flow sequence of quoted words (JSON), one word a line.
python3 - "$yaml" >"$tmp/command" <<'EOF'
import json, re, sys
text = open(sys.argv[1]).read()
m = re.search(r"command: (\[[^\]]*\])", text)
for word in json.loads(m.group(1)):
    print(word)
EOF
mapfile -t command <"$tmp/command"
shards=$(awk 'prev == "--shards" {print} {prev = $0}' "$tmp/command")
if [ -z "$completions" ] || [ "$completions" != "$shards" ]; then
  fail "completions ($completions) and --shards ($shards) differ in $yaml"
fi
if [ "${command[0]:-}" != voicecap ] || [ "${command[1]:-}" != batch ]; then
  fail "the Job's command is not 'voicecap batch ...': ${command[*]}"
fi

data=$tmp/data
mkdir -p "$data/in/a" "$data/in/b"
cat >"$data/in/a/harbour.txt" <<'EOF'
Q: When did you first go out with the boats?
A: I was nine. My uncle took me out before dawn, and I was sick the whole morning.
Q: And you went back?
A: Every day that summer.
EOF
cat >"$data/in/a/bakery.txt" <<'EOF'
Q: What time does the bakery open?
A: The ovens go on at three. The door opens at six, and by eight the rye is gone.
EOF
cat >"$data/in/b/library.txt" <<'EOF'
Q: How many books does the van carry?
A: About two thousand, and we change half of them every month.
Q: Who asks for the most?
A: The children, always. They read faster than we can drive.
EOF
cat >"$data/in/b/choir.txt" <<'EOF'
Q: How did the choir start?
A: Six of us met in a kitchen. Now there are forty, and we rehearse in the school hall.
EOF
"$VC_BIN" batch -q -o "$tmp/one" "$data/in" 2>"$tmp/one.err" || {
  fail "the one-machine batch failed:"
  indent "$tmp/one.err"
}
for ((k = 0; k < ${completions:-0}; k++)); do
  words=("$VC_BIN")
  for w in "${command[@]:1}"; do
    words+=("${w//\/data/$data}")
  done
  rc=0
  JOB_COMPLETION_INDEX=$k "${words[@]}" >"$tmp/pod-$k.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    fail "pod $k: exit $rc:"
    indent "$tmp/pod-$k.log"
  elif ! grep -q "^voicecap: shard $k/$completions: " "$tmp/pod-$k.log"; then
    fail "pod $k does not say it is shard $k/$completions:"
    indent "$tmp/pod-$k.log"
  fi
done
compare_trees "$tmp/one" "$data/out" "the Job's $completions pods"

echo "=== contrib/slurm/voicecap-array.sbatch refuses what it cannot run"
sbatch_script=$ROOT/contrib/slurm/voicecap-array.sbatch
bash -n "$sbatch_script" || fail "$sbatch_script does not parse"
for case in "none" "no-array"; do
  rc=0
  if [ "$case" = none ]; then
    env -u SLURM_ARRAY_TASK_ID bash "$sbatch_script" >"$tmp/out" 2>"$tmp/err" || rc=$?
  else
    env -u SLURM_ARRAY_TASK_ID bash "$sbatch_script" "$data/in" "$tmp/x" >"$tmp/out" 2>"$tmp/err" || rc=$?
  fi
  if [ "$rc" -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] || [ -e "$tmp/x" ]; then
    fail "$case: exit $rc (want 2), $(wc -l <"$tmp/err") lines on standard error (want 1):"
    indent "$tmp/err"
  else
    echo "ok   $case: exit 2: $(cat "$tmp/err")"
  fi
done

finish contrib_jobs "the Kubernetes Job's $completions pods equal one batch; the Slurm script refuses bad calls"

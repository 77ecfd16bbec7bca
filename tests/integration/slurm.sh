#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A real one-node Slurm cluster on localhost (munged, slurmctld and slurmd from Debian,
# configured, keyed and logging in this test's temporary folder, all stopped at the end,
# also on failure) runs contrib/slurm/voicecap-array.sbatch as a three-task job array over
# the seeds copied VC_CLUSTER_COPIES times (default 2); the union of the three parts must
# equal one `voicecap batch` of the same folder byte for byte, and each part must have
# rendered only its own share; the same array submitted again renders nothing (each part
# is up to date). A cluster that cannot start is a failure, with its log.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/harness.bash"
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.bash"

SHARDS=3
for tool in munged slurmctld slurmd sbatch squeue scontrol sinfo; do
  command -v "$tool" >/dev/null || {
    echo "FAIL: $tool is missing (scripts/deps/test-cluster.txt: munge, slurm-wlm)"
    exit 1
  }
done

# ---- the cluster -------------------------------------------------------------------
sl=$tmp/slurm
mkdir -p "$sl"/{state,spool,log,munge}
chmod 700 "$sl/munge"

stop_cluster() {
  for pidfile in "$sl/slurmd.pid" "$sl/slurmctld.pid" "$sl/munge/munged.pid"; do
    stop_pidfile "$pidfile"
  done
}
trap 'stop_cluster; rm -rf "$tmp"' EXIT

# Prints the daemons' logs and fails the test: the cluster is a prerequisite.
cluster_failed() {
  echo "FAIL: $*"
  for log in "$sl"/munge/munged.log "$sl"/log/*.log; do
    [ -s "$log" ] || continue
    echo "--- $log (last lines)"
    tail -n 15 "$log" | indent
  done
  exit 1
}

t_up=$(now_ms)
# munged as root, with a fresh key, its socket and files in the temporary folder.
dd if=/dev/urandom of="$sl/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$sl/munge/munge.key"
munged --force --key-file="$sl/munge/munge.key" --socket="$sl/munge/socket" \
  --pid-file="$sl/munge/munged.pid" --log-file="$sl/munge/munged.log" \
  --seed-file="$sl/munge/seed" 2>"$sl/munge/start.err" ||
  cluster_failed "munged did not start: $(cat "$sl/munge/start.err")"
wait_for 10 test -S "$sl/munge/socket" || cluster_failed "munged made no socket"
if ! munge --socket="$sl/munge/socket" -n </dev/null |
  unmunge --socket="$sl/munge/socket" >/dev/null 2>"$sl/munge/check.err"; then
  cluster_failed "munge cannot check its own credential: $(cat "$sl/munge/check.err")"
fi

ctld_port=$(free_port)
d_port=$(free_port "$ctld_port")
cpus=$(nproc)
export SLURM_CONF=$sl/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=voicecaptest
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sl/munge/socket
StateSaveLocation=$sl/state
SlurmdSpoolDir=$sl/spool
SlurmctldPidFile=$sl/slurmctld.pid
SlurmdPidFile=$sl/slurmd.pid
SlurmctldLogFile=$sl/log/slurmctld.log
SlurmdLogFile=$sl/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=voicecap Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -i -f "$SLURM_CONF" 2>"$sl/log/slurmctld.err" ||
  cluster_failed "slurmctld did not start: $(cat "$sl/log/slurmctld.err")"
slurmd -N localhost -f "$SLURM_CONF" 2>"$sl/log/slurmd.err" ||
  cluster_failed "slurmd did not start: $(cat "$sl/log/slurmd.err")"
node_idle() { sinfo -h -N -o '%T' 2>/dev/null | grep -qx idle; }
wait_for 30 node_idle ||
  cluster_failed "the node is not idle after 30 s: $(sinfo -h -N -o '%T %E' 2>&1)"
echo "ok   one-node Slurm up in $(since "$t_up") s: $(sinfo -h -o '%P %D %c %T' | tr -s ' ')"

# ---- the inputs and the one-machine batch ------------------------------------------
in=$tmp/in
copies=${VC_CLUSTER_COPIES:-2}
copy_seeds "$ROOT/seeds" "$in" "$copies"
n_in=$(find "$in" -name '*.txt' | wc -l)
one=$tmp/one
t0=$(now_ms)
"$VC_BIN" batch -q -o "$one" "$in" 2>"$tmp/one.err" || {
  fail "the one-machine batch failed:"
  indent "$tmp/one.err"
}
echo "one-machine batch of $n_in inputs: $(since "$t0") s"

# ---- the job array -----------------------------------------------------------------
out=$tmp/shared-out
cd "$tmp"
t0=$(now_ms)
job=$(VOICECAP=$VC_BIN sbatch --parsable --array=0-$((SHARDS - 1)) \
  "$ROOT/contrib/slurm/voicecap-array.sbatch" "$in" "$out" 2>"$tmp/sbatch.err") ||
  cluster_failed "sbatch refused the array: $(cat "$tmp/sbatch.err")"
job=${job%%;*}
job_gone() { [ -z "$(squeue -h -j "$job" 2>/dev/null)" ]; }
wait_for 600 job_gone || fail "job $job still queued or running after 600 s"
echo "three-task Slurm array of $n_in inputs: $(since "$t0") s (submission to last task's end)"

# Every task ran to exit 0, and rendered only its part.
mapfile -t states < <(scontrol -o show job "$job" |
  sed -E 's/.*ArrayTaskId=([0-9]+) .*JobState=([A-Z_]+) .*ExitCode=([0-9:]+).*/\1 \2 \3/' | sort -n)
if [ "${#states[@]}" -ne "$SHARDS" ]; then
  fail "scontrol shows ${#states[@]} tasks of job $job, want $SHARDS"
fi
rendered=0
for k in $(seq 0 $((SHARDS - 1))); do
  log=$tmp/voicecap-${job}_$k.log
  state=$(printf '%s\n' "${states[@]}" | awk -v k="$k" '$1 == k {print $2, $3}')
  if [ "$state" != "COMPLETED 0:0" ]; then
    fail "task $k: '$state', want 'COMPLETED 0:0'; its log:"
    indent "$log" 2>/dev/null || true
    continue
  fi
  if ! grep -Eq "^voicecap: shard $k/$SHARDS: [0-9]+ of $n_in interviews" "$log"; then
    fail "task $k's log does not say 'voicecap: shard $k/$SHARDS: ... of $n_in interviews':"
    indent "$log"
  fi
  mine=$(grep -c '^\[[0-9]*/[0-9]*\] ok ' "$log" || true)
  rendered=$((rendered + mine))
  when=$(scontrol -o show job "${job}_$k" | grep -o 'RunTime=[^ ]* .*StartTime=[^ ]* EndTime=[^ ]*' |
    sed -E 's/RunTime=([^ ]*) .*StartTime=[^T]*T([^ ]*) EndTime=[^T]*T([^ ]*)/\2 to \3, \1/')
  echo "ok   task $k ($when): $(grep '^voicecap: shard' "$log")"
done
if [ "$rendered" -ne "$n_in" ]; then
  fail "the tasks rendered $rendered inputs between them, want each of the $n_in once"
fi

compare_trees "$one" "$out" "the three Slurm tasks' outputs"

# The same array again: every task finds its part up to date and renders nothing.
t0=$(now_ms)
job=$(VOICECAP=$VC_BIN sbatch --parsable --array=0-$((SHARDS - 1)) \
  "$ROOT/contrib/slurm/voicecap-array.sbatch" "$in" "$out" 2>"$tmp/sbatch.err") ||
  cluster_failed "sbatch refused the second array: $(cat "$tmp/sbatch.err")"
job=${job%%;*}
wait_for 300 job_gone || fail "job $job still queued or running after 300 s"
echo "the same array again: $(since "$t0") s"
for k in $(seq 0 $((SHARDS - 1))); do
  log=$tmp/voicecap-${job}_$k.log
  if ! grep -Eq '^([0-9]+) of \1 up to date, skipped' "$log" || grep -q '\] ok ' "$log"; then
    fail "second run, task $k: not all of its part skipped as up to date:"
    indent "$log"
  fi
done
compare_trees "$one" "$out" "the outputs after the second array"
finish slurm "a three-task Slurm array over $n_in inputs equals one batch byte for byte"

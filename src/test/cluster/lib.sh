# Helpers shared by the cluster test scripts (sourced, not run).
# Every process a script starts in the background is registered with `track PID`, so that
# `cleanup` (on EXIT) stops exactly those processes, and no others, however the script ends.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
TRACKED=()
# Small, fast settings shared by every run of the scripts (the bundled digits, no download).
TRAIN_ARGS=(--data sample --train-limit 1000 --test-limit 500 --partitions 2 --seed 7)

say()  { echo "[$(date +%H:%M:%S)] $*" >&2; }
pass() { echo "PASS: $*"; }
# One line on stdout, then out: the EXIT trap stops the JVMs and keeps the logs.
fail() { echo "FAIL: $*"; exit 1; }

track() { TRACKED+=("$1"); }

alive() { kill -0 "$1" 2>/dev/null; }

# The command line of a process, NULs as spaces; empty once it is gone.
cmdline() { { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null || true; }

# "PID PPID" of every process, from one read of /proc (a bare CI image may have no ps or pgrep;
# one cat, not one per process: a busy box runs hundreds). The command name, in parentheses, may
# hold spaces and parentheses: the state letter and the parent pid follow its last ") ".
proc_table() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | sed -n 's/^\([0-9]*\) .*) [A-Za-z] \([0-9]*\) .*/\1 \2/p'; }

# Pids whose parent is $1.
children() { proc_table | awk -v parent="$1" '$2 == parent { print $1 }'; }

# Every descendant of pid $1 (children, their children, ...), from one read of /proc.
descendants() {
  proc_table | awk -v root="$1" '
    { kids[$2] = kids[$2] " " $1 }
    END {
      m = split(kids[root], c, " "); for (j = 1; j <= m; j++) queue[++n] = c[j]
      for (i = 1; i <= n; i++) {
        print queue[i]
        m = split(kids[queue[i]], c, " "); for (j = 1; j <= m; j++) queue[++n] = c[j]
      }
    }'
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s; fails with WHAT on timeout.
wait_until() {
  local limit=$1 what=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$what (waited ${limit}s)"
    sleep 0.2
  done
}

# Stops the tracked processes (TERM, then KILL after 10 s) and their children (executors).
stop_tracked() {
  local pids=() p c
  for p in "${TRACKED[@]+"${TRACKED[@]}"}"; do
    alive "$p" || continue
    for c in $(children "$p"); do pids+=("$c"); done
    pids+=("$p")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  for p in "${pids[@]}"; do
    while alive "$p" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    alive "$p" && kill -9 "$p" 2>/dev/null || true
  done
  TRACKED=()
}

# ./submit with a small driver and the project's own Spark, whatever SPARK_HOME says.
submit() { env -u SPARK_HOME NNDL_DRIVER_MEMORY=1g "$REPO/submit" "$@"; }

# query WAREHOUSE SQL: the result as CSV on stdout; its stderr kept in the state folder.
query() { submit query --warehouse "$1" --format csv "$2" 2>>"$STATE/query.err"; }

# "1,1" ... "N,1": each of N epochs exactly once.
each_epoch_once() { local e; for e in $(seq 1 "$1"); do echo "$e,1"; done; }

# same_model A B WHAT: model.json files equal byte for byte (Jackson writes shortest round-trip
# doubles, so equal bytes mean equal parameters).
same_model() {
  [ -f "$1" ] || fail "$3: $1 is missing"
  [ -f "$2" ] || fail "$3: $2 is missing"
  cmp -s "$1" "$2" || fail "$3: $1 and $2 differ ($(cmp "$1" "$2" 2>&1 | head -1))"
}

# epochs_shown RUN: how many of $EPOCHS epochs RUN's progress line (in $STATE/RUN.out) shows as ended.
epochs_shown() {
  local n
  n=$(tr '\r' '\n' < "$STATE/$1.out" | grep -o " [0-9]*/$EPOCHS (" | tr -dc '0-9/\n' | cut -d/ -f1 | sort -n | tail -1) || true
  echo "${n:-0}"
}

# fault_after_epoch1 RUN PID FAULT...: once run RUN (its driver PID, output in $STATE/RUN.out)
# shows epoch 1 ended on its progress line (executors warm, the data cached on them), runs the
# command FAULT at once; then waits for the run. Fails unless the run succeeded and the fault
# landed before its last epoch ended, so that the run had to recover from it. The progress
# line, not the metrics table, tells where training is: rows are written in the background and
# may trail the epochs. Sets FAULT_AT: the epochs ended when the fault landed.
fault_after_epoch1() {
  local name=$1 driver=$2 rc=0
  shift 2
  epoch1_or_gone() { ! alive "$driver" || [ "$(epochs_shown "$name")" -ge 1 ]; }
  wait_until 300 "epoch 1 of run $name never ended: see $STATE/$name.out" epoch1_or_gone
  alive "$driver" || fail "run $name ended before the fault could land: see $STATE/$name.out"
  "$@"
  FAULT_AT=$(epochs_shown "$name")
  say "run $name: fault after epoch $FAULT_AT of $EPOCHS"
  wait "$driver" || rc=$?
  [ "$rc" -eq 0 ] || fail "run $name failed after the fault (exit $rc): see $STATE/$name.out"
  [ "$FAULT_AT" -lt "$EPOCHS" ] || fail "run $name had ended its last epoch when the fault landed: make the epochs longer"
}

# What a fault cost run RUN, from its driver's log: tasks lost with executors, cached blocks recomputed.
fault_cost() {
  echo "$(grep -c "Lost task" "$STATE/$1.out" || true) running task(s) and $(grep -c "No more replicas available for rdd_" "$STATE/$1.out" || true) cached block(s) lost"
}

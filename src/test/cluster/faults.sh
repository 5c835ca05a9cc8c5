# Failures that must never hide (sourced by cluster-test.sh after lib.sh and standalone.sh; needs
# STATE): each on a real process's stderr, read as the user sees it.
#   - an executor that runs out of memory (a local-cluster executor JVM of 512 MiB, a layer of
#     40,000 neurons): one console line for the OutOfMemoryError that names the command's log
#     file, which holds the trace; the command's own line names it too; no trace on the
#     console; exit 70 (an internal error, not the user's);
#   - a query of a warehouse whose metrics file is damaged: one line naming the file, its
#     table and the reason, exit 70, the trace in the log file; with NNDL_DEBUG=1 the trace on
#     the console;
#   - a yarn master without HADOOP_CONF_DIR: one line naming it, exit 2.

# console_clean NAME: $STATE/NAME.out (a command's stderr) holds no stack trace and ends with one
# "error: " line; sets LOG_FILE, the log file that line names, and fails unless it holds a trace.
console_clean() {
  local out="$STATE/$1.out"
  ! grep -q $'^\tat \|^Caused by: ' "$out" || fail "$1: a stack trace on the console: see $out"
  [ "$(grep -c '^error: ' "$out")" -eq 1 ] && tail -1 "$out" | grep -q '^error: ' || fail "$1: not one error line at the end: see $out"
  LOG_FILE=$(grep -o '^error: .*(stack trace in [^;]*;' "$out" | sed 's/.*(stack trace in \(.*\);$/\1/')
  [ -n "$LOG_FILE" ] && [ -f "$LOG_FILE" ] || fail "$1: the error line names no log file that exists: see $out"
  grep -q $'^\tat ' "$LOG_FILE" || fail "$1: the log file $LOG_FILE holds no stack trace"
}

check_faults() {
  local rc lines
  make_spark_home
  mkdir -p "$STATE/tmp"

  say "an executor out of memory on local-cluster[1,1,1024]"
  rc=0
  SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 TMPDIR="$STATE/tmp" NNDL_DRIVER_MEMORY=2g \
    "$REPO/submit" --master 'local-cluster[1,1,1024]' --conf spark.executor.memory=512m --conf spark.task.maxFailures=1 \
    train --sizes 784,40000,10 --train-limit 1000 --test-limit 500 --epochs 1 --warehouse "$STATE/oom-warehouse" \
    > "$STATE/oom.out" 2>&1 || rc=$?
  [ "$rc" -eq 70 ] || fail "the run whose executor ran out of memory ended with exit $rc, not 70: see $STATE/oom.out"
  console_clean oom
  lines=$(grep -v '^error: ' "$STATE/oom.out" | grep -c 'java.lang.OutOfMemoryError: Java heap space (full trace in '"$LOG_FILE"')') || true
  [ "$lines" -eq 1 ] || fail "the executor's OutOfMemoryError is on $lines console lines naming $LOG_FILE, not 1: see $STATE/oom.out"
  grep -q '^error: .*OutOfMemoryError: Java heap space' "$STATE/oom.out" || fail "the run's error line does not say OutOfMemoryError: see $STATE/oom.out"
  grep -A1 'java.lang.OutOfMemoryError: Java heap space$' "$LOG_FILE" | grep -q $'^\tat ' ||
    fail "the log file $LOG_FILE does not hold the OutOfMemoryError's trace"
  pass "executor out of memory: exit 70, one console line for the OutOfMemoryError naming the log file with its trace, no trace on the console: $(grep -v '^error: ' "$STATE/oom.out" | grep -m1 OutOfMemoryError | cut -c1-160)..."

  say "a query of a damaged metrics file"
  local wh="$STATE/damaged" file
  submit train --train-limit 100 --test-limit 100 --epochs 1 --warehouse "$wh" > "$STATE/damaged-train.out" 2>&1 ||
    fail "a tiny run failed: see $STATE/damaged-train.out"
  file=$(find "$wh/tables/metrics" -name '*.parquet' | head -1)
  [ -n "$file" ] || fail "no metrics file in $wh"
  # The pages overwritten, "PAR1" and the footer kept, the checksum file gone: the rows cannot be decoded.
  printf '\377%.0s' $(seq 1 64) | dd of="$file" bs=1 seek=4 conv=notrunc status=none
  rm -f "$(dirname "$file")/.$(basename "$file").crc"
  rc=0
  TMPDIR="$STATE/tmp" submit query --warehouse "$wh" "SELECT * FROM metrics" > /dev/null 2> "$STATE/damaged.out" || rc=$?
  [ "$rc" -eq 70 ] || fail "the query of a damaged file ended with exit $rc, not 70: see $STATE/damaged.out"
  console_clean damaged
  grep -q "^error: IllegalStateException: query failed: cannot read file .*$(basename "$file") of table metrics: " "$STATE/damaged.out" ||
    fail "the query's error line does not name the file and its table: see $STATE/damaged.out"
  rc=0
  NNDL_DEBUG=1 submit query --warehouse "$wh" "SELECT * FROM metrics" > /dev/null 2> "$STATE/damaged-debug.out" || rc=$?
  [ "$rc" -eq 70 ] && grep -q $'^\tat org.nndl.metrics' "$STATE/damaged-debug.out" ||
    fail "with NNDL_DEBUG=1 the query's trace is not on the console (exit $rc): see $STATE/damaged-debug.out"
  pass "a query of a damaged file: exit 70, $(grep '^error: ' "$STATE/damaged.out" | cut -c1-200)...; with NNDL_DEBUG=1 the trace on the console"

  say "a yarn master without HADOOP_CONF_DIR"
  rc=0
  env -u HADOOP_CONF_DIR -u YARN_CONF_DIR SPARK_HOME="$SPARK_HOME_DIR" "$REPO/submit" --master yarn train > "$STATE/noconf.out" 2>&1 || rc=$?
  [ "$rc" -eq 2 ] && [ "$(wc -l < "$STATE/noconf.out")" -eq 1 ] && grep -q '^error: --master yarn needs HADOOP_CONF_DIR' "$STATE/noconf.out" ||
    fail "a yarn master without HADOOP_CONF_DIR was not refused in one line with exit 2 (exit $rc): see $STATE/noconf.out"
  pass "a yarn master without HADOOP_CONF_DIR: exit 2, $(cat "$STATE/noconf.out")"
}

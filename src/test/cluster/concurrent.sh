# Concurrent runs into one warehouse (sourced by cluster-test.sh after lib.sh; needs STATE).
# Two ./submit train processes start at the same moment with generated run ids (local[1] each,
# one core apiece). While they train, ./submit query reads the metrics table again and again:
# every answer must hold whole epoch rows only (no empty column) and, per run, epochs 1..k
# with no gap, and no query may fail. At the end both runs hold all their rows under two
# different generated ids.

CONCURRENT_EPOCHS=8   # long enough (about 45 s on 2 cores) for a few queries to land while both runs train
# Every column of a monitored run's row is non-null, so an empty CSV field means a partial row.
ROWS_SQL="SELECT run_id, epoch, train_seconds, test_accuracy, test_cost, train_accuracy, train_cost,
  activation, eta, n_train FROM metrics ORDER BY run_id, epoch"
ROW_FIELDS=10

# Reads a CSV answer of ROWS_SQL on stdin; prints what is wrong with it and fails, if anything.
whole_epochs_only() {
  awk -F, -v want="$ROW_FIELDS" '
    NR == 1 { next }
    NF != want { print "row " NR - 1 " has " NF " fields: " $0; bad = 1; exit }
    { for (i = 1; i <= NF; i++) if ($i == "") { print "row " NR - 1 " has an empty field " i ": " $0; bad = 1; exit } }
    $1 != run { run = $1; due = 1 }
    $2 != due { print "run " $1 " has epoch " $2 " where epoch " due " was due"; bad = 1; exit }
    { due++ }
    END { exit bad }'
}

metrics_written() { compgen -G "$1/tables/metrics/run_id=*/*.parquet" > /dev/null; }
runs_written() { compgen -G "$1/tables/runs/run_id=*/*.parquet" > /dev/null; }

check_concurrent() {
  local wh="$STATE/concurrent" a b rc_a=0 rc_b=0 queries=0 partial=0 rows problem ids early
  local args=(--master 'local[1]' train "${TRAIN_ARGS[@]}" --epochs "$CONCURRENT_EPOCHS" --monitor --warehouse "$wh")
  say "two runs with generated ids into one warehouse, started together"
  { submit "${args[@]}" > "$STATE/run-a.out" 2>&1 || exit $?; } &
  a=$!
  { submit "${args[@]}" > "$STATE/run-b.out" 2>&1 || exit $?; } &
  b=$!
  track "$a"
  track "$b"
  # Querying from the moment a run starts training (its runs row is there) gives a query, which
  # takes 10-40 s to start on 2 busy cores, time to land in the middle of the runs.
  wait_until 300 "neither run started training: see $STATE/run-a.out and run-b.out" runs_written "$wh"
  while alive "$a" || alive "$b"; do
    early=yes
    if metrics_written "$wh"; then early=no; fi
    if ! rows=$(query "$wh" "$ROWS_SQL"); then
      # Before the first epoch row there is no metrics table yet: that answer is right, not an error.
      if [ "$early" = yes ] && tail -1 "$STATE/query.err" | grep -q TABLE_OR_VIEW_NOT_FOUND; then continue; fi
      fail "a query while the runs trained failed: $(tail -1 "$STATE/query.err")"
    fi
    problem=$(whole_epochs_only <<< "$rows") || fail "a query while the runs trained saw a partial state: $problem"
    queries=$((queries + 1))
    say "query $queries: epochs so far per run: $(echo "$rows" | awk -F, 'NR > 1 { n[$1]++ } END { for (r in n) printf "%s ", n[r] }')"
    # A run still short of its last epoch: the query really overlapped the training.
    if echo "$rows" | awk -F, -v e="$CONCURRENT_EPOCHS" 'NR > 1 { n[$1]++ } END { for (r in n) if (n[r] < e) f = 1; exit !f }'; then
      partial=$((partial + 1))
    fi
  done
  wait "$a" || rc_a=$?
  wait "$b" || rc_b=$?
  [ "$rc_a" -eq 0 ] || fail "the first concurrent run failed (exit $rc_a): see $STATE/run-a.out"
  [ "$rc_b" -eq 0 ] || fail "the second concurrent run failed (exit $rc_b): see $STATE/run-b.out"
  [ "$partial" -ge 1 ] || fail "no query landed while the runs were training ($queries made): make the runs longer"

  ids=$(ls "$wh/runs")
  [ "$(echo "$ids" | grep -c -E '^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$' || true)" -eq 2 ] ||
    fail "expected two generated run ids in $wh/runs, found: $(echo "$ids" | tr '\n' ' ')"
  rows=$(query "$wh" "$ROWS_SQL") || fail "the final query failed: $(tail -1 "$STATE/query.err")"
  problem=$(whole_epochs_only <<< "$rows") || fail "the final table is wrong: $problem"
  [ "$(echo "$rows" | tail -n +2 | cut -d, -f1 | sort | uniq -c | awk '{ print $1 }' | sort -u)" = "$CONCURRENT_EPOCHS" ] ||
    fail "each run should hold $CONCURRENT_EPOCHS rows: got $(echo "$rows" | tail -n +2 | cut -d, -f1,2 | tr '\n' ' ')"
  pass "concurrent runs: 2 runs started together got ids $(echo "$ids" | tr '\n' ' ')and all their rows; $queries queries during training ($partial mid-run) saw whole epochs only"
  stop_tracked
}

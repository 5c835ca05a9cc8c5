# A training set larger than one executor's storage memory (sourced by cluster-test.sh after
# lib.sh and standalone.sh; needs STATE). Executors of 512 MB at spark.memory.fraction 0.025 keep
# (512 - 300) MiB x 0.025 = 5.6 MB for storage and execution; the bundled 8,000 digits take 6.3 MB
# cached, so no one executor can cache them (a run with --partitions 1 there logs "Not enough
# space to cache"), while half of them, 3.1 MB, fit:
# - the exact plan's `plan:` line says so and what it does instead (one job per step over every
#   core, and that --sync-every auto spreads the set): the run is stopped once the line is out;
# - the parallel plan (--partitions 2 --sync-every auto) says it spreads the set, 3.1 MB a slot,
#   trains with every block cached (no executor logs "Not enough space to cache"), and ends with
#   the model of the same options on local[2], byte for byte.
# With 512 MB executors at the default fraction the storage is 133 MB and neither line appears.

BIG_ARGS=(--data sample --test-limit 500 --seed 7 --epochs 2)
SMALL_STORAGE=(--conf spark.executor.memory=512m --conf spark.memory.fraction=0.025)

# The executors' stderr files under the workers' folders that log a block left uncached.
uncached_blocks() { grep -l "Not enough space to cache" "$STATE"/worker*/app-*/*/stderr 2>/dev/null || true; }

check_bigset() {
  local wh="$STATE/bigset" pid args
  say "big set: the parallel plan on local[2], the reference"
  submit --master 'local[2]' train "${BIG_ARGS[@]}" --partitions 2 --sync-every auto --warehouse "$wh" --run-id local \
    > "$STATE/bigset-local.out" 2>&1 || fail "the local[2] run of the parallel plan failed: see $STATE/bigset-local.out"

  say "big set: a master and 2 workers, executors of 512 MB at spark.memory.fraction 0.025"
  start_cluster 2
  args=(--master "$MASTER_URL" --conf spark.driver.host=127.0.0.1 --conf spark.executor.cores=1 --conf spark.cores.max=2
    "${SMALL_STORAGE[@]}")

  { submit "${args[@]}" train "${BIG_ARGS[@]}" --warehouse "$wh" --run-id exact > "$STATE/bigset-exact.out" 2>&1 || true; } &
  pid=$!
  track "$pid"
  plan_out() { grep -q "^plan:" "$STATE/bigset-exact.out"; }
  wait_until 180 "the exact run printed no plan line: see $STATE/bigset-exact.out" plan_out
  kill $(descendants "$pid") "$pid" 2>/dev/null || true
  grep -q "^plan: exact SGD, 2 partitions, one job per step (the training set, 6.3 MB, is more than a quarter of one executor's storage memory, 5.6 MB; --partitions N --sync-every auto spreads it over N workers instead)$" \
    "$STATE/bigset-exact.out" || fail "the exact plan did not say the set is too big for one executor: $(grep '^plan:' "$STATE/bigset-exact.out")"

  submit "${args[@]}" train "${BIG_ARGS[@]}" --partitions 2 --sync-every auto --warehouse "$wh" --run-id parallel \
    > "$STATE/bigset-parallel.out" 2>&1 || fail "the parallel plan's run failed: see $STATE/bigset-parallel.out"
  grep -q "^plan: parallel SGD, 2 workers on 2 task slots, .*; the training set, 6.3 MB, more than a quarter of one executor's storage memory (5.6 MB), is spread over the slots, 3.1 MB each)$" \
    "$STATE/bigset-parallel.out" || fail "the parallel plan did not say it spreads the set: $(grep '^plan:' "$STATE/bigset-parallel.out")"
  [ -z "$(uncached_blocks)" ] || fail "an executor could not cache its share of the set: see $(uncached_blocks)"
  same_model "$wh/runs/local/model.json" "$wh/runs/parallel/model.json" "parallel plan on small executors vs local[2]"
  pass "big set: on executors of 5.6 MB storage the exact plan says the 6.3 MB set is too big for one and takes one job per step; the parallel plan spreads it, 3.1 MB a slot, every block cached, and ends with local[2]'s model.json byte for byte"
  stop_tracked
}

# YARN and HDFS checks (sourced by cluster-test.sh after lib.sh; needs STATE): a one-box Hadoop
# from hadoop.sh, runs in YARN client and cluster mode with the data (the sample as raw IDX
# files) and the warehouse on HDFS, each equal to the local[2] run (the jar's sample) byte for
# byte (model.json read back from HDFS), a query of the HDFS warehouse, and a local warehouse
# refused on YARN.
#
# The containers get Spark's jars as local: files (spark.yarn.jars=local:...): every
# NodeManager here is on this machine. Without that setting ./submit uploads the Maven-resolved
# jars (about 300 MB) to each application's staging folder, which works on any cluster but
# costs minutes on a busy box (27 min measured). The containers bind and advertise 127.0.0.1
# like every other JVM here (SPARK_LOCAL_IP in their environment), not the machine's address.

HADOOP_DIR=""

# Small containers: two executors of 512 MiB, a 512 MiB driver or ApplicationMaster.
yarn_args() {
  echo --master yarn --deploy-mode "$1" --driver-memory 512m --conf spark.yarn.am.memory=512m \
    --conf spark.executor.memory=512m --conf spark.executor.instances=2 --conf spark.executor.cores=1 \
    --conf spark.driver.host=127.0.0.1 --conf "spark.yarn.jars=local:$REPO/target/spark-home/jars/*" \
    --conf spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1 --conf spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1
}

check_yarn() {
  local wh_local="$STATE/warehouse" mode out rc
  HADOOP_DIR="$STATE/hadoop"
  [ -f "$wh_local/runs/local/model.json" ] || { say "local[2] reference run"; WH=$wh_local; train local --master 'local[2]' ||
    fail "the local[2] reference run failed: see $STATE/local.out"; }
  make_spark_home
  say "starting HDFS and YARN (hadoop.sh up)"
  "$HERE/hadoop.sh" up "$HADOOP_DIR" 2> "$STATE/hadoop-up.err" || fail "hadoop.sh up failed: $(tail -1 "$STATE/hadoop-up.err")"
  HADOOP_STARTED=yes
  # shellcheck disable=SC1091
  source "$HADOOP_DIR/env.sh"
  local wh="$NNDL_FS/warehouse"
  # The bundled sample as raw IDX files on HDFS: read there by byte ranges, the local[2] run reads the jar's copy.
  mkdir -p "$STATE/data"
  local f
  for f in "$REPO"/src/main/resources/org/nndl/data/sample/*-ubyte.gz; do gunzip -c "$f" > "$STATE/data/$(basename "$f" .gz)"; done
  "$HERE/hadoop.sh" put "$HADOOP_DIR" "$STATE/data" /data 2>> "$STATE/hadoop-put.err" ||
    fail "cannot put the sample data on HDFS: see $STATE/hadoop-put.err"
  local on_hdfs=("${TRAIN_ARGS[@]/#sample/$NNDL_FS/data}")

  for mode in client cluster; do
    say "YARN $mode mode, warehouse $wh"
    # shellcheck disable=SC2046
    rc=0; submit $(yarn_args "$mode") train "${on_hdfs[@]}" --epochs "$EPOCHS" --warehouse "$wh" --run-id "yarn-$mode" \
      > "$STATE/yarn-$mode.out" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || fail "the YARN $mode-mode run failed (exit $rc): see $STATE/yarn-$mode.out"
    "$HERE/hadoop.sh" get "$HADOOP_DIR" "$wh/runs/yarn-$mode/model.json" "$STATE/yarn-$mode.json" 2>> "$STATE/hadoop-get.err" ||
      fail "cannot read model.json of the YARN $mode-mode run back from HDFS: see $STATE/hadoop-get.err"
    same_model "$wh_local/runs/local/model.json" "$STATE/yarn-$mode.json" "YARN $mode-mode run vs local[2] run"
    pass "YARN $mode mode: data and warehouse on HDFS, model.json read back from HDFS equals the local[2] run's byte for byte"
  done
  out="$STATE/yarn-cluster.out"
  grep -q "application_[0-9_]*" "$out" && grep -q "final status: SUCCEEDED" "$out" ||
    fail "cluster mode did not show the application id and its final status: see $out"

  say "querying the HDFS warehouse"
  local rows expected
  rows=$(query "$wh" "SELECT run_id, epoch, count(*) AS n FROM metrics GROUP BY run_id, epoch ORDER BY run_id, epoch") ||
    fail "the query of $wh failed: see $STATE/query.err"
  expected=$(for run in yarn-client yarn-cluster; do each_epoch_once "$EPOCHS" | sed "s|^|$run,|"; done)
  [ "$(echo "$rows" | tail -n +2)" = "$expected" ] || fail "the HDFS metrics table is not each epoch once: $(echo "$rows" | tr '\n' ' ')"
  pass "query --warehouse $wh returns each epoch of both YARN runs once"

  say "a local warehouse on YARN"
  rc=0
  # shellcheck disable=SC2046
  submit $(yarn_args client) train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$STATE/refused" > "$STATE/refused.out" 2>&1 || rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -vc "incubator modules" "$STATE/refused.out")" -eq 1 ] && grep -q "^error: --warehouse .* is a local folder" "$STATE/refused.out" ||
    fail "a local warehouse on YARN was not refused in one line with exit 2 (exit $rc): see $STATE/refused.out"
  [ ! -e "$STATE/refused" ] || fail "the refused run left $STATE/refused behind"
  pass "a local --warehouse with --master yarn is refused before anything starts: $(grep -v "incubator modules" "$STATE/refused.out")"
  "$HERE/hadoop.sh" down "$HADOOP_DIR"
  HADOOP_STARTED=""
}

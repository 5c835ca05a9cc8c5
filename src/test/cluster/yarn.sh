# YARN and HDFS checks (sourced by cluster-test.sh after lib.sh; needs STATE): a one-box Hadoop
# from hadoop.sh, runs in YARN client and cluster mode with the data (the sample as raw IDX
# files) and the warehouse on HDFS, each equal to the local[2] run (the jar's sample) byte for
# byte (model.json read back from HDFS); a client-mode run with spark.authenticate, whose driver
# refuses a probe holding another application's secret; then, in client mode, a run whose executor's container
# is killed (kill -9 of the executor JVM) and a run that loses a whole node (kill -9 of a
# NodeManager JVM hosting an executor but not the ApplicationMaster, with all its containers),
# each after epoch 1 and before the last epoch ends, each again equal to the local[2] run; a
# query of the HDFS warehouse (each epoch of each run once), and a local warehouse refused on YARN;
# requests this YARN cannot grant (memory above its largest container, an unknown queue), each
# refused in one line naming the setting to change.
#
# The containers get Spark's jars as local: files (spark.yarn.jars=local:...): every
# NodeManager here is on this machine. Without that setting ./submit uploads the Maven-resolved
# jars (about 300 MB) to each application's staging folder, which works on any cluster but
# costs minutes on a busy box (27 min measured). The containers bind and advertise 127.0.0.1
# like every other JVM here (SPARK_LOCAL_IP in their environment), not the machine's address.

HADOOP_DIR=""

# Small containers: two executors of 512 MiB, a 512 MiB driver and ApplicationMaster in client
# mode; in cluster mode the driver is the ApplicationMaster, of the launcher's default for it
# (1 GiB, not spark-defaults' 4 GiB, which this YARN's 2 GiB NodeManagers could not hold).
yarn_args() {
  [ "$1" = cluster ] || echo --driver-memory 512m
  echo --master yarn --deploy-mode "$1" --conf spark.yarn.am.memory=512m \
    --conf spark.executor.memory=512m --conf spark.executor.instances=2 --conf spark.executor.cores=1 \
    --conf spark.driver.host=127.0.0.1 --conf "spark.yarn.jars=local:$REPO/target/spark-home/jars/*" \
    --conf spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1 --conf spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1
}

# The NodeManager JVMs (MiniNodeManager, children of hadoop.sh's JVM) that still run.
nodemanager_pids() {
  local p
  for p in $(children "$(cat "$HADOOP_DIR/pid")"); do
    case "$(cmdline "$p")" in *MiniNodeManager*) echo "$p" ;; esac
  done
}

# java_under PID REGEX: the java processes below PID whose command line matches REGEX (not the
# shells of the container launch scripts, whose command lines hold the java command too).
java_under() {
  local p cmd
  for p in $(descendants "$1"); do
    cmd=$(cmdline "$p")
    if [[ ${cmd%% *} == */java && $cmd =~ $2 ]]; then echo "$p"; fi
  done
}

EXECUTOR='CoarseGrainedExecutorBackend'
APP_MASTER='deploy\.yarn\.(ExecutorLauncher|ApplicationMaster)'

# kill -9 of one executor's container JVM (a fault for fault_after_epoch1), or of every one with
# "all": its NodeManager sees the container exit and tells the ResourceManager, which tells the
# application.
kill_a_container() {
  local victims
  mapfile -t victims < <(for nm in $(nodemanager_pids); do java_under "$nm" "$EXECUTOR"; done)
  [ ${#victims[@]} -gt 0 ] || fail "no executor container found under the NodeManagers"
  [ "${1:-}" = all ] || victims=("${victims[0]}")
  kill -9 "${victims[@]}"
  say "killed the executor JVM(s) of YARN container(s), pid(s) ${victims[*]}"
}

# A node lost (a fault for fault_after_epoch1): kill -9 of a NodeManager JVM that runs an
# executor but not the ApplicationMaster, and of every process of its containers, at once. Nobody
# tells the ResourceManager: it learns of the loss only when the node's heartbeats have been
# missing for yarn.nm.liveness-monitor.expiry-interval-ms (30 s here, MiniHadoop). Sets LOST_EXECUTORS.
lose_a_nodemanager() {
  local nm execs doomed
  for nm in $(nodemanager_pids); do
    mapfile -t execs < <(java_under "$nm" "$EXECUTOR")
    [ ${#execs[@]} -gt 0 ] && [ -z "$(java_under "$nm" "$APP_MASTER")" ] || continue
    mapfile -t doomed < <(descendants "$nm")
    kill -9 "$nm" "${doomed[@]}"
    LOST_EXECUTORS=${#execs[@]}
    say "killed NodeManager pid $nm and its ${#doomed[@]} container processes (${#execs[@]} executor(s))"
    return 0
  done
  fail "no NodeManager runs an executor without the ApplicationMaster (NodeManagers: $(nodemanager_pids | tr '\n' ' '))"
}

# Another application's executor at this one's driver (a fault for fault_after_epoch1): the driver
# URL an executor of the run was started with (its --driver-url), tried by org.nndl.security.RpcProbe
# (test code) as an executor does first, with spark.authenticate and a fresh random secret, which is
# what another application holds (Spark generates each application's secret the same way). Fails
# unless the driver refuses it; sets PROBE, the probe's answer.
probe_with_another_secret() {
  local execs url opts
  mapfile -t execs < <(for nm in $(nodemanager_pids); do java_under "$nm" "$EXECUTOR"; done)
  [ ${#execs[@]} -gt 0 ] || fail "no executor container found under the NodeManagers"
  url=$(cmdline "${execs[0]}" | grep -o -- '--driver-url [^ ]*' | cut -d' ' -f2)
  [ -n "$url" ] || fail "executor pid ${execs[0]} has no --driver-url: $(cmdline "${execs[0]}")"
  opts=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$REPO/pom.xml")
  # shellcheck disable=SC2086
  PROBE=$(java -Xmx256m $opts -cp "$REPO/target/test-classes:$SPARK_HOME_DIR/jars/*" org.nndl.security.RpcProbe \
    "$url" "$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" 2> "$STATE/probe.err") || fail "the probe did not run: see $STATE/probe.err"
  [[ $PROBE == refused:* ]] || fail "the driver at $url let a probe with another application's secret in: $PROBE"
  say "probe at $url: $PROBE"
}

# same_on_hdfs RUN WHAT: RUN's model.json, read back from the HDFS warehouse, equals the local[2] run's.
same_on_hdfs() {
  "$HERE/hadoop.sh" get "$HADOOP_DIR" "$WH/runs/$1/model.json" "$STATE/$1.json" 2>> "$STATE/hadoop-get.err" ||
    fail "cannot read model.json of run $1 back from HDFS: see $STATE/hadoop-get.err"
  same_model "$REFERENCE" "$STATE/$1.json" "$2 vs local[2] run"
}

check_yarn() {
  local mode rc
  HADOOP_DIR="$STATE/hadoop"
  reference_run
  make_spark_home
  say "starting HDFS and YARN (hadoop.sh up)"
  "$HERE/hadoop.sh" up "$HADOOP_DIR" 2> "$STATE/hadoop-up.err" || fail "hadoop.sh up failed: $(tail -1 "$STATE/hadoop-up.err")"
  HADOOP_STARTED=yes
  # shellcheck disable=SC1091
  source "$HADOOP_DIR/env.sh"
  # The bundled sample as raw IDX files on HDFS: read there by byte ranges, the local[2] run reads the jar's copy.
  mkdir -p "$STATE/data"
  local f
  for f in "$REPO"/src/main/resources/org/nndl/data/sample/*-ubyte.gz; do gunzip -c "$f" > "$STATE/data/$(basename "$f" .gz)"; done
  "$HERE/hadoop.sh" put "$HADOOP_DIR" "$STATE/data" /data 2>> "$STATE/hadoop-put.err" ||
    fail "cannot put the sample data on HDFS: see $STATE/hadoop-put.err"
  # Every run below (start_train, train) reads the data from and writes the warehouse to HDFS.
  local on_hdfs=("${TRAIN_ARGS[@]/#sample/$NNDL_FS/data}")
  local TRAIN_ARGS=("${on_hdfs[@]}") WH="$NNDL_FS/warehouse"

  for mode in client cluster; do
    say "YARN $mode mode, warehouse $WH"
    rc=0
    # shellcheck disable=SC2046
    train "yarn-$mode" $(yarn_args "$mode") || rc=$?
    [ "$rc" -eq 0 ] || fail "the YARN $mode-mode run failed (exit $rc): see $STATE/yarn-$mode.out"
    same_on_hdfs "yarn-$mode" "YARN $mode-mode run"
    pass "YARN $mode mode: data and warehouse on HDFS, model.json read back from HDFS equals the local[2] run's byte for byte"
  done
  grep -q "application_[0-9_]*" "$STATE/yarn-cluster.out" && grep -q "final status: SUCCEEDED" "$STATE/yarn-cluster.out" ||
    fail "cluster mode did not show the application id and its final status: see $STATE/yarn-cluster.out"

  say "YARN client mode with spark.authenticate: another application's secret at its driver"
  # shellcheck disable=SC2046
  start_train yarn-auth $(yarn_args client) --conf spark.authenticate=true --conf spark.network.crypto.enabled=true
  fault_after_epoch1 yarn-auth "$TRAIN_PID" probe_with_another_secret
  same_on_hdfs yarn-auth "YARN run with spark.authenticate"
  pass "YARN spark.authenticate: a probe holding another application's secret at the driver URL its executors were given was refused ($PROBE); the run, whose secret Spark generated, ended with the local[2] run's model.json"

  say "YARN client mode, an executor's container killed"
  # shellcheck disable=SC2046
  start_train yarn-container-lost $(yarn_args client)
  fault_after_epoch1 yarn-container-lost "$TRAIN_PID" kill_a_container
  grep -q "Lost executor" "$STATE/yarn-container-lost.out" || fail "the driver never noticed the lost executor: see $STATE/yarn-container-lost.out"
  same_on_hdfs yarn-container-lost "YARN run that lost a container"
  pass "YARN container loss: kill -9 of an executor's container JVM after epoch $FAULT_AT of $EPOCHS ($(fault_cost yarn-container-lost)); the run finished, model.json equals the local[2] run's"

  say "YARN client mode, a NodeManager lost"
  # shellcheck disable=SC2046
  start_train yarn-node-lost $(yarn_args client)
  fault_after_epoch1 yarn-node-lost "$TRAIN_PID" lose_a_nodemanager
  same_on_hdfs yarn-node-lost "YARN run that lost a NodeManager"
  pass "YARN node loss: kill -9 of a NodeManager and its containers ($LOST_EXECUTORS executor(s)) after epoch $FAULT_AT of $EPOCHS ($(fault_cost yarn-node-lost)); the run finished, model.json equals the local[2] run's"

  say "querying the HDFS warehouse"
  local rows expected runs=(yarn-auth yarn-client yarn-cluster yarn-container-lost yarn-node-lost)
  rows=$(query "$WH" "SELECT run_id, epoch, count(*) AS n FROM metrics GROUP BY run_id, epoch ORDER BY run_id, epoch") ||
    fail "the query of $WH failed: see $STATE/query.err"
  expected=$(for run in "${runs[@]}"; do each_epoch_once "$EPOCHS" | sed "s|^|$run,|"; done | sort)
  [ "$(echo "$rows" | tail -n +2 | sort)" = "$expected" ] || fail "the HDFS metrics table is not each epoch of each run once: $(echo "$rows" | tr '\n' ' ')"
  pass "query --warehouse $WH returns each epoch of the five YARN runs once (the two that lost an executor or a node too)"

  say "a local warehouse on YARN"
  rc=0
  # shellcheck disable=SC2046
  submit $(yarn_args client) train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$STATE/refused" > "$STATE/refused.out" 2>&1 || rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -vc "incubator modules" "$STATE/refused.out")" -eq 1 ] && grep -q "^error: --warehouse .* is a local folder" "$STATE/refused.out" ||
    fail "a local warehouse on YARN was not refused in one line with exit 2 (exit $rc): see $STATE/refused.out"
  [ ! -e "$STATE/refused" ] || fail "the refused run left $STATE/refused behind"
  pass "a local --warehouse with --master yarn is refused before anything starts: $(grep -v "incubator modules" "$STATE/refused.out")"
  yarn_refusals
  "$HERE/hadoop.sh" down "$HADOOP_DIR"
  HADOOP_STARTED=""
}

# yarn_refused NAME CODE WORDS ARGS...: ./submit ARGS... train (one epoch) ends with exit CODE and
# one line, "error: ..." holding WORDS, with no stack trace; nothing of run NAME written.
yarn_refused() {
  local name=$1 code=$2 words=$3 rc=0
  shift 3
  TMPDIR="$STATE" submit "$@" train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$WH" --run-id "$name" > "$STATE/$name.out" 2>&1 || rc=$?
  [ "$rc" -eq "$code" ] || fail "$name: exit $rc, not $code: see $STATE/$name.out"
  [ "$(grep -c '^error: ' "$STATE/$name.out")" -eq 1 ] && grep '^error: ' "$STATE/$name.out" | grep -q -- "$words" ||
    fail "$name: not one error line saying \"$words\": see $STATE/$name.out"
  ! grep -q $'^\tat \|^Exception in thread' "$STATE/$name.out" || fail "$name: a stack trace on the console: see $STATE/$name.out"
  ! "$HERE/hadoop.sh" get "$HADOOP_DIR" "$WH/runs/$name" "$STATE/$name.got" 2>/dev/null || fail "$name: the refused run wrote $WH/runs/$name"
  pass "YARN refuses $name in one line, exit $rc: $(grep '^error: ' "$STATE/$name.out" | cut -c1-220)"
}

# Settings this YARN cannot grant, each refused before anything runs, in one line naming the
# setting (the one-box YARN: NodeManagers of 2 GiB, containers of at most 2 GiB and 4 cores).
yarn_refusals() {
  # shellcheck disable=SC2046
  yarn_refused am-memory 2 "--driver-memory (spark.driver.memory)" $(yarn_args cluster) --driver-memory 4g
  # shellcheck disable=SC2046
  yarn_refused executor-memory 2 "--executor-memory (spark.executor.memory)" $(yarn_args client) --conf spark.executor.memory=4g
  # shellcheck disable=SC2046
  yarn_refused unknown-queue 2 "YARN has no queue nosuch: give --queue (spark.yarn.queue)" $(yarn_args client) --queue nosuch
  # shellcheck disable=SC2046
  yarn_refused am-cores 2 "asks YARN for 16 cores, more than this cluster's largest (4): lower .*--driver-cores" \
    $(yarn_args cluster) --driver-cores 16
  # In cluster mode the command runs in the ApplicationMaster: its own refusal (no data there)
  # comes back to the launcher's console as its line and exit code, not as "finished with failed status".
  local TRAIN_ARGS=("${TRAIN_ARGS[@]/%\/data/\/nodata}")
  # shellcheck disable=SC2046
  yarn_refused cluster-no-data 2 "nodata.*(YARN application application_" $(yarn_args cluster)
}

#!/usr/bin/env bash
# Failure-behaviour checks on real Spark processes, from the repo's own Maven-resolved jars
# (no download, no network). Usage: src/test/cluster/cluster-test.sh [cluster] [concurrent] [yarn] [secure] [bigset] [faults] [kerberos] [kerberos-control] [team]
#   cluster:    a standalone master and two workers on 127.0.0.1, each a separate JVM; a run
#               there equals a local[2] run bit for bit (model.json), and so does a run that
#               loses an executor (kill -9) after epoch 1, before the last epoch ends, with each epoch's
#               metrics row exactly once;
#   concurrent: two runs with generated ids into one warehouse at the same moment, queried
#               while they train (see concurrent.sh);
#   yarn:       HDFS and YARN on one box (hadoop.sh), runs in client and cluster mode with the
#               warehouse on HDFS equal to the local[2] run, and so do runs that lose an
#               executor's container or a whole NodeManager after epoch 1; a query of it, a
#               local warehouse refused (see yarn.sh);
#   secure:     a standalone master and two workers with spark.authenticate and a secret, RPC
#               and local I/O encryption: a run there equals the local[2] run bit for bit; a
#               worker with a wrong secret and applications with a wrong secret or none are
#               refused (see secure.sh);
#   bigset:     executors whose storage memory cannot hold the training set: the exact plan says
#               so, the parallel plan spreads it and equals local[2] (see bigset.sh);
#   faults:     failures that must not hide, each one line on a real command's stderr: an
#               executor out of memory on local-cluster, a query of a damaged file (the trace in
#               the log file the line names, or on the console with NNDL_DEBUG=1), a yarn master
#               without HADOOP_CONF_DIR (see faults.sh);
#   kerberos:   HDFS and YARN in secure mode with a KDC (hadoop.sh up --kerberos): runs in client
#               and cluster mode with --principal/--keytab equal to the local[2] run; query, plot,
#               report, evaluate with a keytab and with a kinit ticket; every command without
#               credentials refused in one line; a run outliving its delegation tokens (see kerberos.sh);
#   kerberos-control: the last one's negative control, not in .ci/run: the same run with a kinit
#               ticket and no keytab ends by itself once its tokens die (see kerberos.sh);
#   team:       a warehouse shared by two users, on the Kerberized HDFS (alice and bob) and on a
#               local disk (two OS users, when this machine can make them): each run its owner's,
#               others read and query it, cannot overwrite, delete or resume it (see team.sh).
# The first six by default. Before them, always: the launcher's Spark UI and cluster-mode driver
# memory defaults, and a local master's direct start.
# Prints one PASS or FAIL line per check; exits 1 on the first failure, keeping
# its logs; stops every JVM it started, however it ends. All state lives in one temp folder
# (kept when KEEP_STATE=1).
set -Eeuo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
source "$HERE/standalone.sh"
source "$HERE/concurrent.sh"
source "$HERE/yarn.sh"
source "$HERE/secure.sh"
source "$HERE/bigset.sh"
source "$HERE/faults.sh"
source "$HERE/kerberos.sh"
source "$HERE/team.sh"

checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(cluster concurrent yarn secure bigset faults)
for c in "${checks[@]}"; do
  case "$c" in cluster|concurrent|yarn|secure|bigset|faults|kerberos|kerberos-control|team) ;; *) fail "unknown check '$c': use cluster, concurrent, yarn, secure, bigset, faults, kerberos, kerberos-control and/or team" ;; esac
done

trap 'fail "unexpected error (exit $?) at ${BASH_SOURCE[0]##*/} line $LINENO: $BASH_COMMAND"' ERR
STATE=$(mktemp -d "${TMPDIR:-/tmp}/nndl-cluster.XXXXXX")
# Every JVM here (drivers, master, workers, executors) binds and advertises the loopback
# address, never whatever the machine's host name resolves to.
export SPARK_LOCAL_IP=127.0.0.1
finish() {
  local rc=$?
  stop_tracked
  if [ -n "${HADOOP_STARTED:-}" ]; then "$HERE/hadoop.sh" down "$HADOOP_DIR" || true; fi
  remove_team_users
  if [ "$rc" -eq 0 ] && [ -z "${KEEP_STATE:-}" ]; then rm -rf "$STATE"; else echo "logs kept in $STATE" >&2; fi
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

EPOCHS=3  # epoch 1 shows the run is under way; the executor dies in epoch 2 or 3; the rest runs on the replacement

# start_train NAME ARGS...: starts a run called NAME into the warehouse $WH in the background
# (TRAIN_PID), its output in $STATE/NAME.out. In the background, so that a signal to this
# script stops it at once instead of after the run.
start_train() {
  local name=$1
  shift
  { submit "$@" train "${TRAIN_ARGS[@]}" --epochs "$EPOCHS" --warehouse "$WH" --run-id "$name" \
      > "$STATE/$name.out" 2>&1 || exit $?; } &
  TRAIN_PID=$!
  track "$TRAIN_PID"
}

# train NAME ARGS...: the same, waiting for the run's exit status.
train() { start_train "$@"; wait "$TRAIN_PID"; }

# The local[2] run every cluster run must equal, trained once (run "local" in $STATE/warehouse):
# sets REFERENCE, its model.json.
reference_run() {
  REFERENCE="$STATE/warehouse/runs/local/model.json"
  [ ! -f "$REFERENCE" ] || return 0
  say "local[2] reference run"
  WH="$STATE/warehouse" train local --master 'local[2]' || fail "the local[2] reference run failed: see $STATE/local.out"
}

check_cluster() {
  WH="$STATE/warehouse"
  reference_run

  say "starting a standalone master and 2 workers"
  start_cluster 2
  say "cluster at $MASTER_URL: undisturbed run"
  train cluster "${CLUSTER_ARGS[@]}" || fail "the cluster run failed: see $STATE/cluster.out"
  same_model "$REFERENCE" "$WH/runs/cluster/model.json" "cluster run vs local[2] run"
  pass "cluster: a run on a standalone master + 2 worker JVMs equals the local[2] run byte for byte (model.json)"

  say "cluster run that loses an executor"
  start_train killed "${CLUSTER_ARGS[@]}"
  fault_after_epoch1 killed "$TRAIN_PID" kill_an_executor
  grep -q "Lost executor" "$STATE/killed.out" || fail "the driver never noticed the lost executor: see $STATE/killed.out"
  same_model "$REFERENCE" "$WH/runs/killed/model.json" "run that lost an executor vs local[2] run"

  say "querying the metrics table"
  local rows expected
  rows=$(query "$WH" "SELECT m.run_id, r.master, m.epoch, count(*) AS n FROM metrics m JOIN runs r USING (run_id)
    GROUP BY m.run_id, r.master, m.epoch ORDER BY m.run_id, m.epoch") || fail "the query failed: see $STATE/query.err"
  expected=$(for run in "cluster,$MASTER_URL" "killed,$MASTER_URL" "local,local[2]"; do
    each_epoch_once "$EPOCHS" | sed "s|^|$run,|"; done | sort)
  [ "$(echo "$rows" | tail -n +2 | sort)" = "$expected" ] ||
    fail "the metrics table does not hold each epoch of each run exactly once: got $(echo "$rows" | tr '\n' ' ')"

  pass "executor loss: kill -9 of an executor after epoch $FAULT_AT of $EPOCHS ($(fault_cost killed)); the run finished, model.json equals the undisturbed runs', each epoch of each run is in the metrics table once"
  stop_tracked
}

# The launcher turns the Spark UI on for a cluster master, and only there (the spark-defaults
# turn it off); --conf spark.ui.enabled wins. A spark-submit on PATH that prints its arguments
# stands in for Spark: the launcher hands it everything.
# launcher_args ARGS...: what the launcher hands spark-submit for ./submit ARGS... query --help
# (a yarn master needs HADOOP_CONF_DIR: any folder will do for this).
launcher_args() {
  local bin="$STATE/fake-spark/bin"
  if [ ! -x "$bin/spark-submit" ]; then
    mkdir -p "$bin"
    printf '#!/bin/sh\necho "$@"\n' > "$bin/spark-submit"
    chmod +x "$bin/spark-submit"
  fi
  env -u SPARK_HOME PATH="$bin:$PATH" HADOOP_CONF_DIR="$STATE" "$REPO/submit" "$@" query --help
}

check_ui_default() {
  ui_on() { launcher_args "$@" | grep -q -- "--conf spark.ui.enabled=true"; }
  ! ui_on && ! ui_on --master 'local[2]' && ! ui_on --master 'local-cluster[2,1,1024]' && ! ui_on --conf spark.master=local &&
    ! ui_on --conf=spark.master=local ||
    fail "the launcher turned the Spark UI on for a local master"
  ui_on --master spark://127.0.0.1:7077 && ui_on --master yarn && ui_on --conf spark.master=k8s://https://127.0.0.1:6443 &&
    ui_on --master=yarn && ui_on --conf=spark.master=spark://127.0.0.1:7077 ||
    fail "the launcher left the Spark UI off for a cluster master"
  ! ui_on --master yarn --conf spark.ui.enabled=false && ! ui_on --master yarn --conf=spark.ui.enabled=false ||
    fail "the launcher overrode --conf spark.ui.enabled=false"
  pass "the launcher turns the Spark UI on for spark://, yarn and k8s:// masters, not for local ones, unless --conf spark.ui.enabled is given"
}

# In cluster deploy mode the driver is a cluster container: the launcher gives it Spark's default
# 1g instead of the properties file's 4g for a local driver (more than the one-box YARN's 2 GiB
# containers), unless driver memory is given; client mode and a properties file of one's own keep theirs.
check_cluster_driver_memory() {
  small() { launcher_args "$@" | grep -q -- "--conf spark.driver.memory=1g"; }
  small --master yarn --deploy-mode cluster && small --master yarn --deploy-mode=cluster &&
    small --master spark://127.0.0.1:7077 --conf spark.submit.deployMode=cluster ||
    fail "cluster deploy mode kept the properties file's driver memory of a local run"
  ! small --master yarn && ! small --master yarn --deploy-mode client &&
    ! small --master yarn --deploy-mode cluster --driver-memory 3g &&
    ! small --master yarn --deploy-mode cluster --conf spark.driver.memory=3g &&
    ! small --master yarn --deploy-mode cluster --driver-memory=3g &&
    ! small --properties-file "$REPO/conf/spark-defaults.conf" --master yarn --deploy-mode cluster ||
    fail "the launcher changed the driver memory of client mode, or one given by the user"
  pass "in cluster deploy mode the launcher asks for Spark's default 1g driver (not the local default 4g), unless --driver-memory, --conf spark.driver.memory or --properties-file is given"
}

# A local master's command starts without Spark's launcher (SparkSubmit sets
# spark.submit.deployMode, a direct start does not): the properties file's settings and --conf,
# which wins, reach it as Spark properties. Any other spark-submit option goes through the launcher.
check_local_launch() {
  local wh="$STATE/launch"
  env -u SPARK_HOME "$REPO/submit" train --train-limit 100 --test-limit 100 --epochs 1 --warehouse "$wh" \
    > "$STATE/launch.out" 2>&1 || fail "a tiny local run failed: see $STATE/launch.out"
  conf() { env -u SPARK_HOME "$REPO/submit" "${@:2}" query --warehouse "$wh" --format csv "SET $1" 2>>"$STATE/launch.out" | tail -1; }
  [ "$(conf spark.submit.deployMode)" = "spark.submit.deployMode,<undefined>" ] ||
    fail "a local master's command went through Spark's launcher"
  [ "$(conf spark.sql.session.timeZone)" = "spark.sql.session.timeZone,UTC" ] ||
    fail "a local master's command started directly did not get the properties file's settings"
  [ "$(conf spark.sql.session.timeZone --conf spark.sql.session.timeZone=Asia/Tokyo)" = "spark.sql.session.timeZone,Asia/Tokyo" ] &&
    [ "$(conf spark.master --conf=spark.sql.session.timeZone=Asia/Tokyo --master 'local[1]')" = "spark.master,local[1]" ] ||
    fail "a local master's command started directly did not get --conf or --master over the properties file"
  [ "$(conf spark.submit.deployMode --driver-memory 1g)" = "spark.submit.deployMode,client" ] &&
    [ "$(conf spark.sql.session.timeZone --driver-memory 1g --conf spark.sql.session.timeZone=Asia/Tokyo)" = "spark.sql.session.timeZone,Asia/Tokyo" ] ||
    fail "a spark-submit option other than --conf, --master and --properties-file did not go through Spark's launcher"
  pass "a local master's command starts without Spark's launcher, with the properties file and --conf (which wins) as Spark properties; other spark-submit options go through the launcher"
}

# The launcher builds the jar when it is missing or stale: once here, not in two runs at once.
submit --help > "$STATE/build.out" 2>&1 || fail "the build failed: see $STATE/build.out"
check_ui_default
check_cluster_driver_memory
check_local_launch
for c in "${checks[@]}"; do
  case "$c" in
    cluster) check_cluster ;;
    concurrent) check_concurrent ;;
    yarn) check_yarn ;;
    secure) check_secure ;;
    bigset) check_bigset ;;
    faults) check_faults ;;
    kerberos) check_kerberos ;;
    kerberos-control) check_kerberos_control ;;
    team) check_team ;;
  esac
done
echo "PASS: all checks (${checks[*]}) in ${SECONDS}s"

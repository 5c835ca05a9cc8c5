# A Spark standalone cluster on 127.0.0.1 from the project's own Maven-resolved Spark jars
# (sourced by cluster-test.sh after lib.sh; needs STATE, the test's state folder).
#
# What Spark 4.2.0 needs for this, found in its launcher library:
# - a worker starts each executor with org.apache.spark.launcher.WorkerCommandBuilder, whose
#   class path is $SPARK_HOME/conf and $SPARK_HOME/jars/*. The jars/ folder here holds links to
#   the jars of target/spark-classpath.txt; nothing is downloaded;
# - building that class path asks for the Scala version: SPARK_SCALA_VERSION, or else a Spark
#   source tree (launcher/target/scala-2.13). Without either every executor launch fails with
#   "Cannot find any build directories";
# - the Java 17 module flags reach the executors by themselves: the driver's SparkContext adds
#   JavaModuleOptions to spark.executor.extraJavaOptions, which the worker puts on the executor's
#   command line. Master and worker JVMs started here get pom.xml's spark.java.options.

SPARK_HOME_DIR=""
MASTER_URL=""
# Spark properties (-Dk=v) every daemon started from now on gets beside the defaults (secure.sh).
DAEMON_CONF=()
WORKER_PIDS=()
CLUSTER_ARGS=()

# Links target/spark-classpath.txt's jars into target/spark-home/jars (rebuilt each time: cheap).
make_spark_home() {
  local cp="$REPO/target/spark-classpath.txt" jar
  [ -s "$cp" ] || fail "$cp is missing: build first (./submit does, or mvn -DskipTests package)"
  SPARK_HOME_DIR="$REPO/target/spark-home"
  rm -rf "$SPARK_HOME_DIR"
  mkdir -p "$SPARK_HOME_DIR/jars" "$SPARK_HOME_DIR/conf"
  # The file has no final newline: split on ':' with read -d so the last jar is kept too.
  while IFS= read -r -d ':' jar || [ -n "$jar" ]; do
    [ -f "$jar" ] || fail "$jar (from $cp) is missing: rebuild with mvn -DskipTests package"
    ln -s "$jar" "$SPARK_HOME_DIR/jars/"
  done < "$cp"
  # Executors log warnings only, to their stderr file in the worker's folder.
  cp "$REPO/conf/log4j2.properties" "$SPARK_HOME_DIR/conf/"
}

# daemon NAME CLASS ARGS...: one Spark daemon JVM in the background, logging to $STATE/NAME.log.
daemon() {
  local name=$1 class=$2 opts
  shift 2
  opts=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$REPO/pom.xml")
  # shellcheck disable=SC2086
  SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 \
    java -Xmx256m $opts -Dspark.master.rest.enabled=false "${DAEMON_CONF[@]+"${DAEMON_CONF[@]}"}" \
      -cp "$SPARK_HOME_DIR/jars/*" "$class" "$@" > "$STATE/$name.log" 2>&1 &
  track $!
  LAST_PID=$!
}

master_url_logged() { MASTER_URL=$(grep -o -m1 'spark://127\.0\.0\.1:[0-9]*' "$STATE/master.log" || true); [ -n "$MASTER_URL" ]; }
workers_registered() { [ "$(grep -c 'Registering worker' "$STATE/master.log" || true)" -ge "$1" ]; }

# start_cluster WORKERS: a master and WORKERS workers of 1 core and 1 GiB each. Port 0
# everywhere: the JVMs bind free ports themselves, and the master's is read from its log.
start_cluster() {
  local i
  make_spark_home
  daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
  wait_until 90 "the master did not start: see $STATE/master.log" master_url_logged
  for i in $(seq 1 "$1"); do
    mkdir -p "$STATE/worker$i"
    daemon "worker$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
      --cores 1 --memory 1g --work-dir "$STATE/worker$i" "$MASTER_URL"
    WORKER_PIDS+=("$LAST_PID")
  done
  wait_until 90 "the workers did not register: see $STATE/worker*.log" workers_registered "$1"
  # What sends a ./submit run there: one executor of 1 core and 1 GiB per worker.
  CLUSTER_ARGS=(--master "$MASTER_URL" --conf spark.driver.host=127.0.0.1
    --conf spark.executor.memory=1g --conf spark.executor.cores=1 --conf "spark.cores.max=$1")
}

# The executor JVMs (CoarseGrainedExecutorBackend) the workers have started and that still run.
executor_pids() {
  local w p
  for w in "${WORKER_PIDS[@]}"; do
    for p in $(children "$w"); do
      case "$(cmdline "$p")" in *CoarseGrainedExecutorBackend*) echo "$p" ;; esac
    done
  done
}


# kill -9 of one executor JVM (a fault for fault_after_epoch1).
kill_an_executor() {
  local victims
  mapfile -t victims < <(executor_pids)
  [ ${#victims[@]} -gt 0 ] || fail "no executor process found under the workers"
  kill -9 "${victims[0]}"
  say "killed executor pid ${victims[0]}"
}

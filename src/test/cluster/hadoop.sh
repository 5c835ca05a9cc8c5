#!/usr/bin/env bash
# A one-box Hadoop on 127.0.0.1 from the project's Maven-resolved hadoop-client-minicluster
# (test scope in pom.xml; nothing is downloaded here): an HDFS with a NameNode and two DataNodes
# and a YARN with a ResourceManager and two NodeManagers, all in one background JVM
# (org.nndl.cluster.MiniHadoop, src/test/java).
#
#   hadoop.sh up DIR                       starts it, all its state under DIR; writes DIR/env.sh
#                                          (exports HADOOP_CONF_DIR and NNDL_FS=hdfs://127.0.0.1:PORT)
#                                          and returns once HDFS and YARN accept work
#   hadoop.sh put DIR LOCAL_PATH REMOTE_PATH   copies a file or folder into that HDFS
#   hadoop.sh get DIR REMOTE_PATH LOCAL_PATH   copies a file or folder out of it
#   hadoop.sh down DIR                     stops every process `up` started (YARN containers too)
#
# Needs the test class path: mvn -DskipTests package (writes target/hadoop-classpath.txt) and
# test-compile (target/test-classes); `up` runs both when they are missing.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CP_FILE="$REPO/target/hadoop-classpath.txt"
UP_TIMEOUT=${HADOOP_UP_TIMEOUT:-600}  # minutes on a box whose 2 cores are busy

die() { echo "hadoop.sh: $*" >&2; exit 2; }
usage() { die "usage: hadoop.sh up DIR | put DIR LOCAL REMOTE | get DIR REMOTE LOCAL | down DIR"; }

alive() { kill -0 "$1" 2>/dev/null; }

# Every descendant of pid $1 (YARN containers: launch scripts and their JVMs), from /proc.
descendants() {
  local stat line fields p
  for stat in /proc/[0-9]*/stat; do
    line=$(cat "$stat" 2>/dev/null) || continue
    read -r -a fields <<< "${line##*) }"
    if [ "${fields[1]:-}" = "$1" ]; then
      p=$(basename "$(dirname "$stat")")
      echo "$p"
      descendants "$p"
    fi
  done
}

java_home() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  local java
  java=$(readlink -f "$(command -v java)") || die "java is not on PATH: install Java 17"
  dirname "$(dirname "$java")"
}

build_if_missing() {
  if [ ! -s "$CP_FILE" ] || [ ! -f "$REPO/target/test-classes/org/nndl/cluster/MiniHadoop.class" ]; then
    echo "hadoop.sh: building the test class path (mvn -DskipTests package) ..." >&2
    (cd "$REPO" && mvn -q -B -DskipTests package) >&2 || die "the build failed: run 'mvn -DskipTests package' to see why"
  fi
}

up() {
  local dir=$1 pid deadline
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -f "$dir/pid" ] || ! alive "$(cat "$dir/pid")" || die "a Hadoop is already running from $dir (pid $(cat "$dir/pid")): hadoop.sh down $dir"
  rm -f "$dir/ready" "$dir/env.sh"
  build_if_missing
  # MiniYARNCluster keeps its state under ./target: start it from DIR. JAVA_HOME is what the
  # NodeManagers' container launch scripts run java from. target/classes holds the log4j plugins
  # conf/log4j2.properties names (its console layout and filters).
  (cd "$dir" && JAVA_HOME=$(java_home) exec java -Xmx1g \
      -Dlog4j2.configurationFile="file:$REPO/conf/log4j2.properties" \
      -cp "$REPO/target/test-classes:$REPO/target/classes:$(cat "$CP_FILE")" org.nndl.cluster.MiniHadoop "$dir" \
      > "$dir/hadoop.log" 2>&1) &
  pid=$!
  echo "$pid" > "$dir/pid"
  deadline=$((SECONDS + UP_TIMEOUT))
  until [ -f "$dir/ready" ]; do
    alive "$pid" || die "the Hadoop JVM ended before it was ready: see $dir/hadoop.log"
    [ "$SECONDS" -lt "$deadline" ] || { down "$dir"; die "not ready after ${UP_TIMEOUT}s: see $dir/hadoop.log"; }
    sleep 0.2
  done
  cat > "$dir/env.sh" <<ENV
export HADOOP_CONF_DIR=$dir/conf
export NNDL_FS=$(cat "$dir/ready")
ENV
  echo "hadoop.sh: HDFS at $(cat "$dir/ready"), YARN with 2 NodeManagers; source $dir/env.sh" >&2
}

# fs DIR ARGS...: Hadoop's FsShell (the `hdfs dfs` commands) against DIR's HDFS.
fs() {
  local dir=$1
  shift
  [ -f "$dir/env.sh" ] || die "no Hadoop started from $dir: hadoop.sh up $dir"
  java -Xmx256m -Dlog4j2.configurationFile="file:$REPO/conf/log4j2.properties" \
    -cp "$dir/conf:$(cat "$CP_FILE")" org.apache.hadoop.fs.FsShell "$@"
}

put() {
  local dir=$1 local_path=$2 remote=$3
  [ -e "$local_path" ] || die "$local_path does not exist"
  fs "$dir" -mkdir -p "$(dirname "$remote")"
  fs "$dir" -put -f "$local_path" "$remote"
}

get() { fs "$1" -get "$2" "$3"; }

down() {
  local dir=$1 pid pids p deadline
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  if alive "$pid"; then
    mapfile -t pids < <(descendants "$pid")
    kill "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 30))
    while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
    # Containers the NodeManagers did not stop themselves.
    for p in "${pids[@]+"${pids[@]}"}"; do alive "$p" && kill -9 "$p" 2>/dev/null || true; done
  fi
  rm -f "$dir/pid" "$dir/ready"
}

[ $# -ge 2 ] || usage
cmd=$1
shift
case "$cmd" in
  up) [ $# -eq 1 ] || usage; up "$1" ;;
  put) [ $# -eq 3 ] || usage; put "$@" ;;
  get) [ $# -eq 3 ] || usage; get "$@" ;;
  down) [ $# -eq 1 ] || usage; down "$1" ;;
  *) usage ;;
esac

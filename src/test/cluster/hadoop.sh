#!/usr/bin/env bash
# A one-box Hadoop on 127.0.0.1 from the project's Maven-resolved hadoop-client-minicluster
# (test scope in pom.xml; nothing is downloaded here): an HDFS with a NameNode and two DataNodes
# and a YARN with a ResourceManager and two NodeManagers, all in one background JVM
# (org.nndl.cluster.MiniHadoop, src/test/java).
#
#   hadoop.sh up DIR                       starts it, all its state under DIR; writes DIR/env.sh
#                                          (exports HADOOP_CONF_DIR and NNDL_FS=hdfs://127.0.0.1:PORT)
#                                          and returns once HDFS and YARN accept work
#   hadoop.sh up --kerberos DIR            the same in secure mode, with a KDC of its own
#                                          (org.nndl.cluster.SecureHadoop): principals
#                                          hadoop/localhost (NameNode, DataNodes, ResourceManager),
#                                          nm/localhost, HTTP/localhost and the users alice and bob,
#                                          each with a keytab in DIR/keytabs; env.sh also exports
#                                          KRB5_CONFIG, NNDL_PRINCIPAL=alice@EXAMPLE.COM and NNDL_KEYTAB
#   hadoop.sh put DIR LOCAL_PATH REMOTE_PATH   copies a file or folder into that HDFS
#   hadoop.sh get DIR REMOTE_PATH LOCAL_PATH   copies a file or folder out of it
#   hadoop.sh fs DIR ARGS...               any `hdfs dfs` command (Hadoop's FsShell), e.g. -ls -R /
#   hadoop.sh kinit DIR [PRINCIPAL KEYTAB] a ticket for PRINCIPAL (default: env.sh's) in the
#                                          credential cache $KRB5CCNAME, as MIT's kinit -kt would
#   hadoop.sh down DIR                     stops every process `up` started (YARN containers too)
#
# In secure mode put, get and fs act as $NNDL_PRINCIPAL with $NNDL_KEYTAB (env.sh's unless set).
#
# Needs the test class path: mvn -DskipTests package (writes target/hadoop-classpath.txt) and
# test-compile (target/test-classes); `up` runs both when they are missing.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CP_FILE="$REPO/target/hadoop-classpath.txt"
UP_TIMEOUT=${HADOOP_UP_TIMEOUT:-600}  # minutes on a box whose 2 cores are busy

die() { echo "hadoop.sh: $*" >&2; exit 2; }
usage() { die "usage: hadoop.sh up [--kerberos] DIR | put DIR LOCAL REMOTE | get DIR REMOTE LOCAL | fs DIR ARGS... | kinit DIR [PRINCIPAL KEYTAB] | down DIR"; }

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
  local kerberos=() dir pid deadline
  if [ "$1" = --kerberos ]; then kerberos=(--kerberos); shift; fi
  dir=$1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -f "$dir/pid" ] || ! alive "$(cat "$dir/pid")" || die "a Hadoop is already running from $dir (pid $(cat "$dir/pid")): hadoop.sh down $dir"
  rm -f "$dir/ready" "$dir/env.sh"
  mkdir -p "$dir/ssl"  # on the class path from the start: the JDK skips a folder missing then
  build_if_missing
  # MiniYARNCluster keeps its state under ./target: start it from DIR. JAVA_HOME is what the
  # NodeManagers' container launch scripts run java from. DIR/ssl (secure mode: the HTTPS key
  # stores' ssl-server.xml, which Hadoop finds on the class path) goes first on the class path;
  # target/classes holds the log4j plugins conf/log4j2.properties names (its console layout and filters).
  (cd "$dir" && JAVA_HOME=$(java_home) exec java -Xmx1g \
      -Dlog4j2.configurationFile="file:$REPO/conf/log4j2.properties" \
      -cp "$dir/ssl:$REPO/target/test-classes:$REPO/target/classes:$(cat "$CP_FILE")" org.nndl.cluster.MiniHadoop "$dir" \
      "${kerberos[@]+"${kerberos[@]}"}" > "$dir/hadoop.log" 2>&1) &
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
  if [ ${#kerberos[@]} -gt 0 ]; then
    cat >> "$dir/env.sh" <<ENV
export KRB5_CONFIG=$dir/kdc/krb5.conf
export NNDL_PRINCIPAL=alice@EXAMPLE.COM
export NNDL_KEYTAB=$dir/keytabs/alice.keytab
ENV
  fi
  echo "hadoop.sh: HDFS at $(cat "$dir/ready"), YARN with 2 NodeManagers${kerberos:+, Kerberos on}; source $dir/env.sh" >&2
}

# secure DIR: true when DIR's Hadoop runs with Kerberos.
secure() { grep -q "KRB5_CONFIG" "$1/env.sh"; }

# fs DIR ARGS...: Hadoop's FsShell (the `hdfs dfs` commands) against DIR's HDFS; in secure mode
# as $NNDL_PRINCIPAL, logged in with $NNDL_KEYTAB (env.sh's unless the caller set them).
fs() {
  local dir=$1 as=()
  shift
  [ -f "$dir/env.sh" ] || die "no Hadoop started from $dir: hadoop.sh up $dir"
  if secure "$dir"; then
    # shellcheck disable=SC1091
    as=(-Djava.security.krb5.conf="$dir/kdc/krb5.conf" org.nndl.cluster.AsUser
      "${NNDL_PRINCIPAL:-$(. "$dir/env.sh" && echo "$NNDL_PRINCIPAL")}" "${NNDL_KEYTAB:-$(. "$dir/env.sh" && echo "$NNDL_KEYTAB")}")
  fi
  java -Xmx256m -Dlog4j2.configurationFile="file:$REPO/conf/log4j2.properties" \
    -cp "$dir/conf:$REPO/target/test-classes:$REPO/target/classes:$(cat "$CP_FILE")" "${as[@]+"${as[@]}"}" org.apache.hadoop.fs.FsShell "$@"
}

# kinit DIR [PRINCIPAL KEYTAB]: a ticket in $KRB5CCNAME (else the default cache, /tmp/krb5cc_UID).
kinit() {
  local dir=$1
  secure "$dir" || die "the Hadoop of $dir runs without Kerberos: hadoop.sh up --kerberos $dir"
  # shellcheck disable=SC1091
  . "$dir/env.sh"
  java -Xmx128m -cp "$REPO/target/test-classes:$REPO/target/classes:$(cat "$CP_FILE")" org.nndl.cluster.Kinit "$KRB5_CONFIG" \
    "${2:-$NNDL_PRINCIPAL}" "${3:-$NNDL_KEYTAB}" "$(cache=${KRB5CCNAME:-/tmp/krb5cc_$(id -u)}; echo "${cache#FILE:}")" ||
    die "no ticket for ${2:-$NNDL_PRINCIPAL}: see the lines above"
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
  up) [ $# -eq 1 ] || { [ $# -eq 2 ] && [ "$1" = --kerberos ]; } || usage; up "$@" ;;
  put) [ $# -eq 3 ] || usage; put "$@" ;;
  get) [ $# -eq 3 ] || usage; get "$@" ;;
  fs) fs "$@" ;;
  kinit) [ $# -eq 1 ] || [ $# -eq 3 ] || usage; kinit "$@" ;;
  down) [ $# -eq 1 ] || usage; down "$1" ;;
  *) usage ;;
esac

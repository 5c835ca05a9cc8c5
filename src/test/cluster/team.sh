# A team's warehouse (sourced by cluster-test.sh after kerberos.sh; needs STATE): one warehouse,
# two users, the rules of docs/clusters.md#a-teams-warehouse, twice:
# - on the Kerberized HDFS of hadoop.sh up --kerberos, as the principals alice and bob;
# - on a local disk as two operating-system users made for the check (useradd; runuser), when
#   this machine lets it (root, with useradd and runuser: CI's fresh machine does).
# Each time: the first user's run has its folders as its own (755) in shared, sticky folders
# (1777); the second user queries it and sees its user in the runs table; is refused, in one
# line each, --resume, --run-id and report of it; cannot delete or overwrite its files; and
# trains a run of their own into the same warehouse.

TEAM_USERS=()

# team_refused NAME PATTERN RUNNER ARGS...: RUNNER ARGS... must end with exit 2 and one line matching PATTERN.
team_refused() {
  local name=$1 pattern=$2 rc=0
  shift 2
  "$@" > "$STATE/$name.out" 2>&1 || rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -vc "incubator modules" "$STATE/$name.out")" -eq 1 ] &&
    grep -q "^error: .*$pattern" "$STATE/$name.out" ||
    fail "$name was not refused in one line matching '$pattern' with exit 2 (exit $rc): see $STATE/$name.out"
}

# must_fail NAME COMMAND...: COMMAND (a file operation of the second user) must fail.
must_fail() {
  local name=$1
  shift
  if "$@" > "$STATE/$name.out" 2>&1; then fail "$name succeeded: the file modes let another user change a run"; fi
}

# team_rules NAME OWNER OTHER RUN_AS WH MODES: the checks above, RUN_AS USER ARGS... running
# ./submit ARGS... as USER; MODES "RUNS RUN TABLE PARTITION" of the owner's run as `ls -l` shows them.
team_rules() {
  local name=$1 owner=$2 other=$3 run_as=$4 WH=$5 rows
  local EPOCHS=1
  say "$name: $owner's run"
  "$run_as" "$owner" --master 'local[2]' train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$WH" --run-id "$name-1" \
    > "$STATE/$name-1.out" 2>&1 || fail "$owner's run failed: see $STATE/$name-1.out"
  say "$name: $other reads it, and is refused what is $owner's"
  rows=$("$run_as" "$other" query --warehouse "$WH" --format csv "SELECT run_id, user FROM runs" 2> "$STATE/$name-query.err") ||
    fail "$other's query failed: see $STATE/$name-query.err"
  [ "$(echo "$rows" | tail -n +2)" = "$name-1,$owner" ] || fail "$other's query of the runs table returned $(echo "$rows" | tr '\n' ' ')"
  team_refused "$name-resume" "run '$name-1' belongs to $owner, not to you ($other): only $owner can resume it" \
    "$run_as" "$other" train --resume --run-id "$name-1" --warehouse "$WH"
  team_refused "$name-run-id" "run id '$name-1' already exists in warehouse .* (a run of $owner)" \
    "$run_as" "$other" train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$WH" --run-id "$name-1"
  team_refused "$name-report" "run '$name-1' belongs to $owner" "$run_as" "$other" report --warehouse "$WH" --run-id "$name-1"
  say "$name: $other's own run into the same warehouse"
  "$run_as" "$other" --master 'local[2]' train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$WH" --run-id "$name-2" \
    > "$STATE/$name-2.out" 2>&1 || fail "$other's run into $owner's warehouse failed: see $STATE/$name-2.out"
  rows=$("$run_as" "$owner" query --warehouse "$WH" --format csv "SELECT run_id, user FROM runs ORDER BY run_id" 2> "$STATE/$name-query.err") ||
    fail "$owner's query failed: see $STATE/$name-query.err"
  [ "$(echo "$rows" | tail -n +2 | tr '\n' ' ')" = "$name-1,$owner $name-2,$other " ] ||
    fail "the runs table of the shared warehouse holds $(echo "$rows" | tr '\n' ' ')"
}

check_team() {
  team_on_hdfs
  team_local_users
}

team_on_hdfs() {
  make_spark_home
  start_kerberos_hadoop
  local bob_keytab="$HADOOP_DIR/keytabs/bob.keytab" wh="$NNDL_FS/team"
  # as_principal USER ARGS...: ./submit ARGS... logged in as USER@EXAMPLE.COM with USER's keytab.
  as_principal() { local u=$1; shift; submit --principal "$u@EXAMPLE.COM" --keytab "$HADOOP_DIR/keytabs/$u.keytab" "$@"; }
  team_rules krb-team alice bob as_principal "$wh"
  # bob's hands on alice's files, through Hadoop's own shell
  bob_fs() { NNDL_PRINCIPAL=bob@EXAMPLE.COM NNDL_KEYTAB=$bob_keytab "$HERE/hadoop.sh" fs "$HADOOP_DIR" "$@"; }
  "$HERE/hadoop.sh" get "$HADOOP_DIR" "$wh/runs/krb-team-1/model.json" "$STATE/krb-team-before.json" 2>> "$STATE/hadoop-get.err" ||
    fail "cannot read alice's model.json: see $STATE/hadoop-get.err"
  echo '{}' > "$STATE/overwrite.json"
  must_fail krb-team-rm bob_fs -rm -r -skipTrash "$wh/runs/krb-team-1"
  must_fail krb-team-put bob_fs -put -f "$STATE/overwrite.json" "$wh/runs/krb-team-1/model.json"
  must_fail krb-team-rm-rows bob_fs -rm -r -skipTrash "$wh/tables/metrics/run_id=krb-team-1"
  must_fail krb-team-mv bob_fs -mv "$wh/runs/krb-team-1" "$wh/runs/taken"
  same_on_hdfs_as "$wh/runs/krb-team-1/model.json" "$STATE/krb-team-before.json"
  local modes
  modes=$("$HERE/hadoop.sh" fs "$HADOOP_DIR" -ls -d "$wh/runs" "$wh/runs/krb-team-1" "$wh/tables/metrics" \
    "$wh/tables/metrics/run_id=krb-team-1" 2>/dev/null | awk '{ print $1, $3 }' | tr '\n' ' ')
  [ "$modes" = "drwxrwxrwt alice drwxr-xr-x alice drwxrwxrwt alice drwxr-xr-x alice " ] ||
    fail "the modes of the shared warehouse on HDFS are $modes"
  pass "team warehouse on the Kerberized HDFS: alice's run is hers (runs/ and tables/metrics drwxrwxrwt, her folders drwxr-xr-x), bob queries it (runs.user = alice), is refused --resume, --run-id and report in one line each ($(grep -v "incubator modules" "$STATE/krb-team-resume.out")), cannot rm, mv or overwrite its files (HDFS: Permission denied), and adds a run of his own"
}

# same_on_hdfs_as REMOTE LOCAL: REMOTE, read back as alice, equals LOCAL byte for byte.
same_on_hdfs_as() {
  "$HERE/hadoop.sh" get "$HADOOP_DIR" "$1" "$STATE/after.json" 2>> "$STATE/hadoop-get.err" || fail "cannot read $1 back"
  cmp -s "$2" "$STATE/after.json" || fail "$1 changed"
  rm -f "$STATE/after.json"
}

# Two operating-system users on a local warehouse: the same rules through the file modes.
team_local_users() {
  if [ "$(id -u)" != 0 ] || ! command -v useradd > /dev/null || ! command -v runuser > /dev/null; then
    echo "SKIP: team warehouse with two OS users: needs root, useradd and runuser ($(id -un))"
    return 0
  fi
  local a=nndl-team-a b=nndl-team-b u
  for u in "$a" "$b"; do
    id "$u" > /dev/null 2>&1 || { useradd -M -s /usr/sbin/nologin "$u" && TEAM_USERS+=("$u"); } || fail "useradd $u failed"
    mkdir -p "$STATE/home-$u" && chown "$u" "$STATE/home-$u"
  done
  local view
  view=$(launcher_view)
  chmod 755 "$STATE"
  mkdir -m 1777 "$STATE/team"  # as a team's parent folder would be: its members may create in it
  # as_os_user USER ARGS...: the launcher as USER, from the readable copy (no class archive: its folder is root's).
  as_os_user() {
    local u=$1
    shift
    runuser -u "$u" -- env -u SPARK_HOME -u HADOOP_CONF_DIR -u KRB5_CONFIG HOME="$STATE/home-$u" NNDL_CLASS_ARCHIVE=off \
      NNDL_DRIVER_MEMORY=1g "$view/submit" "$@"
  }
  local wh="$STATE/team/wh"
  team_rules os-team "$a" "$b" as_os_user "$wh"
  cp "$wh/runs/os-team-1/model.json" "$STATE/os-team-before.json"
  must_fail os-team-rm runuser -u "$b" -- rm -rf "$wh/runs/os-team-1"
  must_fail os-team-write runuser -u "$b" -- sh -c "echo '{}' > '$wh/runs/os-team-1/model.json'"
  must_fail os-team-rm-rows runuser -u "$b" -- rm -rf "$wh/tables/metrics/run_id=os-team-1"
  must_fail os-team-mv runuser -u "$b" -- mv "$wh/runs/os-team-1" "$wh/runs/taken"
  cmp -s "$STATE/os-team-before.json" "$wh/runs/os-team-1/model.json" || fail "$b changed $a's model.json"
  local modes
  modes=$(stat -c '%A %U' "$wh/runs" "$wh/runs/os-team-1" "$wh/tables/metrics" "$wh/tables/metrics/run_id=os-team-1" | tr '\n' ' ')
  [ "$modes" = "drwxrwxrwt $a drwxr-xr-x $a drwxrwxrwt $a drwxr-xr-x $a " ] || fail "the modes of the shared local warehouse are $modes"
  pass "team warehouse on a local disk, two OS users: the same rules through the file modes ($b refused --resume, --run-id and report in one line each; rm, mv and overwrite of $a's files denied; $b's own run added)"
}

# A copy of the launcher that other users can run: ./submit, conf/, the jar, and the Spark jars
# (hard links where the file system allows, else copies) listed in its own class path file (the
# Maven repository, under root's home, is root's alone). Prints its folder.
launcher_view() {
  local view="$STATE/launcher" jar paths=()
  mkdir -p "$view/target/jars"
  cp -r "$REPO/submit" "$REPO/conf" "$REPO/pom.xml" "$view/"
  mkdir -p "$view/src/main/sh" && cp "$REPO/src/main/sh/class-archive.sh" "$view/src/main/sh/"
  while IFS= read -r -d ':' jar || [ -n "$jar" ]; do
    ln "$jar" "$view/target/jars/" 2> /dev/null || cp "$jar" "$view/target/jars/"
    paths+=("$view/target/jars/$(basename "$jar")")
  done < "$REPO/target/spark-classpath.txt"
  (IFS=:; printf '%s' "${paths[*]}") > "$view/target/spark-classpath.txt"  # in the original order
  cp "$REPO/target/nndl-spark.jar" "$REPO/target/nndl-build.properties" "$view/target/"  # after pom.xml: the launcher finds them up to date
  chmod -R a+rX "$view"
  echo "$view"
}

remove_team_users() {
  local u
  for u in "${TEAM_USERS[@]+"${TEAM_USERS[@]}"}"; do userdel "$u" 2> /dev/null || true; done
  TEAM_USERS=()
}

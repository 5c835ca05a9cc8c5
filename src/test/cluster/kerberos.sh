# Kerberos checks (sourced by cluster-test.sh after lib.sh and yarn.sh; needs STATE): a one-box
# Hadoop in secure mode (hadoop.sh up --kerberos: a KDC, Kerberos for HDFS and YARN, block tokens,
# SASL data transfer, HDFS delegation tokens of a 120 s life), then, as the principal alice:
# - runs in YARN client and cluster mode with --principal/--keytab, data and warehouse on HDFS,
#   each equal to the local[2] run byte for byte (model.json read back from HDFS);
# - query, plot, report and evaluate with --principal/--keytab, and again with a ticket from
#   hadoop.sh kinit (a credential cache named by KRB5CCNAME) instead;
# - every command without credentials (an empty credential cache, no keytab) refused in one line
#   that says how to authenticate, exit 2, the warehouse unchanged;
# - a run that outlives its first delegation tokens (client mode, keytab) keeps writing metrics rows
#   and checkpoints after they died, until SIGTERM stops it: Spark obtained new tokens with the keytab.
# Every JVM here finds the KDC through KRB5_CONFIG (./submit turns it into java.security.krb5.conf
# for the driver; the YARN containers get the property below); the default credential cache is
# never used (KRB5CCNAME names one in STATE).

KRB_TOKEN_LIFE=120  # seconds: SecureHadoop.MAX_LIFETIME_MS

# The small-cluster options (yarn_args) plus the KDC's configuration for the containers: on a
# real cluster each node has /etc/krb5.conf, here the KDC is the test's own.
krb_yarn_args() {
  yarn_args "$1"
  local krb5="-Djava.security.krb5.conf=$KRB5_CONFIG"
  # The ApplicationMaster (client mode), the driver in its container (cluster mode), the executors.
  echo --conf "spark.yarn.am.extraJavaOptions=$krb5" --conf "spark.driver.extraJavaOptions=$krb5" \
    --conf "spark.executor.extraJavaOptions=$krb5"
}

keytab_args() { echo --principal "$NNDL_PRINCIPAL" --keytab "$NNDL_KEYTAB"; }

# hdfs_listing PATH: every file under PATH with its size, as FsShell lists them (empty when absent).
hdfs_listing() { "$HERE/hadoop.sh" fs "$HADOOP_DIR" -ls -R "$1" 2>/dev/null | awk '{ print $5, $8 }' | sort || true; }

# krb_refused NAME ARGS...: ./submit ARGS... must end with exit 2 and one line, the Kerberos refusal.
krb_refused() {
  local name=$1 rc=0
  shift
  submit "$@" > "$STATE/$name.out" 2>&1 || rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -vc "incubator modules" "$STATE/$name.out")" -eq 1 ] &&
    grep -q "^error: no Kerberos credentials for $NNDL_FS: run kinit" "$STATE/$name.out" ||
    fail "$name without credentials was not refused in one line with exit 2 (exit $rc): $(head -c 300 "$STATE/$name.out"): see $STATE/$name.out"
}

# readers NAME ARGS...: query, plot, report and evaluate of run krb-client, each with ARGS before
# the command (credentials, or none with a ticket in KRB5CCNAME), each succeeding.
readers() {
  local name=$1 rows
  shift
  rows=$(submit "$@" query --warehouse "$WH" --format csv "SELECT run_id, count(*) FROM metrics GROUP BY run_id ORDER BY run_id" \
    2>> "$STATE/$name-query.err") || fail "query with $name failed: see $STATE/$name-query.err"
  [ "$(echo "$rows" | tail -n +2 | tr '\n' ' ')" = "krb-client,$EPOCHS krb-cluster,$EPOCHS " ] ||
    fail "query with $name returned $(echo "$rows" | tr '\n' ' ')"
  submit "$@" plot --warehouse "$WH" --runs krb-client,krb-cluster --out "$STATE/$name.png" > "$STATE/$name-plot.out" 2>&1 &&
    [ -s "$STATE/$name.png" ] || fail "plot with $name failed: see $STATE/$name-plot.out"
  submit "$@" report --warehouse "$WH" --run-id krb-client > "$STATE/$name-report.out" 2>&1 ||
    fail "report with $name failed: see $STATE/$name-report.out"
  submit "$@" evaluate --warehouse "$WH" --model "$STATE/krb-client.json" --data "$NNDL_FS/data" --limit 200 \
    > "$STATE/$name-evaluate.out" 2>&1 || fail "evaluate with $name failed: see $STATE/$name-evaluate.out"
}

# Starts the Kerberized Hadoop (once: the team check uses it too) with the sample data in /data,
# and sources its env.sh. The EXIT trap of cluster-test.sh stops it.
start_kerberos_hadoop() {
  [ "$HADOOP_DIR" != "$STATE/krb" ] || [ -z "${HADOOP_STARTED:-}" ] || return 0
  HADOOP_DIR="$STATE/krb"
  export KRB5CCNAME="$STATE/krb5cc-none"  # no ticket unless a check makes one
  say "starting HDFS and YARN with Kerberos (hadoop.sh up --kerberos)"
  "$HERE/hadoop.sh" up --kerberos "$HADOOP_DIR" 2> "$STATE/krb-up.err" || fail "hadoop.sh up --kerberos failed: $(tail -1 "$STATE/krb-up.err")"
  HADOOP_STARTED=yes
  # shellcheck disable=SC1091
  source "$HADOOP_DIR/env.sh"
  for v in HADOOP_CONF_DIR NNDL_FS KRB5_CONFIG NNDL_PRINCIPAL NNDL_KEYTAB; do
    [ -n "${!v:-}" ] || fail "$HADOOP_DIR/env.sh does not export $v"
  done
  mkdir -p "$STATE/data"
  local f
  for f in "$REPO"/src/main/resources/org/nndl/data/sample/*-ubyte.gz; do gunzip -c "$f" > "$STATE/data/$(basename "$f" .gz)"; done
  "$HERE/hadoop.sh" put "$HADOOP_DIR" "$STATE/data" /data 2>> "$STATE/hadoop-put.err" ||
    fail "cannot put the sample data on the Kerberized HDFS: see $STATE/hadoop-put.err"
}

check_kerberos() {
  local mode rc before
  reference_run
  make_spark_home
  start_kerberos_hadoop
  local on_hdfs=("${TRAIN_ARGS[@]/#sample/$NNDL_FS/data}")
  local TRAIN_ARGS=("${on_hdfs[@]}") WH="$NNDL_FS/warehouse"

  for mode in client cluster; do
    say "Kerberized YARN, $mode mode, --principal $NNDL_PRINCIPAL --keytab"
    rc=0
    # shellcheck disable=SC2046
    train "krb-$mode" $(keytab_args) $(krb_yarn_args "$mode") || rc=$?
    [ "$rc" -eq 0 ] || fail "the Kerberized YARN $mode-mode run failed (exit $rc): see $STATE/krb-$mode.out"
    same_on_hdfs "krb-$mode" "Kerberized YARN $mode-mode run"
  done
  pass "Kerberos: YARN client and cluster mode with --principal/--keytab, data and warehouse on the Kerberized HDFS: model.json equals the local[2] run's byte for byte"

  say "query, plot, report, evaluate with --principal/--keytab"
  # shellcheck disable=SC2046
  readers keytab $(keytab_args)
  say "the same with a ticket from kinit"
  KRB5CCNAME="$STATE/krb5cc" "$HERE/hadoop.sh" kinit "$HADOOP_DIR" 2> "$STATE/kinit.err" || fail "hadoop.sh kinit failed: see $STATE/kinit.err"
  KRB5CCNAME="$STATE/krb5cc" readers ticket
  pass "Kerberos: query, plot, report and evaluate of the HDFS warehouse work with --principal/--keytab and with a kinit ticket"

  say "every command without credentials"
  before=$(hdfs_listing "$WH")
  # shellcheck disable=SC2046
  krb_refused no-credentials-yarn $(krb_yarn_args client) train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$WH" --run-id refused
  # In cluster deploy mode the command runs in YARN: the launcher asks for credentials before it submits
  # (the ResourceManager's refusal comes only after its client's retries).
  # shellcheck disable=SC2046
  krb_refused no-credentials-yarn-cluster $(krb_yarn_args cluster) train "${TRAIN_ARGS[@]}" \
    --epochs 1 --warehouse "$WH" --run-id refused
  krb_refused no-credentials-train train --epochs 1 --warehouse "$WH" --run-id refused
  krb_refused no-credentials-data train --data "$NNDL_FS/data" --epochs 1 --warehouse "$STATE/local-wh"
  krb_refused no-credentials-query query --warehouse "$WH" "SELECT count(*) FROM metrics"
  krb_refused no-credentials-plot plot --warehouse "$WH" --runs krb-client --out "$STATE/refused.png"
  krb_refused no-credentials-report report --warehouse "$WH" --run-id krb-client
  krb_refused no-credentials-evaluate evaluate --warehouse "$WH" --model "$STATE/krb-client.json" --data "$NNDL_FS/data"
  [ "$(hdfs_listing "$WH")" = "$before" ] && [ ! -e "$STATE/local-wh" ] && [ ! -e "$STATE/refused.png" ] ||
    fail "a command refused for want of credentials changed the warehouse or wrote a file"
  pass "Kerberos: train (local, YARN client and cluster mode), query, plot, report and evaluate without credentials each end with exit 2 and one line, nothing written: $(grep -v "incubator modules" "$STATE/no-credentials-query.out")"

  check_token_renewal
}

# A client-mode run (keytab) that outlives the HDFS delegation tokens it started with. They were
# obtained before the executors started, so before epoch 1 ended (time T1 on this clock, which is
# also the NameNode's): any of them is dead by T1 + KRB_TOKEN_LIFE. Once that moment has passed and
# two more epochs have ended, SIGTERM stops the run, which saves its finished epochs' rows and a
# checkpoint. Its metrics rows (written by the executors, with tokens only) and checkpoints must
# have gone on after the first tokens' death, each epoch's row once.
check_token_renewal() {
  local EPOCHS=500 t1 n rc=0 dead late_rows late_ckpt
  say "a run longer than its delegation tokens' life (${KRB_TOKEN_LIFE}s)"
  # shellcheck disable=SC2046
  start_train krb-renew $(keytab_args) $(krb_yarn_args client)
  epoch1() { ! alive "$TRAIN_PID" || [ "$(epochs_shown krb-renew)" -ge 1 ]; }
  wait_until 600 "epoch 1 of run krb-renew never ended: see $STATE/krb-renew.out" epoch1
  t1=$(date +%s)
  dead=$((t1 + KRB_TOKEN_LIFE))
  past_tokens() { ! alive "$TRAIN_PID" || [ "$(date +%s)" -gt "$dead" ]; }
  wait_until $((KRB_TOKEN_LIFE + 60)) "the clock never passed the tokens' life" past_tokens
  # New executors, with whatever tokens the application holds now: the ones that ran kept their
  # HDFS connections, which outlive the tokens they were opened with.
  kill_a_container all
  n=$(epochs_shown krb-renew)
  two_more() { ! alive "$TRAIN_PID" || [ "$(epochs_shown krb-renew)" -ge $((n + 2)) ]; }
  wait_until 600 "run krb-renew made no progress after its first tokens died: see $STATE/krb-renew.out" two_more
  alive "$TRAIN_PID" || fail "run krb-renew ended on its own after its first tokens died: see $STATE/krb-renew.out"
  # The run's JVM, not the background shell that waits for it (TERM to that shell alone leaves the run going).
  local run_jvm
  run_jvm=$(children "$TRAIN_PID")
  [ -n "$run_jvm" ] || fail "run krb-renew has no process under its shell: see $STATE/krb-renew.out"
  kill -TERM $run_jvm
  wait "$TRAIN_PID" || rc=$?
  ! alive "$run_jvm" || fail "run krb-renew's JVM ($run_jvm) still runs after it ended"
  [ "$rc" -eq 143 ] || fail "run krb-renew did not stop as SIGTERM asks (exit $rc, expected 143): see $STATE/krb-renew.out"
  # Modification times in ms, as the NameNode (on this clock) recorded them.
  written_after() { "$HERE/hadoop.sh" fs "$HADOOP_DIR" -stat "%Y %n" "$1" 2>/dev/null | awk -v t="$((dead * 1000))" '$1 > t' | wc -l; }
  late_rows=$(written_after "$WH/tables/metrics/run_id=krb-renew/*.parquet")
  late_ckpt=$(written_after "$WH/runs/krb-renew/checkpoints/*.ckpt")
  [ "$late_rows" -ge 2 ] && [ "$late_ckpt" -ge 1 ] ||
    fail "run krb-renew wrote $late_rows metrics row(s) and $late_ckpt checkpoint(s) after its first tokens died: see $STATE/krb-renew.out"
  local shown rows n_rows
  shown=$(epochs_shown krb-renew)
  # shellcheck disable=SC2046
  rows=$(submit $(keytab_args) query --warehouse "$WH" --format csv \
    "SELECT epoch, count(*) FROM metrics WHERE run_id = 'krb-renew' GROUP BY epoch ORDER BY epoch" 2>> "$STATE/query.err") ||
    fail "the query of run krb-renew failed: see $STATE/query.err"
  # Every finished epoch once: 1..N, at least as many as the progress line showed (it redraws at
  # most once a second, and the epochs finished after its last frame are saved at the stop too).
  n_rows=$(echo "$rows" | tail -n +2 | wc -l)
  [ "$n_rows" -ge "$shown" ] && [ "$(echo "$rows" | tail -n +2)" = "$(each_epoch_once "$n_rows")" ] ||
    fail "run krb-renew's metrics are not each of its epochs (at least $shown) once: $(echo "$rows" | tr '\n' ' ')"
  pass "Kerberos: a client-mode run with --keytab went on $(( $(date +%s) - dead ))s past its first delegation tokens' death (life ${KRB_TOKEN_LIFE}s), every executor replaced after it: $late_rows metrics rows and $late_ckpt checkpoint(s) written after it, each of its $n_rows epochs once, stopped by SIGTERM (exit 143)"
}

# The renewal check's negative control (kept out of .ci/run: it waits out the tokens' life again).
# The same long client-mode run with a kinit ticket and no keytab: Spark renews tokens from a keytab
# only (spark.kerberos.renewal.credentials=keytab, its default), so the executors' tokens die
# and the run must end by itself, non-zero, in one error line. Were it to go on, the renewal
# check above could not fail.
check_kerberos_control() {
  local EPOCHS=500 rc=0 dead
  make_spark_home
  start_kerberos_hadoop
  local on_hdfs=("${TRAIN_ARGS[@]/#sample/$NNDL_FS/data}")
  local TRAIN_ARGS=("${on_hdfs[@]}") WH="$NNDL_FS/warehouse"
  KRB5CCNAME="$STATE/krb5cc" "$HERE/hadoop.sh" kinit "$HADOOP_DIR" 2> "$STATE/kinit.err" || fail "hadoop.sh kinit failed: see $STATE/kinit.err"
  say "a run longer than its delegation tokens' life (${KRB_TOKEN_LIFE}s) with a kinit ticket and no keytab"
  # shellcheck disable=SC2046
  KRB5CCNAME="$STATE/krb5cc" start_train krb-ticket $(krb_yarn_args client)
  epoch1() { ! alive "$TRAIN_PID" || [ "$(epochs_shown krb-ticket)" -ge 1 ]; }
  wait_until 600 "epoch 1 of run krb-ticket never ended: see $STATE/krb-ticket.out" epoch1
  dead=$(( $(date +%s) + KRB_TOKEN_LIFE ))
  past_tokens() { ! alive "$TRAIN_PID" || [ "$(date +%s)" -gt "$dead" ]; }
  wait_until $((KRB_TOKEN_LIFE + 60)) "the clock never passed the tokens' life" past_tokens
  alive "$TRAIN_PID" || fail "run krb-ticket ended before its executors were replaced: see $STATE/krb-ticket.out"
  kill_a_container all
  ended() { ! alive "$TRAIN_PID"; }
  wait_until 300 "run krb-ticket went on for 300s with new executors after its tokens' death: the renewal check cannot fail" ended
  wait "$TRAIN_PID" || rc=$?
  [ "$rc" -ne 0 ] && [ "$(grep -c '^error: ' "$STATE/krb-ticket.out")" -eq 1 ] ||
    fail "run krb-ticket did not end in one error line (exit $rc): see $STATE/krb-ticket.out"
  pass "Kerberos control: a run with a kinit ticket and no keytab whose executors were replaced after its tokens' death ended by itself $(( $(date +%s) - dead ))s after it, exit $rc: $(grep '^error: ' "$STATE/krb-ticket.out" | cut -c1-200)"
}

# Spark's own security on a standalone cluster (sourced by cluster-test.sh after lib.sh and
# standalone.sh; needs STATE): a master and two workers that authenticate with a shared secret
# (spark.authenticate), encrypt their RPC (spark.network.crypto.enabled) and the application's
# local files (spark.io.encryption.enabled); a run there equals the local[2] run bit for bit; a
# worker with a wrong secret, and applications with a wrong or no secret, are refused.

# The properties that turn Spark's security on, beside the secret.
SECURE_PROPS=(spark.authenticate=true spark.network.crypto.enabled=true spark.io.encryption.enabled=true)

# secure_conf SECRET: the --conf arguments of an application with that secret (none: no secret).
secure_conf() {
  local p
  for p in "${SECURE_PROPS[@]}"; do echo --conf "$p"; done
  [ -z "$1" ] || echo --conf "spark.authenticate.secret=$1"
}

# daemon_conf SECRET: the daemons started next authenticate with SECRET and encrypt.
daemon_conf() {
  local p
  DAEMON_CONF=()
  for p in "${SECURE_PROPS[@]}" "spark.authenticate.secret=$1"; do DAEMON_CONF+=("-D$p"); done
}

# start_refused NAME ARGS...: a one-epoch run NAME with ARGS in the background (REFUSED_PID), its
# output in $STATE/NAME.out.
start_refused() {
  local name=$1
  shift
  { submit "$@" train "${TRAIN_ARGS[@]}" --epochs 1 --warehouse "$WH" --run-id "$name" > "$STATE/$name.out" 2>&1 || exit $?; } &
  REFUSED_PID=$!
  track "$REFUSED_PID"
}

# refused NAME PID WORDS: run NAME (PID) ended with exit 2 (the user's settings), its output
# holding no stack trace and exactly one error line, which holds WORDS.
refused() {
  local rc=0
  wait "$2" || rc=$?
  [ "$rc" -eq 2 ] || fail "run $1 ended with exit $rc, not 2 ($(grep -m1 '^error: ' "$STATE/$1.out" || tail -n1 "$STATE/$1.out")): see $STATE/$1.out"
  [ "$(grep -c '^error: ' "$STATE/$1.out")" -eq 1 ] && grep '^error: ' "$STATE/$1.out" | grep -q -- "$3" ||
    fail "run $1 was refused without one error line saying \"$3\": see $STATE/$1.out"
  ! grep -q $'^\tat \|^Caused by: ' "$STATE/$1.out" || fail "run $1 printed a stack trace: see $STATE/$1.out"
  say "run $1 refused (exit $rc): $(grep -m1 '^error: ' "$STATE/$1.out")"
}

check_secure() {
  local secret wrong
  secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  wrong=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  reference_run
  say "starting a master and 2 workers with authentication and encryption"
  daemon_conf "$secret"
  start_cluster 2
  WH="$STATE/secure-warehouse"
  # shellcheck disable=SC2046
  train secure "${CLUSTER_ARGS[@]}" $(secure_conf "$secret") || fail "the run on the secured cluster failed: see $STATE/secure.out"
  same_model "$REFERENCE" "$WH/runs/secure/model.json" "secured cluster run vs local[2] run"
  pass "secure: a run on a standalone master + 2 workers with spark.authenticate, RPC and local I/O encryption equals the local[2] run byte for byte (model.json)"

  say "a worker with a wrong secret, an application with a wrong secret and one without any, at once"
  daemon_conf "$wrong"
  mkdir -p "$STATE/intruder"
  daemon intruder org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
    --cores 1 --memory 1g --work-dir "$STATE/intruder" "$MASTER_URL"
  local wrong_pid nosecret_pid
  # shellcheck disable=SC2046
  start_refused wrong "${CLUSTER_ARGS[@]}" $(secure_conf "$wrong"); wrong_pid=$REFUSED_PID
  start_refused nosecret "${CLUSTER_ARGS[@]}"; nosecret_pid=$REFUSED_PID
  # An application with spark.authenticate but no secret never reaches the master: Spark refuses it at start.
  # shellcheck disable=SC2046
  start_refused unset "${CLUSTER_ARGS[@]}" $(secure_conf "")
  refused unset "$REFUSED_PID" "spark.authenticate is on but this application has no secret: give it the cluster's spark.authenticate.secret"
  refused wrong "$wrong_pid" "no master accepted this application (Spark: \"All masters are unresponsive! Giving up.\")"
  refused nosecret "$nosecret_pid" "no master accepted this application"
  grep -q "Expected SaslMessage, received something else" "$STATE/master.log" ||
    fail "the master did not log refusing the application without a secret: see $STATE/master.log"
  intruder_refused() { grep -q "WARN Worker: Failed to connect to master" "$STATE/intruder.log"; }
  wait_until 60 "the worker with a wrong secret did not log its refusal: see $STATE/intruder.log" intruder_refused
  [ "$(grep -c 'Registering worker' "$STATE/master.log")" -eq 2 ] ||
    fail "the master registered the worker with a wrong secret: see $STATE/master.log"
  [ ! -e "$WH/runs/wrong/model.json" ] && [ ! -e "$WH/runs/nosecret/model.json" ] ||
    fail "a refused application wrote a model"
  pass "secure: a worker with a wrong secret is not registered (\"Failed to connect to master\" in its log, for a minute); applications with a wrong secret or none end with exit 2 and one error line, no stack trace: $(grep '^error: ' "$STATE/wrong.out" | cut -c1-120)...; one without a secret under spark.authenticate at once: $(grep '^error: ' "$STATE/unset.out" | cut -c1-100)..."
  DAEMON_CONF=()
  stop_tracked
}

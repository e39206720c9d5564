#!/usr/bin/env bash
# The shipped examples/cron.d/telemetry-prom line, run as cron would (its
# directories pointed at the test's), writes the textfile; while another
# run holds the lock, flock -n makes it skip without touching the file.
source "$SRC/tests/tools/prom_lib.bash"
CRON=$SRC/examples/cron.d/telemetry-prom
TF=$TMPDIR/textfile
mkdir "$TF"
nixl_agent --dir "$D" --name nixl-rank0 --count 100 --rate 0 >/dev/null
# The command: what follows the five time fields and the user.
cmd=$(awk '/^[^#A-Z]/ && NF > 6 { $1 = $2 = $3 = $4 = $5 = $6 = ""; print; exit }' "$CRON")
[ -n "$cmd" ] || fail "no job line in $CRON"
grep -q '^NIXL_TELEMETRY_DIR=' "$CRON" || fail "no NIXL_TELEMETRY_DIR in $CRON"
cmd=${cmd//\/var\/lib\/prometheus\/node-exporter/$TF}
cmd=${cmd//\/run\/telemetry-prom.lock/$TMPDIR/lock}
run() { NIXL_TELEMETRY_DIR=$D sh -c "$cmd"; }
run >"$TMPDIR/out" 2>&1 || fail "job failed: $(cat "$TMPDIR/out")"
[ ! -s "$TMPDIR/out" ] || fail "job printed (cron would mail it): $(cat "$TMPDIR/out")"
prom_lint "$TF/shmtel.prom" || fail "prom_lint"
grep -q '^agent_tx_bytes_total{.*agent_name="rank0"' "$TF/shmtel.prom" || fail "no NIXL families"

# A run still holding the lock: this one is skipped and changes nothing.
rm "$TF/shmtel.prom"
# The holder execs into sleep, keeping the locked descriptor: one pid to stop.
(exec 9>"$TMPDIR/lock" && flock 9 && exec sleep 60) &
KILL_PIDS+=("$!")
locked() { ! flock -n "$TMPDIR/lock" true; }
wait_within "$WAIT_SECS" locked || fail "lock never taken"
run >/dev/null 2>&1 && fail "the job ran while the lock was held"
[ ! -e "$TF/shmtel.prom" ] || fail "a skipped run wrote the file"

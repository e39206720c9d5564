#!/usr/bin/env bash
# --loop INTERVAL keeps rewriting FILE as the agents' values move; a run
# that fails is reported and the loop goes on; SIGTERM stops it with no
# temporary file left behind.
source "$SRC/tests/tools/prom_lib.bash"
OUT=$TMPDIR/textfile
mkdir "$OUT"
nixl_agent --dir "$D" --name nixl-live --rate 500 --duration 120 >/dev/null &
KILL_PIDS+=("$!")
telemetry_prom --loop 0.1 -o "$OUT/shmtel.prom" "$D" 2>"$TMPDIR/err" &
loop=$!
KILL_PIDS+=("$loop")
tx() { prom_sample "$OUT/shmtel.prom" shmtel_agent_tx_bytes_total 'agent="nixl-live"' 2>/dev/null; }
has_tx() { [ -n "$(tx)" ]; }
wait_within "$WAIT_SECS" has_tx || fail "FILE never written"
first=$(tx)
moved() { [ -n "$(tx)" ] && [ "$(tx)" != "$first" ]; }
wait_within "$WAIT_SECS" moved || fail "FILE not refreshed: still $first"

# The directory goes away: runs fail, the loop survives and recovers.
rm -rf "$OUT"
failing() { grep -q 'create temporary file' "$TMPDIR/err"; }
wait_within "$WAIT_SECS" failing || fail "no error reported"
kill -0 "$loop" || fail "the loop died on an error"
mkdir "$OUT"
wait_within "$WAIT_SECS" has_tx || fail "FILE not written again"

kill -TERM "$loop"
rc=0
wait "$loop" || rc=$?
[ "$rc" = 143 ] || fail "exit status $rc after SIGTERM, want 143"
[ "$(ls -A "$OUT")" = shmtel.prom ] || fail "left behind: $(ls -A "$OUT")"

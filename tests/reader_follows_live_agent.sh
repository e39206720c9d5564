#!/usr/bin/env bash
# telemetry_reader keeps following a live agent (given by name, found in
# $NIXL_TELEMETRY_DIR) and prints how many events it read on Ctrl+C.
set -eu
export NIXL_TELEMETRY_DIR=$TMPDIR/t NIXL_TELEMETRY_ENABLE=1
mkdir "$NIXL_TELEMETRY_DIR"
nixl_agent --name live --rate 200 --duration 60 &
agent=$!
trap 'kill $agent $reader 2>/dev/null || true' EXIT
reader=
for _ in $(seq 100); do [ -e "$NIXL_TELEMETRY_DIR/live" ] && break; sleep 0.05; done
telemetry_reader --from now --format line live >"$TMPDIR/out" 2>"$TMPDIR/err" &
reader=$!
# Wait (bounded) until new events arrive through the follow loop.
for _ in $(seq 200); do
	[ "$(wc -l <"$TMPDIR/out")" -ge 50 ] && break
	sleep 0.05
done
[ "$(wc -l <"$TMPDIR/out")" -ge 50 ]
kill -INT $reader
# Ctrl+C ends as it ends tail: 128 + SIGINT.
wait $reader && rc=0 || rc=$?
[ "$rc" = 130 ]
grep -Eq "read [0-9]+ events, missed 0" "$TMPDIR/err"
# Lines carry the agent and a known series.
grep -q ' live TRANSFER agent_tx_bytes [0-9]* bytes$' "$TMPDIR/out"

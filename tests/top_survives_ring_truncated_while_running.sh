#!/usr/bin/env bash
# A ring cut short underneath a running telemetry_top (its pages vanish:
# reading them raises SIGBUS) is listed as an error; the monitor keeps
# running and keeps showing the other rings.
. "$SRC/tests/tools/top_lib.sh"

bg top_hailo_writer "$D" 1001
victim=$BG_PID
bg top_hailo_writer "$D" 1002
wait_for live hailo-1001
wait_for live hailo-1002

telemetry_top --json -n 100000 -d 0.1 "$D" >"$TMPDIR/out.jsonl" &
TOP=$!
BG_PIDS="$BG_PIDS $TOP"
state_is() {
	[ "$(tail -n 1 "$TMPDIR/out.jsonl" | jq -r --arg f "$1" \
		'[.agents[] | select(.file == $f) | .state] | first // "absent"' 2>/dev/null)" = "$2" ]
}
wait_for state_is hailo-1001 live

# The writer only waits now: cutting its file does not disturb it.
truncate -s 8192 "$D/hailo-1001"
wait_for state_is hailo-1001 error
tail -n 1 "$TMPDIR/out.jsonl" | jq -e '.agents[] | select(.file == "hailo-1001") |
	.error | test("truncated|shrank")' >/dev/null || fail "reason: $(tail -n 1 "$TMPDIR/out.jsonl")"
# A few more refreshes over the cut file.
n=$(wc -l <"$TMPDIR/out.jsonl")
more() {
	[ "$(wc -l <"$TMPDIR/out.jsonl")" -ge $((n + 3)) ]
}
wait_for more
kill -0 "$TOP" || fail "telemetry_top died"
state_is hailo-1002 live || fail "the other ring is no longer shown"
kill "$victim" 2>/dev/null || true

#!/usr/bin/env bash
# A running telemetry_top picks up a ring that appears after it started,
# sees its agent go down, follows the file when a new writer replaces it,
# and drops the ring when its file is removed, all without a restart.
. "$SRC/tests/tools/top_lib.sh"

telemetry_top --json -n 100000 -d 0.1 --rescan 60 "$D" >"$TMPDIR/out.jsonl" &
TOP=$!
BG_PIDS="$BG_PIDS $TOP"
last_state() {
	tail -n 1 "$TMPDIR/out.jsonl" | jq -r --arg n "$1" '[.agents[] | select(.name == $n) | .state] | first // "absent"' 2>/dev/null
}
state_is() {
	[ "$(last_state "$1")" = "$2" ]
}
wait_for test -s "$TMPDIR/out.jsonl"
state_is hailo-31337 absent || fail "hailo-31337 listed before it was started"

# Long rescan interval: the ring must be found through inotify.
bg top_hailo_writer "$D" 31337
wait_for state_is hailo-31337 live

kill -TERM "$BG_PID"
wait_for state_is hailo-31337 exited

# A new writer of the same name renames a new file into place.
bg top_hailo_writer "$D" 31337
wait_for state_is hailo-31337 live
kill -TERM "$BG_PID"
wait_for state_is hailo-31337 exited

rm "$D/hailo-31337"
wait_for state_is hailo-31337 absent
kill -0 "$TOP" || fail "telemetry_top died"

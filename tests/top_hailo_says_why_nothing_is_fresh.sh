#!/usr/bin/env bash
# When there is no fresh Hailo data the Hailo view says so, and why: no
# hailo-* rings at all (no bridge, or HAILO_MONITOR unset), rings whose
# Hailo process is gone, or rings whose bridge has stopped.
. "$SRC/tests/tools/top_lib.sh"

hailo_text() {
	telemetry_top -b -n 1 -v hailo -w 80 "$D"
}
why() {
	snap | jq -r '.hailo | if .fresh then "fresh" else .why end'
}

[[ $(why) == "No Hailo data: there are no hailo-* rings"*"Hailo bridge is not running"*"HAILO_MONITOR=1"* ]] ||
	fail "empty: $(why)"
hailo_text | grep -q 'HAILO_MONITOR=1' || fail "text: $(hailo_text)"

bg top_hailo_writer "$D" 55 --gone
wait_for test -e "$D/hailo-55"
gone() {
	[[ $(why) == "No fresh Hailo data: 1 hailo-* ring(s), none up. The Hailo processes have exited"* ]]
}
wait_for gone

kill -TERM "$BG_PID"
wait "$BG_PID" || true
bg top_hailo_writer "$D" 56
wait_for live hailo-56
[ "$(why)" = fresh ] || fail "a live ring is not fresh: $(why)"
kill -TERM "$BG_PID"
wait "$BG_PID" || true
rm "$D/hailo-55"
[[ $(why) == *"The Hailo bridge that wrote them is not running." ]] || fail "stopped bridge: $(why)"

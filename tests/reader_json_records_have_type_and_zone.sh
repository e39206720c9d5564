#!/usr/bin/env bash
# Every JSON record says what it is: "type" is "event" or "missed".  Events
# keep their fields; missed records carry the count and the agent.  The
# timestamp is ISO 8601 local time with the zone's offset and is the same
# instant as "ns".
set -u
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/tel
mkdir "$dir"
ring_busy_slots "$dir" busy 64 10 || fail "cannot write the fixture"
nixl_agent --dir "$dir" --name agent --count 20 --rate 0 || fail "cannot write the agent"
want=$(telemetry_reader --once --format line "$dir/agent" 2>/dev/null | wc -l)

# A POSIX TZ (no tz database needed): 5:30 east of UTC, and 3:30 west.
for zone in 'IST-5:30 +05:30 19800' 'NST+3:30 -03:30 -12600' 'UTC0 +00:00 0'; do
	read -r tz off secs <<<"$zone"
	TZ=$tz telemetry_reader --once --format json "$dir" >"$TMPDIR/json" 2>"$TMPDIR/err" ||
		fail "$tz: exit $?: $(cat "$TMPDIR/err")"
	jq -se 'map(.type == "event" or .type == "missed") | all' "$TMPDIR/json" >/dev/null ||
		fail "$tz: a record without a known type: $(jq -c 'select(.type != "event" and .type != "missed")' "$TMPDIR/json" | head -n 3)"
	n=$(jq -s 'map(select(.type == "event")) | length' "$TMPDIR/json")
	[ "$n" = $((want + 11)) ] || fail "$tz: $n events, want $((want + 11))"
	# Events keep every field they had.
	jq -se 'map(select(.type == "event") | has("timestamp") and has("ns") and has("agent") and
		has("category") and has("name") and has("labels") and has("value") and has("unit") and
		has("tid")) | all' "$TMPDIR/json" >/dev/null || fail "$tz: an event lacks a field"
	# The busy slots: one missed record of 64, with the agent.
	[ "$(jq -c 'select(.type == "missed") | [.agent, .missed]' "$TMPDIR/json")" = '["busy",64]' ] ||
		fail "$tz: missed records: $(jq -c 'select(.type == "missed")' "$TMPDIR/json")"
	# ISO 8601 with the offset, the instant of ns (jq's doubles hold ns to
	# a few hundred: compared in microseconds, within one).
	jq -se --arg off "$off" --argjson secs "$secs" 'map(
		(.timestamp | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}$")) and
		(.timestamp[26:] == $off) and
		((((.timestamp[0:19] + "Z" | fromdate) - $secs) * 1e6 + (.timestamp[20:26] | tonumber)
		  - .ns / 1000) | fabs <= 1)) | all' "$TMPDIR/json" >/dev/null ||
		fail "$tz: timestamp is not ns in ISO 8601 with $off: $(jq -c '[.timestamp, .ns]' "$TMPDIR/json" | head -n 2)"
done
exit 0

#!/usr/bin/env bash
# An agent that is not up stays listed for --keep-dead seconds after it
# went down, then only counts as hidden; a live agent is never dropped.
. "$SRC/tests/tools/top_lib.sh"

bg top_hailo_writer "$D" 9
wait_for live hailo-9
nixl_agent --dir "$D" --name done --count 10 --rate 0 >/dev/null

# Long enough: both listed.
snap -k 3600 | jq -e '.live == 1 and .dead == 1 and .hidden == 0' >/dev/null ||
	fail "keep 3600: $(snap -k 3600 | jq -c '{live, dead, hidden}')"
# Zero: the exited one is hidden at once, the live one stays.
snap -k 0 | jq -e '.live == 1 and .dead == 0 and .hidden == 1 and ([.agents[].name] == ["hailo-9"]) and
	([.series[] | select(.agent == "done")] | length == 0)' >/dev/null ||
	fail "keep 0: $(snap -k 0 | jq -c '{live, dead, hidden, agents: [.agents[].name]}')"

# A running monitor shows an agent going down, then drops it after 1 s.
telemetry_top --json -n 100000 -d 0.1 -k 1 "$D" >"$TMPDIR/out.jsonl" &
BG_PIDS="$BG_PIDS $!"
last() {
	tail -n 1 "$TMPDIR/out.jsonl" | jq -r "$1" 2>/dev/null
}
listed() {
	[ "$(last '[.agents[] | select(.name == "hailo-9") | .state] | first // "absent"')" = "$1" ]
}
wait_for listed live
kill -TERM "$BG_PID"
wait_for listed exited
wait_for listed absent
[ "$(last .hidden)" = 2 ] || fail "hidden: $(last .hidden)"

#!/usr/bin/env bash
# -b -n N -d S prints N plain-text snapshots, each with the summary, the
# agents table and the series table, and exits 0.
. "$SRC/tests/tools/top_lib.sh"

nixl_agent --dir "$D" --name alpha --count 700 --rate 0 >/dev/null
telemetry_top -b -n 3 -d 0.1 -w 200 "$D" >"$TMPDIR/out"

[ "$(grep -c '^telemetry_top ' "$TMPDIR/out")" -eq 3 ] || fail "not 3 snapshots: $(cat "$TMPDIR/out")"
grep -q '^Agents: 0 live, 1 exited, 0 dead, 0 unreadable' "$TMPDIR/out" || fail "no summary line"
grep -Eq '^AGENT.* +PID +STATE +EV/S +UNSEEN +DROPPED +SERIES +AGE$' "$TMPDIR/out" ||
	fail "no agents header"
grep -Eq "^alpha +[0-9]+ +exited +0 +0 +0 +12 " "$TMPDIR/out" ||
	fail "no agent row: $(grep '^alpha' "$TMPDIR/out")"
# The counter of requests: 700 events of 1, so its sum is 700.
grep -Eq '^alpha +TRANSFER +agent_tx_requests_num .* 700( |$)' "$TMPDIR/out" ||
	fail "no series row with the sum: $(grep agent_tx_requests_num "$TMPDIR/out")"
grep -Eq '^alpha +ERROR +agent_errors\{status="backend"\}' "$TMPDIR/out" ||
	fail "labels not shown"

# --view agents prints only the agents table.
telemetry_top -b -n 1 -v agents "$D" >"$TMPDIR/agents"
grep -q agent_tx_requests_num "$TMPDIR/agents" && fail "--view agents printed series"
grep -Eq '^alpha +[0-9]+ +exited' "$TMPDIR/agents" || fail "--view agents: no agent row"
exit 0

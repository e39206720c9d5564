#!/usr/bin/env bash
# Rates are differences between refreshes: with an agent running at a
# known pace, events/s and a counter's rate/s match that pace, and the
# agent shows as live; once it stops they fall to zero and it shows as
# exited.
. "$SRC/tests/tools/top_lib.sh"

# 200 transfers/s; each transfer is 6 events (plus a rare error or
# registration), so about 1200 events/s.
bg nixl_agent --dir "$D" --name pace --rate 200 --duration 120
wait_for live pace

# The last of three snapshots a second apart: a rate over the last second.
snap -n 3 -d 1 | tail -n 1 >"$TMPDIR/s.json"
read -r ev req <<<"$(jq -r '[(.agents[] | select(.name == "pace") | .events_per_s),
	(.series[] | select(.name == "agent_tx_requests_num") | .rate)] | @tsv' "$TMPDIR/s.json")"
awk -v v="$ev" 'BEGIN { exit !(v > 600 && v < 1800) }' || fail "events/s $ev, expected about 1200"
awk -v v="$req" 'BEGIN { exit !(v > 100 && v < 300) }' || fail "requests/s $req, expected about 200"
jq -e '.live == 1 and .events_per_s > 0' "$TMPDIR/s.json" >/dev/null || fail "summary: $(jq -c . "$TMPDIR/s.json")"

kill -TERM "$BG_PID"
wait "$BG_PID" || true
snap -n 2 -d 0.2 | tail -n 1 >"$TMPDIR/s.json"
jq -e '.agents[0].state == "exited" and .agents[0].events_per_s == 0 and .events_per_s == 0 and
	all(.series[]; .rate == 0)' "$TMPDIR/s.json" >/dev/null ||
	fail "after exit: $(jq -c '.agents' "$TMPDIR/s.json")"

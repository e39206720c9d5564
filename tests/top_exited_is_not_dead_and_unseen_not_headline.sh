#!/usr/bin/env bash
# An agent that closed its ring is "exited", one whose writer died without
# closing it is "dead", in the rows and in the summary line.  Events this
# monitor did not get to (what a reader polling at its interval would
# lose) are the agents table's UNSEEN, not a headline "missed".
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name clean --count 10 --rate 0 >/dev/null
bg nixl_agent --dir "$D" --name crashed --rate 100
wait_for live crashed
kill -KILL "$BG_PID"
wait "$BG_PID" 2>/dev/null || true
bg nixl_agent --dir "$D" --name busy --rate 0
wait_for live busy

state() {
	[ "$(snap | jq -r --arg n "$1" '.agents[] | select(.name == $n) | .state')" = "$2" ]
}
wait_for state crashed dead
telemetry_top -b -n 3 -d 0.3 -v agents -w 120 "$D" >"$TMPDIR/out" || fail "exit $?"
last=$(awk '/^telemetry_top /{ n++ } n == 3' "$TMPDIR/out")
grep -q '^Agents: 1 live, 1 exited, 1 dead, 0 unreadable   Events: [^ ]*/s, 0 dropped$' <<<"$last" ||
	fail "summary: $(grep '^Agents' <<<"$last")"
grep -Eq '^clean +[0-9]+ +exited ' <<<"$last" || fail "clean: $last"
grep -Eq '^crashed +[0-9]+ +dead ' <<<"$last" || fail "crashed: $last"
grep -Eq '^AGENT.* EV/S +UNSEEN +DROPPED ' <<<"$last" || fail "columns: $(grep '^AGENT' <<<"$last")"
grep -qi 'missed' <<<"$last" && fail "says missed: $last"
# JSON: "dead" counts every agent that is not live, "exited" the clean ones.
snap | jq -e '.live == 1 and .dead == 2 and .exited == 1' >/dev/null ||
	fail "json summary: $(snap | jq -c '{live, dead, exited}')"

# The screen says the same.
tm_top 100 24 "-C -d 0.3 $D"
tm_wait '^Agents: 1 live, 1 exited, 1 dead, 0 unreadable   Events: '
tm_wait '^crashed +[0-9]+ +dead '
tm_has '^clean +[0-9]+ +exited ' || fail "screen: $(tm_screen)"
tm_has 'missed' && fail "screen says missed: $(tm_screen)"
tm_end

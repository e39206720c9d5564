#!/usr/bin/env bash
# telemetry_top --json reports, for every series of two agents that have
# exited, exactly the count and sum the agents say they emitted, and
# shows both agents as exited.
. "$SRC/tests/tools/top_lib.sh"

nixl_agent --dir "$D" --name alpha --count 700 --rate 0 --summary >"$TMPDIR/alpha.sum"
nixl_agent --dir "$D" --name beta --count 3000 --rate 0 --seed 7 --summary >"$TMPDIR/beta.sum"
snap >"$TMPDIR/snap.json"

jq -e '[.agents[].name] == ["alpha", "beta"]' "$TMPDIR/snap.json" >/dev/null ||
	fail "agents: $(jq -c '[.agents[].name]' "$TMPDIR/snap.json")"
jq -e 'all(.agents[]; .state == "exited" and .up == false) and .live == 0 and .dead == 2' \
	"$TMPDIR/snap.json" >/dev/null || fail "states: $(jq -c '.agents' "$TMPDIR/snap.json")"

checked=0
for agent in alpha beta; do
	while read -r name count sum; do
		case $name in
		not_posted | backend | not_found | remote_disconnect)
			sel="select(.name == \"agent_errors\" and .labels.status == \"$name\")" ;;
		*)
			sel="select(.name == \"$name\" and .labels == {})" ;;
		esac
		got=$(jq -r --arg a "$agent" ".series[] | select(.agent == \$a) | $sel |
			\"count=\(.count) sum=\(.sum)\"" "$TMPDIR/snap.json")
		[ "$got" = "$count $sum" ] || fail "$agent $name: telemetry_top says '$got', agent said '$count $sum'"
		checked=$((checked + 1))
	done <"$TMPDIR/$agent.sum"
done
[ "$checked" -eq 24 ] || fail "checked $checked series, expected 24"

#!/usr/bin/env bash
# An empty directory is not a blank table: the agents view says that it
# waits for agents and how a program puts one there (as telemetry_reader
# says "waiting for agents"), on the screen and in batch text; the series
# view points there; the first agent to appear replaces the message.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

telemetry_top -b -n 1 -v agents -w 200 "$D" >"$TMPDIR/out" || fail "batch: exit $?"
tr '\n' ' ' <"$TMPDIR/out" | grep -q "No agents in $D yet; waiting for them to appear\. .*NIXL_TELEMETRY_DIR=$D" ||
	fail "batch: $(cat "$TMPDIR/out")"

tm_top 80 24 "-C -d 0.2 $D"
tm_wait '^No agents in .* yet; waiting for them to appear\.'
tm_has 'NIXL_TELEMETRY_ENABLE=y' || fail "what to do: $(tm_screen)"
tm_has 'telemetry_nixl' || fail "bridges: $(tm_screen)"
[ "$(tm_screen | wc -L)" -le 80 ] || fail "wider than 80 columns: $(tm_screen)"
tm_keys 2
tm_wait '^No series: there are no agents yet \(key 1: the agents view says why\)\.$'
tm_keys 1
nixl_agent --dir "$D" --name late --count 10 --rate 0 >/dev/null
tm_wait '^late '
tm_wait_not '^No agents'
tm_end

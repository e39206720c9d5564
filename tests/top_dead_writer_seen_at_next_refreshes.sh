#!/usr/bin/env bash
# A writer killed while it writes is "dead" within two refreshes: the
# monitor asks for a ring's lock only at refreshes in which the ring wrote
# nothing, so the refresh under way at the kill may still show it live,
# the one after must not.  A writer that writes nothing stays "live" all
# along, its lock asked at every refresh.
. "$SRC/tests/tools/top_lib.sh"

bg nixl_agent --dir "$D" --name steady --rate 0
bg nixl_agent --dir "$D" --name victim --rate 200
victim=$BG_PID
wait_for live victim
wait_for live steady
out=$TMPDIR/out
telemetry_top -b -d 0.3 -n 20 -v agents -w 120 "$D" >"$out" &
top=$!
BG_PIDS="$BG_PIDS $top"
snapshots() { grep -c '^telemetry_top ' "$out" || true; }
at_least() { [ "$(snapshots)" -ge "$1" ]; }
state_in() {	# SNAPSHOT NAME: NAME's state in the SNAPSHOT-th refresh
	awk -v s="$1" -v n="$2" '/^telemetry_top /{ i++ } i == s && $1 == n { print $3; exit }' "$out"
}
wait_for at_least 3
[ "$(state_in 2 victim)" = live ] || fail "victim not live while writing: $(state_in 2 victim)"
kill -KILL "$victim"
wait "$victim" 2>/dev/null || true
k=$(snapshots)
wait_for at_least $((k + 3))
wait "$top" || fail "telemetry_top exit $?"
[ "$(state_in $((k + 2)) victim)" = dead ] ||
	fail "victim in refreshes $k..$((k + 2)): $(for i in 0 1 2; do state_in $((k + i)) victim; done)"
total=$(snapshots)
for ((i = 1; i <= total; i++)); do
	[ "$(state_in "$i" steady)" = live ] || fail "steady in refresh $i: $(state_in "$i" steady)"
done

#!/usr/bin/env bash
# A writer killed while it writes is "dead" within two refreshes: the
# monitor asks for a ring's lock only at refreshes in which the ring wrote
# nothing, so the refresh under way at the kill may still show it live,
# the one after must not.  A writer that writes nothing stays "live" all
# along, its lock asked at every refresh.  Both on the descriptor the
# monitor keeps for a ring and, under an open-file limit too low to keep
# any (64 are left for the rest), through the ring's path.
. "$SRC/tests/tools/top_lib.sh"

# run TAG [LIMIT]: the scenario, with its own agents, under ulimit -n LIMIT if given.
run() {
	local tag=$1 limit=${2:-} victim top out=$TMPDIR/out.$1 k total held
	bg nixl_agent --dir "$D" --name "steady$tag" --rate 0
	bg nixl_agent --dir "$D" --name "victim$tag" --rate 200
	victim=$BG_PID
	wait_for live "victim$tag"
	wait_for live "steady$tag"
	(
		[ -z "$limit" ] || ulimit -n "$limit" || exit 77
		exec telemetry_top -b -d 0.3 -n 20 -v agents -w 120 "$D"
	) >"$out" &
	top=$!
	BG_PIDS="$BG_PIDS $top"
	snapshots() { grep -c '^telemetry_top ' "$out" || true; }
	at_least() { [ "$(snapshots)" -ge "$1" ]; }
	state_in() {	# SNAPSHOT NAME: NAME's state in the SNAPSHOT-th refresh
		awk -v s="$1" -v n="$2" '/^telemetry_top /{ i++ } i == s && $1 == n { print $3; exit }' "$out"
	}
	wait_for at_least 3
	# The descriptors it holds on rings: one per ring, or none at all.
	held=$(find "/proc/$top/fd" -lname "$D/*" 2>/dev/null | wc -l)
	if [ -z "$limit" ]; then
		[ "$held" -ge 2 ] || fail "$tag: holds $held ring descriptors, want one per ring"
	else
		[ "$held" -eq 0 ] || fail "$tag: holds $held ring descriptors under ulimit -n $limit"
	fi
	[ "$(state_in 2 "victim$tag")" = live ] || fail "$tag: victim not live while writing: $(state_in 2 "victim$tag")"
	kill -KILL "$victim"
	wait "$victim" 2>/dev/null || true
	k=$(snapshots)
	wait_for at_least $((k + 3))
	wait "$top" || fail "$tag: telemetry_top exit $?"
	[ "$(state_in $((k + 2)) "victim$tag")" = dead ] ||
		fail "$tag: victim in refreshes $k..$((k + 2)): $(for i in 0 1 2; do state_in $((k + i)) "victim$tag"; done)"
	total=$(snapshots)
	for ((i = 1; i <= total; i++)); do
		[ "$(state_in "$i" "steady$tag")" = live ] || fail "$tag: steady in refresh $i: $(state_in "$i" "steady$tag")"
	done
}

run kept
run bypath 40

#!/usr/bin/env bash
# End to end: NIXL-format writer processes push while telemetry_nixl runs;
# telemetry_prom --compat nixl then exports, under NIXL's own family names
# and agent_name (the ring's name without "nixl-"), exactly the totals the
# writers pushed (what they dropped on a full ring excluded).
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
agents="alpha beta gamma"
nixl_writer --create --version 1 --capacity 1024 --count 0 "$in/alpha"
nixl_writer --create --version 3 --capacity 1024 --count 0 "$in/beta"
nixl_writer --create --version 4 --capacity 1024 --count 0 "$in/gamma"
telemetry_nixl --dir "$out" "$in" 2>"$TMPDIR/err" &
bridge=$!
trap 'kill $bridge 2>/dev/null || true' EXIT
seed=1
for a in $agents; do
	nixl_writer --count 5000 --rate 20000 --mix --seed $seed --summary "$in/$a" >"$TMPDIR/$a.sum" &
	seed=$((seed + 1))
done
wait_writers() { for p in $(jobs -p); do [ "$p" = "$bridge" ] || wait "$p"; done; }
wait_writers

# prom_value FAMILY AGENT [STATUS]: the sample's value, or nothing.
prom_value() {
	awk -v fam="$1" -v agent="agent_name=\"$2\"" -v status="${3:+status=\"$3\"}" '
		index($0, fam "{") == 1 && index($0, agent) && (status == "" || index($0, status)) {
			print $NF; exit
		}' "$TMPDIR/prom"
}
# check_agent AGENT: every family shows what the writer's summary says.
check_agent() {
	local a=$1 name count sum
	while read -r name count sum; do
		count=${count#count=} sum=${sum#sum=}
		case $name in
		dropped_by_writer) continue ;;
		agent_xfer_time | agent_xfer_post_time)
			want_eq "${name}_total" "$a" "" "$sum" || return 1
			want_eq "${name}_us_count" "$a" "" "$count" || return 1
			want_eq "${name}_us_sum" "$a" "" "$sum" || return 1 ;;
		agent_*) want_eq "${name}_total" "$a" "" "$sum" || return 1 ;;
		*) want_eq agent_errors_total "$a" "$name" "$count" || return 1 ;;
		esac
	done <"$TMPDIR/$a.sum"
}
want_eq() { # FAMILY AGENT STATUS VALUE
	local got
	got=$(prom_value "$1" "$2" "$3")
	awk -v g="$got" -v w="$4" 'BEGIN { exit !(g != "" && g + 0 == w + 0) }' && return 0
	echo "$1{agent_name=$2${3:+,status=$3}}: got '${got}', want $4" >"$TMPDIR/why"
	return 1
}
all_match() {
	telemetry_prom --compat nixl "$out" >"$TMPDIR/prom" 2>"$TMPDIR/prom.err" || return 1
	for a in $agents; do check_agent "$a" || return 1; done
}
wait_within 60 all_match || fail "$(cat "$TMPDIR/why" "$TMPDIR/prom.err" 2>/dev/null)"
grep -q '^agent_telemetry_events_dropped ' "$TMPDIR/gamma.sum" || fail "no version-4 drop events pushed"
kill -TERM $bridge
wait $bridge || fail "bridge exited $?"
trap - EXIT
[ ! -s "$TMPDIR/err" ] || fail "bridge stderr: $(cat "$TMPDIR/err")"

#!/usr/bin/env bash
# Counters (and histogram counts and sums) equal the totals the example
# agent emitted, even when it emitted far more events than its ring holds:
# values come from the registry's aggregates, never from the ring.
source "$SRC/tests/tools/prom_lib.bash"
NIXL_TELEMETRY_BUFFER_SIZE=64 nixl_agent --dir "$D" --name nixl-big --count 20000 --rate 0 \
	--summary >"$TMPDIR/sum"
telemetry_prom --compat nixl "$D" >"$TMPDIR/out.prom" || fail "exit $?"
O=$TMPDIR/out.prom
A='agent="nixl-big"'
written=$(prom_sample "$O" shmtel_events_written_total "$A")
capacity=$(prom_sample "$O" shmtel_ring_capacity_events "$A")
[ "$written" -gt $((capacity * 100)) ] || fail "ring did not wrap: $written events, capacity $capacity"

eq() { # WHAT GOT WANT
	awk -v g="$2" -v w="$3" 'BEGIN { exit !(g != "" && g + 0 == w + 0) }' ||
		fail "$1: exported '$2', agent emitted $3"
}
near() { # WHAT GOT WANT: equal to 1e-12 relative (values converted to seconds)
	awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= 1e-12 * w) }' ||
		fail "$1: exported '$2', agent emitted $3"
}
n=0
while read -r name count sum; do
	count=${count#count=} sum=${sum#sum=}
	case $name in
	agent_xfer_time | agent_xfer_post_time)
		eq "${name}_seconds_count" "$(prom_sample "$O" "shmtel_${name}_seconds_count" "$A")" "$count"
		near "${name}_seconds_sum" "$(prom_sample "$O" "shmtel_${name}_seconds_sum" "$A")" \
			"$(awk -v s="$sum" 'BEGIN { printf "%.17g", s / 1e6 }')"
		eq "${name}_us_sum" "$(prom_sample "$O" "${name}_us_sum" 'agent_name="big"')" "$sum"
		eq "${name}_total" "$(prom_sample "$O" "${name}_total" 'agent_name="big"')" "$sum" ;;
	agent_memory_registered | agent_memory_deregistered)
		eq "$name" "$(prom_sample "$O" "shmtel_${name}_bytes_total" "$A")" "$sum" ;;
	agent_*)
		eq "$name" "$(prom_sample "$O" "shmtel_${name}_total" "$A")" "$sum" ;;
	*)
		eq "status $name" "$(prom_sample "$O" shmtel_agent_errors_total "$A" "status=\"$name\"")" "$sum"
		eq "compat status $name" \
			"$(prom_sample "$O" agent_errors_total 'agent_name="big"' "status=\"$name\"")" "$sum" ;;
	esac
	n=$((n + 1))
done <"$TMPDIR/sum"
[ "$n" -ge 10 ] || fail "only $n series in the agent's summary"

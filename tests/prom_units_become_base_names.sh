#!/usr/bin/env bash
# Default names follow Prometheus conventions: snake_case, _total on
# counters, base units (bytes stay bytes, ms and ns become seconds with
# the values converted, percent becomes a 0-1 _ratio), other units not
# appended, and no suffix doubled when the name already has it.
source "$SRC/tests/tools/prom_lib.bash"
{
	spec counter u64 TRANSFER bytes txBytes - 100,28
	spec gauge u64 PERFORMANCE ms queue_wait_ms - 250
	spec counter u64 PERFORMANCE ns busy_time - 1500000000,500000000
	spec gauge f64 SYSTEM percent load - 42.5
	spec gauge u64 SYSTEM fps rate - 30
	spec counter u64 CUSTOM - requests_total - 1,1,1
	spec gauge f64 PERFORMANCE s latency_seconds - 0.75
} | fixture u
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "exit $?"
check() { # FAMILY TYPE VALUE
	local t v
	t=$(prom_type "$TMPDIR/out.prom" "$1")
	v=$(prom_sample "$TMPDIR/out.prom" "$1" 'agent="u"')
	[ "$t" = "$2" ] && [ "$v" = "$3" ] || fail "$1: type '$t' value '$v', want $2 $3"
}
check shmtel_tx_bytes_total counter 128
check shmtel_queue_wait_seconds gauge 0.25
check shmtel_busy_time_seconds_total counter 2
check shmtel_load_ratio gauge 0.425
check shmtel_rate gauge 30
check shmtel_requests_total counter 3
check shmtel_latency_seconds gauge 0.75
prom_clean "$TMPDIR/out.prom"

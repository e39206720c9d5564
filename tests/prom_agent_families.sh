#!/usr/bin/env bash
# Per agent: ring capacity (events per lane times lanes), events written
# and dropped by writers, registered series, the writer's start time and
# the newest event's time in seconds since the epoch, labelled with the
# agent and the pid of the process the ring describes (a bridge's source
# pid, not its own).
source "$SRC/tests/tools/prom_lib.bash"
t0=$(date +%s.%N)
{
	spec counter u64 CUSTOM - a - 1,2,3
	spec gauge u64 CUSTOM - b - 4,5
	spec counter u64 CUSTOM - c - -
} | fixture bridged --source-pid 4242 --capacity 64 --lanes 2
t1=$(date +%s.%N)
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "exit $?"
A='agent="bridged",pid="4242"'
v() { prom_sample "$TMPDIR/out.prom" "$1" "$A"; }
[ "$(v shmtel_ring_capacity_events)" = 128 ] || fail "capacity $(v shmtel_ring_capacity_events)"
[ "$(v shmtel_events_written_total)" = 5 ] || fail "written $(v shmtel_events_written_total)"
[ "$(v shmtel_events_dropped_total)" = 0 ] || fail "dropped $(v shmtel_events_dropped_total)"
[ "$(v shmtel_registered_series)" = 3 ] || fail "series $(v shmtel_registered_series)"
start=$(v shmtel_process_start_time_seconds) last=$(v shmtel_last_event_time_seconds)
# The start time comes from /proc: boot time in whole seconds plus clock
# ticks, so it may read up to a second early.
awk -v s="$start" -v l="$last" -v t0="$t0" -v t1="$t1" \
	'BEGIN { exit !(s != "" && l != "" && s >= t0 - 1.02 && s <= t1 && l >= t0 && l <= t1) }' ||
	fail "times: start $start, last event $last, test ran $t0..$t1"
[ "$(grep -c 'agent="bridged"' "$TMPDIR/out.prom")" = "$(grep -c "$A" "$TMPDIR/out.prom")" ] ||
	fail "a sample without pid 4242"

#!/usr/bin/env bash
# The host collector: MemTotal and MemAvailable of meminfo in bytes, and
# CPU utilization from the deltas of /proc/stat between two samples
# (idle and iowait are not busy), for all CPUs and each one.
. "$SRC/tests/tools/power_lib.sh"

P=$TMPDIR/proc
put "$P/meminfo" "MemTotal:        1000 kB
MemFree:          100 kB
MemAvailable:     250 kB"
put "$P/stat" "cpu  100 0 100 800 0 0 0 0 0 0
cpu0 50 0 50 400 0 0 0 0 0 0
cpu1 50 0 50 400 0 0 0 0 0 0
intr 1"
start_power --interval 50 --collectors host --procfs "$P"
wait_within "$WAIT_SECS" is_value 'shmtel_memory_total_bytes{source="host"}' 1024000 || fail "MemTotal"
is_value 'shmtel_memory_available_bytes{source="host"}' 256000 || fail "MemAvailable"
# all: 100 busy of 200 jiffies; cpu1: 10 busy of 100.
put "$P/stat" "cpu  150 0 150 900 0 0 0 0 0 0
cpu0 120 0 50 400 0 20 0 0 0 0
cpu1 50 0 60 490 0 0 0 0 0 0
intr 1"
wait_within "$WAIT_SECS" is_value 'shmtel_cpu_utilization_ratio{cpu="all",source="host"}' 0.5 ||
	fail "all: $(value_of 'shmtel_cpu_utilization_ratio{cpu="all",source="host"}' || echo none), want 0.5"
is_value 'shmtel_cpu_utilization_ratio{cpu="cpu1",source="host"}' 0.1 || fail "cpu1"
stop_power

#!/usr/bin/env bash
# A RAPL zone's energy_uj wraps at max_energy_range_uj: when the file
# goes from 900 to 100 with a range of 1000 between two samples, the
# energy counter grows by the 200 uJ that passed, and keeps growing
# exactly after that; power comes from the same deltas.
. "$SRC/tests/tools/power_lib.sh"

S=$TMPDIR/sys
rapl_zone "$S" 0 package-0 900 1000
start_power --interval 50 --collectors rapl --sysfs "$S"
J='shmtel_energy_joules_total{index="0",source="rapl",zone="package-0"}'
wait_within "$WAIT_SECS" is_value "$J" 0.0009 || fail "counter never showed 900 uJ"
put "$S/class/powercap/intel-rapl:0/energy_uj" 100
wait_within "$WAIT_SECS" is_value "$J" 0.0011 || fail "after the wrap: $(value_of "$J"), want 0.0011 J"
put "$S/class/powercap/intel-rapl:0/energy_uj" 350
wait_within "$WAIT_SECS" is_value "$J" 0.00135 || fail "after the wrap: $(value_of "$J"), want 0.00135 J"
value_of 'shmtel_power_watts{index="0",source="rapl",zone="package-0"}' >/dev/null ||
	fail "no RAPL power"
stop_power

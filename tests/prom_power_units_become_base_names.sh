#!/usr/bin/env bash
# The units the power collectors declare become Prometheus base units:
# an energy counter in uJ exports as _joules_total in joules (exact while
# the sum is), watts, celsius, volts, amperes and hertz gauges take their
# base unit's suffix with the value scaled, rpm stays rpm.
source "$SRC/tests/tools/prom_lib.bash"
{
	spec counter u64 SYSTEM uJ energy - 1500000,2500000
	spec counter u64 SYSTEM mJ gpu_energy - 1250
	spec gauge f64 SYSTEM W power - 12.5
	spec gauge f64 SYSTEM mW rail_power - 2390
	spec gauge f64 SYSTEM celsius temperature - -4.5
	spec gauge f64 SYSTEM mV voltage - 1250
	spec gauge f64 SYSTEM mA current - 350
	spec gauge f64 SYSTEM MHz cpu_frequency - 2201
	spec gauge f64 SYSTEM rpm fan - 1200
} | fixture p
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "exit $?"
check() { # FAMILY TYPE VALUE
	local t v
	t=$(prom_type "$TMPDIR/out.prom" "$1")
	v=$(prom_sample "$TMPDIR/out.prom" "$1" 'agent="p"')
	[ "$t" = "$2" ] && [ "$v" = "$3" ] || fail "$1: type '$t' value '$v', want $2 $3"
}
check shmtel_energy_joules_total counter 4
check shmtel_gpu_energy_joules_total counter 1.25
check shmtel_power_watts gauge 12.5
check shmtel_rail_power_watts gauge 2.39
check shmtel_temperature_celsius gauge -4.5
check shmtel_voltage_volts gauge 1.25
check shmtel_current_amperes gauge 0.35
check shmtel_cpu_frequency_hertz gauge 2201000000
check shmtel_fan_rpm gauge 1200
prom_clean "$TMPDIR/out.prom"

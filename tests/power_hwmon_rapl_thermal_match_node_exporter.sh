#!/usr/bin/env bash
# Every hwmon power/temperature/voltage/current/fan value and temperature
# limit (temp*_max, temp*_crit), every RAPL zone's joules and every
# thermal zone's temperature that node_exporter reports for its own sysfs
# fixture, telemetry_power reports too, for the same sensor, with the same
# value (within 1e-9 relative): through the ring and telemetry_prom,
# compared sensor by sensor.
. "$SRC/tests/tools/power_lib.sh"

unpack_fixture
telemetry_power --once --dir "$TD" --sysfs "$FX/sys" --procfs "$FX/proc" \
	--collectors rapl,hwmon,thermal 2>"$TMPDIR/err" || { cat "$TMPDIR/err"; fail "--once failed"; }
ours label >"$TMPDIR/ours"
prom_norm <"$NE_FIXTURES/expected-hwmon-rapl-thermal.prom" | node_to_ours >"$TMPDIR/want"
n=$(compare_values "$TMPDIR/want" "$TMPDIR/ours") || fail "values differ from node_exporter's"
# The fixture has 15 hwmon temperatures, 12 with a max and a crit, 2
# voltages, 3 fans, 2 RAPL zones, 1 thermal zone (without trip points).
[ "$n" -eq 47 ] || fail "compared $n values, expected 47"
# And nothing of those families that node_exporter does not have.
extra=$(grep -E '^shmtel_(temperature(_max|_crit)?_celsius|voltage_volts|current_amperes|fan_rpm|power_watts|energy_joules_total)\{' \
	"$TMPDIR/ours" | wc -l)
[ "$extra" -eq "$n" ] || fail "$extra series of those families, node_exporter has $n"
echo "$n values equal node_exporter's"

#!/usr/bin/env bash
# hwmon power and energy nodes laid out as the kernel documents INA260,
# INA3221 and amd_energy: power*_input (uW) and, where a chip has no
# input, power*_average become watts; energy*_input (uJ) an exact joule
# counter; in*_input (mV) volts; curr*_input (mA) amperes; *_label the
# label label.
. "$SRC/tests/tools/power_lib.sh"

S=$TMPDIR/sys
H=$S/class/hwmon
put "$H/hwmon0/name" ina260
put "$H/hwmon0/power1_input" 1234567
put "$H/hwmon0/curr1_input" 1250
put "$H/hwmon0/in1_input" 5012
put "$H/hwmon1/name" ina3221
for i in 1 2 3; do
	put "$H/hwmon1/in${i}_input" $((5000 + i))
	put "$H/hwmon1/curr${i}_input" $((100 * i))
done
put "$H/hwmon1/in1_label" VDD_IN
put "$H/hwmon2/name" amd_energy
put "$H/hwmon2/energy1_input" 123456789
put "$H/hwmon2/energy1_label" Ecore000
put "$H/hwmon2/energy2_input" 9007199254740993
put "$H/hwmon2/energy2_label" Esocket0
put "$H/hwmon3/name" acpi_power
put "$H/hwmon3/power1_average" 15000000
telemetry_power --once --dir "$TD" --sysfs "$S" --collectors hwmon 2>"$TMPDIR/err" ||
	fail "--once failed: $(cat "$TMPDIR/err")"
check() {
	is_value "$1" "$2" || fail "$1 is $(value_of "$1" || echo missing), want $2"
}
check 'shmtel_power_watts{chip="ina260",sensor="power1",source="hwmon"}' 1.234567
check 'shmtel_current_amperes{chip="ina260",sensor="curr1",source="hwmon"}' 1.25
check 'shmtel_voltage_volts{chip="ina260",sensor="in1",source="hwmon"}' 5.012
check 'shmtel_voltage_volts{chip="ina3221",label="VDD_IN",sensor="in1",source="hwmon"}' 5.001
check 'shmtel_voltage_volts{chip="ina3221",sensor="in3",source="hwmon"}' 5.003
check 'shmtel_current_amperes{chip="ina3221",sensor="curr2",source="hwmon"}' 0.2
check 'shmtel_energy_joules_total{chip="amd_energy",label="Ecore000",sensor="energy1",source="hwmon"}' 123.456789
check 'shmtel_power_watts{chip="acpi_power",sensor="power1",source="hwmon"}' 15
n=$(ours | grep -c '^shmtel_energy_joules_total{chip="amd_energy",label="Esocket0"' || true)
[ "$n" -eq 1 ] || fail "no Esocket0 energy"
grep -q '^# TYPE shmtel_energy_joules_total counter' <(telemetry_prom "$TD") ||
	fail "energy is not exported as a counter"

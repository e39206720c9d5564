#!/usr/bin/env bash
# NIXL_TELEMETRY_ENABLED_METRICS=power* keeps the power series and
# leaves every other one out of the ring (the library's selection).
. "$SRC/tests/tools/power_lib.sh"

S=$TMPDIR/sys
put "$S/class/hwmon/hwmon0/name" ina260
put "$S/class/hwmon/hwmon0/power1_input" 3000000
put "$S/class/hwmon/hwmon0/in1_input" 5000
put "$S/class/hwmon/hwmon0/temp1_input" 30000
NIXL_TELEMETRY_ENABLED_METRICS='power*' telemetry_power --once --dir "$TD" --sysfs "$S" 2>"$TMPDIR/err" ||
	fail "--once failed: $(cat "$TMPDIR/err")"
is_value 'shmtel_power_watts{chip="ina260",sensor="power1",source="hwmon"}' 3 || fail "power left out"
n=$(ours | grep -Ec '^shmtel_(voltage|temperature|memory|cpu|energy|fan|current)' || true)
[ "$n" -eq 0 ] || fail "$n series the glob does not select"

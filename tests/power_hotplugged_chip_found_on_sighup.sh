#!/usr/bin/env bash
# A hwmon chip that appears after the start (a driver loaded, a board
# plugged in) is found when SIGHUP forces a rescan: its series appear,
# and the chips already there keep reporting.
. "$SRC/tests/tools/power_lib.sh"

S=$TMPDIR/sys
put "$S/class/hwmon/hwmon0/name" coretemp
put "$S/class/hwmon/hwmon0/temp1_input" 40000
start_power --interval 50 --collectors hwmon --sysfs "$S"
OLD='shmtel_temperature_celsius{chip="coretemp",sensor="temp1",source="hwmon"}'
NEW='shmtel_power_watts{chip="ina260",label="VBUS",sensor="power1",source="hwmon"}'
wait_within "$WAIT_SECS" is_value "$OLD" 40 || fail "first chip never landed"
put "$S/class/hwmon/hwmon1/name" ina260
put "$S/class/hwmon/hwmon1/power1_input" 2500000
put "$S/class/hwmon/hwmon1/power1_label" VBUS
kill -HUP "$POWER_PID"
wait_within "$WAIT_SECS" is_value "$NEW" 2.5 || fail "hot-plugged chip not found after SIGHUP"
put "$S/class/hwmon/hwmon0/temp1_input" 41000
wait_within "$WAIT_SECS" is_value "$OLD" 41 || fail "first chip stopped after the rescan"
stop_power

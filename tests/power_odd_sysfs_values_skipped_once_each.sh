#!/usr/bin/env bash
# Sensor files as odd drivers leave them - empty, "abc", a number too big
# for any sensor, a read that fails (a directory where the value should
# be) - are each a counted skip with one warning however many samples
# and rescans run, never a crash; negative temperatures are real readings.
. "$SRC/tests/tools/power_lib.sh"

S=$TMPDIR/sys
H=$S/class/hwmon/hwmon0
put "$H/name" odd
: >"$H/temp1_input"
put "$H/temp2_input" abc
put "$H/temp3_input" 99999999999999999999
mkdir -p "$H/temp4_input"
put "$H/temp5_input" -5000
put "$H/in0_input" ""
put "$S/class/thermal/thermal_zone0/type" outdoor
put "$S/class/thermal/thermal_zone0/temp" -12500
start_power --interval 20 --collectors hwmon,thermal --sysfs "$S"
wait_within "$WAIT_SECS" is_value 'shmtel_temperature_celsius{chip="odd",sensor="temp5",source="hwmon"}' -5 ||
	fail "negative hwmon temperature lost: $(cat "$TMPDIR/power.err")"
wait_within "$WAIT_SECS" is_value 'shmtel_temperature_celsius{source="thermal",type="outdoor",zone="0"}' -12.5 ||
	fail "negative thermal temperature lost"
# Two good series per sample: wait for ten samples.
wait_within "$WAIT_SECS" written 20 || fail "fewer than ten samples"
# A rescan makes the sensors afresh: a file that stays bad is still said once.
kill -HUP "$POWER_PID"
wait_within "$WAIT_SECS" grep -q 'SIGHUP' "$TMPDIR/power.err" || fail "no rescan"
wait_within "$WAIT_SECS" written 40 || fail "fewer than ten samples after the rescan"
stop_power
for f in temp1_input temp2_input temp3_input temp4_input in0_input; do
	n=$(grep -c "hwmon0/$f:" "$TMPDIR/power.err" || true)
	[ "$n" -eq 1 ] || { cat "$TMPDIR/power.err"; fail "$f warned $n times, want once"; }
done
samples=$(sed -n 's/.*: \([0-9]*\) samples, .*/\1/p' "$TMPDIR/power.err")
skipped=$(sed -n 's/.* \([0-9]*\) readings skipped/\1/p' "$TMPDIR/power.err")
[ "$skipped" -eq $((5 * samples)) ] || fail "$skipped skipped in $samples samples, want $((5 * samples))"
n=$(ours | grep -c '^shmtel_.*chip="odd"' || true)
[ "$n" -eq 1 ] || fail "$n series of the odd chip, want only temp5"

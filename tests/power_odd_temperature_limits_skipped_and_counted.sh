#!/usr/bin/env bash
# Temperature limits that no part has - garbage text, an empty file, 0
# (what drivers leave unset, as x86_pkg_temp's passive trips), a figure
# outside -100..300 C (the kernel's "invalid trip" -274 C) - are skipped:
# each counted once per probe, said once however many samples and
# rescans run, never exported as a limit; the good limits and every
# temperature beside them still are.
. "$SRC/tests/tools/power_lib.sh"

S=$TMPDIR/sys
H=$S/class/hwmon/hwmon0
put "$H/name" odd
put "$H/temp1_input" 40000
put "$H/temp1_max" abc
put "$H/temp1_crit" 0
put "$H/temp2_input" 41000
put "$H/temp2_max" 400000
put "$H/temp2_crit" 95000
put "$H/temp3_input" 42000
: >"$H/temp3_max"
Z=$S/class/thermal/thermal_zone0
put "$Z/type" x86_pkg_temp
put "$Z/temp" 47000
put "$Z/trip_point_0_type" passive
put "$Z/trip_point_0_temp" 0
put "$Z/trip_point_1_type" critical
put "$Z/trip_point_1_temp" 'hot!'
put "$Z/trip_point_2_type" hot
put "$Z/trip_point_2_temp" -274000
put "$Z/trip_point_3_type" critical
put "$Z/trip_point_3_temp" 100000
ODD="hwmon0/temp1_max hwmon0/temp1_crit hwmon0/temp2_max hwmon0/temp3_max
thermal_zone0/trip_point_0_temp thermal_zone0/trip_point_1_temp thermal_zone0/trip_point_2_temp"

start_power --interval 20 --collectors hwmon,thermal --sysfs "$S"
wait_within "$WAIT_SECS" is_value 'shmtel_temperature_crit_celsius{chip="odd",sensor="temp2",source="hwmon"}' 95 ||
	fail "good hwmon limit lost: $(tr '\n' ' ' <"$TMPDIR/power.err")"
wait_within "$WAIT_SECS" is_value 'shmtel_temperature_crit_celsius{source="thermal",type="x86_pkg_temp",zone="0"}' 100 ||
	fail "good trip point lost: $(ours | grep _celsius | tr '\n' ' ')"
# Four temperatures per sample: wait for ten samples, rescan, ten more.
wait_within "$WAIT_SECS" written 40 || fail "fewer than ten samples"
kill -HUP "$POWER_PID"
wait_within "$WAIT_SECS" grep -q 'SIGHUP' "$TMPDIR/power.err" || fail "no rescan"
wait_within "$WAIT_SECS" written 80 || fail "fewer than ten samples after the rescan"
stop_power
for f in $ODD; do
	n=$(grep -c "$f:" "$TMPDIR/power.err" || true)
	[ "$n" -eq 1 ] || fail "$f warned $n times, want once: $(tr '\n' ' ' <"$TMPDIR/power.err")"
done
probes=$((1 + $(grep -c 'SIGHUP: probing again' "$TMPDIR/power.err")))
skipped=$(sed -n 's/.* \([0-9]*\) readings skipped/\1/p' "$TMPDIR/power.err")
[ "$skipped" -eq $((7 * probes)) ] || fail "$skipped skipped in $probes probes, want $((7 * probes))"
ours >"$TMPDIR/ours"
[ "$(grep -cE '^shmtel_temperature_(max|crit)_celsius\{' "$TMPDIR/ours")" -eq 2 ] ||
	fail "limits exported beside the two good ones: $(grep -E '_(max|crit)_celsius' "$TMPDIR/ours" | tr '\n' ' ')"
[ "$(grep -c '^shmtel_temperature_celsius{' "$TMPDIR/ours")" -eq 4 ] ||
	fail "temperatures lost: $(grep _celsius "$TMPDIR/ours" | tr '\n' ' ')"

#!/usr/bin/env bash
# A thermal zone's trip points, laid out as the kernel documents them
# (trip_point_K_type and trip_point_K_temp in millidegrees, K from 0),
# become its limits under the zone's own labels: the lowest "critical"
# trip as temperature_crit, the lowest "hot" or "passive" one as
# temperature_max; "active" trips (fans) are no limit and a zone without
# trips has none.  Limits are read when the zones are probed: a trip
# changed later is seen after SIGHUP, not before.
. "$SRC/tests/tools/power_lib.sh"

S=$TMPDIR/sys
# zone N TYPE TEMP: thermal_zoneN where sysfs keeps it, linked from its class.
zone() {
	local d=$S/devices/virtual/thermal/thermal_zone$1
	put "$d/type" "$2"
	put "$d/temp" "$3"
	put "$d/mode" enabled
	put "$d/policy" step_wise
	mkdir -p "$S/class/thermal"
	ln -s "../../devices/virtual/thermal/thermal_zone$1" "$S/class/thermal/thermal_zone$1"
}
# trip N K TYPE TEMP: trip point K of thermal_zoneN.
trip() {
	local d=$S/devices/virtual/thermal/thermal_zone$1
	put "$d/trip_point_$2_type" "$3"
	put "$d/trip_point_$2_temp" "$4"
	put "$d/trip_point_$2_hyst" 2000
}
zone 0 acpitz 45000
trip 0 0 critical 105000
trip 0 1 hot 95000
trip 0 2 passive 90500
trip 0 3 active 70000
trip 0 4 passive 92000
zone 1 pch_cannonlake 51000
trip 1 0 active 60000
trip 1 1 critical 120000
trip 1 2 critical 110000
zone 2 soc_dts0 48000

Z0='{source="thermal",type="acpitz",zone="0"}'
Z1='{source="thermal",type="pch_cannonlake",zone="1"}'
start_power --interval 20 --collectors thermal --sysfs "$S"
wait_within "$WAIT_SECS" is_value "shmtel_temperature_celsius$Z0" 45 ||
	fail "no zone temperature: $(tr '\n' ' ' <"$TMPDIR/power.err")"
is_value "shmtel_temperature_max_celsius$Z0" 90.5 ||
	fail "zone 0 max: $(ours | grep "$Z0" | tr '\n' ' ')"
is_value "shmtel_temperature_crit_celsius$Z0" 105 ||
	fail "zone 0 crit: $(ours | grep "$Z0" | tr '\n' ' ')"
is_value "shmtel_temperature_crit_celsius$Z1" 110 ||
	fail "zone 1 crit: $(ours | grep "$Z1" | tr '\n' ' ')"
ours >"$TMPDIR/ours"
# Three limits in all: none from active trips, none for the zone without trips.
n=$(grep -cE '^shmtel_temperature_(max|crit)_celsius\{' "$TMPDIR/ours" || true)
[ "$n" -eq 3 ] || fail "$n limit series, want 3: $(grep _celsius "$TMPDIR/ours" | tr '\n' ' ')"
# Each limit's labels are those of a temperature series, exactly.
awk '$1 ~ /^shmtel_temperature_celsius\{/ { sub(/^[^{]*/, "", $1); t[$1] = 1; next }
	$1 ~ /^shmtel_temperature_(max|crit)_celsius\{/ { l = $1; sub(/^[^{]*/, "", l)
		if (!(l in t)) { print $1; bad = 1 } }
	END { exit bad }' "$TMPDIR/ours" >"$TMPDIR/unmatched" ||
	fail "limits without a temperature of the same labels: $(tr '\n' ' ' <"$TMPDIR/unmatched")"

# A changed trip waits for the next probe.
put "$S/devices/virtual/thermal/thermal_zone0/trip_point_2_temp" 88000
now=$(value_of 'shmtel_events_written_total{}')
wait_within "$WAIT_SECS" written $((${now%.*} + 30)) || fail "fewer than ten more samples"
is_value "shmtel_temperature_max_celsius$Z0" 90.5 || fail "limit re-read without a probe"
kill -HUP "$POWER_PID"
wait_within "$WAIT_SECS" is_value "shmtel_temperature_max_celsius$Z0" 88 ||
	fail "changed trip not seen after SIGHUP: $(ours | grep "$Z0" | tr '\n' ' ')"
stop_power
grep -q ' 0 readings skipped' "$TMPDIR/power.err" ||
	fail "readings skipped: $(tr '\n' ' ' <"$TMPDIR/power.err")"

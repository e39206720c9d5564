#!/usr/bin/env bash
# telemetry_top's Power view lists the temperatures telemetry_power
# writes and nothing else: with every hwmon limit of node_exporter's
# fixture and a thermal trip point written beside them, its temperatures
# (--json and the batch table) are exactly the temperature series, one
# row each with its value, and no limit among them.
. "$SRC/tests/tools/power_lib.sh"

command -v jq >/dev/null || { echo "no jq"; exit 77; }
unpack_fixture
put "$FX/sys/class/thermal/thermal_zone0/trip_point_0_type" critical
put "$FX/sys/class/thermal/thermal_zone0/trip_point_0_temp" 90000
start_power --interval 50 --collectors hwmon,thermal --sysfs "$FX/sys"
has_limits() {
	ours >"$TMPDIR/ours" &&
		grep -q '^shmtel_temperature_crit_celsius{source="thermal",' "$TMPDIR/ours"
}
wait_within "$WAIT_SECS" has_limits || fail "no limits written: $(tr '\n' ' ' <"$TMPDIR/power.err")"
lim=$(grep -cE '^shmtel_temperature_(max|crit)_celsius\{' "$TMPDIR/ours")
grep '^shmtel_temperature_celsius{' "$TMPDIR/ours" | awk '{ print $NF + 0 }' | sort -n >"$TMPDIR/want"
[ -s "$TMPDIR/want" ] || fail "no temperature series"

listed() {
	telemetry_top --json "$TD" >"$TMPDIR/top.json" &&
		jq -e '.power.temperatures | length > 0' "$TMPDIR/top.json" >/dev/null
}
wait_within "$WAIT_SECS" listed || fail "telemetry_top lists no temperatures"
jq -r '.power.temperatures[].celsius' "$TMPDIR/top.json" | awk '{ print $1 + 0 }' | sort -n >"$TMPDIR/got"
cmp -s "$TMPDIR/want" "$TMPDIR/got" ||
	fail "top's temperatures ($(wc -l <"$TMPDIR/got")) are not the $(wc -l <"$TMPDIR/want") series ($lim limits beside): $(tr '\n' ' ' <"$TMPDIR/got")"
telemetry_top -b -n 1 -v power "$TD" >"$TMPDIR/view"
rows=$(awk '/^Temperatures/ { t = 1; next } t && /[0-9] [^ ]*C$/ { n++ } END { print n + 0 }' "$TMPDIR/view")
[ "$rows" -eq "$(wc -l <"$TMPDIR/want")" ] ||
	fail "$rows temperature rows in the Power view, want $(wc -l <"$TMPDIR/want"): $(tr '\n' ' ' <"$TMPDIR/view")"
stop_power

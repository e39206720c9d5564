#!/usr/bin/env bash
# --json's "power" key carries what the fixtures wrote: watts per source
# with the energy of the series of the same labels in J, the host total
# by the RAPL-package rule, temperatures hottest first, joules per frame
# from the Hailo FPS and bytes per joule from the NIXL byte rate.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_power_lib.sh"

power_rings
snap >"$TMPDIR/s.json"
jq -c '.power.sources' "$TMPDIR/s.json" >"$TMPDIR/src"
exp='[{"source":"rapl","what":"package-0 0","watts":42.5,"joules":3.5,"in_host_total":true},{"source":"hwmon","what":"nvme power1","watts":7.25,"joules":null,"in_host_total":false}]'
[ "$(cat "$TMPDIR/src")" = "$exp" ] || fail "sources: $(cat "$TMPDIR/src")"
[ "$(jq '.power.host_watts' "$TMPDIR/s.json")" = 42.5 ] || fail "host: $(jq .power "$TMPDIR/s.json")"
[ "$(jq -c '[.power.temperatures[] | [.sensor, .celsius]]' "$TMPDIR/s.json")" = \
	'[["nvme temp2",71.5],["k10temp temp1",55]]' ] || fail "temperatures: $(jq .power "$TMPDIR/s.json")"
[ "$(jq '.power.hailo_fps' "$TMPDIR/s.json")" = 29.97 ] || fail "fps: $(jq .power "$TMPDIR/s.json")"
jq -e '.power.joules_per_frame == 42.5 / 29.97' "$TMPDIR/s.json" >/dev/null ||
	fail "joules per frame: $(jq .power "$TMPDIR/s.json")"
# The first refresh of a ring reports averages since it was created, the
# byte rate and the value rate over the same age: bytes/s = sum x rate / count.
jq -e '([.series[] | select(.agent == "nixl-sim") | .sum * .rate / .count] | add) as $bps
	| $bps > 0 and ((.power.nixl_bytes_per_s - $bps) | fabs) <= $bps * 1e-9
	and ((.power.bytes_per_joule - $bps / 42.5) | fabs) <= $bps * 1e-9' "$TMPDIR/s.json" >/dev/null ||
	fail "bytes per joule: $(jq -c '.power, [.series[] | select(.agent == "nixl-sim")]' "$TMPDIR/s.json")"

# Nothing to divide by: no Hailo and no NIXL ring up, so both are null.
kill $BG_PIDS
wait_for sh -c "! telemetry_top --json '$D' | jq -e '.agents[] | select(.state == \"live\")' >/dev/null"
snap | jq -c '[.power.joules_per_frame, .power.bytes_per_joule, .power.host_watts]' >"$TMPDIR/n"
[ "$(cat "$TMPDIR/n")" = '[null,null,null]' ] || fail "without inputs: $(cat "$TMPDIR/n")"

#!/usr/bin/env bash
# What the real prometheus-node-exporter serves for node_exporter's sysfs
# fixture (run with --path.sysfs on the same unpacked tree, scraped with
# curl on 127.0.0.1), telemetry_power reports for the same sensors with
# the same values, temperature limits (node_hwmon_temp_max_celsius and
# _crit_celsius) included, and no limit node_exporter does not have.  Debian's node_exporter 1.5.0 names the three mt7996
# wifi chips alike, reports a collision and serves one of them: that one
# must equal one of the three chips telemetry_power keeps apart.
. "$SRC/tests/tools/power_lib.sh"

command -v prometheus-node-exporter >/dev/null || { echo "no prometheus-node-exporter"; exit 77; }
command -v curl >/dev/null || { echo "no curl"; exit 77; }
unpack_fixture
telemetry_power --once --dir "$TD" --sysfs "$FX/sys" --collectors rapl,hwmon,thermal \
	2>"$TMPDIR/err" || { cat "$TMPDIR/err"; fail "--once failed"; }
ours label >"$TMPDIR/ours"

scraped() {
	curl -sf "http://127.0.0.1:$port/metrics" >"$TMPDIR/scrape" &&
		grep -q '^node_thermal_zone_temp' "$TMPDIR/scrape"
}
alive() {
	kill -0 "$NE_PID" 2>/dev/null
}
# node_exporter needs a fixed port: try free-looking ones until one serves.
for try in 1 2 3 4 5 6 7 8 9 10; do
	port=$((20000 + RANDOM % 30000))
	prometheus-node-exporter --web.listen-address="127.0.0.1:$port" --path.sysfs="$FX/sys" \
		--collector.disable-defaults --collector.hwmon --collector.rapl \
		--collector.thermal_zone >"$TMPDIR/ne.log" 2>&1 &
	NE_PID=$!
	KILL_PIDS="$KILL_PIDS $NE_PID"
	ok_or_dead() { scraped || ! alive; }
	wait_within "$WAIT_SECS" ok_or_dead || fail "node_exporter on port $port neither serves nor exits"
	alive && break
	wait "$NE_PID" || true
	NE_PID=
done
[ -n "$NE_PID" ] || fail "no free port for node_exporter in 10 tries"
kill "$NE_PID"
wait "$NE_PID" 2>/dev/null || true

prom_norm <"$TMPDIR/scrape" | node_to_ours >"$TMPDIR/want"
# Chips node_exporter itself reported as collided: their one value must be one of ours.
collided=$(grep -o 'value:\\"[^\\]*\\" > label:<name:\\"sensor' "$TMPDIR/ne.log" |
	sed 's/value:\\"\([^\\]*\)\\".*/\1/' | sort -u || true)
: >"$TMPDIR/want.plain"
for c in $collided; do
	grep -F "chip=\"$c\"," "$TMPDIR/want" >"$TMPDIR/one" || true
	while read -r key val; do
		sensor=$(sed 's/.*sensor="\([^"]*\)".*/\1/' <<<"$key")
		grep -F "{chip=\"${c}_" "$TMPDIR/ours" | grep -F "sensor=\"$sensor\"" |
			awk -v v="$val" '$2 == v { f = 1 } END { exit !f }' ||
				fail "node_exporter's $c $sensor = $val is none of our ${c}_* chips"
	done <"$TMPDIR/one"
done
grep -vF -f <(for c in $collided; do echo "chip=\"$c\","; done; echo '@@none@@') \
	"$TMPDIR/want" >"$TMPDIR/want.plain" || true
n=$(compare_values "$TMPDIR/want.plain" "$TMPDIR/ours") ||
	fail "values differ from what node_exporter serves"
[ "$n" -ge 20 ] || fail "only $n values compared"
lim_re='^shmtel_temperature_(max|crit)_celsius\{'
nlim=$(grep -cE "$lim_re" "$TMPDIR/want.plain" || true)
[ "$nlim" -ge 2 ] || fail "node_exporter served $nlim temperature limits, the fixture has more"
ourlim=$(grep -cE "$lim_re" "$TMPDIR/ours" || true)
[ "$ourlim" -eq "$nlim" ] || fail "$ourlim temperature limits of ours, node_exporter serves $nlim"
echo "$n values ($nlim limits) equal what node_exporter serves (collided chips: ${collided:-none})"

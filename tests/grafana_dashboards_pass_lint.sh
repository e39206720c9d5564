#!/usr/bin/env bash
# The shipped Grafana dashboards pass tests/tools/dashboard_lint.sh, with
# as known metric names what is really exported on the example fleet:
# every family of telemetry_prom's output (a histogram as its _bucket, _sum
# and _count) and the node_textfile_* families a real node_exporter serves
# for that file.  And the linter is no rubber stamp: a copy of a dashboard
# with a unit removed, a duplicate panel id and an unknown metric name (in
# a collapsed row's panel) gets exactly those three findings and exit
# status 1, and a file that is not JSON is reported too.
set -euo pipefail
. "$SRC/tests/tools/common.sh"
. "$SRC/tests/tools/example_fleet.sh"
for p in jq curl prometheus-node-exporter; do
	command -v "$p" >/dev/null || { echo "no $p"; exit 77; }
done
WAIT_SECS=15
[ -n "${SANITIZE:-}" ] && WAIT_SECS=60
LINT=$SRC/tests/tools/dashboard_lint.sh
DASHBOARDS=("$SRC"/examples/grafana/*.json)
[ -f "${DASHBOARDS[0]}" ] || fail "no dashboards in examples/grafana"

NE_PID=
cleanup() {
	if [ -n "$NE_PID" ]; then
		kill "$NE_PID" 2>/dev/null || true
		wait "$NE_PID" 2>/dev/null || true
	fi
	fleet_stop
}
trap cleanup EXIT

TF=$TMPDIR/textfile
mkdir -p "$TF"
fleet_start "$TMPDIR/tel"
# The families that come last are there: the power agent's watts (from
# its second reading), the Hailo bridge's values (once it converted the
# dump) and NIXL's own drop counter (with the writer's first drops).
ready() {
	local fam
	fleet_export "$TF/shmtel.prom"
	for fam in shmtel_power_watts shmtel_hailo_network_fps shmtel_agent_telemetry_events_dropped_total; do
		grep -q "^# TYPE $fam " "$TF/shmtel.prom" || return 1
	done
}
wait_within "$WAIT_SECS" ready || fail "the fleet's export never held every source's families"

prometheus-node-exporter --web.listen-address=127.0.0.1:0 --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$TF" >"$TMPDIR/ne.log" 2>&1 &
NE_PID=$!
port() { sed -n 's/.*msg="Listening on".*address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMPDIR/ne.log" | head -n 1; }
listening() { [ -n "$(port)" ]; }
wait_within "$WAIT_SECS" listening || fail "node_exporter did not start: $(tail -n 1 "$TMPDIR/ne.log")"
scrape() { curl -sf "http://127.0.0.1:$(port)/metrics" -o "$TMPDIR/scrape"; }
wait_within "$WAIT_SECS" scrape || fail "cannot scrape node_exporter"

M=$TMPDIR/metrics
{
	awk '$1 == "#" && $2 == "TYPE" {
		if ($4 == "histogram") print $3 "_bucket\n" $3 "_sum\n" $3 "_count"
		else if ($4 == "summary") print $3 "\n" $3 "_sum\n" $3 "_count"
		else print $3
	}' "$TF/shmtel.prom"
	awk '$1 == "#" && $2 == "TYPE" && $3 ~ /^node_textfile_/ { print $3 }' "$TMPDIR/scrape"
} | sort -u >"$M"
grep -qx shmtel_up "$M" || fail "telemetry_prom exported no shmtel_up"
grep -qx node_textfile_mtime_seconds "$M" || fail "node_exporter served no node_textfile_mtime_seconds"

# findings FILE...: the linter's output; its exit status in RC.
findings() { OUT=$("$LINT" --metrics "$M" "$@") && RC=0 || RC=$?; }

findings "${DASHBOARDS[@]}"
[ "$RC" = 0 ] || fail "dashboard_lint exit $RC: $(head -n 3 <<<"$OUT" | paste -sd ';' -)"
[ -z "$OUT" ] || fail "dashboard_lint passed but printed: $(head -n 1 <<<"$OUT")"

# A broken copy: the first two panels and a collapsed row's first panel.
ORIG=$SRC/examples/grafana/shmtel-nixl.json
BROKEN=$TMPDIR/broken.json
read -r a b r < <(jq -r '[(.panels | to_entries[] | select(.value.type != "row") | .key)][0:2]
	+ [(.panels | to_entries[] | select(.value.type == "row" and (.value.panels | length) > 0) | .key)][0:1]
	| @tsv' "$ORIG")
[ -n "${r:-}" ] || fail "${ORIG##*/} has no two panels and a row with panels to break"
jq --argjson a "$a" --argjson b "$b" --argjson r "$r" '
	del(.panels[$a].fieldConfig.defaults.unit)
	| .panels[$b].id = .panels[$a].id
	| .panels[$r].panels[0].targets[0].expr += " + shmtel_no_such_metric"' "$ORIG" >"$BROKEN"
t1=$(jq -r --argjson a "$a" '.panels[$a].title' "$ORIG")
t2=$(jq -r --argjson b "$b" '.panels[$b].title' "$ORIG")
t3=$(jq -r --argjson r "$r" '.panels[$r].panels[0].title' "$ORIG")
id=$(jq -r --argjson a "$a" '.panels[$a].id' "$ORIG")

findings "$BROKEN"
[ "$RC" = 1 ] || fail "dashboard_lint exit $RC on a broken dashboard, not 1"
grep -qxF "$BROKEN: panel \"$t1\": no unit" <<<"$OUT" || fail "no finding for the removed unit: $OUT"
grep -qF "$BROKEN: panel \"$t2\": duplicate id $id " <<<"$OUT" || fail "no finding for the duplicate id: $OUT"
grep -qxF "$BROKEN: panel \"$t3\": unknown metric shmtel_no_such_metric" <<<"$OUT" ||
	fail "no finding for the unknown metric: $OUT"
[ "$(wc -l <<<"$OUT")" = 3 ] || fail "more findings than the three breaks: $(paste -sd ';' - <<<"$OUT")"

printf '{"panels": [' >"$TMPDIR/truncated.json"
findings "$TMPDIR/truncated.json"
if [ "$RC" != 1 ] || ! grep -q "^$TMPDIR/truncated.json: not valid JSON" <<<"$OUT"; then
	fail "a file that is not JSON: exit $RC, '$OUT'"
fi

#!/usr/bin/env bash
# The shipped dashboards and rules against a real Prometheus: the example
# fleet writes live telemetry, telemetry_prom --loop refreshes a real
# node_exporter's textfile directory, and Prometheus (127.0.0.1 only, a
# private storage directory, 1 s scrape and evaluation) scrapes it with
# examples/prometheus/shmtel-rules.yml loaded.  After a few scrapes every
# dashboard query and every recording rule returns data through the HTTP
# API, every rule evaluates without error, and an alert's expression
# returns a result once the test makes its condition true: an agent killed
# makes ShmtelAgentDown pending for it.
set -euo pipefail
. "$SRC/tests/tools/common.sh"
. "$SRC/tests/tools/example_fleet.sh"
for p in prometheus prometheus-node-exporter promtool jq curl; do
	command -v "$p" >/dev/null || { echo "no $p"; exit 77; }
done
RULES=$SRC/examples/prometheus/shmtel-rules.yml
DASHBOARDS=("$SRC"/examples/grafana/*.json)
[ -f "$RULES" ] || fail "no $RULES"
[ -f "${DASHBOARDS[0]}" ] || fail "no dashboards in examples/grafana"
WAIT_SECS=30
[ -n "${SANITIZE:-}" ] && WAIT_SECS=90

# Everything started here is stopped with the fleet.
trap fleet_stop EXIT

TEL=$TMPDIR/tel TF=$TMPDIR/textfile
mkdir -p "$TF"
fleet_start "$TEL"
telemetry_prom --compat nixl,hailo -H -q --loop 1s -o "$TF/shmtel.prom" "$TEL" &
FLEET_PIDS+=("$!")
wait_within "$WAIT_SECS" test -s "$TF/shmtel.prom" || fail "telemetry_prom --loop wrote nothing"

# listen_port LOG: the port a Go server bound for 127.0.0.1:0, from its log.
listen_port() { sed -n 's/.*msg="Listening on".*address=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$1" | head -n 1; }
has_port() { [ -n "$(listen_port "$1")" ]; }

prometheus-node-exporter --web.listen-address=127.0.0.1:0 --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$TF" >"$TMPDIR/ne.log" 2>&1 &
FLEET_PIDS+=("$!")
wait_within "$WAIT_SECS" has_port "$TMPDIR/ne.log" || fail "node_exporter did not start: $(tail -n 3 "$TMPDIR/ne.log")"
NE_PORT=$(listen_port "$TMPDIR/ne.log")

cp "$RULES" "$TMPDIR/shmtel-rules.yml"
cat >"$TMPDIR/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [shmtel-rules.yml]
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:$NE_PORT']
EOF
promtool check config "$TMPDIR/prometheus.yml" >"$TMPDIR/check.log" 2>&1 ||
	fail "promtool check config: $(tail -n 3 "$TMPDIR/check.log")"
prometheus --config.file="$TMPDIR/prometheus.yml" --storage.tsdb.path="$TMPDIR/data" \
	--web.listen-address=127.0.0.1:0 >"$TMPDIR/prom.log" 2>&1 &
FLEET_PIDS+=("$!")
wait_within "$WAIT_SECS" has_port "$TMPDIR/prom.log" || fail "prometheus did not start: $(tail -n 3 "$TMPDIR/prom.log")"
API=http://127.0.0.1:$(listen_port "$TMPDIR/prom.log")/api/v1

# query EXPR: the JSON of an instant query (fails the test if Prometheus refuses it).
query() {
	local out
	out=$(curl -sS --data-urlencode "query=$1" "$API/query") || fail "query failed: $1"
	[ "$(jq -r .status <<<"$out")" = success ] || fail "query refused: $1: $(jq -r .error <<<"$out")"
	printf '%s\n' "$out"
}
# results EXPR: how many series (or 1 for a scalar) the query returns.
results() { query "$1" | jq '.data.result | if type == "array" then length else 1 end'; }
has_results() { [ "$(results "$1")" -gt 0 ]; }

# A few scrapes of every agent, and rates over them: enough for every query.
wait_within "$WAIT_SECS" has_results 'count_over_time(shmtel_up{agent="rank0"}[1m]) >= 5' ||
	fail "Prometheus did not scrape the agents: $(tail -n 3 "$TMPDIR/prom.log")"

# Every rule is loaded and evaluates without error.
rules=$(curl -sS "$API/rules") || fail "cannot list rules"
n_rules=$(jq '[.data.groups[].rules[]] | length' <<<"$rules")
want=$(promtool check rules "$TMPDIR/shmtel-rules.yml" 2>&1 | sed -n 's/.*SUCCESS: \([0-9]*\) rules found.*/\1/p')
[ -n "$want" ] && [ "$n_rules" = "$want" ] || fail "Prometheus loaded $n_rules rules, the file has ${want:-?}"
ok_eval() {
	curl -sS "$API/rules" | jq -e '[.data.groups[].rules[] | select(.lastEvaluation | startswith("0001"))] | length == 0' >/dev/null
}
wait_within "$WAIT_SECS" ok_eval || fail "some rules were never evaluated"
bad=$(curl -sS "$API/rules" | jq -r '.data.groups[].rules[] | select(.health != "ok") | "\(.name): \(.lastError)"')
[ -z "$bad" ] || fail "rules that do not evaluate: $bad"

# Every recording rule's series exists.
for name in $(jq -r '.data.groups[].rules[] | select(.type == "recording") | .name' <<<"$rules" | sort -u); do
	wait_within "$WAIT_SECS" has_results "$name" || fail "recording rule $name has no data"
done

# Every dashboard query, with Grafana's variables as an "All" selection would make them.
grafana_expr() {
	sed -e 's/\$__rate_interval/1m/g; s/\$__range/5m/g; s/\$__interval/15s/g' \
		-e 's/\${\{0,1\}instance}\{0,1\}/.*/g; s/\${\{0,1\}agent}\{0,1\}/.*/g'
}
for d in "${DASHBOARDS[@]}"; do
	while IFS=$'\t' read -r title expr; do
		e=$(grafana_expr <<<"$expr")
		has_results "$e" || fail "${d##*/}: panel \"$title\" returns no data: $e"
	done < <(jq -r '[.panels[], (.panels[] | .panels? // [] | .[])] | .[] | select(.targets) |
		.title as $t | .targets[] | select(.expr) | [$t, (.expr | gsub("\n"; " "))] | @tsv' "$d")
done

# An alert's condition made true: rank1 exits; its ring stays, shmtel_up turns 0.
kill "$FLEET_RANK1_PID"
down() { has_results 'ALERTS{alertname="ShmtelAgentDown", agent="rank1"}'; }
wait_within "$WAIT_SECS" down || fail "ShmtelAgentDown did not become pending for a killed agent"
# ... and only for it: the others are up.
[ "$(results 'ALERTS{alertname="ShmtelAgentDown", agent="rank0"}')" = 0 ] || fail "ShmtelAgentDown for a live agent"

#!/usr/bin/env bash
# --compat nixl adds, for every agent with NIXL series, exactly the
# families NIXL's own exporter publishes (zeros for what the agent never
# emitted, all twelve error statuses), labelled hostname and agent_name
# (the ring's name without "nixl-"), with NIXL's microseconds and
# histogram bounds.  Rings without NIXL series get none of them.
source "$SRC/tests/tools/prom_lib.bash"
NB=10,25,50,100,250,500,1000,2500,5000,10000,25000,50000,100000,250000,500000,1000000,5000000,10000000
{
	spec counter u64 TRANSFER bytes agent_tx_bytes - 100,200
	spec histogram u64 PERFORMANCE us agent_xfer_time - 5,30,20000000 "$NB"
	spec counter u64 ERROR - agent_errors 'status="backend"' 1,1
} | fixture nixl-alpha
spec counter u64 TRANSFER bytes agent_rx_bytes - 7 | fixture plain
spec counter u64 TRANSFER bytes other_bytes - 7 | fixture other
telemetry_prom --compat nixl --hostname=node7 "$D" >"$TMPDIR/out.prom" || fail "exit $?"
O=$TMPDIR/out.prom
awk '$2 == "TYPE" && $3 !~ /^shmtel_/ { print $3, $4 }' "$O" >"$TMPDIR/got"
cat >"$TMPDIR/want" <<'W'
agent_errors_total counter
agent_memory_deregistered_last_bytes gauge
agent_memory_deregistered_total counter
agent_memory_registered_last_bytes gauge
agent_memory_registered_total counter
agent_rx_bytes_total counter
agent_rx_last_bytes gauge
agent_rx_requests_num_total counter
agent_telemetry_events_dropped_total counter
agent_tx_bytes_total counter
agent_tx_last_bytes gauge
agent_tx_requests_num_total counter
agent_xfer_post_time gauge
agent_xfer_post_time_total counter
agent_xfer_post_time_us histogram
agent_xfer_time gauge
agent_xfer_time_total counter
agent_xfer_time_us histogram
W
diff -u "$TMPDIR/want" "$TMPDIR/got" || fail "compat families differ"

L='{hostname="node7",agent_name="alpha"}'
for want in "agent_tx_bytes_total$L 300" "agent_tx_last_bytes$L 200" \
	"agent_rx_bytes_total$L 0" "agent_xfer_time_total$L 20000035" "agent_xfer_time$L 20000000" \
	"agent_xfer_time_us_bucket{hostname=\"node7\",agent_name=\"alpha\",le=\"25\"} 1" \
	"agent_xfer_time_us_bucket{hostname=\"node7\",agent_name=\"alpha\",le=\"50\"} 2" \
	"agent_xfer_time_us_bucket{hostname=\"node7\",agent_name=\"alpha\",le=\"10000000\"} 2" \
	"agent_xfer_time_us_bucket{hostname=\"node7\",agent_name=\"alpha\",le=\"+Inf\"} 3" \
	"agent_xfer_time_us_sum$L 20000035" "agent_xfer_time_us_count$L 3" \
	"agent_xfer_post_time_us_bucket{hostname=\"node7\",agent_name=\"alpha\",le=\"10000000\"} 0" \
	"agent_xfer_post_time_us_count$L 0" \
	'agent_errors_total{hostname="node7",agent_name="alpha",status="backend"} 2' \
	'agent_errors_total{hostname="node7",agent_name="alpha",status="no_telemetry"} 0' \
	'agent_rx_bytes_total{hostname="node7",agent_name="plain"} 7'; do
	grep -qxF "$want" "$O" || fail "missing: $want"
done
[ "$(grep -c '^agent_errors_total{hostname="node7",agent_name="alpha"' "$O")" = 12 ] ||
	fail "not the twelve NIXL statuses"
[ "$(grep -c '^agent_xfer_time_us_bucket{hostname="node7",agent_name="alpha"' "$O")" = 19 ] ||
	fail "not NIXL's 18 bounds plus +Inf"
! grep -q 'agent_name="other"' "$O" || fail "a ring without NIXL series got NIXL families"
# The default families are all still there.
[ "$(prom_sample "$O" shmtel_agent_tx_bytes_total 'agent="nixl-alpha"')" = 300 ] ||
	fail "default family lost"
prom_lint "$O" || fail "prom_lint"

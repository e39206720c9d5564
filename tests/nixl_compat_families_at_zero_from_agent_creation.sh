#!/usr/bin/env bash
# NIXL's exporter publishes every family at zero from an agent's creation.
# A bridged NIXL agent that has sent no event yet shows the same under
# --compat nixl (all twelve error statuses, empty histograms with NIXL's
# bounds), its default families at zero too, and promtool's only findings
# are the two names NIXL itself chose.
source "$SRC/tests/tools/prom_lib.bash"
in=$TMPDIR/nixl
mkdir "$in"
nixl_writer --create --version 4 --capacity 64 --count 0 "$in/quiet"
telemetry_nixl --once --dir "$D" "$in" || fail "bridge exit $?"
O=$TMPDIR/out.prom
telemetry_prom --compat nixl --hostname=node7 "$D" >"$O" || fail "prom exit $?"
L='{hostname="node7",agent_name="quiet"}'
for f in agent_tx_bytes_total agent_tx_last_bytes agent_rx_bytes_total agent_rx_last_bytes \
	agent_tx_requests_num_total agent_rx_requests_num_total agent_memory_registered_total \
	agent_memory_registered_last_bytes agent_memory_deregistered_total \
	agent_memory_deregistered_last_bytes agent_xfer_time_total agent_xfer_time \
	agent_xfer_post_time_total agent_xfer_post_time agent_telemetry_events_dropped_total \
	agent_xfer_time_us_count agent_xfer_time_us_sum agent_xfer_post_time_us_count \
	agent_xfer_post_time_us_sum; do
	grep -qxF "$f$L 0" "$O" || fail "missing at zero: $f$L"
done
[ "$(grep -c '^agent_errors_total{hostname="node7",agent_name="quiet",status="[a-z_]*"} 0$' "$O")" = 12 ] ||
	fail "not the twelve NIXL statuses at zero"
[ "$(grep -c '^agent_xfer_time_us_bucket{hostname="node7",agent_name="quiet",le="[0-9+Inf]*"} 0$' "$O")" = 19 ] ||
	fail "not NIXL's 18 bounds plus +Inf, empty"
# The default families are there from the start as well.
[ "$(prom_sample "$O" shmtel_agent_tx_bytes_total 'agent="nixl-quiet"')" = 0 ] ||
	fail "default counter not at zero"
[ "$(prom_sample "$O" shmtel_agent_xfer_time_seconds_count 'agent="nixl-quiet"')" = 0 ] ||
	fail "default histogram not at zero"
prom_lint "$O" || fail "prom_lint"
promtool check metrics <"$O" >"$TMPDIR/findings" 2>&1 && fail "no findings at all"
sort "$TMPDIR/findings" >"$TMPDIR/got"
cat >"$TMPDIR/want" <<'W'
agent_xfer_post_time_us metric names should not contain abbreviated units
agent_xfer_time_us metric names should not contain abbreviated units
W
diff -u "$TMPDIR/want" "$TMPDIR/got" || fail "unexpected promtool findings"

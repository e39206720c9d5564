#!/usr/bin/env bash
# NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US sets NIXL's histogram bounds, and
# shmtel's NIXL tools honour it as NIXL does: the bridge's transfer-time
# histograms get those bounds (default families: in seconds), and
# --compat nixl shows them in microseconds, for a bridged agent's
# histogram and for the empty one of an agent without any.
source "$SRC/tests/tools/prom_lib.bash"
export NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US=5,50,500
in=$TMPDIR/nixl
mkdir "$in"
# agent_xfer_time 7 us, agent_xfer_post_time 3000 us.
nixl_mkring --version 4 --capacity 32 "$in/a" 6:7 7:3000
telemetry_nixl --once --dir "$D" "$in" || fail "bridge exit $?"
spec counter u64 TRANSFER bytes agent_tx_bytes - 1 | fixture nixl-nohist
O=$TMPDIR/out.prom
telemetry_prom --compat nixl --hostname=h "$D" >"$O" || fail "prom exit $?"
les() {	# les FAMILY AGENT_LABEL: "le=N" values of that histogram, one line
	grep "^$1_bucket{.*$2" "$O" | sed 's/.*le="\([^"]*\)"} \(.*\)/\1:\2/' | paste -sd' '
}
[ "$(les agent_xfer_time_us 'agent_name="a"')" = "5:0 50:1 500:1 +Inf:1" ] ||
	fail "compat xfer_time: $(les agent_xfer_time_us 'agent_name="a"')"
[ "$(les agent_xfer_post_time_us 'agent_name="a"')" = "5:0 50:0 500:0 +Inf:1" ] ||
	fail "compat xfer_post_time: $(les agent_xfer_post_time_us 'agent_name="a"')"
[ "$(les shmtel_agent_xfer_time_seconds 'agent="nixl-a"')" = "5e-06:0 5e-05:1 0.0005:1 +Inf:1" ] ||
	fail "default xfer_time: $(les shmtel_agent_xfer_time_seconds 'agent="nixl-a"')"
[ "$(les shmtel_agent_xfer_post_time_seconds 'agent="nixl-a"')" = "5e-06:0 5e-05:0 0.0005:0 +Inf:1" ] ||
	fail "default xfer_post_time: $(les shmtel_agent_xfer_post_time_seconds 'agent="nixl-a"')"
[ "$(les agent_xfer_time_us 'agent_name="nohist"')" = "5:0 50:0 500:0 +Inf:0" ] ||
	fail "compat empty histogram: $(les agent_xfer_time_us 'agent_name="nohist"')"
prom_lint "$O" || fail "prom_lint"

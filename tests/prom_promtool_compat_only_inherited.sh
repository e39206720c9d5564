#!/usr/bin/env bash
# With --compat nixl,hailo, promtool's only findings are the two names
# inherited from NIXL's exporter (abbreviated unit "us"), as the man page
# says; the compatibility families are there.
source "$SRC/tests/tools/prom_lib.bash"
nixl_agent --dir "$D" --name nixl-rank0 --count 2000 --rate 0 >/dev/null
live_fixture hailo-4242 --source-pid 4242 < <(hailo_spec)
hostile_spec | fixture hostile
telemetry_prom --compat nixl,hailo "$D" >"$TMPDIR/out.prom" || fail "exit $?"
prom_lint "$TMPDIR/out.prom" || fail "prom_lint"
promtool check metrics <"$TMPDIR/out.prom" >"$TMPDIR/findings" 2>&1 && fail "no findings at all"
sort "$TMPDIR/findings" >"$TMPDIR/got"
cat >"$TMPDIR/want" <<'W'
agent_xfer_post_time_us metric names should not contain abbreviated units
agent_xfer_time_us metric names should not contain abbreviated units
W
diff -u "$TMPDIR/want" "$TMPDIR/got" || fail "unexpected promtool findings"
for f in agent_tx_bytes_total agent_xfer_time_us agent_errors_total \
	hailo_NPU_utilization_percent; do
	[ -n "$(prom_type "$TMPDIR/out.prom" "$f")" ] || fail "family $f missing"
done

#!/usr/bin/env bash
# --compat nixl sums NIXL-named series into NIXL's own counters.  A hostile
# ring whose agent_tx_bytes is i64 with emits of -5 and -7 would make
# agent_tx_bytes_total -12: that sample is dropped, counted in
# shmtel_export_dropped_samples and reported, while the default family
# still carries the sum (as a gauge); no counter is negative.
source "$SRC/tests/tools/prom_lib.bash"
spec counter i64 TRANSFER bytes agent_tx_bytes - -5,-7 | fixture neg
telemetry_prom --compat nixl "$D" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "exit $?"
! grep -q '^agent_tx_bytes_total' "$TMPDIR/out.prom" ||
	fail "counter exported: $(grep '^agent_tx_bytes_total' "$TMPDIR/out.prom")"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_dropped_samples)" = 1 ] ||
	fail "dropped: $(prom_sample "$TMPDIR/out.prom" shmtel_export_dropped_samples)"
grep -q 'negative sample of counter agent_tx_bytes_total dropped' "$TMPDIR/err" ||
	fail "stderr: $(cat "$TMPDIR/err")"
[ "$(prom_type "$TMPDIR/out.prom" shmtel_agent_tx_bytes)" = gauge ] || fail "default family type"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_agent_tx_bytes 'agent="neg"')" = -12 ] ||
	fail "default family: $(grep '^shmtel_agent_tx' "$TMPDIR/out.prom")"
prom_lint "$TMPDIR/out.prom" || fail "prom_lint"
# promtool's only findings: the names inherited from NIXL's exporter.
promtool check metrics <"$TMPDIR/out.prom" >"$TMPDIR/findings" 2>&1 || true
! grep -v 'should not contain abbreviated units' "$TMPDIR/findings" ||
	fail "promtool findings: $(cat "$TMPDIR/findings")"

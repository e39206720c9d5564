#!/usr/bin/env bash
# Series whose names clash once sanitized never break the output: a
# family keeps one type (the first wins; the per-agent families always
# win), a histogram's _bucket/_count/_sum names stay its own, and a
# label set appears once per family.  What is dropped is counted in
# shmtel_export_dropped_samples and reported on stderr.
source "$SRC/tests/tools/prom_lib.bash"
{
	spec histogram u64 CUSTOM - x - 1,2 1,10
	spec gauge u64 CUSTOM - x_count - 3
	spec counter u64 CUSTOM - job.done 'k="v"' 1
	spec counter u64 CUSTOM - job_done 'k="v"' 2
	spec gauge u64 CUSTOM - up - 1
	spec counter u64 CUSTOM - events_written - 1
	spec gauge u64 CUSTOM - k_total - 1
} | fixture r1
spec counter u64 CUSTOM - k - 4 | fixture r2
telemetry_prom "$D" >"$TMPDIR/out.prom" 2>"$TMPDIR/err" || fail "exit $?"
O=$TMPDIR/out.prom
prom_lint "$O" || fail "prom_lint"  # the names are odd on purpose: no promtool
[ "$(prom_type "$O" shmtel_x)" = histogram ] || fail "histogram x lost"
[ -z "$(prom_type "$O" shmtel_x_count)" ] || fail "gauge x_count kept beside histogram x"
[ "$(grep -c '^shmtel_job_done_total{' "$O")" = 1 ] || fail "duplicate job_done series"
[ "$(prom_sample "$O" shmtel_job_done_total 'agent="r1"')" = 1 ] || fail "the first job_done did not win"
[ "$(grep -c '^shmtel_up{agent="r1"' "$O")" = 1 ] || fail "series up mixed into shmtel_up"
[ "$(prom_sample "$O" shmtel_up 'agent="r1"')" = 0 ] || fail "shmtel_up is not the agent's"
[ "$(prom_sample "$O" shmtel_events_written_total 'agent="r1"')" = 8 ] ||
	fail "events_written is not the agent's"
[ "$(prom_type "$O" shmtel_k_total)" = gauge ] || fail "k_total changed type"
! grep -q 'shmtel_k_total{agent="r2"' "$O" || fail "counter k of r2 mixed into gauge k_total"
[ "$(prom_sample "$O" shmtel_export_dropped_samples)" = 5 ] ||
	fail "dropped: $(prom_sample "$O" shmtel_export_dropped_samples), want 5"
[ "$(grep -c 'dropped' "$TMPDIR/err")" = 5 ] || fail "stderr: $(cat "$TMPDIR/err")"
telemetry_prom -q "$D" 2>"$TMPDIR/err" >/dev/null || fail "exit $?"
[ ! -s "$TMPDIR/err" ] || fail "-q still warns: $(cat "$TMPDIR/err")"

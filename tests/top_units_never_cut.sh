#!/usr/bin/env bash
# A value's unit is never cut: at 80x24 a gauge of 5.5 frames and one in
# a unit of 15 characters show their whole unit ("5.50 frames"), and the
# name column gives way instead.
. "$SRC/tests/tools/top_lib.sh"
need_tmux
export LC_ALL=C.UTF-8

{
	printf 'gauge\tf64\tSYSTEM\tframes\thailo_stream_pending_frames_avg\tnetwork="yolov5m_wo_spp_60p",stream="yolov5m_wo_spp_60p/conv84"\t5.5\n'
	printf 'gauge\tf64\tSYSTEM\tsamples_per_run\tscheduler_queue_depth_of_the_batch_planner\t-\t12.5\n'
} | prom_fixture --dir "$D" --name llama70b-prefill-worker-gpu0 || fail "prom_fixture"

tm_top 80 24 "-d 0.2 -v series $D"
tm_wait '^AGENT.*NAME'
tm_wait 'scheduler'
tm_screen >"$TMPDIR/screen"
[ "$(wc -L <"$TMPDIR/screen")" -le 80 ] || fail "a line is wider than 80: $(cat "$TMPDIR/screen")"
grep -Eq '^llam[^ ]* +hailo_stream_[^ ]*…[^ ]* .* 5\.50 frames( |$)' "$TMPDIR/screen" ||
	fail "frames: $(cat "$TMPDIR/screen")"
grep -Eq '^llam[^ ]* +scheduler_[^ ]*…[^ ]* .* 12\.5 samples_per_run( |$)' "$TMPDIR/screen" ||
	fail "samples_per_run: $(cat "$TMPDIR/screen")"
tm_end

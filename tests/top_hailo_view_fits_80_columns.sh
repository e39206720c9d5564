#!/usr/bin/env bash
# The Hailo view shows what hailortcli monitor shows (Devices, Networks,
# Frames) within 80 columns: names too long for a column are cut with an
# ellipsis in the middle (the start and the end stay), no line wraps, and
# a value Hailo marks as "no samples" is "-".
. "$SRC/tests/tools/top_lib.sh"
export LC_ALL=C.UTF-8

bg top_hailo_writer "$D" 4242 --long --sentinel
bg top_hailo_writer "$D" 4343
wait_for live hailo-4242
wait_for live hailo-4343
telemetry_top -b -n 1 -v hailo -w 80 "$D" >"$TMPDIR/out"

# wc -L: the widest line in display columns (the ellipsis is one).
[ "$(wc -L <"$TMPDIR/out")" -le 80 ] || fail "a line is wider than 80: $(cat "$TMPDIR/out")"
sed -n '/^Devices$/,/^$/p' "$TMPDIR/out" | grep -Eq '^0000:01:00\.0 +37\.5 +HAILO8$' ||
	fail "device row: $(cat "$TMPDIR/out")"
sed -n '/^Networks$/,/^$/p' "$TMPDIR/out" | grep -Eq '^yolov5m +37\.5 +29\.97 +4343$' ||
	fail "network row: $(cat "$TMPDIR/out")"
sed -n '/^Networks$/,/^$/p' "$TMPDIR/out" | grep -Eq '^yolov5m_wide_[^ ]*…[^ ]*_no_column +37\.5 +- +4242$' ||
	fail "long network row: $(cat "$TMPDIR/out")"
sed -n '/^Frames$/,/^$/p' "$TMPDIR/out" | grep -Eq '^yolov5m +yolov5m/conv84 +D2H +0\.50 +2 +0 +4$' ||
	fail "frames row: $(cat "$TMPDIR/out")"
sed -n '/^Frames$/,/^$/p' "$TMPDIR/out" | grep -Eq '^yolov5m_[^ ]*…[^ ]*column +yolov5m_[^ ]*…[^ ]*_well +H2D +1\.25 +3 +0 +4$' ||
	fail "long frames row: $(cat "$TMPDIR/out")"
grep -Eq '^Model +Utilization \(%\) +FPS +PID$' "$TMPDIR/out" || fail "networks header"
grep -Eq '^Model +Stream +Direction +Avg +Max +Min +Capacity$' "$TMPDIR/out" || fail "frames header"

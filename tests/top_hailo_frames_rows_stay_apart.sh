#!/usr/bin/env bash
# In the Hailo view's Frames table at 80 columns, the outputs of one model
# whose stream names differ only at the end (yolov5m_wo_spp_60p/conv84,
# .../conv94, .../conv104) stay apart: each Stream cell reads as exactly
# one stream, and no two rows look the same.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_cut_lib.sh"
export LC_ALL=C.UTF-8

model=yolov5m_wo_spp_60p
streams=("$model/input_layer1" "$model/conv84" "$model/conv94" "$model/conv104")
{
	printf 'gauge\tf64\tSYSTEM\tfps\thailo_network_fps\tnetwork="%s"\t30\n' "$model"
	for st in "${streams[@]}"; do
		dir=device_to_host
		[ "$st" = "${streams[0]}" ] && dir=host_to_device
		for s in hailo_stream_pending_frames hailo_stream_pending_frames_min \
			hailo_stream_pending_frames_max hailo_stream_pending_frames_avg hailo_stream_buffer_frames; do
			printf 'gauge\tf64\tSYSTEM\tframes\t%s\tnetwork="%s",stream="%s",direction="%s"\t1\n' \
				"$s" "$model" "$st" "$dir"
		done
	done
} >"$TMPDIR/spec"
prom_fixture --dir "$D" --name "hailo-$$" --source-pid $$ --hold <"$TMPDIR/spec" >"$TMPDIR/ready" &
BG_PIDS="$BG_PIDS $!"
wait_for grep -q ready "$TMPDIR/ready"

telemetry_top -b -n 1 -v hailo -w 80 "$D" >"$TMPDIR/out"
[ "$(wc -L <"$TMPDIR/out")" -le 80 ] || fail "a line is wider than 80: $(cat "$TMPDIR/out")"
sed -n '/^Frames$/,/^$/p' "$TMPDIR/out" | awk 'NR > 2 && NF' >"$TMPDIR/frames"
[ "$(wc -l <"$TMPDIR/frames")" -eq 4 ] || fail "not four frame rows: $(cat "$TMPDIR/out")"
while read -r _ stream _; do
	one_of "$stream" "${streams[@]}"
done <"$TMPDIR/frames"
[ -z "$(sort "$TMPDIR/frames" | uniq -d)" ] || fail "rows that look the same: $(cat "$TMPDIR/out")"

# HailoRT's sentinels are "no value", never numbers: -1 pending frames
# (no samples in the interval) and fps = DBL_MAX (a network without
# output streams) come out as NaN in the ring and null from the reader,
# while the values next to them stay numbers.
. "$SRC/tests/tools/hailo_lib.sh"

hmon_encode "$HM/${$}sEnTnl" <<EOT
pid: "$$"
networks_infos { network_name: "idle" fps: 1.7976931348623157e308 utilization: 10 }
net_frames_infos {
  network_name: "idle"
  streams_frames_infos { stream_name: "in" buffer_frames_size: 4 pending_frames_count: 3
    min_pending_frames_count: -1 max_pending_frames_count: -1 avg_pending_frames_count: -1 }
}
EOT
telemetry_hailo --once --hmon-dir "$HM" --dir "$TD"

a="hailo-$$"
l='direction=host_to_device,network=idle,stream=in'
reader_values "$TD" | sort >"$TMPDIR/got"
sort <<EOT | diff -u - "$TMPDIR/got" || fail "telemetry_reader output differs"
$a hailo_network_utilization{network=idle} 10
$a hailo_network_fps{network=idle} null
$a hailo_stream_pending_frames{$l} 3
$a hailo_stream_pending_frames_min{$l} null
$a hailo_stream_pending_frames_max{$l} null
$a hailo_stream_pending_frames_avg{$l} null
$a hailo_stream_buffer_frames{$l} 4
EOT
# The aggregates a late reader or an exporter sees say the same.
[ "$(value_of "$a" 'hailo_network_fps{network="idle"}')" = nan ] || fail "fps: not NaN"
[ "$(value_of "$a" 'hailo_stream_pending_frames_avg{direction="host_to_device",network="idle",stream="in"}')" = nan ] ||
	fail "avg: not NaN"

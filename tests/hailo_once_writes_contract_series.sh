# One pass over a dump with several devices, networks and streams in both
# directions writes ring hailo-<pid> with every contract series and value,
# as telemetry_reader shows them.
. "$SRC/tests/tools/hailo_lib.sh"

hmon_encode "$HM/${$}xYz012" <<EOT
pid: "$$"
networks_infos { network_name: "yolov5" fps: 120.5 utilization: 75.25 }
networks_infos { network_name: "resnet" fps: 2 utilization: 130 }
net_frames_infos {
  network_name: "yolov5"
  streams_frames_infos { stream_name: "in0" stream_direction: PROTO__STREAM_DIRECTION__HOST_TO_DEVICE
    buffer_frames_size: 4 pending_frames_count: 2 min_pending_frames_count: 1
    max_pending_frames_count: 3 avg_pending_frames_count: 1.75 }
  streams_frames_infos { stream_name: "out0" stream_direction: PROTO__STREAM_DIRECTION__DEVICE_TO_HOST
    buffer_frames_size: 8 pending_frames_count: 5 min_pending_frames_count: 4
    max_pending_frames_count: 7 avg_pending_frames_count: 5.5 }
}
net_frames_infos {
  network_name: "resnet"
  streams_frames_infos { stream_name: "r_in" buffer_frames_size: 16 pending_frames_count: 9
    min_pending_frames_count: 2 max_pending_frames_count: 12 avg_pending_frames_count: 6.25 }
}
device_infos { device_id: "0000:01:00.0" utilization: 50 device_arch: "HAILO8" }
device_infos { device_id: "0000:02:00.0" utilization: 12.5 device_arch: "HAILO8L" }
EOT

telemetry_hailo --once --hmon-dir "$HM" --dir "$TD"
[ "$(ls "$TD")" = "hailo-$$" ] || fail "rings: $(ls "$TD")"
state "hailo-$$" | head -n 1 | grep -qx "agent=hailo-$$ source_pid=$$ alive=0 gone=0 closed=1" ||
	fail "header: $(state "hailo-$$" | head -n 1)"

a="hailo-$$"
s='direction=host_to_device,network=yolov5,stream=in0'
o='direction=device_to_host,network=yolov5,stream=out0'
r='direction=host_to_device,network=resnet,stream=r_in'
cat >"$TMPDIR/want" <<EOT
$a hailo_device_utilization{arch=HAILO8,device_id=0000:01:00.0} 50
$a hailo_device_utilization{arch=HAILO8L,device_id=0000:02:00.0} 12.5
$a hailo_network_utilization{network=yolov5} 75.25
$a hailo_network_fps{network=yolov5} 120.5
$a hailo_network_utilization{network=resnet} 130
$a hailo_network_fps{network=resnet} 2
$a hailo_stream_pending_frames{$s} 2
$a hailo_stream_pending_frames_min{$s} 1
$a hailo_stream_pending_frames_max{$s} 3
$a hailo_stream_pending_frames_avg{$s} 1.75
$a hailo_stream_buffer_frames{$s} 4
$a hailo_stream_pending_frames{$o} 5
$a hailo_stream_pending_frames_min{$o} 4
$a hailo_stream_pending_frames_max{$o} 7
$a hailo_stream_pending_frames_avg{$o} 5.5
$a hailo_stream_buffer_frames{$o} 8
$a hailo_stream_pending_frames{$r} 9
$a hailo_stream_pending_frames_min{$r} 2
$a hailo_stream_pending_frames_max{$r} 12
$a hailo_stream_pending_frames_avg{$r} 6.25
$a hailo_stream_buffer_frames{$r} 16
EOT
reader_values "$TD" | sort >"$TMPDIR/got"
sort "$TMPDIR/want" | diff -u - "$TMPDIR/got" || fail "telemetry_reader output differs"

# Units and category, as the contract has them.
telemetry_reader --once --format json "$TD" |
	jq -r '.name + " " + .unit + " " + .category' | sort -u >"$TMPDIR/units"
diff -u - "$TMPDIR/units" <<EOT || fail "units or category differ"
hailo_device_utilization percent SYSTEM
hailo_network_fps fps SYSTEM
hailo_network_utilization percent SYSTEM
hailo_stream_buffer_frames frames SYSTEM
hailo_stream_pending_frames frames SYSTEM
hailo_stream_pending_frames_avg frames SYSTEM
hailo_stream_pending_frames_max frames SYSTEM
hailo_stream_pending_frames_min frames SYSTEM
EOT

# proto3 leaves zero values off the wire: a stream without a direction is
# host-to-device, a network or device without utilization is at 0 %, a
# stream without counts has 0 frames.  The fixture is checked to really
# lack those fields, so the test cannot pass by accident.
. "$SRC/tests/tools/hailo_lib.sh"

f="$HM/${$}zEr0es"
hmon_encode "$f" <<EOT
pid: "$$"
networks_infos { network_name: "n" fps: 5 utilization: 0 }
net_frames_infos {
  network_name: "n"
  streams_frames_infos { stream_name: "s" stream_direction: PROTO__STREAM_DIRECTION__HOST_TO_DEVICE }
}
device_infos { device_id: "d0" device_arch: "HAILO8" }
EOT
# On the wire: the stream holds only its name, the network info only name
# and fps, the device only id and arch.  (The pid, field 1, is left out of
# the comparison: decode_raw may show a string of digits as a message.)
protoc --decode_raw <"$f" | sed -n '/^2 {/,$p' >"$TMPDIR/raw"
diff -u - "$TMPDIR/raw" <<EOT || fail "fixture has zero fields on the wire"
2 {
  1: "n"
  2: 0x4014000000000000
}
3 {
  1: "n"
  2 {
    1: "s"
  }
}
4 {
  1: "d0"
  3: "HAILO8"
}
EOT

telemetry_hailo --once --hmon-dir "$HM" --dir "$TD"
a="hailo-$$"
l='direction=host_to_device,network=n,stream=s'
reader_values "$TD" | sort >"$TMPDIR/got"
sort <<EOT | diff -u - "$TMPDIR/got" || fail "telemetry_reader output differs"
$a hailo_device_utilization{arch=HAILO8,device_id=d0} 0
$a hailo_network_utilization{network=n} 0
$a hailo_network_fps{network=n} 5
$a hailo_stream_pending_frames{$l} 0
$a hailo_stream_pending_frames_min{$l} 0
$a hailo_stream_pending_frames_max{$l} 0
$a hailo_stream_pending_frames_avg{$l} 0
$a hailo_stream_buffer_frames{$l} 0
EOT

# A newer HailoRT may add fields (of any wire type, at any level) and
# enum values: the fields are skipped, the known values still come out
# exactly, and an unknown stream direction is labelled "unknown".
. "$SRC/tests/tools/hailo_lib.sh"

cat >"$TMPDIR/future.proto" <<'EOT'
syntax = "proto3";
message ProtoMonInfo { string network_name = 1; double fps = 2; double utilization = 3;
  uint64 frames_total = 9; string note = 10; }
enum ProtoMonStreamDirection { H2D = 0; D2H = 1; PEER_TO_PEER = 2; }
message ProtoMonDeviceInfo { string device_id = 1; double utilization = 2; string device_arch = 3;
  float temperature = 4; repeated fixed32 core_load = 5; }
message ProtoMonStreamFramesInfo { string stream_name = 1; ProtoMonStreamDirection stream_direction = 2;
  int32 buffer_frames_size = 3; int32 pending_frames_count = 4; int32 min_pending_frames_count = 5;
  int32 max_pending_frames_count = 6; double avg_pending_frames_count = 7; sint64 drops = 8; }
message ProtoMonNetworkFrames { string network_name = 1; repeated ProtoMonStreamFramesInfo streams_frames_infos = 2;
  ProtoMonInfo echo = 3; }
message Future { string what = 1; repeated int32 values = 2; }
message ProtoMon { string pid = 1; repeated ProtoMonInfo networks_infos = 2;
  repeated ProtoMonNetworkFrames net_frames_infos = 3; repeated ProtoMonDeviceInfo device_infos = 4;
  Future future = 5; fixed64 seq = 6; float load = 7; repeated string tags = 100000; }
EOT
protoc --encode=ProtoMon -I "$TMPDIR" future.proto >"$HM/${$}fUtUre" <<EOT
pid: "$$"
future { what: "later" values: [1, 2, 300000] }
seq: 77
networks_infos { network_name: "n" fps: 25 utilization: 40 frames_total: 123456789 note: "x" }
net_frames_infos {
  network_name: "n"
  echo { network_name: "n" fps: 1 }
  streams_frames_infos { stream_name: "p2p" stream_direction: PEER_TO_PEER buffer_frames_size: 2
    pending_frames_count: 1 min_pending_frames_count: 1 max_pending_frames_count: 1
    avg_pending_frames_count: 1 drops: -5 }
}
device_infos { device_id: "d" utilization: 33 device_arch: "HAILO15H" temperature: 51.5
  core_load: [1, 2, 3] }
load: 0.5
tags: "a"
tags: "b"
EOT

telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" 2>"$TMPDIR/err"
[ -s "$TMPDIR/err" ] && fail "warnings: $(cat "$TMPDIR/err")"
a="hailo-$$"
l='direction=unknown,network=n,stream=p2p'
reader_values "$TD" | sort >"$TMPDIR/got"
sort <<EOT | diff -u - "$TMPDIR/got" || fail "telemetry_reader output differs"
$a hailo_device_utilization{arch=HAILO15H,device_id=d} 33
$a hailo_network_utilization{network=n} 40
$a hailo_network_fps{network=n} 25
$a hailo_stream_pending_frames{$l} 1
$a hailo_stream_pending_frames_min{$l} 1
$a hailo_stream_pending_frames_max{$l} 1
$a hailo_stream_pending_frames_avg{$l} 1
$a hailo_stream_buffer_frames{$l} 2
EOT

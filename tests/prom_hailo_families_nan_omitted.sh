#!/usr/bin/env bash
# The Hailo bridge's series become per-device and per-network
# utilization (percent as a 0-1 _ratio), per-network FPS and per-stream
# queue-depth families, labelled as the bridge labels them, with the
# Hailo process's pid; a NaN sentinel ("no value") gets no sample.
source "$SRC/tests/tools/prom_lib.bash"
hailo_spec | fixture hailo-4242 --source-pid 4242
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "exit $?"
S='direction="host_to_device",network="yolov5",stream="yolov5/input_layer1"'
A='agent="hailo-4242",pid="4242"'
for want in \
	"shmtel_hailo_device_utilization_ratio{$A,arch=\"HAILO8\",device_id=\"0000:01:00.0\"} 0.375" \
	"shmtel_hailo_network_utilization_ratio{$A,network=\"yolov5\"} 0.25" \
	"shmtel_hailo_network_fps{$A,network=\"yolov5\"} 29.5" \
	"shmtel_hailo_stream_pending_frames{$A,$S} 3" \
	"shmtel_hailo_stream_pending_frames_min{$A,$S} 0" \
	"shmtel_hailo_stream_pending_frames_max{$A,$S} 4" \
	"shmtel_hailo_stream_pending_frames_avg{$A,$S} 1.25" \
	"shmtel_hailo_stream_buffer_frames{$A,$S} 8"; do
	grep -qxF "$want" "$TMPDIR/out.prom" || fail "missing: $want"
done
! grep -q 'network="resnet"' "$TMPDIR/out.prom" || fail "NaN sentinel exported"
! grep -qi 'nan$' "$TMPDIR/out.prom" || fail "a NaN sample"
prom_clean "$TMPDIR/out.prom"

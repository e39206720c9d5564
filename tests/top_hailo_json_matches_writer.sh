#!/usr/bin/env bash
# --json carries the Hailo tables with the values the bridge-style writer
# emitted, the Hailo process's pid, full names, and null for "no samples".
. "$SRC/tests/tools/top_lib.sh"

bg top_hailo_writer "$D" 777 --sentinel
wait_for live hailo-777
snap | jq -c .hailo >"$TMPDIR/h.json"
exp='{"rings":1,"up":1,"fresh":true,"devices":[{"device_id":"0000:01:00.0","architecture":"HAILO8","utilization":37.5}],"networks":[{"model":"yolov5m","utilization":37.5,"fps":null,"pid":777}],"frames":[{"model":"yolov5m","stream":"yolov5m/conv84","direction":"device_to_host","avg":0.5,"max":2,"min":0,"capacity":4,"now":0,"pid":777},{"model":"yolov5m","stream":"yolov5m/input_layer1","direction":"host_to_device","avg":1.25,"max":3,"min":0,"capacity":4,"now":1,"pid":777}]}'
[ "$(cat "$TMPDIR/h.json")" = "$exp" ] || fail "hailo: $(cat "$TMPDIR/h.json")"

# HailoRT 4.14-era files have no min/max/avg pending frames (fields 5-7 of
# ProtoMonStreamFramesInfo, and no device_infos): those are "no value",
# not 0.  A 0 its writer did put on the wire is 0, and so is a 0 a proto3
# writer left out of a stream when another stream of the file carries the
# fields.
. "$SRC/tests/tools/hailo_lib.sh"

sleep 300 &
p2=$!
sleep 300 &
p3=$!
kill_at_exit $p2
kill_at_exit $p3
l='{direction="host_to_device",network="n",stream="s"}'
l2='{direction="host_to_device",network="n",stream="t"}'
# 4.14-era: the stream has only what that schema had.
hmon_encode "$HM/${$}oLd414" <<EOT
pid: "$$"
networks_infos { network_name: "n" fps: 5 utilization: 20 }
net_frames_infos { network_name: "n"
  streams_frames_infos { stream_name: "s" buffer_frames_size: 4 pending_frames_count: 3 } }
EOT
# Explicit zeros on the wire (as a writer that tracks presence puts them):
# encoded with the fields declared optional, which changes no field number.
sed 's/^\(    \)\(int32 min_\|int32 max_\|double avg_\)/\1optional \2/' "$SRC/hailo/scheduler_mon.proto" \
	>"$TMPDIR/scheduler_mon.proto"
grep -c 'optional' "$TMPDIR/scheduler_mon.proto" | grep -qx 3 || fail "fixture schema not made"
protoc --encode=ProtoMon -I "$TMPDIR" scheduler_mon.proto >"$HM/${p2}zErO00" <<EOT
pid: "$p2"
net_frames_infos { network_name: "n"
  streams_frames_infos { stream_name: "s" pending_frames_count: 3 min_pending_frames_count: 0
    max_pending_frames_count: 0 avg_pending_frames_count: 0 } }
EOT
protoc --decode_raw <"$HM/${p2}zErO00" | grep -q '^    5: 0$' || fail "fixture lacks an explicit 0"
# A current (proto3) writer: stream s has min 0 (left out), stream t carries min.
hmon_encode "$HM/${p3}nEw000" <<EOT
pid: "$p3"
net_frames_infos { network_name: "n"
  streams_frames_infos { stream_name: "s" pending_frames_count: 3 max_pending_frames_count: 5
    avg_pending_frames_count: 2.5 }
  streams_frames_infos { stream_name: "t" pending_frames_count: 1 min_pending_frames_count: 1
    max_pending_frames_count: 1 avg_pending_frames_count: 1 } }
device_infos { device_id: "d0" utilization: 1 device_arch: "HAILO8" }
EOT

telemetry_hailo --once --hmon-dir "$HM" --dir "$TD" || fail "exit status $?"
for s in min max avg; do
	v=$(value_of "hailo-$$" "hailo_stream_pending_frames_$s$l")
	[ "$v" = nan ] || fail "4.14-era $s: '$v', not no value"
	v=$(value_of "hailo-$p2" "hailo_stream_pending_frames_$s$l")
	[ "$v" = 0 ] || fail "explicit 0 $s: '$v'"
done
[ "$(value_of "hailo-$$" "hailo_stream_pending_frames$l")" = 3 ] || fail "4.14-era pending not 3"
[ "$(value_of "hailo-$$" "hailo_stream_buffer_frames$l")" = 4 ] || fail "4.14-era capacity not 4"
[ "$(value_of "hailo-$p3" "hailo_stream_pending_frames_min$l")" = 0 ] || fail "proto3 0 left out: not 0"
[ "$(value_of "hailo-$p3" "hailo_stream_pending_frames_max$l")" = 5 ] || fail "max not 5"
[ "$(value_of "hailo-$p3" "hailo_stream_pending_frames_min$l2")" = 1 ] || fail "t min not 1"

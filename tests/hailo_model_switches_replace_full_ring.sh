# A long-lived process that switches models (network and stream names
# change) fills its ring's 1,024 series.  The bridge then replaces the ring
# with a fresh one holding only the current series, so every series of the
# model running now is there with its values, and nothing is warned.
. "$SRC/tests/tools/hailo_lib.sh"

# 40 streams: 202 series per model, so the sixth model overflows the ring.
HAILO_MONITOR_TIME_INTERVAL=100 start_writer "$TMPDIR/w" --streams 40 --switch-every 2 --models 8
w=$WRITER_PID
start_bridge --interval 50 -v
wait_within "$WAIT_SECS" grep -q ' model 7$' "$TMPDIR/w" || fail "writer: $(tail -n 1 "$TMPDIR/w")"
last='hailo_stream_pending_frames_avg{direction="host_to_device",network="model7",stream="model7_s39"}'
wait_for value_is "hailo-$w" "$last" 1.5
state "hailo-$w" >"$TMPDIR/state"
n=$(grep -c 'model7' "$TMPDIR/state" || true)
[ "$n" -eq 202 ] || fail "$n of the current model's 202 series"
# Every one holds a number, and so does the device.
grep 'model7' "$TMPDIR/state" | awk '$2 == "none" || $2 == "nan" { bad = 1 } END { exit bad }' ||
	fail "current series without a value: $(grep model7 "$TMPDIR/state" | grep -E ' (none|nan) ' | head -n 3)"
[ "$(value_of "hailo-$w" "$DEV")" != nan ] || fail "device without a value"
grep -q "hailo-$w: ring replaced" "$TMPDIR/bridge.err" || fail "ring not replaced"
grep -F 'not written' "$TMPDIR/bridge.err" && fail "series lost"
stop_bridge || fail "exit status $?"

# A dump with more series than a ring holds (1024: about 200 streams)
# fills the ring, says so once, and still writes every series that fits;
# the next dumps keep updating them.
. "$SRC/tests/tools/hailo_lib.sh"

f="$HM/${$}mAnY00"
many() {
	sample $$ "$1"
	echo 'net_frames_infos { network_name: "wide"'
	for i in $(seq 250); do
		echo "streams_frames_infos { stream_name: \"s$i\" pending_frames_count: $1 }"
	done
	echo '}'
}
many 1 | hmon_encode "$f"
start_bridge
wait_for value_is "hailo-$$" "$DEV" 1
many 2 | hmon_encode "$f"
wait_for value_is "hailo-$$" "$DEV" 2
stop_bridge || fail "exit status $?"
[ "$(state "hailo-$$" | tail -n +2 | wc -l)" -eq 1024 ] || fail "ring not filled"
# The first 1024 values of the dump (the sample's 8, then the streams') are there.
[ "$(value_of "hailo-$$" 'hailo_stream_pending_frames{direction="host_to_device",network="wide",stream="s203"}')" = 2 ] ||
	fail "s203 not updated"
[ -z "$(value_of "hailo-$$" 'hailo_stream_pending_frames{direction="host_to_device",network="wide",stream="s250"}')" ] ||
	fail "s250 written beyond the cap"
n=$(grep -c 'some series not written: No space left on device' "$TMPDIR/bridge.err" || true)
[ "$n" -eq 1 ] || fail "warned $n times: $(cat "$TMPDIR/bridge.err")"

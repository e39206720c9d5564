# HailoRT 4.22+ replaces its file by rename, at any moment, also while
# the bridge is reading it.  Two dumps are swapped in as fast as mv can,
# with the bridge following them: every value written must belong to one
# whole dump (device 10 with network 11, or 20 with 21), nothing may be
# reported bad, and the last dump must be what the ring ends with.
. "$SRC/tests/tools/hailo_lib.sh"

f="$HM/${$}sWaP00"
# Big dumps (200 streams), so a read takes long enough to be overtaken.
big() {
	sample $$ "$1"
	echo 'net_frames_infos { network_name: "big"'
	for i in $(seq 200); do
		echo "streams_frames_infos { stream_name: \"s$i\" pending_frames_count: $1 }"
	done
	echo '}'
}
big 10 | hmon_encode "$TMPDIR/a"
big 20 | hmon_encode "$TMPDIR/b"
sample $$ 30 | hmon_encode "$TMPDIR/last"
cp "$TMPDIR/a" "$f"
start_bridge --interval 10
wait_for has_line "hailo-$$" "$DEV 10 unit=percent count=1"
for i in $(seq 300); do
	cp "$TMPDIR/b" "$f.tmp" && mv -f "$f.tmp" "$f"
	cp "$TMPDIR/a" "$f.tmp" && mv -f "$f.tmp" "$f"
done
cp "$TMPDIR/last" "$f.tmp" && mv -f "$f.tmp" "$f"
wait_for value_is "hailo-$$" "$DEV" 30
stop_bridge || fail "bridge exit status $?"
grep -q skipped "$TMPDIR/bridge.err" && fail "bad reads: $(cat "$TMPDIR/bridge.err")"

# Every event, in order: the network always follows its device within a dump.
telemetry_reader --once --format json "$TD" 2>/dev/null |
	jq -r 'select(.name == "hailo_device_utilization" or .name == "hailo_network_utilization") |
		.value' | paste - - >"$TMPDIR/pairs"
[ -s "$TMPDIR/pairs" ] || fail "no events"
bad=$(awk '!(($1 == 10 && $2 == 11) || ($1 == 20 && $2 == 21) || ($1 == 30 && $2 == 31))' "$TMPDIR/pairs")
[ -z "$bad" ] || fail "mixed dumps: $bad"
echo "$(wc -l <"$TMPDIR/pairs") dumps read"

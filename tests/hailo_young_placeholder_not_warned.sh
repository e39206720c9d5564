# HailoRT 4.22+ creates its file's name empty (mkstemp), removes it, and
# writes the first dump one interval later.  On a loaded host the empty
# name can linger (here 400 ms): a young empty file of a live process is a
# dump on its way, never warned about.  An empty file of a live process
# older than its stale window is still reported, once.
. "$SRC/tests/tools/hailo_lib.sh"

HAILO_MONITOR_TIME_INTERVAL=500 start_writer "$TMPDIR/w" --placeholder 400
w=$WRITER_PID
start_bridge --interval 20
wait_within "$WAIT_SECS" dumps_done "$TMPDIR/w" 2 || fail "writer: $(cat "$TMPDIR/w")"
wait_for value_at_least "hailo-$w" "$DEV" 2
grep -F 'empty file' "$TMPDIR/bridge.err" && fail "the young placeholder was warned about"

# An old empty file of a live process: reported once, however often rescanned.
sleep 300 &
other=$!
kill_at_exit $other
: >"$HM/${other}oLdEmP"
touch -d '-1 minute' "$HM/${other}oLdEmP"
kill -HUP "$BRIDGE_PID"
wait_within "$WAIT_SECS" grep -q "/${other}oLdEmP: empty file; skipped" "$TMPDIR/bridge.err" ||
	fail "old empty file not reported: $(cat "$TMPDIR/bridge.err")"
kill -HUP "$BRIDGE_PID"
wait_for value_at_least "hailo-$w" "$DEV" 3
stop_bridge || fail "exit status $?"
n=$(grep -c 'empty file' "$TMPDIR/bridge.err")
[ "$n" -eq 1 ] || fail "reported $n times: $(cat "$TMPDIR/bridge.err")"
